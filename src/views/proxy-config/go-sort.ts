/**
 * Go's sort.Slice, so rows come out in the very order istioctl prints them. It is not stable: for up to
 * 12 items Go runs an insertion sort (stable), which is what this does for now; larger inputs use the
 * same insertion sort until pdqsort is ported (ties may then differ from istioctl's order).
 */
export function goSortSlice<T>(items: readonly T[], less: (a: T, b: T) => boolean): T[] {
  const sorted = [...items];
  for (let i = 1; i < sorted.length; i++) {
    for (let j = i; j > 0 && less(sorted[j] as T, sorted[j - 1] as T); j--) {
      [sorted[j], sorted[j - 1]] = [sorted[j - 1] as T, sorted[j] as T];
    }
  }
  return sorted;
}
