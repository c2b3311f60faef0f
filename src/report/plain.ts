/**
 * The plain reporter: one line per step (✓ passed, ✗ failed, - skipped) with its duration; on a failure,
 * each failed check's expected and actual, why, the first hint, the last lines of output and the log file,
 * then (for a step that touches a cluster) that the workshop looks for the cause, and the likely causes.
 * Pass and fail are written as words too, never shown by a symbol or colour alone.
 */
import type { EngineEvent, EventOf } from '../engine/events.js';
import { QUESTION_FOR_A_LEARNER } from '../engine/skip-reasons.js';
import { formatDuration } from '../lesson/duration.js';
import type { RenderedView, renderStepView } from '../views/proxy-config/step-view.js';
import { recordingOrigin } from '../recording/recording-index.js';
import { likelyCauseLines, taskDoneText, type Reporter, type TextSink } from './reporter.js';

const MARK = { passed: '✓', failed: '✗', skipped: '-', cancelled: '■' } as const;
const OUTPUT_LINES_ON_FAILURE = 15;
/** With a learner at the keyboard, a passed step shows this much of its output too. */
const OUTPUT_LINES_WHEN_ASKED = 5;

export interface PlainReporterOptions {
  /** A learner runs the lesson step by step: show every check's verdict and the end of each step's output. */
  detail?: boolean;
  /**
   * How a step's view (a proxy-config table or diff) becomes lines. A run passes it when its lesson has views,
   * so that the tables' code loads only then; without it a view is named, not drawn.
   */
  renderView?: typeof renderStepView;
}

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((line, index) => (index === 0 ? line : `${prefix}${line}`))
    .join('\n');
}

export function plainReporter(out: TextSink, options: PlainReporterOptions = {}): Reporter {
  let current: EventOf<'step-started'> | undefined;
  let failedChecks: EventOf<'check-result'>[] = [];
  let passedChecks: EventOf<'check-result'>[] = [];
  let view: RenderedView | undefined;
  let idWidth = 0;
  let titleWidth = 0;
  let questionsLeft = 0;
  let looking: string[] = [];
  /** A replay: every step line and the verdict say so. */
  let replay = false;

  const write = (line = ''): void => {
    out.write(`${line}\n`);
  };

  const stepFinished = (event: EventOf<'step-finished'>): void => {
    const title = current?.title ?? '';
    const phase = current && current.phase !== 'steps' ? ` (${current.phase})` : '';
    const status = event.status === 'passed' ? '' : `  ${event.status.toUpperCase()}`;
    const time = replay ? 'REPLAY' : formatDuration(event.durationMs).padStart(6);
    write(`  ${MARK[event.status]} ${event.stepId.padEnd(idWidth)}  ${`${title}${phase}`.padEnd(titleWidth)}  ${time}${status}`);
    if (event.status === 'skipped' && event.reason) write(`      ${event.reason}`);
    if (event.doneBy) write(`      ${taskDoneText(event.doneBy)}`);
    if (event.status === 'skipped' && event.reason === QUESTION_FOR_A_LEARNER) questionsLeft++;
    if (view) {
      // The step's proxy-config table or diff, as the TUI shows it (full width: istioctl's own text).
      write(`      ${view.title}:`);
      for (const line of view.lines) write(`        ${line}`.trimEnd());
      view = undefined;
    }
    if (options.detail && event.status === 'passed') {
      for (const { verdict } of passedChecks) write(`      ✓ ${verdict.label}`);
      if (event.tail.length > 0) {
        write('      last output:');
        for (const line of event.tail.slice(-OUTPUT_LINES_WHEN_ASKED)) write(`        | ${line}`);
      }
      if (event.logFile && event.tail.length > 0) write(`      log:  ${event.logFile}`);
    }
    if (event.status !== 'failed') return;
    const pad = '      ';
    if (options.detail) for (const { verdict } of passedChecks) write(`${pad}✓ ${verdict.label}`);
    for (const { verdict } of failedChecks) {
      write(`${pad}✗ ${verdict.label}`);
      write(`${pad}  expected: ${indent(verdict.expected, `${pad}            `)}`);
      write(`${pad}  actual:   ${indent(verdict.actual, `${pad}            `)}`);
      if (verdict.explanation) write(`${pad}  why:      ${indent(verdict.explanation, `${pad}            `)}`);
    }
    if (failedChecks.length === 0 && event.reason) write(`${pad}why:  ${event.reason}`);
    if (current?.explain) write(`${pad}next: ${indent(current.explain.trim(), `${pad}      `)}`);
    if (current?.hints[0]) write(`${pad}hint: ${indent(current.hints[0].trim(), `${pad}      `)}`);
    if (event.tail.length > 0 && failedChecks.length === 0) {
      write(`${pad}last output:`);
      for (const line of event.tail.slice(-OUTPUT_LINES_ON_FAILURE)) write(`${pad}  | ${line}`);
    }
    if (event.logFile) write(`${pad}log:  ${event.logFile}`);
  };

  const handlers: { [T in EngineEvent['type']]?: (event: EventOf<T>) => void } = {
    'step-view': (event) => {
      view = options.renderView?.(event.view, event.payload) ?? { title: `${typeof event.view === 'string' ? event.view : event.view.kind} (not drawn here)`, lines: [] };
    },
    'lesson-started': (event) => {
      idWidth = Math.max(0, ...event.steps.map((step) => step.id.length));
      titleWidth = Math.max(0, ...event.steps.map((step) => step.title.length + (step.phase === 'steps' ? 0 : step.phase.length + 3)));
      write(`${event.lessonId}: ${event.title} (${event.steps.length} step${event.steps.length === 1 ? '' : 's'})`);
      replay = event.replay !== undefined;
      if (event.replay) {
        write(`REPLAY of ${event.replay.file}, ${recordingOrigin(event.replay)}.`);
        write('Nothing runs on this machine: each step shows the output it printed then, and its checks are judged on it.');
      }
    },
    'step-started': (event) => {
      current = event;
      failedChecks = [];
      passedChecks = [];
    },
    'check-result': (event) => {
      (event.verdict.passed ? passedChecks : failedChecks).push(event);
    },
    'step-diagnosis-started': (event) => {
      looking = event.looking;
      write(`      looking for the cause… (${event.looking.join(', ')})`);
    },
    'step-diagnosis': (event) => {
      for (const line of likelyCauseLines(event, looking)) write(`      ${line}`);
      looking = [];
    },
    'step-finished': stepFinished,
    'lesson-finished': (event) => {
      const verdict = event.status === 'passed' ? 'PASSED' : event.status === 'failed' ? 'FAILED' : 'CANCELLED';
      if (replay) write(`REPLAY ${verdict}: on the recorded output, ${event.passed} passed, ${event.failed} failed, ${event.skipped} skipped (watched, not run: progress keeps them apart)`);
      else write(`${verdict}: ${event.passed} passed, ${event.failed} failed, ${event.skipped} skipped in ${formatDuration(event.durationMs)}`);
      if (questionsLeft > 0) {
        const all = questionsLeft === event.skipped ? (questionsLeft === 1 ? 'it is' : 'all are') : `${questionsLeft} of them are`;
        write(`(${event.skipped} skipped: ${all} ${questionsLeft === 1 ? 'a question' : 'questions'} for a learner; run without --yes to answer ${questionsLeft === 1 ? 'it' : 'them'})`);
      }
    },
  };

  return {
    handle(event) {
      (handlers[event.type] as ((e: EngineEvent) => void) | undefined)?.(event);
    },
    finish() {},
  };
}
