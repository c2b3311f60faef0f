import { describe, expect, it } from 'vitest';
import { evaluateCheck, observedFromText, type Observed } from '../../src/checks/evaluate.js';
import { Check } from '../../src/lesson/schema.js';

const check = (raw: unknown): Check => Check.parse(raw);
const run = (raw: unknown, output: string, exitCode = 0, vars = {}) => evaluateCheck(check(raw), observedFromText(output, exitCode), vars);

describe('evaluateCheck', () => {
  it('exitCode: a number, or nonzero for steps whose failure is the point', () => {
    expect(run({ exitCode: 0 }, '').passed).toBe(true);
    expect(run({ exitCode: 0 }, '', 1)).toMatchObject({ passed: false, expected: 'exit code 0', actual: 'exit code 1' });
    // What the command said last comes with a failed exit code, so the reason is on screen, not only in the log.
    expect(run({ exitCode: 0 }, 'node/cluster2-control-plane condition met\nerror: context "kind-cluster1" does not exist\n', 1).actual).toBe('exit code 1, after:\nnode/cluster2-control-plane condition met\nerror: context "kind-cluster1" does not exist');
    expect(run({ exitCode: 'nonzero' }, 'curl: (6) Could not resolve host: helloworld.sample', 6).passed).toBe(true);
    expect(run({ exitCode: 'nonzero' }, 'Hello version: v1', 0)).toMatchObject({ passed: false, explanation: 'the command succeeded, but this step expects it to fail' });
    const stopped: Observed = { stdout: '', stderr: '', all: '', exitCode: null };
    expect(evaluateCheck(check({ exitCode: 'nonzero' }), stopped).passed).toBe(false);
    // bash's own codes are explained: a missing tool is the commonest first-run failure.
    expect(run({ exitCode: 0 }, 'bash: line 1: kubectl: command not found', 127).explanation).toBe(
      'the command ended with exit code 127: a command was not found (is the tool installed and on your PATH?)',
    );
  });

  it('contains and notContains read stdout and stderr together unless told', () => {
    const observed: Observed = { stdout: 'ok', stderr: 'curl: (28) Connection timed out', all: 'ok\ncurl: (28) Connection timed out', exitCode: 28 };
    expect(evaluateCheck(check({ contains: 'timed out' }), observed).passed).toBe(true);
    expect(evaluateCheck(check({ contains: 'timed out', from: 'stdout' }), observed).passed).toBe(false);
  });

  it('notContains fails when the command failed, as _verify_not_contains does', () => {
    expect(run({ notContains: 'RBAC: access denied' }, 'Hello version: v1').passed).toBe(true);
    expect(run({ notContains: 'RBAC: access denied' }, 'RBAC: access denied').passed).toBe(false);
    expect(run({ notContains: 'RBAC: access denied' }, '', 7)).toMatchObject({ passed: false, explanation: 'the command failed (exit code 7), so its output proves nothing' });
  });

  it('matches compiles with flags', () => {
    expect(run({ matches: '^hello version: v[12]$', flags: 'im' }, 'x\nHello version: v2').passed).toBe(true);
    expect(run({ matches: '^hello' }, 'Hello').passed).toBe(false);
  });

  it('fills ${VARS} from captured values, escaping them in regular expressions', () => {
    expect(run({ contains: 'pod ${POD}' }, 'pod helloworld-v1-abc', 0, { POD: 'helloworld-v1-abc' }).passed).toBe(true);
    expect(run({ matches: '^${IP}$' }, '10x10x0x12', 0, { IP: '10.10.0.12' }).passed).toBe(false);
    expect(run({ contains: '${POD}' }, 'anything')).toMatchObject({ passed: false, explanation: 'variable ${POD} has no value yet: the step that captures it has not run' });
  });

  it('jsonpath reads JSON on stdout with equals, matches or contains', () => {
    const pods = JSON.stringify({ items: [{ status: { phase: 'Running' } }, { status: { phase: 'Pending' } }] });
    expect(run({ jsonpath: '{.items[*].status.phase}', equals: 'Running Pending' }, pods).passed).toBe(true);
    expect(run({ jsonpath: '{.items[*].status.phase}', equals: 'Running Running' }, pods)).toMatchObject({ passed: false, actual: '"Running Pending"' });
    expect(run({ jsonpath: '{.items[0].status.phase}', matches: '^Run' }, pods).passed).toBe(true);
    expect(run({ jsonpath: '{.items[*].status.phase}', contains: 'Pending' }, pods).passed).toBe(true);
    expect(run({ jsonpath: '{.items[5].status.phase}' }, pods).passed).toBe(false);
    expect(run({ jsonpath: '{.items[*].status.phase}' }, 'error: the server doesn\'t have a resource type "podz"')).toMatchObject({ passed: false });
    expect(run({ jsonpath: '{.items[*].status.phase}' }, 'not json').explanation).toMatch(/^the output is not JSON/);
  });

  it('distribution: each value within ± tolerance of its weight, with a histogram', () => {
    const answers = (v1: number, v2: number): string => `${'Hello version: v1\n'.repeat(v1)}${'Hello version: v2\n'.repeat(v2)}`;
    const spec = { distribution: { extract: 'version: (v\\d)', expect: { v1: 50, v2: 50 }, tolerance: 15 } };
    expect(run(spec, answers(60, 40)).passed).toBe(true);
    const skewed = run(spec, answers(70, 30));
    expect(skewed.passed).toBe(false);
    expect(skewed.explanation).toBe('v1 got 70%, expected 50% ± 15; v2 got 30%, expected 50% ± 15');
    expect(skewed.histogram?.bars.map((bar) => [bar.value, bar.count])).toEqual([['v1', 70], ['v2', 30]]);
    // A value nobody expected counts against the split.
    const withV3 = run({ distribution: { extract: 'version: (v\\d)', expect: { v1: 1, v2: 1 }, tolerance: 10 } }, answers(40, 40) + 'Hello version: v3\n'.repeat(20));
    expect(withV3.passed).toBe(false);
    expect(withV3.explanation).toContain('v3 got 20%, expected 0%');
    expect(run(spec, answers(3, 3))).toMatchObject({ passed: false, explanation: 'only 6 answers matched /version: (v\\d)/; need at least 10' });
  });

  it('a weighted canary split, 90/10 ± 10, as in traffic shifting', () => {
    const spec = { distribution: { extract: 'reviews-(v\\d)', expect: { v1: 90, v3: 10 }, tolerance: 10 } };
    expect(run(spec, 'reviews-v1\n'.repeat(85) + 'reviews-v3\n'.repeat(15)).passed).toBe(true);
    expect(run(spec, 'reviews-v1\n'.repeat(50) + 'reviews-v3\n'.repeat(50)).passed).toBe(false);
  });

  it('adds the author\'s explain and a note when the output was cut', () => {
    const verdict = evaluateCheck(check({ contains: 'x', explain: 'Apply the VirtualService first.' }), { ...observedFromText('y'), truncated: true });
    expect(verdict.explanation).toBe('the output does not contain "x"\nApply the VirtualService first.\nThe output was longer than the part kept for checks: this check read its beginning and its end; the whole output is in the step log.');
  });

  it('labels checks for reports', () => {
    expect(run({ contains: 'Hello version' }, '').label).toBe('contains "Hello version"');
    expect(run({ exitCode: 'nonzero' }, '').label).toBe('exitCode "nonzero"');
    expect(run({ name: 'both versions answer', lines: '+ v1\n+ v2' }, '').label).toBe('both versions answer');
  });
});
