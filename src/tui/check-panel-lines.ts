/**
 * The check panel as lines: each check with its mark (a spinner and countdown while it polls), on failure
 * expected, actual and why; a distribution's histogram; the hints opened so far and the solution.
 */
import { histogramLines } from '../views/histogram.js';
import { SPINNER } from './glyphs.js';
import type { CheckView, StepView } from './lesson-state.js';

export interface PanelLine {
  text: string;
  tone?: 'ok' | 'fail' | 'muted' | 'hint';
}

function indentLines(text: string, prefix: string): string[] {
  return text.split('\n').map((line) => `${prefix}${line}`);
}

export interface PanelClock {
  /** The spinner's frame. */
  frame: number;
  /** Now, in epoch ms: the retry countdown is worked out from it at each render. */
  now: number;
}

export function checkPanelLines(step: StepView | undefined, checks: readonly CheckView[], hintsShown: number, solutionShown: boolean, width: number, { frame, now }: PanelClock): PanelLine[] {
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
      lines.push(...indentLines(verdict.expected, '    expected: ').slice(0, 6).map((text) => ({ text })));
      lines.push(...indentLines(verdict.actual, '    actual:   ').slice(-6).map((text) => ({ text })));
      if (verdict.explanation) lines.push(...indentLines(verdict.explanation, '    why:      ').map((text) => ({ text })));
    }
  }
  if (step.state === 'failed' && checks.every((check) => check.state !== 'failed') && step.reason) lines.push({ text: `✗ ${step.reason}`, tone: 'fail' });
  if (step.state === 'failed' && step.explain) lines.push({ text: `next: ${step.explain.trim()}` });
  for (const [level, hint] of step.hints.slice(0, hintsShown).entries()) lines.push({ text: `hint ${level + 1}: ${hint.trim()}`, tone: 'hint' });
  if (solutionShown && step.solution) lines.push(...indentLines(step.solution.trim(), 'solution: ').map((text) => ({ text, tone: 'hint' as const })));
  if (step.state === 'failed' && hintsShown < step.hints.length) lines.push({ text: 'Press h for a hint.', tone: 'muted' });
  return lines;
}
