/**
 * `mesh-workshop present LESSON [--typing MS] [--replay DIR]`: the lesson on the instructor's screen, calm;
 * `present --notes`: the speaker notes of the step the presenter is on, in a second terminal.
 * `mesh-workshop replay DIR|FILE.cast [LESSON] [--speed X]`: a recording played step by step beside the
 * lesson's text. All three are full screen: they need a terminal.
 */
import { UserError } from '../errors.js';
import type { Flags, GlobalOptions } from './options.js';

export const DEFAULT_TYPING_MS = 40;

/** A whole number of milliseconds per typed character, 0 (no typing out) to 1000. */
export function typingMs(value: string | undefined): number {
  if (value === undefined) return DEFAULT_TYPING_MS;
  const ms = Number(value);
  if (!/^\d+$/.test(value.trim()) || ms > 1000) throw new UserError(`--typing ${value}: give the milliseconds per character, 0 to 1000 (default ${DEFAULT_TYPING_MS})`);
  return ms;
}

/** A playback speed, 0.1 to 20 times the recording's own pace. */
export function playbackSpeed(value: string | undefined): number {
  if (value === undefined) return 1;
  const speed = Number(value);
  if (!Number.isFinite(speed) || speed < 0.1 || speed > 20) throw new UserError(`--speed ${value}: give a factor from 0.1 to 20 (1 plays at the recording's pace)`);
  return speed;
}

type TuiLoader = <T>(load: () => Promise<T>) => Promise<T>;

function needTerminal(what: string): void {
  if (!process.stdout.isTTY || !process.stdin.isTTY) throw new UserError(`${what} draws full screen: run it in a terminal`);
}

/** Raw mode while the screen is up, so keys come one at a time and are not echoed. */
async function withRawMode<T>(run: () => Promise<T>): Promise<T> {
  process.stdin.setRawMode(true);
  try {
    return await run();
  } finally {
    process.stdin.setRawMode(false);
  }
}

export async function presentCommand(globals: GlobalOptions, flags: Flags, args: string[], loadTui: TuiLoader): Promise<number> {
  if (flags.notes) {
    if (args.length > 0) throw new UserError('present --notes follows the presenter: it takes no lesson');
    needTerminal('present --notes');
    const { openNotes } = await loadTui(() => import('../tui/present-main.js'));
    return withRawMode(() => openNotes(globals));
  }
  const [lesson, ...extra] = args;
  if (!lesson) throw new UserError("which lesson? Usage: mesh-workshop present <lesson> (see 'mesh-workshop list')");
  if (extra.length > 0) throw new UserError(`unexpected argument '${extra[0] ?? ''}' after the lesson name`);
  const typing = typingMs(flags.typing);
  needTerminal('present');
  const { openPresenter } = await loadTui(() => import('../tui/present-main.js'));
  return withRawMode(() => openPresenter(globals, lesson, { typingMs: typing, ...(flags.replay === undefined ? {} : { replay: flags.replay }) }));
}

export async function replayCommand(globals: GlobalOptions, flags: Flags, args: string[], loadTui: TuiLoader): Promise<number> {
  const [place, lesson, ...extra] = args;
  if (!place) throw new UserError('which recording? Usage: mesh-workshop replay DIR [LESSON] | FILE.cast (a folder run --record or verify --record wrote)');
  if (extra.length > 0) throw new UserError(`unexpected argument '${extra[0] ?? ''}' after the lesson name`);
  const speed = playbackSpeed(flags.speed);
  needTerminal('replay');
  const { openPlayer } = await loadTui(() => import('../tui/player-main.js'));
  return withRawMode(() => openPlayer(globals, place, lesson, speed));
}
