/**
 * Traffic-split checks: count the values a regex extracts from repeated answers and require each one
 * within ± tolerance (percentage points) of its weight, as istio.io's doc tests bucket 100 requests.
 */
export interface HistogramBar {
  value: string;
  count: number;
  /** Observed share, 0–100. */
  percent: number;
  /** Expected share after normalising the weights, 0–100 (0 for values nobody expected). */
  expectedPercent: number;
  withinTolerance: boolean;
}

export interface Histogram {
  samples: number;
  tolerance: number;
  bars: HistogramBar[];
}

export interface DistributionSpec {
  extract: RegExp;
  expect: Readonly<Record<string, number>>;
  tolerance: number;
  minSamples: number;
}

export function sampleValues(output: string, extract: RegExp): string[] {
  const global = new RegExp(extract.source, extract.flags.includes('g') ? extract.flags : `${extract.flags}g`);
  return [...output.matchAll(global)].map((match) => match[1] ?? match[0]);
}

export function histogramOf(samples: readonly string[], spec: DistributionSpec): Histogram {
  const totalWeight = Object.values(spec.expect).reduce((sum, weight) => sum + weight, 0) || 1;
  const counts = new Map<string, number>(Object.keys(spec.expect).map((value) => [value, 0]));
  for (const sample of samples) counts.set(sample, (counts.get(sample) ?? 0) + 1);
  const bars = [...counts].map(([value, count]): HistogramBar => {
    const percent = samples.length === 0 ? 0 : (100 * count) / samples.length;
    const expectedPercent = (100 * (spec.expect[value] ?? 0)) / totalWeight;
    return { value, count, percent, expectedPercent, withinTolerance: Math.abs(percent - expectedPercent) <= spec.tolerance + 1e-9 };
  });
  return { samples: samples.length, tolerance: spec.tolerance, bars };
}

export function describeHistogram(histogram: Histogram): string {
  return histogram.bars
    .map((bar) => `${bar.value} ${bar.percent.toFixed(0)}% (${bar.count}; want ${bar.expectedPercent.toFixed(0)}±${histogram.tolerance})`)
    .join(', ');
}
