/**
 * The player's screen (pure): the REPLAY mark with the recording's date and versions, the step's text on
 * the left, its recorded output up to the playhead on the right, and once the step has played, its checks
 * as judged on that output. The Ink component lays the columns out side by side (or one above the other).
 */
import type { ScreenLine } from '../presenter/presenter-lines.js';
import { plainMarkdown } from '../views/plain-markdown.js';
import { outputUpTo, type PlayerState, type PlayerStep } from './player-state.js';
import type { CastEvent } from './asciicast.js';

export interface StepJudgement {
  status: string;
  checks: { label: string; passed: boolean; expected: string; actual: string }[];
  reason?: string;
}

export interface PlayerModel {
  lessonId: string;
  title: string;
  /** "recorded … with …" (recordingOrigin). */
  origin: string;
  steps: PlayerStep[];
  events: CastEvent[];
  /** Each step's text (Markdown), when the lesson is in this pack. */
  texts: ReadonlyMap<string, string>;
  /** Each step's checks judged on its recorded output. */
  judged: ReadonlyMap<string, StepJudgement>;
}

export interface PlayerScreenLines {
  header: ScreenLine[];
  left: ScreenLine[];
  right: ScreenLine[];
  footer: ScreenLine[];
  /** Side by side (wide enough), else the text above the output. */
  sideBySide: boolean;
  leftWidth: number;
}

const seconds = (value: number): string => `${value.toFixed(1)}s`;
const cut = (text: string, width: number): string => ([...text].length <= width ? text : `${[...text].slice(0, Math.max(0, width - 1)).join('')}…`);

function judgementLines(judged: StepJudgement | undefined, width: number): ScreenLine[] {
  if (!judged) return [];
  const failed = judged.checks.filter((check) => !check.passed);
  if (judged.status === 'skipped') return [{ text: cut(`- not judged: ${judged.reason ?? 'skipped'}`, width), tone: 'dim' }];
  if (judged.status === 'passed') return [{ text: cut(judged.checks.length > 0 ? `✓ its ${judged.checks.length === 1 ? 'check passes' : `${judged.checks.length} checks pass`} on the recorded output` : '✓ passed when recorded', width), tone: 'passed' }];
  return [
    { text: cut(`✗ fails on the recorded output${judged.reason ? `: ${judged.reason}` : ''}`, width), tone: 'failed' },
    ...failed.flatMap((check) => [
      { text: cut(`  ✗ ${check.label}`, width), tone: 'failed' as const },
      { text: cut(`    expected: ${check.expected.split('\n')[0] ?? ''}`, width) },
      { text: cut(`    actual:   ${check.actual.split('\n')[0] ?? ''}`, width) },
    ]),
  ];
}

export function playerLines(model: PlayerModel, state: PlayerState, width: number, height: number): PlayerScreenLines {
  const index = state.current;
  const step = index === undefined ? undefined : model.steps[index];
  const where = step && index !== undefined ? `step ${index + 1}/${model.steps.length}` : `${model.steps.length} steps`;
  const play = `${state.playing ? '▶' : '❚❚ paused'} ${state.speed}x · ${seconds(state.position)} / ${seconds(state.duration)}`;
  const header: ScreenLine[] = [
    { text: cut(`REPLAY · ${model.lessonId} · ${model.title}`, width), tone: 'marker' },
    { text: cut(`${model.origin}: nothing runs on this machine`, width), tone: 'dim' },
    { text: cut(`${where} · ${play}`, width) },
    { text: '─'.repeat(width), tone: 'dim' },
  ];
  const footer: ScreenLine[] = [{ text: cut('Enter: next step · Space: pause · ← →: seek 5s · q: quit', width), tone: 'dim' }];
  const sideBySide = width >= 90;
  const leftWidth = sideBySide ? Math.floor(width * 0.4) : width;
  const rightWidth = sideBySide ? width - leftWidth - 2 : width;
  const room = height - header.length - footer.length;
  if (!step || index === undefined) {
    return { header, left: [{ text: 'Enter plays the first step.' }], right: [], footer, sideBySide, leftWidth };
  }
  const text = model.texts.get(step.id);
  const left: ScreenLine[] = [{ text: cut(step.title, leftWidth), tone: 'title' }, { text: '' }, ...(text === undefined ? [{ text: '(this lesson is not in the lesson pack here)', tone: 'dim' as const }] : plainMarkdown(text, leftWidth).map((line) => ({ text: line })))];
  const played = state.position >= step.end || state.position >= state.duration;
  const verdict = played ? judgementLines(model.judged.get(step.id), rightWidth) : [];
  const rightRoom = (sideBySide ? room : Math.max(3, room - Math.min(left.length, Math.floor(room / 2)))) - verdict.length;
  const output = outputUpTo(model.events, model.steps, index, state.position).map((line) => ({ text: line }));
  const right = [...output.slice(-Math.max(0, rightRoom)), ...verdict];
  return { header, left: sideBySide ? left.slice(0, room) : left.slice(0, Math.max(0, room - right.length)), right, footer, sideBySide, leftWidth };
}
