import { describe, expect, it } from 'vitest';
import { goSortSlice, xorshift } from '../../../src/views/proxy-config/go-sort.js';

/** A small seeded PRNG so every "random" input here is the same on every run. */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

interface Tagged {
  tag: string;
  key: number;
}

const byKey = (a: Tagged, b: Tagged): boolean => a.key < b.key;
const tagged = (keys: readonly number[]): Tagged[] => keys.map((key, i) => ({ tag: String.fromCharCode(97 + i), key }));
const tags = (items: readonly Tagged[]): string => items.map((item) => item.tag).join('');

/** Go's strconv.Atoi, enough for route names: an optional sign and decimal digits. */
const atoi = (name: string): number | undefined => (/^[+-]?\d+$/.test(name) ? Number(name) : undefined);

/** istioctl's route-config order: both names are numbers and a < b; any other name ties with everything. */
const istioctlRouteLess = (a: string, b: string): boolean => {
  const i = atoi(a);
  const j = atoi(b);
  return i !== undefined && j !== undefined && i < j;
};

describe('goSortSlice', () => {
  it('sorts random arrays of sizes 0..300 like a reference sort', () => {
    const random = lcg(1);
    for (let n = 0; n <= 300; n++) {
      // Alternate wide and narrow value ranges so both distinct values and heavy ties are covered.
      const range = n % 2 === 0 ? 1000 : 1 + (n % 7);
      const input = Array.from({ length: n }, () => Math.floor(random() * range));
      expect(goSortSlice(input, (a, b) => a < b)).toEqual([...input].sort((a, b) => a - b));
    }
  });

  it('sorts presorted, reversed and nearly sorted runs (the paths pdqsort special-cases)', () => {
    const random = lcg(2);
    for (const n of [13, 49, 50, 51, 64, 100, 257]) {
      const ascending = Array.from({ length: n }, (_, i) => i);
      const nearly = ascending.map((v) => (random() < 0.05 ? Math.floor(random() * n) : v));
      for (const input of [ascending, [...ascending].reverse(), nearly]) {
        expect(goSortSlice(input, (a, b) => a < b)).toEqual([...input].sort((a, b) => a - b));
      }
    }
  });

  it('is a stable insertion sort for up to 12 items, ties included', () => {
    const random = lcg(3);
    for (let n = 0; n <= 12; n++) {
      for (let round = 0; round < 20; round++) {
        const input = tagged(Array.from({ length: n }, () => Math.floor(random() * 3)));
        // Array.prototype.sort is stable, as an insertion sort is.
        const stable = [...input].sort((a, b) => a.key - b.key);
        expect(tags(goSortSlice(input, byKey))).toBe(tags(stable));
      }
    }
  });

  it('is deterministic and leaves its input alone', () => {
    const random = lcg(4);
    const input = tagged(Array.from({ length: 26 }, () => Math.floor(random() * 3)));
    const before = tags(input);
    const first = tags(goSortSlice(input, byKey));
    expect(tags(goSortSlice(input, byKey))).toBe(first);
    expect(tags(input)).toBe(before);
  });

  describe("matches Go's own sort.Slice order", () => {
    // How these were derived: each input was sorted by real Go toolchains (Debian's golang-1.24 1.24.4
    // and golang-1.26 1.26.10, which agree) with
    //   sort.Slice(x, func(i, j int) bool { return x[i].key < x[j].key })
    // (or the less named in the test) and the resulting order copied here. The first case was also
    // traced by hand, as the comment in it shows.

    it('24 items over three keys: one partition, then insertion sorts', () => {
      // a..x with keys 3 1 2 1 3 2 1 1 3 2 2 1 3 1 2 3 1 2 3 1 2 1 3 2. By hand: limit = bits.Len(24) = 5;
      // choosePivot takes the median of [6]=g1, [12]=m3, [18]=s3 with no swaps, so pivot m3, hint
      // increasing; partialInsertionSort meets b1 < a3 at once and gives up (24 < 50 items). partition around m3
      // swaps e<->x, i<->v, a<->u, p<->t and puts m3 at 17 (r2 to the front). The right part [18:24] is
      // all 3s (insertion sort keeps s p a i w e). Left [0:17]: median of [4]=x2, [8]=v1, [12]=u2 is x2
      // (one swap: hint unknown); partition swaps c<->q, r<->t, f<->n, j<->l and puts x2 at 9 (l1 to the
      // front); both sides are then single-key insertion sorts that change nothing.
      const input = tagged([3, 1, 2, 1, 3, 2, 1, 1, 3, 2, 2, 1, 3, 1, 2, 3, 1, 2, 3, 1, 2, 1, 3, 2]);
      expect(tags(goSortSlice(input, byKey))).toBe('lbqdtnghvxkjuforcmspaiwe');
    });

    it('23 items over three keys, where breakPatterns runs (Go 1.24+ xorshift)', () => {
      const input = tagged([0, 2, 0, 2, 0, 0, 0, 2, 1, 2, 0, 0, 0, 0, 1, 0, 2, 0, 0, 0, 0, 1, 1]);
      // Go 1.19-1.23, whose xorshift shifts by 13, 17, 5, give kualefgptmcsrnwoivqjbhd here instead.
      expect(tags(goSortSlice(input, byKey))).toBe('kmcuefgpltsarniovwqhbjd');
    });

    it("istioctl's route-config less, where names that are not numbers tie with everything", () => {
      const names = ['8080', 'inbound|9080||', '443', '80', '15010', 'BlackHoleCluster', '9090', '80', 'InboundPassthroughCluster', '15014', '8443',
        '15010', 'local', '3000', '443', '8080', 'inbound|15021||', '9080', '70', '443', '15090', '5000'];
      expect(goSortSlice(names, istioctlRouteLess)).toEqual(['70', '80', '80', '443', '443', '443', '3000', '5000', '8080', '8080', 'inbound|9080||',
        'BlackHoleCluster', 'local', 'InboundPassthroughCluster', 'inbound|15021||', '8443', '9080', '9090', '15010', '15010', '15014', '15090']);
    });

    it('a less that is always true: every path (reverse, shifts, breakPatterns, heapsort) in Go\'s call order', () => {
      // With no consistent order to find, only identical comparisons and swaps can reproduce Go's result.
      const input = Array.from({ length: 50 }, (_, i) => i);
      expect(goSortSlice(input, () => true)).toEqual([6, 49, 34, 10, 18, 26, 2, 40, 44, 7, 12, 16, 28, 8, 46, 21, 24, 0, 43, 32, 23, 45, 39, 17, 31,
        13, 15, 29, 11, 37, 9, 27, 14, 41, 5, 25, 20, 22, 1, 42, 38, 48, 36, 47, 30, 33, 35, 4, 3, 19]);
    });
  });

  it("draws breakPatterns' positions from Go 1.24+'s xorshift seeded with the length", () => {
    // By hand for seed 20: 20 ^ 20<<13 = 0x28014; ^ >>7 (0x500) = 0x28514; ^ <<17 = 0x50A2A8514 = 21645395220.
    const random = xorshift(20);
    const values = [random.next(), random.next(), random.next()];
    expect(values).toEqual([21645395220n, 4613115902966175006n, 16111443374207111348n]);
    // breakPatterns masks with nextPowerOfTwo(20) - 1 = 31 and folds values >= 20 back, so a 20-item range
    // swaps its items 9, 10, 11 with items 0, 10, 0.
    expect(values.map((v) => Number(v & 31n)).map((v) => (v >= 20 ? v - 20 : v))).toEqual([0, 10, 0]);
  });

  it("terminates on istioctl's route less and returns a permutation of its input", () => {
    const random = lcg(5);
    const pool = ['80', '443', '8080', '9090', '15010', '-3', '+7', 'inbound|80||', 'BlackHoleCluster', 'InboundPassthroughCluster', 'local', ''];
    for (let n = 0; n <= 300; n += 7) {
      const names = Array.from({ length: n }, () => (random() < 0.5 ? String(Math.floor(random() * 40)) : (pool[Math.floor(random() * pool.length)] ?? '')));
      const sorted = goSortSlice(names, istioctlRouteLess);
      expect([...sorted].sort()).toEqual([...names].sort());
    }
  });
});
