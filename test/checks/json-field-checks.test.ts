// What a `jsonpath` check accepts and refuses: a learner's step passes only when the value is the one asked for.
import { describe, expect, it } from 'vitest';
import { evaluateCheck, observedFromText } from '../../src/checks/evaluate.js';
import { Check } from '../../src/lesson/schema.js';

const verdict = (raw: unknown, output: string, vars: Record<string, string> = {}) => evaluateCheck(Check.parse(raw), observedFromText(output), vars);
const pods = JSON.stringify({ items: [{ metadata: { name: 'reviews-v1' }, status: { phase: 'Running', podIP: '' } }, { metadata: { name: 'reviews-v2' }, status: { phase: 'Pending' } }] });

describe('a jsonpath check with equals', () => {
  it('refuses a value that only contains the expected one', () => {
    expect(verdict({ jsonpath: '{.items[*].status.phase}', equals: 'Running' }, pods)).toMatchObject({
      passed: false,
      expected: '{.items[*].status.phase} = "Running"',
      actual: '"Running Pending"',
      explanation: '{.items[*].status.phase} is "Running Pending"',
    });
  });

  it('refuses a value that is only the start of the expected one', () => {
    expect(verdict({ jsonpath: '{.items[0].status.phase}', equals: 'Running Pending' }, pods).passed).toBe(false);
  });

  it('passes the exact value, whatever blank space surrounds either side', () => {
    const passed = verdict({ jsonpath: '{.items[0].status.phase}', equals: '  Running\n' }, pods);
    expect(passed).toMatchObject({ passed: true, expected: '{.items[0].status.phase} = "  Running\\n"', actual: '"Running"' });
    expect(passed.explanation).toBeUndefined();
    expect(verdict({ jsonpath: '{" "}{.items[0].status.phase}{"\\n"}', equals: 'Running' }, pods).passed).toBe(true);
  });

  it('fills ${VARS} in the template and in the expected value', () => {
    expect(verdict({ jsonpath: '{.items[${I}].metadata.name}', equals: 'reviews-${V}' }, pods, { I: '1', V: 'v2' })).toMatchObject({ passed: true, expected: '{.items[1].metadata.name} = "reviews-v2"' });
    expect(verdict({ jsonpath: '{.items[0].metadata.name}', equals: '${POD}' }, pods)).toMatchObject({ passed: false, actual: '(not evaluated)' });
  });
});

describe('a jsonpath check without a comparator', () => {
  it('refuses a field that holds nothing', () => {
    expect(verdict({ jsonpath: '{.items[0].status.podIP}' }, pods)).toMatchObject({
      passed: false,
      expected: '{.items[0].status.podIP} has a value',
      actual: '""',
      explanation: '{.items[0].status.podIP} printed nothing',
    });
  });

  it('refuses a value made only of blank space', () => {
    expect(verdict({ jsonpath: '{" "}{.items[0].status.podIP}{"\\n"}' }, pods).passed).toBe(false);
  });

  it('passes a field that has a value, and says which', () => {
    const passed = verdict({ jsonpath: '{.items[1].status.phase}' }, pods);
    expect(passed).toMatchObject({ passed: true, expected: '{.items[1].status.phase} has a value', actual: '"Pending"' });
    expect(passed.explanation).toBeUndefined();
  });

  it('refuses a field the JSON does not have, naming the problem', () => {
    const missing = verdict({ jsonpath: '{.items[7].status.phase}' }, pods);
    expect(missing).toMatchObject({ passed: false, expected: '{.items[7].status.phase}', actual: '(no value)' });
    expect(missing.explanation).toMatch(/\S/);
  });
});

describe('a jsonpath check with matches or contains', () => {
  it('matches: a regular expression over the printed value, with ${VARS} escaped', () => {
    expect(verdict({ jsonpath: '{.items[0].status.phase}', matches: '^Run' }, pods)).toMatchObject({ passed: true, expected: '{.items[0].status.phase} matches /^Run/' });
    expect(verdict({ jsonpath: '{.items[1].status.phase}', matches: '^Run' }, pods)).toMatchObject({ passed: false, actual: '"Pending"', explanation: '{.items[1].status.phase} is "Pending"' });
    expect(verdict({ jsonpath: '{.items[0].metadata.name}', matches: '^${P}$' }, pods, { P: 'reviews.v1' }).passed).toBe(false);
  });

  it('contains: the printed value holds the text', () => {
    expect(verdict({ jsonpath: '{.items[*].metadata.name}', contains: 'reviews-v2' }, pods)).toMatchObject({ passed: true, expected: '{.items[*].metadata.name} contains "reviews-v2"' });
    expect(verdict({ jsonpath: '{.items[*].metadata.name}', contains: 'reviews-v3' }, pods)).toMatchObject({
      passed: false,
      actual: '"reviews-v1 reviews-v2"',
      explanation: '{.items[*].metadata.name} is "reviews-v1 reviews-v2"',
    });
  });

  it('an empty comparator still compares: equals "" passes only an empty value', () => {
    expect(verdict({ jsonpath: '{.items[0].status.podIP}', equals: '' }, pods).passed).toBe(true);
    expect(verdict({ jsonpath: '{.items[0].status.phase}', equals: '' }, pods).passed).toBe(false);
  });
});

describe('what a jsonpath check reads', () => {
  it('reads stdout, not stderr, unless told', () => {
    const observed = { stdout: pods, stderr: 'Warning: deprecated', all: `Warning: deprecated\n${pods}`, exitCode: 0 };
    expect(evaluateCheck(Check.parse({ jsonpath: '{.items[0].status.phase}', equals: 'Running' }), observed).passed).toBe(true);
    expect(evaluateCheck(Check.parse({ jsonpath: '{.items[0].status.phase}', equals: 'Running', from: 'all' }), observed).passed).toBe(false);
  });

  it('reads JSON painted with colours (kubectl --output-colors, jq -C)', () => {
    const painted = `\u001b[1;39m{"status":\u001b[0m{"phase":\u001b[0;32m"Running"\u001b[0m}}`;
    expect(verdict({ jsonpath: '{.status.phase}', equals: 'Running' }, painted).passed).toBe(true);
  });

  it('says the output is not JSON, and how to get JSON', () => {
    const notJson = verdict({ jsonpath: '{.status.phase}' }, 'NAME   READY\nreviews-v1   2/2');
    expect(notJson).toMatchObject({ passed: false, expected: 'JSON for {.status.phase}', actual: 'NAME   READY\nreviews-v1   2/2' });
    expect(notJson.explanation).toMatch(/^the output is not JSON \(.+\); add -o json to the command$/);
  });
});
