/**
 * The presenter's screen as lines for a width and height (pure; the Ink component only draws them): the
 * lesson and step on top, the step's text, the command as it is typed, its output, and only when the step
 * failed, what failed. The footer names the keys the keymap gives this screen.
 */
import { plainMarkdown } from '../views/plain-markdown.js';
import { currentStep, mayPlayRecording, type PresenterState } from './presenter-state.js';

export type Tone = 'title' | 'command' | 'passed' | 'failed' | 'dim' | 'marker';
export interface ScreenLine {
  text: string;
  tone?: Tone;
}

const TEXT_SHARE = 0.35;
const CHECK_LINES = 3;

/** Text that fits `width` columns: cut with an ellipsis (the output keeps colour: Ink cuts that itself). */
function cut(text: string, width: number): string {
  const chars = [...text];
  return chars.length <= width ? text : `${chars.slice(0, Math.max(0, width - 1)).join('')}…`;
}

/** The command as typed so far: `$ ` before the first line, `> ` before the others, a cursor while typing. */
export function typedCommandLines(command: string, typed: number, typing: boolean): string[] {
  const shown = command.replace(/\n+$/, '').slice(0, typed);
  const lines = shown.split('\n').map((line, index) => `${index === 0 ? '$' : '>'} ${line}`);
  if (typing) lines[lines.length - 1] = `${lines.at(-1) ?? ''}▌`;
  return lines;
}

function failureLines(state: PresenterState, width: number): ScreenLine[] {
  if (state.phase !== 'done' || state.status === 'passed') return [];
  if (state.status !== 'failed') return [{ text: `${state.status === 'skipped' ? 'Skipped' : 'Stopped'}${state.reason ? `: ${state.reason}` : ''}`, tone: 'dim' }];
  const lines: ScreenLine[] = [{ text: cut(`✗ FAILED${state.reason ? `: ${state.reason}` : ''}`, width), tone: 'failed' }];
  for (const verdict of state.failedChecks) {
    lines.push({ text: cut(`  ✗ ${verdict.label}`, width), tone: 'failed' });
    const first = (text: string): string => text.split('\n').slice(0, CHECK_LINES).join(' ⏎ ');
    lines.push({ text: cut(`    expected: ${first(verdict.expected)}`, width) });
    lines.push({ text: cut(`    actual:   ${first(verdict.actual)}`, width) });
    if (verdict.explanation) lines.push({ text: cut(`    why:      ${first(verdict.explanation)}`, width), tone: 'dim' });
  }
  return lines;
}

function footer(state: PresenterState, hasRecordings: boolean): string {
  if (state.notice) return state.notice;
  if (state.phase === 'setup') return 'Setting up the lesson… q: quit';
  const keys = [
    state.phase === 'ready' ? 'Enter: type the command' : state.phase === 'typing' ? 'Enter: finish typing' : state.phase === 'done' ? 'Enter: next step' : 'running…',
    'n/p: step',
    ...(mayPlayRecording(state) && hasRecordings ? ['R: play its recording'] : []),
    'q: quit',
  ];
  return keys.join(' · ');
}

export function presenterLines(state: PresenterState, width: number, height: number, options: { hasRecordings: boolean }): ScreenLine[] {
  const step = currentStep(state);
  const where = step ? `step ${state.index + 1}/${state.steps.length}` : '';
  const heading = `${state.lesson.id} · ${state.lesson.title}`;
  const top: ScreenLine[] = [{ text: `${cut(heading, Math.max(1, width - where.length - 2)).padEnd(Math.max(0, width - where.length))}${where}`, tone: 'title' }, { text: '─'.repeat(width), tone: 'dim' }];
  const bottom: ScreenLine[] = [{ text: '', tone: 'dim' }, { text: cut(footer(state, options.hasRecordings), width), tone: 'dim' }];

  if (state.phase === 'setup' || state.setup.failed) {
    const { setup } = state;
    const progress = setup.failed
      ? [{ text: cut(`✗ Setting up failed at ${setup.failed.title}`, width), tone: 'failed' as const }, ...setup.failed.why.map((line) => ({ text: cut(`  ${line}`, width) }))]
      : [{ text: cut(`Setting up (${setup.done + 1}/${setup.total}): ${setup.current ?? '…'}`, width), tone: 'dim' as const }];
    return [...top, ...progress, ...bottom].slice(0, height);
  }
  if (!step) return [...top, { text: 'This lesson has no steps.' }, ...bottom];

  const body: ScreenLine[] = [{ text: cut(step.title, width), tone: 'title' }];
  if (state.source === 'recording') body.push({ text: cut(`RECORDING, not this machine: ${state.recording ?? ''}`, width), tone: 'marker' });
  const failure = failureLines(state, width);
  const shownCommand = state.source === 'recording' ? (state.recordedCommand ?? step.command) : step.command;
  const command = shownCommand && state.phase !== 'ready' ? typedCommandLines(shownCommand, state.phase === 'typing' ? state.typed : shownCommand.length, state.phase === 'typing').map((text) => ({ text: cut(text, width), tone: 'command' as const })) : [];
  const status: ScreenLine[] = state.phase === 'done' && state.status === 'passed' ? [{ text: '✓ passed', tone: 'passed' }] : [];
  const room = height - top.length - bottom.length - body.length - failure.length - command.length - status.length - 1;
  const text = plainMarkdown(step.text, width).map((line) => ({ text: line }));
  // The text takes at most its share while there is output to show; all of the room before.
  const textRoom = state.phase === 'ready' || state.phase === 'typing' ? room : Math.min(text.length, Math.max(2, Math.floor(height * TEXT_SHARE)));
  const shownText = text.slice(0, Math.max(0, textRoom));
  const outputRoom = Math.max(0, room - shownText.length);
  const output = state.output.slice(-outputRoom).map((line) => ({ text: line }));
  return [...top, ...body, ...shownText, { text: '' }, ...command, ...output, ...status, ...failure, ...bottom].slice(0, height);
}
