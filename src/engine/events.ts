/**
 * What the engine tells the world while it runs a lesson. The TUI, the plain, JSON-lines and JUnit reporters
 * and the transcript all consume only these events, so headless runs and the TUI cannot drift apart.
 */
import type { Histogram } from '../checks/distribution.js';
import type { Verdict } from '../checks/evaluate.js';
import type { Quiz, TaskFiles, View } from '../lesson/schema.js';

export type ViewPayload = { output: string } | { before: string; after: string } | { error: string };

export type Phase = 'setup' | 'steps' | 'cleanup';
export type StepStatus = 'passed' | 'failed' | 'skipped' | 'cancelled';

export interface StepOutline {
  id: string;
  title: string;
  phase: Phase;
  /** The bash script, if the step runs one. */
  command?: string;
  /** Hint levels, from a nudge to the command (a learner may ask before the step runs). */
  hints: string[];
  solution?: string;
  explain?: string;
  /** A diagram to show with the step, and the path to mark in it. */
  diagram?: string;
  highlight?: string;
  /** An extra the lesson is complete without. */
  optional?: boolean;
  /** The learner does this step (no command runs; the checks read their work), with its files if any. */
  task?: TaskFiles;
}

/**
 * Who did a task whose checks passed: the learner, or the workshop running its solution, because the
 * learner asked ("do it for me": done with help) or because nobody was there to ask (run --yes, verify).
 */
export type TaskDoneBy = 'learner' | 'help' | 'unattended';

/** A likely cause of a failed step, found in the clusters (src/diagnosis), with one thing to do about it. */
export interface LikelyCause {
  /** What kind of cause (no-engine, context-missing, image-pull, crash-loop…: src/diagnosis/facts.ts). */
  kind: string;
  title: string;
  detail?: string;
  next: string;
}

/** Where a diagnosis looked and what stopped it, in short (the whole facts go to a support bundle). */
export interface DiagnosisSummary {
  clusters: { context: string; state: string; problem?: string }[];
  namespaces: string[];
  /** Commands that ran to their end. */
  commands: number;
  /** Commands ended, or never started, because the time limit came first. */
  stoppedByTimeLimit: number;
  /** Commands the context guard refused. */
  refused: number;
  /** Programs the diagnosis needed and did not find. */
  missingTools: string[];
}

/** Where a replayed lesson's output comes from: a recording of a real run, when and with what. */
export interface ReplayOrigin {
  recordedAt: string;
  versions: Record<string, string>;
  /** The recording's index file. */
  file: string;
}

export type EngineEvent =
  /** `replay`: nothing runs; each step is a recording's (src/recording/replay-lesson.ts), made then, with those versions. */
  | { type: 'lesson-started'; lessonId: string; title: string; steps: StepOutline[]; logDir: string; replay?: ReplayOrigin }
  | {
      type: 'step-started';
      stepId: string;
      index: number;
      total: number;
      title: string;
      phase: Phase;
      command?: string;
      logFile?: string;
      /** Hint levels, from a nudge to the command, for whoever shows a failure. */
      hints: string[];
      solution?: string;
      explain?: string;
    }
  /** `text`: the complete lines the command printed since the last event, joined by newlines (see outputLines below). */
  | { type: 'output'; stepId: string; stream: 'stdout' | 'stderr'; origin: 'step' | 'check'; text: string }
  | { type: 'check-started'; stepId: string; checkIndex: number; label: string }
  | { type: 'check-attempt'; stepId: string; checkIndex: number; attempt: number; passed: boolean; actual: string; retryInMs?: number; /** When the next attempt starts (epoch ms), so a screen can count down. */ retryAt?: number }
  /** `exitCode`: that of the output the verdict was judged on (a recording keeps it, for a replay to judge again). */
  | { type: 'check-result'; stepId: string; checkIndex: number; verdict: Verdict; attempts: number; exitCode?: number | null }
  /** A distribution check's histogram so far, after each of its runs (the TUI draws it converging). */
  | { type: 'check-progress'; stepId: string; checkIndex: number; histogram: Histogram; runs: number; of: number }
  | { type: 'variable-captured'; stepId: string; name: string; value: string }
  /** What a step's `view` shows: its output (proxy-config JSON), or the snapshots before and after it. */
  | { type: 'step-view'; stepId: string; view: View; payload: ViewPayload }
  | { type: 'quiz-answered'; stepId: string; quiz: Quiz; answer: number; correct: boolean }
  | {
      type: 'step-finished';
      stepId: string;
      status: StepStatus;
      durationMs: number;
      exitCode: number | null;
      /** Why, when it failed or was skipped: a timeout, a refused command, a missing variable. */
      reason?: string;
      /** The last lines of output, for reports. */
      tail: string[];
      logFile?: string;
      /** For a task: who did it (set when it passed, or when its solution ran). */
      doneBy?: TaskDoneBy;
    }
  /**
   * After a failed step that touches a cluster: the workshop looks for the cause (read-only, within a time
   * limit). `looking` is what it reads, in a screen's words ("pods, events, proxies").
   */
  | { type: 'step-diagnosis-started'; stepId: string; looking: string[]; clusters: string[]; namespaces: string[]; timeLimitMs: number }
  /** How many of the diagnosis's commands have ended, of how many are known so far. */
  | { type: 'step-diagnosis-progress'; stepId: string; done: number; of: number }
  /** The likely causes found (ranked, most blocking first; none when nothing explains the failure). */
  | { type: 'step-diagnosis'; stepId: string; causes: LikelyCause[]; facts?: DiagnosisSummary; durationMs: number }
  | { type: 'lesson-finished'; lessonId: string; status: 'passed' | 'failed' | 'cancelled'; passed: number; failed: number; skipped: number; durationMs: number };

export type EventOf<T extends EngineEvent['type']> = Extract<EngineEvent, { type: T }>;

export type EventSink = (event: EngineEvent) => void;

/** The lines of an output event, for the few readers that go line by line. */
export function outputLines(event: EventOf<'output'>): string[] {
  return event.text.split('\n');
}
