/** Drive the real TUI in a real terminal: a tmux session of a fixed size, keys sent, the screen read back. */
import { execFileSync, spawnSync } from 'node:child_process';

export const HAS_TMUX = spawnSync('tmux', ['-V']).status === 0;

export class TmuxSession {
  readonly name = `mw-test-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;

  constructor(command: string, columns = 100, rows = 30) {
    execFileSync('tmux', ['new-session', '-d', '-s', this.name, '-x', String(columns), '-y', String(rows), command]);
  }

  keys(...keys: string[]): void {
    for (const key of keys) execFileSync('tmux', ['send-keys', '-t', this.name, key]);
  }

  screen(): string {
    return execFileSync('tmux', ['capture-pane', '-p', '-t', this.name], { encoding: 'utf8' });
  }

  resize(columns: number, rows: number): void {
    execFileSync('tmux', ['resize-window', '-t', this.name, '-x', String(columns), '-y', String(rows)]);
  }

  /** Wait until the screen shows what `matches` looks for; fails with the screen as it was. */
  async waitFor(matches: (screen: string) => boolean, what: string, timeoutMs = 15_000): Promise<string> {
    const started = Date.now();
    for (;;) {
      const screen = this.screen();
      if (matches(screen)) return screen;
      if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}; the screen was:\n${screen}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  kill(): void {
    spawnSync('tmux', ['kill-session', '-t', this.name]);
  }
}
