/** Drive the real TUI in a real terminal: a tmux session of a fixed size, keys sent, the screen read back. */
import { execFileSync, spawnSync } from 'node:child_process';

export const HAS_TMUX = spawnSync('tmux', ['-V']).status === 0;

/**
 * Each session gets a tmux server of its own (-L), started with a known environment and no user config:
 * sessions made in a shared server inherit that server's environment (CI=true, say), not the test's.
 */
export class TmuxSession {
  readonly name = `mw-test-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;

  constructor(command: string, columns = 100, rows = 30) {
    const env: NodeJS.ProcessEnv = { ...process.env, TERM: 'xterm-256color' };
    for (const name of Object.keys(env)) if (name === 'CI' || name === 'CONTINUOUS_INTEGRATION' || name.startsWith('CI_')) delete env[name];
    execFileSync('tmux', [...this.server(), 'new-session', '-d', '-s', this.name, '-x', String(columns), '-y', String(rows), command], { env });
  }

  /** The tmux arguments that address this session's own server. */
  server(): string[] {
    return ['-L', this.name, '-f', '/dev/null'];
  }

  keys(...keys: string[]): void {
    for (const key of keys) execFileSync('tmux', [...this.server(), 'send-keys', '-t', this.name, key]);
  }

  /** Several keys in one write, as fast typing or a paste delivers them. */
  keysTogether(...keys: string[]): void {
    execFileSync('tmux', [...this.server(), 'send-keys', '-t', this.name, ...keys]);
  }

  /**
   * The screen's rows. `joined`: rows the terminal wrapped are joined back into the line the program
   * wrote, so a line wider than the window shows as one long line, not as two rows that each fit.
   */
  screen(options: { escapes?: boolean; joined?: boolean } = {}): string {
    const flags = [...(options.escapes ? ['-e'] : []), ...(options.joined ? ['-J'] : [])];
    const screen = execFileSync('tmux', [...this.server(), 'capture-pane', '-p', ...flags, '-t', this.name], { encoding: 'utf8' });
    // -J keeps each row's trailing spaces; they are the window's, not the program's.
    return options.joined ? screen.replace(/ +$/gm, '') : screen;
  }

  /** What the terminal itself says: whether the cursor shows and whether the alternate screen is on. */
  terminalState(): { cursorShown: boolean; alternateScreen: boolean } {
    const [cursor, alternate] = execFileSync('tmux', [...this.server(), 'display-message', '-p', '-t', this.name, '#{cursor_flag} #{alternate_on}'], { encoding: 'utf8' }).trim().split(' ');
    return { cursorShown: cursor === '1', alternateScreen: alternate === '1' };
  }

  resize(columns: number, rows: number): void {
    execFileSync('tmux', [...this.server(), 'resize-window', '-t', this.name, '-x', String(columns), '-y', String(rows)]);
  }

  /** Wait until the screen shows what `matches` looks for; fails with the screen as it was. */
  async waitFor(matches: (screen: string) => boolean, what: string, timeoutMs = 15_000, options: { joined?: boolean } = {}): Promise<string> {
    const started = Date.now();
    for (;;) {
      const screen = this.screen(options);
      if (matches(screen)) return screen;
      if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}; the screen was:\n${screen}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  kill(): void {
    spawnSync('tmux', [...this.server(), 'kill-server']);
  }
}
