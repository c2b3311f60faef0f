/**
 * Go's sort.Slice, so rows come out in the very order istioctl prints them. sort.Slice is not stable:
 * it runs pattern-defeating quicksort (pdqsort_func), which reorders ties in its own particular way, so
 * this is a line-by-line port of it rather than any sort with the same comparator. Up to 12 items it is
 * a plain insertion sort (stable); beyond that ties land wherever pdqsort's pivots and swaps put them.
 * Every step, pattern breaking included, is deterministic, so the same input always gives Go's order,
 * and like Go it terminates (and permutes) even with a `less` that is not a strict weak order.
 *
 * Source: Go 1.24–1.26 `src/sort/zsortfunc.go`, `slice.go` and xorshift from `sort.go` (the same in
 * those releases). Go 1.19–1.23 shift xorshift by 13, 17, 5 instead of 13, 7, 17, which changes the
 * order of ties once pattern breaking runs; the pinned Istio's istioctl is built with Go 1.24 or later.
 */
// Ported from Go's sort/zsortfunc.go, BSD-3-Clause, The Go Authors.

/** Go's lessSwap: comparisons and swaps by index into the slice being sorted. */
interface LessSwap {
  less(i: number, j: number): boolean;
  swap(i: number, j: number): void;
}

type SortedHint = 'unknown' | 'increasing' | 'decreasing';

const UINT64_MASK = (1n << 64n) - 1n;

/**
 * Go's `xorshift` (a uint64 state seeded with the range's length). Exported so tests can pin the
 * sequence breakPatterns draws from.
 */
export function xorshift(seed: number): { next(): bigint } {
  let r = BigInt(seed) & UINT64_MASK;
  return {
    next(): bigint {
      r ^= (r << 13n) & UINT64_MASK;
      r ^= r >> 7n;
      r ^= (r << 17n) & UINT64_MASK;
      return r;
    },
  };
}

/** Go's bits.Len(uint(x)) for a non-negative array length. */
function bitsLen(x: number): number {
  return x === 0 ? 0 : 32 - Math.clz32(x);
}

function nextPowerOfTwo(length: number): number {
  return 2 ** bitsLen(length);
}

/** Go's integer division of non-negative ints (truncates). */
function div(a: number, b: number): number {
  return Math.trunc(a / b);
}

export function goSortSlice<T>(items: readonly T[], less: (a: T, b: T) => boolean): T[] {
  const x = [...items];
  const data: LessSwap = {
    less: (i, j) => less(x[i] as T, x[j] as T),
    swap: (i, j) => {
      [x[i], x[j]] = [x[j] as T, x[i] as T];
    },
  };
  // sort.Slice: limit := bits.Len(uint(length)).
  pdqsortFunc(data, 0, x.length, bitsLen(x.length));
  return x;
}

/** insertionSort_func sorts data[a:b] using insertion sort. */
function insertionSortFunc(data: LessSwap, a: number, b: number): void {
  for (let i = a + 1; i < b; i++) {
    for (let j = i; j > a && data.less(j, j - 1); j--) data.swap(j, j - 1);
  }
}

/** siftDown_func implements the heap property on data[lo:hi]; first offsets the heap's root. */
function siftDownFunc(data: LessSwap, lo: number, hi: number, first: number): void {
  let root = lo;
  for (;;) {
    let child = 2 * root + 1;
    if (child >= hi) break;
    if (child + 1 < hi && data.less(first + child, first + child + 1)) child++;
    if (!data.less(first + root, first + child)) return;
    data.swap(first + root, first + child);
    root = child;
  }
}

function heapSortFunc(data: LessSwap, a: number, b: number): void {
  const first = a;
  const lo = 0;
  const hi = b - a;
  for (let i = div(hi - 1, 2); i >= 0; i--) siftDownFunc(data, i, hi, first);
  for (let i = hi - 1; i >= 0; i--) {
    data.swap(first, first + i);
    siftDownFunc(data, lo, i, first);
  }
}

/**
 * pdqsort_func sorts data[a:b]; limit is the number of allowed bad (very unbalanced) pivots before
 * falling back to heapsort.
 */
function pdqsortFunc(data: LessSwap, a: number, b: number, limit: number): void {
  const maxInsertion = 12;
  let wasBalanced = true;
  let wasPartitioned = true;

  for (;;) {
    const length = b - a;
    if (length <= maxInsertion) {
      insertionSortFunc(data, a, b);
      return;
    }
    if (limit === 0) {
      heapSortFunc(data, a, b);
      return;
    }
    if (!wasBalanced) {
      breakPatternsFunc(data, a, b);
      limit--;
    }

    let [pivot, hint] = choosePivotFunc(data, a, b);
    if (hint === 'decreasing') {
      reverseRangeFunc(data, a, b);
      // The pivot was pivot-a after the start; after reversing it is pivot-a before the end.
      pivot = b - 1 - (pivot - a);
      hint = 'increasing';
    }

    // The slice is likely already sorted.
    if (wasBalanced && wasPartitioned && hint === 'increasing') {
      if (partialInsertionSortFunc(data, a, b)) return;
    }

    // Probably many duplicates: split into elements equal to the pivot and greater than it.
    if (a > 0 && !data.less(a - 1, pivot)) {
      a = partitionEqualFunc(data, a, b, pivot);
      continue;
    }

    const [mid, alreadyPartitioned] = partitionFunc(data, a, b, pivot);
    wasPartitioned = alreadyPartitioned;

    const leftLen = mid - a;
    const rightLen = b - mid;
    const balanceThreshold = div(length, 8);
    if (leftLen < rightLen) {
      wasBalanced = leftLen >= balanceThreshold;
      pdqsortFunc(data, a, mid, limit);
      a = mid + 1;
    } else {
      wasBalanced = rightLen >= balanceThreshold;
      pdqsortFunc(data, mid + 1, b, limit);
      b = mid;
    }
  }
}

/**
 * partition_func does one quicksort partition around data[pivot]: afterwards data[i] < p for i < newpivot
 * and data[j] >= p for j > newpivot, with p at newpivot.
 */
function partitionFunc(data: LessSwap, a: number, b: number, pivot: number): [newpivot: number, alreadyPartitioned: boolean] {
  data.swap(a, pivot);
  let i = a + 1;
  let j = b - 1;

  while (i <= j && data.less(i, a)) i++;
  while (i <= j && !data.less(j, a)) j--;
  if (i > j) {
    data.swap(j, a);
    return [j, true];
  }
  data.swap(i, j);
  i++;
  j--;

  for (;;) {
    while (i <= j && data.less(i, a)) i++;
    while (i <= j && !data.less(j, a)) j--;
    if (i > j) break;
    data.swap(i, j);
    i++;
    j--;
  }
  data.swap(j, a);
  return [j, false];
}

/**
 * partitionEqual_func splits data[a:b] into elements equal to data[pivot] followed by greater ones,
 * assuming none is smaller.
 */
function partitionEqualFunc(data: LessSwap, a: number, b: number, pivot: number): number {
  data.swap(a, pivot);
  let i = a + 1;
  let j = b - 1;
  for (;;) {
    while (i <= j && !data.less(a, i)) i++;
    while (i <= j && data.less(a, j)) j--;
    if (i > j) break;
    data.swap(i, j);
    i++;
    j--;
  }
  return i;
}

/** partialInsertionSort_func partially sorts data[a:b]; true if it ends up sorted. */
function partialInsertionSortFunc(data: LessSwap, a: number, b: number): boolean {
  const maxSteps = 5; // adjacent out-of-order pairs that may be shifted
  const shortestShifting = 50; // don't shift any elements on short ranges
  let i = a + 1;
  for (let step = 0; step < maxSteps; step++) {
    while (i < b && !data.less(i, i - 1)) i++;
    if (i === b) return true;
    if (b - a < shortestShifting) return false;

    data.swap(i, i - 1);

    // Shift the smaller one to the left. Go bounds this by 1, not a+1; kept, as it can reach below a.
    if (i - a >= 2) {
      for (let j = i - 1; j >= 1; j--) {
        if (!data.less(j, j - 1)) break;
        data.swap(j, j - 1);
      }
    }
    // Shift the greater one to the right.
    if (b - i >= 2) {
      for (let j = i + 1; j < b; j++) {
        if (!data.less(j, j - 1)) break;
        data.swap(j, j - 1);
      }
    }
  }
  return false;
}

/** breakPatterns_func scatters three middle elements, deterministically, to break up bad patterns. */
function breakPatternsFunc(data: LessSwap, a: number, b: number): void {
  const length = b - a;
  if (length >= 8) {
    const random = xorshift(length);
    const modulus = BigInt(nextPowerOfTwo(length));
    for (let idx = a + div(length, 4) * 2 - 1; idx <= a + div(length, 4) * 2 + 1; idx++) {
      let other = Number(random.next() & (modulus - 1n));
      if (other >= length) other -= length;
      data.swap(idx, a + other);
    }
  }
}

/**
 * choosePivot_func picks a pivot in data[a:b]: a fixed one below 8 elements, the median of three below
 * 50, Tukey's ninther from there; the swap count says whether the range looked sorted either way.
 */
function choosePivotFunc(data: LessSwap, a: number, b: number): [pivot: number, hint: SortedHint] {
  const shortestNinther = 50;
  const maxSwaps = 4 * 3;
  const l = b - a;
  const swaps = { n: 0 };
  let i = a + div(l, 4) * 1;
  let j = a + div(l, 4) * 2;
  let k = a + div(l, 4) * 3;

  if (l >= 8) {
    if (l >= shortestNinther) {
      i = medianAdjacentFunc(data, i, swaps);
      j = medianAdjacentFunc(data, j, swaps);
      k = medianAdjacentFunc(data, k, swaps);
    }
    j = medianFunc(data, i, j, k, swaps);
  }

  switch (swaps.n) {
    case 0:
      return [j, 'increasing'];
    case maxSwaps:
      return [j, 'decreasing'];
    default:
      return [j, 'unknown'];
  }
}

/** order2_func returns x,y where data[x] <= data[y], counting a swap when it flips them. */
function order2Func(data: LessSwap, a: number, b: number, swaps: { n: number }): [number, number] {
  if (data.less(b, a)) {
    swaps.n++;
    return [b, a];
  }
  return [a, b];
}

/** median_func returns the index of the median of data[a], data[b], data[c]. */
function medianFunc(data: LessSwap, a: number, b: number, c: number, swaps: { n: number }): number {
  // Go's `a, b = …; b, c = …; a, b = …; return b`, minus the assignments nothing reads.
  [a, b] = order2Func(data, a, b, swaps);
  [b] = order2Func(data, b, c, swaps);
  return order2Func(data, a, b, swaps)[1];
}

/** medianAdjacent_func finds the median of data[a-1], data[a], data[a+1]. */
function medianAdjacentFunc(data: LessSwap, a: number, swaps: { n: number }): number {
  return medianFunc(data, a - 1, a, a + 1, swaps);
}

function reverseRangeFunc(data: LessSwap, a: number, b: number): void {
  let i = a;
  let j = b - 1;
  while (i < j) {
    data.swap(i, j);
    i++;
    j--;
  }
}
