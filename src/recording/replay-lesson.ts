/**
 * Walks a lesson from a recording, for a learner without clusters: nothing runs. Each step shows the
 * output it printed when it was recorded, and its checks are judged again on that output by the same
 * evaluator the engine uses (captures too, so later checks see the values the recording's steps gave).
 * It speaks the engine's events, so the reporters and the TUI show a replay as they show a run; the
 * lesson-started event says it is a replay, made when and with which versions.
 */
import { captureValue } from '../checks/capture.js';
import { evaluateCheck, exitCodeMeaning, type Observed } from '../checks/evaluate.js';
import type { EventSink, StepStatus } from '../engine/events.js';
import { outlineOf, planSteps, type PlanOptions } from '../engine/plan.js';
import type { Interaction, LessonOutcome } from '../engine/run-lesson.js';
import type { LoadedLesson } from '../lesson/load.js';
import type { Check } from '../lesson/schema.js';
import { stepChecks } from '../lesson/steps.js';
import type { RecordedCheck, RecordedStep, RecordingIndex } from './recording-index.js';

export interface ReplayOptions extends PlanOptions {
  lesson: LoadedLesson;
  recording: RecordingIndex;
  /** The index file, named in the REPLAY mark. */
  recordingFile: string;
  emit: EventSink;
  /** Asked before each step and for a question's answer (a question needs no cluster: it is asked for real). */
  interaction?: Pick<Interaction, 'confirmStep' | 'answerQuiz'>;
  /** Values captured by the recording's earlier steps, for a replay of one step (the TUI's). */
  vars?: Record<string, string>;
  signal?: AbortSignal;
  /** Waits between output lines at the recording's pace (the TUI); by default the output comes at once. */
  pace?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

const TAIL_FOR_REPORTS = 40;
export const NOT_RECORDED = 'not in the recording: it did not run when the recording was made';

/** Lines of a recorded output with the stream each came on: `all` interleaved them, `stderr` says which were errors. */
export function recordedLines(observed: Observed): { stream: 'stdout' | 'stderr'; line: string }[] {
  const lines = observed.all === '' ? [] : observed.all.replace(/\n$/, '').split('\n');
  const errors = observed.stderr === '' ? [] : observed.stderr.replace(/\n$/, '').split('\n');
  let next = 0;
  return lines.map((line) => {
    if (next < errors.length && errors[next] === line) {
      next++;
      return { stream: 'stderr', line };
    }
    return { stream: 'stdout', line };
  });
}

/** What a check read when it was recorded: the step's output, or (a command of its own, a retry, several runs) its own. */
function checkObservation(check: Check, recorded: RecordedCheck, step: RecordedStep): Observed | undefined {
  const repeated = 'distribution' in check && (check.distribution.count ?? 1) > 1;
  if (check.run === undefined && recorded.attempts <= 1 && !repeated) return step.observed;
  return recorded.observed;
}

export async function replayLesson(options: ReplayOptions): Promise<LessonOutcome> {
  const { lesson: loaded, recording, emit, signal } = options;
  const lesson = loaded.lesson;
  const plan = planSteps(lesson, options);
  const vars: Record<string, string> = { ...options.vars };
  const results: LessonOutcome['steps'] = [];
  let stopped: 'failed' | 'cancelled' | undefined;
  emit({ type: 'lesson-started', lessonId: lesson.id, title: lesson.title, steps: plan.map(outlineOf), logDir: '', replay: { recordedAt: recording.recordedAt, versions: recording.versions, file: options.recordingFile } });

  for (const [index, planned] of plan.entries()) {
    const { step, phase } = planned;
    if (stopped === 'cancelled' || (stopped === 'failed' && phase !== 'cleanup')) continue;
    const { id: _id, ...outline } = outlineOf(planned);
    const recorded = recording.steps.find((candidate) => candidate.id === step.id);
    // The command shown is the one that ran when the recording was made (the lesson may have changed since).
    emit({ type: 'step-started', stepId: step.id, index, total: plan.length, ...outline, ...(recorded?.command === undefined ? {} : { command: recorded.command }) });
    const finish = (status: StepStatus, extra: { exitCode?: number | null; reason?: string; tail?: string[]; durationMs?: number } = {}): void => {
      emit({ type: 'step-finished', stepId: step.id, status, durationMs: extra.durationMs ?? 0, exitCode: extra.exitCode ?? null, ...(extra.reason === undefined ? {} : { reason: extra.reason }), tail: extra.tail ?? [] });
      results.push({ id: step.id, phase, status });
      if (status === 'failed' && !stopped) stopped = 'failed';
      if (status === 'cancelled') stopped = 'cancelled';
    };
    const choice = options.interaction?.confirmStep ? await options.interaction.confirmStep(outlineOf(planned), index, plan.length) : 'run';
    if (choice !== 'run') {
      finish(choice === 'quit' ? 'cancelled' : 'skipped', { reason: choice === 'quit' ? 'stopped by the learner' : 'skipped by the learner' });
      continue;
    }
    if (step.quiz) {
      // A question needs no cluster: asked for real, as in a run.
      const answer = await options.interaction?.answerQuiz?.(step.quiz, step.id);
      if (answer === undefined) {
        finish('skipped', { reason: options.interaction?.answerQuiz ? 'skipped by the learner' : 'a question for the learner (replay without --yes to answer it)' });
      } else {
        const correct = answer === step.quiz.answer;
        emit({ type: 'quiz-answered', stepId: step.id, quiz: step.quiz, answer, correct });
        finish(correct ? 'passed' : 'failed', correct ? {} : { reason: `answer ${answer} is not the right one` });
      }
      continue;
    }
    if (!recorded) {
      finish('skipped', { reason: NOT_RECORDED });
      continue;
    }
    const lines = recordedLines(recorded.observed);
    const gap = lines.length > 1 && options.pace ? (recorded.end - recorded.start) * 1000 / lines.length : 0;
    for (const { stream, line } of lines) {
      if (signal?.aborted) break;
      emit({ type: 'output', stepId: step.id, stream, origin: 'step', text: line });
      if (gap > 0) await options.pace?.(gap, signal);
    }
    const tail = lines.slice(-TAIL_FOR_REPORTS).map(({ line }) => line);
    const base = { exitCode: recorded.exitCode, tail, durationMs: recorded.durationMs };
    if (signal?.aborted) {
      finish('cancelled', { ...base, reason: 'cancelled' });
      continue;
    }
    if (recorded.status === 'skipped' || recorded.status === 'cancelled') {
      finish('skipped', { ...base, reason: `${recorded.status} when the recording was made${recorded.reason ? ` (${recorded.reason})` : ''}` });
      continue;
    }
    for (const [name, capture] of Object.entries(step.capture ?? {})) {
      const captured = captureValue(capture, recorded.observed);
      if ('value' in captured) {
        vars[name] = captured.value;
        emit({ type: 'variable-captured', stepId: step.id, name, value: captured.value });
      }
    }
    const checks = stepChecks(step);
    const judgedOnExit = checks.some((check) => 'exitCode' in check && check.run === undefined);
    if (step.run !== undefined && recorded.exitCode !== 0 && !judgedOnExit) {
      finish('failed', { ...base, reason: `the command ended with exit code ${String(recorded.exitCode)}${exitCodeMeaning(recorded.exitCode)} (in the recording)` });
      continue;
    }
    let failed = false;
    let unjudged = 0;
    for (const [checkIndex, check] of checks.entries()) {
      const recordedCheck = recorded.checks.find((candidate) => candidate.index === checkIndex);
      const observed = recordedCheck ? checkObservation(check, recordedCheck, recorded) : undefined;
      if (!recordedCheck || !observed) {
        unjudged++;
        continue;
      }
      emit({ type: 'check-started', stepId: step.id, checkIndex, label: recordedCheck.label });
      const verdict = evaluateCheck(check, observed, vars);
      emit({ type: 'check-result', stepId: step.id, checkIndex, verdict, attempts: recordedCheck.attempts, exitCode: observed.exitCode });
      if (!verdict.passed) failed = true;
    }
    if (failed) finish('failed', { ...base, reason: 'a check failed on the recorded output' });
    else if (unjudged > 0) finish(recorded.status === 'passed' ? 'passed' : 'failed', { ...base, reason: `${unjudged} check(s) did not run when the recording was made; the recording's result stands` });
    else finish(checks.length === 0 && recorded.status === 'failed' ? 'failed' : 'passed', { ...base, ...(checks.length === 0 && recorded.status === 'failed' && recorded.reason ? { reason: recorded.reason } : {}) });
  }

  const count = (status: StepStatus): number => results.filter((result) => result.status === status).length;
  const status = stopped ?? (count('failed') > 0 ? 'failed' : 'passed');
  emit({ type: 'lesson-finished', lessonId: lesson.id, status, passed: count('passed'), failed: count('failed'), skipped: count('skipped'), durationMs: 0 });
  return { status, vars, steps: results };
}
