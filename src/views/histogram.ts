/** A distribution check as text bars that fit a width: `v1 ██████████░░ 52% (want 50±15) ✓`. */
import type { Histogram } from '../checks/distribution.js';

export function histogramLines(histogram: Histogram, width: number): string[] {
  const labelWidth = Math.max(...histogram.bars.map((bar) => bar.value.length), 1);
  const tail = (bar: Histogram['bars'][number]): string =>
    ` ${bar.percent.toFixed(0).padStart(3)}% (want ${bar.expectedPercent.toFixed(0)}±${histogram.tolerance}) ${bar.withinTolerance ? '✓' : '✗'}`;
  const longestTail = Math.max(...histogram.bars.map((bar) => tail(bar).length), 0);
  const barWidth = Math.max(4, width - labelWidth - 1 - longestTail);
  const lines = histogram.bars.map((bar) => {
    const filled = Math.round((bar.percent / 100) * barWidth);
    return `${bar.value.padEnd(labelWidth)} ${'█'.repeat(filled)}${'░'.repeat(barWidth - filled)}${tail(bar)}`;
  });
  return [...lines, `${histogram.samples} answers`];
}
