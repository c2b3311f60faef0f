/** A reporter turns engine events into text on a stream; `finish` flushes anything kept for the end. */
import type { EngineEvent, EventOf, TaskDoneBy } from '../engine/events.js';
import { formatDuration } from '../lesson/duration.js';

export interface Reporter {
  handle(event: EngineEvent): void;
  finish(): void;
}

export interface TextSink {
  write(text: string): unknown;
}

export const REPORTER_NAMES = ['plain', 'json', 'junit'] as const;
export type ReporterName = (typeof REPORTER_NAMES)[number];

/** Who did a task, in the words every report uses (the TUI's lesson-complete view says the same). */
export function taskDoneText(doneBy: TaskDoneBy): string {
  if (doneBy === 'help') return 'done with help: the workshop ran the solution when asked';
  if (doneBy === 'unattended') return 'a task: its solution ran unattended, then its checks';
  return 'done by the learner';
}

/**
 * The likely causes of a failed step (its `step-diagnosis` event) as lines, in the words every text report
 * uses: each cause numbered, its detail under it, then what to do (`next:`). `looking` is what was read.
 */
export function likelyCauseLines(event: EventOf<'step-diagnosis'>, looking: readonly string[] = []): string[] {
  const where = looking.length > 0 ? ` (${looking.join(', ')})` : '';
  const stopped = event.facts && event.facts.stoppedByTimeLimit > 0 ? `; the time limit cut short ${event.facts.stoppedByTimeLimit} of its lookups` : '';
  const took = formatDuration(event.durationMs);
  if (event.causes.length === 0) return [`no likely cause found in the clusters${where}, ${took}${stopped}`];
  const lines = [`${event.causes.length === 1 ? 'likely cause' : 'likely causes, most likely first'} (found in ${took}${stopped}):`];
  for (const [index, cause] of event.causes.entries()) {
    lines.push(`  ${index + 1}. ${cause.title}`);
    for (const line of (cause.detail ?? '').split('\n').filter(Boolean)) lines.push(`     ${line}`);
    lines.push(`     next: ${cause.next}`);
  }
  return lines;
}
