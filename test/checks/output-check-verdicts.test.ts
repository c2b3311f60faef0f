// What the text checks accept and refuse, and what a learner is told when one fails: expected, actual, why.
import { describe, expect, it } from 'vitest';
import { checkLabel, evaluateCheck, exitCodeMeaning, observedFromText, type Observed } from '../../src/checks/evaluate.js';
import { Check } from '../../src/lesson/schema.js';

const check = (raw: unknown): Check => Check.parse(raw);
const verdict = (raw: unknown, output: string, exitCode = 0, vars: Record<string, string> = {}) => evaluateCheck(check(raw), observedFromText(output, exitCode), vars);
const numbered = (count: number): string => Array.from({ length: count }, (_, index) => `line ${index + 1}`).join('\n');

describe('contains and notContains', () => {
  it('contains: passes on the text anywhere, refuses its absence and says what was missing', () => {
    const passed = verdict({ contains: 'Hello version: v2' }, 'Hello version: v1\nHello version: v2\n');
    expect(passed).toMatchObject({ passed: true, expected: 'Hello version: v2', actual: 'Hello version: v1\nHello version: v2' });
    expect(passed.explanation).toBeUndefined();
    expect(verdict({ contains: 'v3' }, 'Hello version: v1')).toMatchObject({ passed: false, explanation: 'the output does not contain "v3"' });
  });

  it('contains: matches through the colour codes a command paints, as the learner reads it', () => {
    expect(verdict({ contains: 'STATUS: SYNCED' }, '\u001b[1mSTATUS:\u001b[0m \u001b[32mSYNCED\u001b[0m').passed).toBe(true);
  });

  it('contains: reads stderr alone when told', () => {
    const observed: Observed = { stdout: 'ok', stderr: 'upstream connect error', all: 'ok\nupstream connect error', exitCode: 0 };
    expect(evaluateCheck(check({ contains: 'upstream connect error', from: 'stderr' }), observed).passed).toBe(true);
    expect(evaluateCheck(check({ contains: 'ok', from: 'stderr' }), observed).passed).toBe(false);
  });

  it('notContains: passes a successful command without the text, refuses one with it', () => {
    const passed = verdict({ notContains: 'RBAC: access denied' }, 'Hello version: v1');
    expect(passed).toMatchObject({ passed: true, expected: 'no "RBAC: access denied"' });
    expect(passed.explanation).toBeUndefined();
    expect(verdict({ notContains: 'denied' }, 'RBAC: access \u001b[31mdenied\u001b[0m')).toMatchObject({ passed: false, explanation: 'the output contains "denied"' });
  });

  it('notContains: names the text first when a failed command printed it', () => {
    expect(verdict({ notContains: 'denied' }, 'RBAC: access denied', 1).explanation).toBe('the output contains "denied"');
  });
});

describe('equals, matches, lines, elided and like through a check', () => {
  it('equals: the whole output, compared without trailing blanks; expected shown as compared', () => {
    expect(verdict({ equals: 'ready\n\n' }, 'ready  \n')).toMatchObject({ passed: true, expected: 'ready' });
    expect(verdict({ equals: 'ready' }, 'not ready')).toMatchObject({ passed: false, explanation: 'line 1 differs: expected "ready", got "not ready"' });
    expect(verdict({ equals: '${STATE}' }, 'ready', 0, { STATE: 'ready' }).passed).toBe(true);
  });

  it('matches: shows the pattern with its flags and reads the text without colour', () => {
    const passed = verdict({ matches: '^hello version: v2$', flags: 'im' }, 'x\n\u001b[1mHello version: v2\u001b[0m');
    expect(passed).toMatchObject({ passed: true, expected: '/^hello version: v2$/im' });
    expect(verdict({ matches: 'v[34]' }, 'v1')).toMatchObject({ passed: false, expected: '/v[34]/', explanation: 'no match for /v[34]/' });
    expect(verdict({ matches: 'v[34]', flags: 'i' }, 'v1').explanation).toBe('no match for /v[34]/i');
  });

  it('lines: a text or a list of rules, ${VARS} filled in each', () => {
    expect(verdict({ lines: '+ ${A}\n- v3' }, 'v1\nv2', 0, { A: 'v2' })).toMatchObject({ passed: true, expected: '+ v2\n- v3' });
    expect(verdict({ lines: ['+ ${A}', '- v2'] }, 'v1\nv2', 0, { A: 'v1' })).toMatchObject({ passed: false, expected: '+ v1\n- v2', explanation: 'present but must not be: "v2"' });
  });

  it('elided and like: ${VARS} filled, expected shown normalised', () => {
    expect(verdict({ elided: 'NAME\n...\n${POD}  \n' }, 'NAME\na\nreviews-v1', 0, { POD: 'reviews-v1' })).toMatchObject({ passed: true, expected: 'NAME\n...\nreviews-v1' });
    expect(verdict({ elided: 'NAME\n...\nreviews-v2' }, 'NAME\na\nreviews-v1')).toMatchObject({ passed: false, explanation: 'expected line not found: "reviews-v2"' });
    expect(verdict({ like: '${POD} 2/2 Running  \n' }, 'reviews-v1-abc 2/2 Running', 0, { POD: 'reviews-v1-xyz' })).toMatchObject({ passed: true, expected: 'reviews-v1-xyz 2/2 Running' });
    expect(verdict({ like: 'reviews-v1-xyz 2/2 Running' }, 'reviews-v1-abc 1/2 Running').passed).toBe(false);
  });

  it('shows the last 30 lines of a long output, saying how many came before', () => {
    const failed = verdict({ contains: 'never' }, numbered(31));
    expect(failed.actual.split('\n')).toHaveLength(31);
    expect(failed.actual.split('\n')[0]).toBe('… 1 earlier lines');
    expect(failed.actual.split('\n')[1]).toBe('line 2');
    expect(verdict({ contains: 'never' }, numbered(30)).actual).toBe(numbered(30));
  });
});

describe('exit codes', () => {
  it('a number passes only that code', () => {
    expect(verdict({ exitCode: 0 }, 'done')).toMatchObject({ passed: true, expected: 'exit code 0', actual: 'exit code 0' });
    expect(verdict({ exitCode: 2 }, '', 2).passed).toBe(true);
    expect(verdict({ exitCode: 2 }, '', 0)).toMatchObject({ passed: false, actual: 'exit code 0', explanation: 'the command ended with exit code 0' });
  });

  it('nonzero passes any failure and refuses success', () => {
    expect(verdict({ exitCode: 'nonzero' }, '', 1)).toMatchObject({ passed: true, expected: 'a non-zero exit code', actual: 'exit code 1' });
    expect(verdict({ exitCode: 'nonzero' }, '', 0).passed).toBe(false);
  });

  it('a stopped command passes no exit-code check, and says it was stopped', () => {
    const stopped: Observed = { stdout: '', stderr: '', all: '', exitCode: null };
    expect(evaluateCheck(check({ exitCode: 0 }), stopped)).toMatchObject({ passed: false, actual: 'exit code none (the command was stopped)', explanation: 'the command ended with exit code none (the command was stopped)' });
    expect(evaluateCheck(check({ exitCode: 'nonzero' }), stopped).passed).toBe(false);
  });

  it('a failure shows the last five lines printed, none when nothing was', () => {
    expect(verdict({ exitCode: 0 }, numbered(7), 1).actual).toBe(`exit code 1, after:\n… 2 earlier lines\n${numbered(7).split('\n').slice(2).join('\n')}`);
    expect(verdict({ exitCode: 0 }, '  \n\n', 1).actual).toBe('exit code 1');
    expect(verdict({ exitCode: 0 }, 'all good', 0).actual).toBe('exit code 0');
  });

  it('reads the output only to show a failure (the engine makes a long output\'s text when it is read)', () => {
    const reads: string[] = [];
    const observed = (exitCode: number): Observed => ({
      get stdout() {
        reads.push('stdout');
        return 'out\n';
      },
      get stderr() {
        reads.push('stderr');
        return '';
      },
      get all() {
        reads.push('all');
        return 'out\n';
      },
      exitCode,
    });
    expect(evaluateCheck(check({ exitCode: 0 }), observed(0)).passed).toBe(true);
    expect(reads).toEqual([]);
    expect(evaluateCheck(check({ exitCode: 0 }), observed(3)).actual).toBe('exit code 3, after:\nout');
    expect(reads).toEqual(['all']);
  });

  it("explains bash's own codes: not found, not runnable, ended by a signal", () => {
    expect(verdict({ exitCode: 0 }, '', 126).explanation).toBe('the command ended with exit code 126: a command was found but could not be run (permissions?)');
    expect(verdict({ exitCode: 0 }, '', 130).explanation).toBe('the command ended with exit code 130: a process was ended by signal 2');
    expect(exitCodeMeaning(129)).toBe(': a process was ended by signal 1');
    expect(exitCodeMeaning(159)).toBe(': a process was ended by signal 31');
    expect(exitCodeMeaning(128)).toBe('');
    expect(exitCodeMeaning(160)).toBe('');
    expect(exitCodeMeaning(1)).toBe('');
    expect(exitCodeMeaning(null)).toBe('');
  });
});

describe('explanations', () => {
  it("a failure gives the check's reason, then the author's explain, then the note about cut output", () => {
    expect(verdict({ contains: 'x', explain: 'Apply the VirtualService first.' }, 'y').explanation).toBe('the output does not contain "x"\nApply the VirtualService first.');
    const cut = evaluateCheck(check({ contains: 'x' }), { ...observedFromText('y'), truncated: true });
    expect(cut.explanation).toBe('the output does not contain "x"\nThe output was longer than the part kept for checks: this check read its beginning and its end; the whole output is in the step log.');
  });

  it('a search reads the whole of a cut output when the engine kept it, and then says nothing of a cut', () => {
    const kept = '1\n2\n… 6 characters left out here: the whole output is in the step log\n6\n7\n';
    const observed = { ...observedFromText(kept), truncated: true, whole: { all: () => ['1\n2\n', '3\n4\n5\n', '6\n7\n'] } };
    expect(evaluateCheck(check({ contains: '4' }), observed).passed).toBe(true);
    expect(evaluateCheck(check({ matches: '^5$', flags: 'm' }), observed).passed).toBe(true);
    expect(evaluateCheck(check({ notContains: '4' }), observed).passed).toBe(false);
    const missing = evaluateCheck(check({ contains: '8' }), observed);
    expect(missing.explanation).toBe('the output does not contain "8"');
    // The other checks read what is kept, and say so.
    expect(evaluateCheck(check({ equals: '1' }), observed).explanation).toContain('this check read its beginning and its end');
    // The whole of another source is not this check's: stdout has none here, so the kept text is read.
    expect(evaluateCheck(check({ contains: '4', from: 'stdout' }), observed).passed).toBe(false);
  });

  it('a pass carries no explanation, even with an explain or cut output', () => {
    const passed = evaluateCheck(check({ contains: 'y', explain: 'Apply the VirtualService first.' }), { ...observedFromText('y'), truncated: true });
    expect(passed.passed).toBe(true);
    expect(passed.explanation).toBeUndefined();
  });

  it('a check waiting for a captured value is not run, and says which value', () => {
    expect(verdict({ matches: '${IP}', name: 'the gateway answers' }, 'x')).toEqual({
      label: 'the gateway answers',
      passed: false,
      expected: 'the gateway answers',
      actual: '(not evaluated)',
      explanation: 'variable ${IP} has no value yet: the step that captures it has not run',
    });
  });
});

describe('labels, as reports and the check panel show them', () => {
  it('names a check by its name, else by its kind and value', () => {
    expect(checkLabel(check({ name: 'both answer', contains: 'v1' }))).toBe('both answer');
    expect(checkLabel(check({ exitCode: 0 }))).toBe('exitCode 0');
    expect(checkLabel(check({ jsonpath: '{.status.phase}' }))).toBe('jsonpath {.status.phase} has a value');
    expect(checkLabel(check({ matches: 'v[12]$', flags: 'm' }))).toBe('matches /v[12]$/m');
    expect(checkLabel(check({ contains: 'say "hi"' }))).toBe(`contains 'say "hi"'`);
  });

  it('shortens a long value to 50 characters and marks text that goes on for more lines', () => {
    const fifty = 'x'.repeat(50);
    expect(checkLabel(check({ contains: fifty }))).toBe(`contains "${fifty}"`);
    expect(checkLabel(check({ contains: `${fifty}y` }))).toBe(`contains "${'x'.repeat(49)}…"`);
    expect(checkLabel(check({ equals: 'NAME\nreviews' }))).toBe('equals "NAME" …');
  });

  it('a distribution label gives the weights and the tolerance', () => {
    expect(checkLabel(check({ distribution: { extract: 'v(\\d)', expect: { v1: 90, v3: 10 }, tolerance: 10 } }))).toBe('distribution v1=90 v3=10 ±10');
  });
});
