/** A reporter turns engine events into text on a stream; `finish` flushes anything kept for the end. */
import type { EngineEvent, TaskDoneBy } from '../engine/events.js';

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
