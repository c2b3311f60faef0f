/** A reporter turns engine events into text on a stream; `finish` flushes anything kept for the end. */
import type { EngineEvent } from '../engine/events.js';

export interface Reporter {
  handle(event: EngineEvent): void;
  finish(): void;
}

export interface TextSink {
  write(text: string): unknown;
}

export const REPORTER_NAMES = ['plain', 'json', 'junit'] as const;
export type ReporterName = (typeof REPORTER_NAMES)[number];
