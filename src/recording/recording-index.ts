/**
 * The index beside a recording (`<lesson>.json` next to `<lesson>.cast`): what ran, in order, with each
 * step's exit code, its checks' verdicts and the output they read (stdout and stderr apart, as the checks
 * saw them), the versions it ran with and when. The cast is for people and asciinema's players; the index
 * is what a replay judges the checks on again.
 */
import type { Observed, Verdict } from '../checks/evaluate.js';
import type { Phase, StepStatus } from '../engine/events.js';

export const RECORDING_FORMAT = 1;

export interface RecordedCheck {
  index: number;
  label: string;
  passed: boolean;
  expected: string;
  actual: string;
  explanation?: string;
  attempts: number;
  /**
   * The last attempt's own run: what the check's `run` (or the step's command run again) printed, and the
   * exit code the verdict was judged with. Empty text when the check read the step's own output.
   */
  observed?: Observed;
}

export interface RecordedStep {
  id: string;
  title: string;
  phase: Phase;
  command?: string;
  status: StepStatus;
  exitCode: number | null;
  reason?: string;
  durationMs: number;
  /** Where the step starts and ends in the cast, in seconds from its start (its marker is at `start`). */
  start: number;
  end: number;
  /** The step command's output as its checks read it. */
  observed: Observed;
  checks: RecordedCheck[];
  /** Values the step captured for later steps. */
  captured: Record<string, string>;
}

export interface RecordingIndex {
  format: typeof RECORDING_FORMAT;
  lesson: { id: string; title: string };
  /** When the run started (ISO 8601). */
  recordedAt: string;
  /** The workshop, node and the pinned tools the steps ran with. */
  versions: Record<string, string>;
  /** The cast file, beside this one. */
  cast: string;
  terminal: { width: number; height: number };
  status: 'passed' | 'failed' | 'cancelled';
  durationMs: number;
  steps: RecordedStep[];
}

export type CheckVerdictFields = Pick<Verdict, 'label' | 'passed' | 'expected' | 'actual' | 'explanation'>;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isObserved(value: unknown): value is Observed {
  return isRecord(value) && typeof value.stdout === 'string' && typeof value.stderr === 'string' && typeof value.all === 'string' && (value.exitCode === null || typeof value.exitCode === 'number');
}

/** Checks what a replay relies on; the message names the field, as `steps[2].observed`. */
export function parseRecordingIndex(data: unknown): RecordingIndex | { problem: string } {
  if (!isRecord(data)) return { problem: 'it should hold an object' };
  if (data.format !== RECORDING_FORMAT) return { problem: `format should be ${RECORDING_FORMAT}, not ${JSON.stringify(data.format) ?? 'missing'}` };
  if (!isRecord(data.lesson) || typeof data.lesson.id !== 'string') return { problem: 'lesson.id should be a string' };
  if (typeof data.recordedAt !== 'string' || Number.isNaN(Date.parse(data.recordedAt))) return { problem: 'recordedAt should be a date (ISO 8601)' };
  if (!isRecord(data.versions) || !Object.values(data.versions).every((value) => typeof value === 'string')) return { problem: 'versions should map names to strings' };
  if (!Array.isArray(data.steps)) return { problem: 'steps should be a list' };
  for (const [index, step] of (data.steps as unknown[]).entries()) {
    const where = `steps[${index}]`;
    if (!isRecord(step) || typeof step.id !== 'string') return { problem: `${where}.id should be a string` };
    if (!isObserved(step.observed)) return { problem: `${where}.observed should hold stdout, stderr, all and exitCode` };
    if (!Array.isArray(step.checks)) return { problem: `${where}.checks should be a list` };
    for (const [checkIndex, check] of (step.checks as unknown[]).entries()) {
      if (!isRecord(check) || typeof check.index !== 'number') return { problem: `${where}.checks[${checkIndex}].index should be a number` };
      if (check.observed !== undefined && !isObserved(check.observed)) return { problem: `${where}.checks[${checkIndex}].observed should hold stdout, stderr, all and exitCode` };
    }
    if (!isRecord(step.captured)) return { problem: `${where}.captured should be an object` };
  }
  return data as unknown as RecordingIndex;
}

/** A recording's date and versions in one line, as every REPLAY mark says them. */
export function recordingOrigin(origin: Pick<RecordingIndex, 'recordedAt' | 'versions'>): string {
  const date = origin.recordedAt.replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, ' UTC');
  const versions = ['mesh-workshop', 'istio', 'kubectl', 'kind'].filter((name) => origin.versions[name] !== undefined).map((name) => `${name} ${origin.versions[name] ?? ''}`);
  return `recorded ${date}${versions.length > 0 ? ` with ${versions.join(', ')}` : ''}`;
}
