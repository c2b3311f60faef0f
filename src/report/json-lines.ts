/** One JSON object per event per line, for scripts and CI logs. */
import { outputLines } from '../engine/events.js';
import { renderStepView } from '../views/proxy-config/step-view.js';
import type { Reporter, TextSink } from './reporter.js';

export function jsonLinesReporter(out: TextSink, now: () => Date = () => new Date()): Reporter {
  return {
    handle(event) {
      if (event.type === 'step-view') {
        // The rendering the TUI and the plain report show, not the (possibly huge) dump behind it.
        const { title, lines } = renderStepView(event.view, event.payload);
        out.write(`${JSON.stringify({ time: now().toISOString(), type: event.type, stepId: event.stepId, title, lines })}\n`);
        return;
      }
      // Output as lines, as scripts reading these events have always had it.
      const shown = event.type === 'output' ? { type: event.type, stepId: event.stepId, stream: event.stream, origin: event.origin, lines: outputLines(event) } : event;
      out.write(`${JSON.stringify({ time: now().toISOString(), ...shown })}\n`);
    },
    finish() {},
  };
}
