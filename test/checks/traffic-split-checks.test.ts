// A distribution check ("both clusters answer, each 50% ± 15") and what it tells a learner when the split is off.
import { describe, expect, it } from 'vitest';
import { sampleValues } from '../../src/checks/distribution.js';
import { evaluateCheck, observedFromText } from '../../src/checks/evaluate.js';
import { Check } from '../../src/lesson/schema.js';

const answers = (counts: Record<string, number>): string =>
  Object.entries(counts)
    .map(([version, count]) => `Hello version: ${version}, instance: helloworld-${version}\n`.repeat(count))
    .join('');
const split = (distribution: Record<string, unknown>, output: string, vars: Record<string, string> = {}) =>
  evaluateCheck(Check.parse({ distribution: { extract: 'version: (v\\d)', ...distribution } }), observedFromText(output), vars);
const fiftyFifty = { expect: { v1: 50, v2: 50 }, tolerance: 15 };

describe('the tolerance', () => {
  it('passes a share exactly at the edge of the tolerance, on either side', () => {
    expect(split(fiftyFifty, answers({ v1: 65, v2: 35 })).passed).toBe(true);
    expect(split(fiftyFifty, answers({ v1: 35, v2: 65 })).passed).toBe(true);
  });

  it('refuses a share one point past the edge', () => {
    const off = split(fiftyFifty, answers({ v1: 66, v2: 34 }));
    expect(off.passed).toBe(false);
    expect(off.explanation).toBe('v1 got 66%, expected 50% ± 15; v2 got 34%, expected 50% ± 15');
  });

  it('holds at the edge when the shares are not whole numbers (1 in 3, ± 0)', () => {
    expect(split({ expect: { v1: 1, v2: 2 }, tolerance: 0, minSamples: 3 }, answers({ v1: 1, v2: 2 })).passed).toBe(true);
    expect(split({ expect: { v1: 1, v2: 2 }, tolerance: 0, minSamples: 3 }, answers({ v1: 2, v2: 1 })).passed).toBe(false);
  });

  it('normalises the weights: 9 and 1 mean 90% and 10%', () => {
    expect(split({ expect: { v1: 9, v3: 1 }, tolerance: 5 }, answers({ v1: 90, v3: 10 })).passed).toBe(true);
    expect(split({ expect: { v1: 9, v3: 1 }, tolerance: 5 }, answers({ v1: 80, v3: 20 })).passed).toBe(false);
  });

  it('counts a value nobody expected against the split, and a weight of 0 as 0%', () => {
    const v3 = split({ expect: { v1: 50, v2: 50, v3: 0 }, tolerance: 10 }, answers({ v1: 45, v2: 45, v3: 10 }));
    expect(v3.passed).toBe(true);
    const none = split({ expect: { v1: 0, v2: 0 }, tolerance: 10 }, answers({ v1: 10 }));
    expect(none.passed).toBe(false);
    expect(none.explanation).toBe('v1 got 100%, expected 0% ± 10');
  });
});

describe('samples', () => {
  it('needs 10 samples unless the check says otherwise', () => {
    expect(split(fiftyFifty, answers({ v1: 5, v2: 4 }))).toMatchObject({ passed: false, explanation: 'only 9 answers matched /version: (v\\d)/; need at least 10' });
    expect(split(fiftyFifty, answers({ v1: 5, v2: 5 })).passed).toBe(true);
    expect(split({ ...fiftyFifty, minSamples: 4 }, answers({ v1: 2, v2: 2 })).passed).toBe(true);
    expect(split({ ...fiftyFifty, minSamples: 12 }, answers({ v1: 5, v2: 5 })).explanation).toBe('only 10 answers matched /version: (v\\d)/; need at least 12');
  });

  it('reads through colour, and fills ${VARS} into the pattern as plain text', () => {
    expect(split(fiftyFifty, answers({ v1: 5, v2: 5 }).replaceAll('version:', '\u001b[1mversion:\u001b[0m')).passed).toBe(true);
    const byCluster = Check.parse({ distribution: { extract: '${C}(\\d)', expect: { 1: 50, 2: 50 }, tolerance: 15 } });
    const output = 'from cluster1\n'.repeat(5) + 'from cluster2\n'.repeat(5) + 'from clusterX1\n'.repeat(10);
    expect(evaluateCheck(byCluster, observedFromText(output), { C: 'cluster' }).passed).toBe(true);
    expect(evaluateCheck(byCluster, observedFromText('from clusterX1\n'.repeat(10)), { C: 'cluster.' }).actual).toBe('no samples');
  });

  it('takes the whole match when the pattern has no group, and a global pattern as it is', () => {
    expect(sampleValues('v1 v2 v1', /v\d/)).toEqual(['v1', 'v2', 'v1']);
    expect(sampleValues('v1 v2 V1', /v(\d)/gi)).toEqual(['1', '2', '1']);
  });
});

describe('what the learner sees', () => {
  it('expected: each weight and the tolerance; actual: each share with its count and target', () => {
    const shown = split(fiftyFifty, answers({ v1: 6, v2: 4 }));
    expect(shown.expected).toBe('v1 50 / v2 50 ± 15');
    expect(shown.actual).toBe('v1 60% (6; want 50±15), v2 40% (4; want 50±15)');
  });

  it('a histogram with each value, its count and whether it is within the tolerance', () => {
    const { histogram } = split(fiftyFifty, answers({ v1: 7, v2: 3 }));
    expect(histogram).toEqual({
      samples: 10,
      tolerance: 15,
      bars: [
        { value: 'v1', count: 7, percent: 70, expectedPercent: 50, withinTolerance: false },
        { value: 'v2', count: 3, percent: 30, expectedPercent: 50, withinTolerance: false },
      ],
    });
  });

  it('no answers at all: no samples, every expected value at 0%', () => {
    const none = split(fiftyFifty, 'curl: (7) Failed to connect');
    expect(none).toMatchObject({ passed: false, actual: 'no samples' });
    expect(none.histogram?.bars.map((bar) => [bar.value, bar.count, bar.percent])).toEqual([['v1', 0, 0], ['v2', 0, 0]]);
  });
});
