/**
 * The full-screen terminal, and getting it back on every way out: q, Ctrl-C, SIGTERM, SIGHUP, an uncaught
 * error. Ink 6 has no alternate-screen option, so the escape sequences are written here; restoring shows
 * the cursor, turns raw mode off and returns to the main screen, once.
 */
const ENTER_ALTERNATE_SCREEN = '\u001b[?1049h\u001b[H';
const LEAVE_ALTERNATE_SCREEN = '\u001b[?25h\u001b[?1049l';

export interface FullScreen {
  /** Give the terminal back; safe to call more than once. `farewell` is printed on the main screen. */
  restore(farewell?: string): void;
  /**
   * Lend the terminal to another program (the workshop shell, the editor): the main screen, the cursor
   * shown, and Ctrl-C left to that program (the terminal sends it to both) until `resume`.
   */
  suspend(): void;
  resume(): void;
}

/** Why the workshop must leave at once: a signal from outside, or an error nothing caught. */
export type Interruption = { signal: NodeJS.Signals } | { error: unknown };

export function enterFullScreen(stdout: NodeJS.WriteStream, stdin: NodeJS.ReadStream, onInterrupt: (why: Interruption) => void): FullScreen {
  let restored = false;
  const restore = (farewell?: string): void => {
    if (restored) return;
    restored = true;
    for (const signal of SIGNALS) process.off(signal, handlers[signal]);
    process.off('exit', onExit);
    process.off('uncaughtException', onError);
    process.off('unhandledRejection', onError);
    try {
      if (stdin.isTTY) stdin.setRawMode(false);
      stdout.write(LEAVE_ALTERNATE_SCREEN);
      if (farewell) stdout.write(`${farewell}\n`);
    } catch {
      // The terminal has gone away (its window closed): there is nothing left to restore.
    }
  };
  const onExit = (): void => restore();
  const SIGNALS = ['SIGTERM', 'SIGHUP', 'SIGINT'] as const;
  const handlers = Object.fromEntries(SIGNALS.map((signal) => [signal, () => onInterrupt({ signal })])) as Record<(typeof SIGNALS)[number], () => void>;
  // Node would print an uncaught error on the alternate screen, which vanishes as the process ends.
  const onError = (error: unknown): void => onInterrupt({ error });
  for (const signal of SIGNALS) process.on(signal, handlers[signal]);
  process.on('exit', onExit);
  process.on('uncaughtException', onError);
  process.on('unhandledRejection', onError);
  stdout.write(ENTER_ALTERNATE_SCREEN);
  return {
    restore,
    suspend() {
      if (restored) return;
      process.off('SIGINT', handlers.SIGINT);
      stdout.write(LEAVE_ALTERNATE_SCREEN);
    },
    resume() {
      if (restored) return;
      if (!process.listeners('SIGINT').includes(handlers.SIGINT)) process.on('SIGINT', handlers.SIGINT);
      stdout.write(ENTER_ALTERNATE_SCREEN);
    },
  };
}
