/** One JSON object per event per line, for scripts and CI logs. */
import type { Reporter, TextSink } from './reporter.js';

export function jsonLinesReporter(out: TextSink, now: () => Date = () => new Date()): Reporter {
  return {
    handle(event) {
      out.write(`${JSON.stringify({ time: now().toISOString(), ...event })}\n`);
    },
    finish() {},
  };
}
