/**
 * The check panel as lines: each check with its mark (a spinner and countdown while it polls), on failure
 * expected, actual and why, then the likely causes the workshop found in the clusters (or that it is
 * looking); a distribution's histogram; the hints opened so far and the solution.
 *
 * One `next:` line at most: the cause the failed step's output names (failure-cause.ts), else the step's
 * own `explain`. The likely causes each carry their own action (→), and one of the same kind as the
 * output's cause is not repeated.
 */
import { histogramLines } from '../views/histogram.js';
import { failureCauseKind } from './failure-cause.js';
import { SPINNER } from './glyphs.js';
import type { CheckView, DiagnosisView, StepView } from './lesson-state.js';
import { wrapWithPrefix } from '../views/wrap-text.js';

export interface PanelLine {
  text: string;
  tone?: 'ok' | 'fail' | 'muted' | 'hint';
}

function indentLines(text: string, prefix: string): string[] {
  return text.split('\n').map((line) => `${prefix}${line}`);
}

/** Teaching text wrapped to the panel's width, each line of it a panel line in one tone. */
function wrapped(text: string, prefix: string, width: number, tone?: PanelLine['tone']): PanelLine[] {
  return wrapWithPrefix(text, prefix, width).map((line) => (tone ? { text: line, tone } : { text: line }));
}

/** Each of `text`'s lines wrapped under `prefix` (the first) and its indent (the others). */
function wrappedEach(lines: readonly string[], prefix: string, width: number): PanelLine[] {
  const indent = ' '.repeat(prefix.length);
  return lines.flatMap((line, index) => wrapWithPrefix(line, index === 0 ? prefix : indent, width, indent).map((text) => ({ text })));
}

export interface PanelClock {
  /** The spinner's frame. */
  frame: number;
  /** Now, in epoch ms: the retry countdown is worked out from it at each render. */
  now: number;
}

/** What the panel says besides the checks: what this machine lacks for the lesson, and the cause a failure's output names. */
export interface PanelExtras {
  /** Each thing lacked with its fix (failure-cause.ts), shown until the step passes. */
  lacks?: readonly string[] | undefined;
  /** The cause the failed step's output names, with its fix: the `next:` line says it. */
  cause?: string | undefined;
  /** A task: the commands the learner typed in the workshop shell on their last visit. */
  typed?: readonly string[] | undefined;
  /** A task: what the workshop found in the learner's file (problems, or the difference from the reference). */
  fileNotes?: readonly string[] | undefined;
}

/** How many typed commands the panel shows: the last ones, which led to the verdict. */
const TYPED_SHOWN = 6;
/** How many lines of a cause's detail (a crashed container's last lines) the panel shows. */
const DETAIL_SHOWN = 5;

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}

/** The likely causes under a failure, or the spinner while they are looked for. */
export function diagnosisLines(diagnosis: DiagnosisView, outputCause: string | undefined, width: number, frame: number): PanelLine[] {
  const looking = diagnosis.looking.length > 0 ? ` (${diagnosis.looking.join(', ')})` : '';
  if (diagnosis.state === 'looking') {
    const spinner = SPINNER[frame % SPINNER.length] ?? '*';
    const count = diagnosis.of > 0 ? ` ${diagnosis.done} of ${diagnosis.of}` : '';
    return wrapped(`Looking for the cause…${looking}${count}`, `${spinner} `, width, 'muted');
  }
  const repeated = failureCauseKind(outputCause);
  const causes = diagnosis.causes.filter((cause) => cause.kind !== repeated);
  const stopped = diagnosis.stoppedByTimeLimit > 0 ? `; the time limit cut short ${diagnosis.stoppedByTimeLimit} of its lookups` : '';
  if (causes.length === 0) {
    // Nothing more to say when the output's own cause was all it found.
    if (diagnosis.causes.length > 0) return [];
    return wrapped(`No likely cause found in the clusters${looking}, ${seconds(diagnosis.durationMs)}${stopped}.`, '', width, 'muted');
  }
  const lines: PanelLine[] = wrapped(`${causes.length === 1 ? 'Likely cause' : 'Likely causes, most likely first'} (found in ${seconds(diagnosis.durationMs)}${stopped}):`, '', width);
  for (const [index, cause] of causes.entries()) {
    const number = `${index + 1}. `;
    const indent = ' '.repeat(number.length + 2);
    lines.push(...wrapWithPrefix(cause.title, `  ${number}`, width, indent).map((text) => ({ text, tone: 'fail' as const })));
    const detail = (cause.detail ?? '').split('\n').filter(Boolean);
    for (const line of detail.slice(0, DETAIL_SHOWN)) lines.push(...wrapped(line, indent, width, 'muted'));
    lines.push(...wrapWithPrefix(cause.next, `${indent}→ `, width, `${indent}  `).map((text) => ({ text })));
  }
  return lines;
}

export function checkPanelLines(step: StepView | undefined, checks: readonly CheckView[], hintsShown: number, solutionShown: boolean, width: number, { frame, now }: PanelClock, extras: PanelExtras = {}): PanelLine[] {
  if (!step) return [];
  const lines: PanelLine[] = [];

  for (const check of checks) {
    if (check.state === 'running' || check.state === 'waiting') {
      const spinner = SPINNER[frame % SPINNER.length] ?? '*';
      const again = check.retryAt === undefined ? '' : `, again in ${(Math.max(0, check.retryAt - now) / 1000).toFixed(1)}s`;
      const wait = check.state !== 'waiting' ? '' : check.lastPassed ? ` — passed, making sure it holds${again}` : ` — not yet (attempt ${check.attempt})${again}`;
      lines.push({ text: `${spinner} ${check.label}${wait}`, tone: 'muted' });
      if (check.progress) {
        lines.push({ text: `    ${check.progress.runs} of ${check.progress.of} calls back`, tone: 'muted' });
        lines.push(...histogramLines(check.progress.histogram, width - 4).slice(0, -1).map((text) => ({ text: `    ${text}` })));
      } else if (check.lastActual) {
        lines.push(...indentLines(check.lastActual.split('\n').slice(-3).join('\n'), '    ').map((text) => ({ text, tone: 'muted' as const })));
      }
      continue;
    }
    const verdict = check.verdict;
    lines.push({ text: `${check.state === 'passed' ? '✓' : '✗'} ${check.label}`, tone: check.state === 'passed' ? 'ok' : 'fail' });
    if (verdict?.histogram) lines.push(...histogramLines(verdict.histogram, width - 4).map((text) => ({ text: `    ${text}` })));
    if (check.state === 'failed' && verdict) {
      lines.push(...wrappedEach(verdict.expected.split('\n').slice(0, 6), '    expected: ', width));
      lines.push(...wrappedEach(verdict.actual.split('\n').slice(-6), '    actual:   ', width));
      if (verdict.explanation) lines.push(...wrapped(verdict.explanation, '    why:      ', width));
    }
  }
  if (step.state === 'failed' && checks.every((check) => check.state !== 'failed') && step.reason) lines.push(...wrapped(step.reason, '✗ ', width, 'fail'));
  if (step.state === 'failed' && step.diagnosis) lines.push(...diagnosisLines(step.diagnosis, extras.cause, width, frame));
  if (step.state === 'passed' && step.doneBy === 'help') lines.push({ text: 'Done with help: the workshop ran the solution for you.', tone: 'muted' });
  if (extras.typed && extras.typed.length > 0) {
    const shown = extras.typed.slice(-TYPED_SHOWN);
    const more = extras.typed.length - shown.length;
    lines.push({ text: `You typed${more > 0 ? ` (the last ${shown.length} of ${extras.typed.length})` : ''}:`, tone: 'muted' });
    for (const command of shown) lines.push(...wrapped(command, '  $ ', width, 'muted'));
  }
  for (const note of extras.fileNotes ?? []) lines.push(...wrapped(note, '', width, note.startsWith('+') ? 'ok' : note.startsWith('-') ? 'fail' : undefined));
  // The cause the output names comes first: a missing tool, cluster or engine, whatever the step was for.
  if (step.state === 'failed' && extras.cause) lines.push(...wrapped(extras.cause, 'next: ', width));
  else if (step.state === 'failed' && step.explain) lines.push(...wrapped(step.explain.trim(), 'next: ', width));
  // Before the step has passed: what this machine lacks for the lesson (first, on opening; after why, on failure).
  if (extras.lacks && extras.lacks.length > 0 && step.state !== 'passed' && step.state !== 'skipped') {
    lines.push(...wrapped('This machine lacks, for this lesson (each with a fix):', '', width, 'fail'));
    for (const lack of extras.lacks) lines.push(...wrapped(lack, '  ✗ ', width, 'fail'));
  }
  for (const [level, hint] of step.hints.slice(0, hintsShown).entries()) lines.push(...wrapped(hint.trim(), `hint ${level + 1}: `, width, 'hint'));
  if (solutionShown && step.solution) lines.push(...wrapped(step.solution.trim(), 'solution: ', width, 'hint'));
  if (step.state === 'failed' && hintsShown < step.hints.length) lines.push({ text: 'Press h for a hint.', tone: 'muted' });
  return lines;
}
