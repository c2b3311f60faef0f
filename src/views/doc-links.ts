/**
 * A step's `docs` (the pages it follows) as lines under its text. Where the terminal shows hyperlinks, each
 * title is one (OSC 8: `ESC ]8;;URL ESC \ title ESC ]8;; ESC \`), with nothing after it; elsewhere, and in
 * the line-by-line mode (screen readers, logs), `title: URL`. An address is never cut: one that does not
 * fit beside its title stands on a line of its own, however long, so it can be selected and opened whole.
 *
 * These are the workshop's own texts, drawn as they are (command output, which is untrusted, goes through
 * terminal-text.ts instead); lint refuses control characters in them, and they are removed here as well, so
 * no title or address can end the link early or send a sequence of its own.
 */
import { wrapWords } from './wrap-text.js';

export interface DocLink {
  title: string;
  url: string;
}

export interface DocLinkOptions {
  /** Draw each title as a terminal hyperlink (see hyperlinksSupported); otherwise `title: URL`. */
  hyperlinks: boolean;
}

// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u001f\u007f-\u009f]/g;

/** The title as one line of words, with no control character. */
function cleanTitle(title: string): string {
  return title.replace(CONTROLS, ' ').replace(/\s+/g, ' ').trim();
}

/** The address with no control character or space (lint refuses both; a link must not carry them). */
function cleanUrl(url: string): string {
  return url.replace(CONTROLS, '').replace(/\s+/g, '');
}

/** `text` as a terminal hyperlink to `url` (OSC 8, ended by ST). */
export function osc8(url: string, text: string): string {
  return `\u001b]8;;${url}\u001b\\${text}\u001b]8;;\u001b\\`;
}

/** The lines that show `docs` in `width` columns (counted in characters, not counting the link's own sequences). */
export function docLinkLines(docs: readonly DocLink[], width: number, options: DocLinkOptions): string[] {
  const columns = Math.max(1, Math.floor(width));
  const lines: string[] = [];
  for (const doc of docs) {
    const url = cleanUrl(doc.url);
    const title = cleanTitle(doc.title) || url;
    if (title === url && !options.hyperlinks) {
      lines.push(url); // a page without a title (lint refuses one) is shown by its address alone
      continue;
    }
    if (options.hyperlinks) {
      // Each line of a wrapped title is a link of its own: a terminal marks links cell by cell.
      for (const line of wrapWords(title, columns)) lines.push(osc8(url, line));
      continue;
    }
    const oneLine = `${title}: ${url}`;
    if (oneLine.length <= columns) {
      lines.push(oneLine);
      continue;
    }
    lines.push(...wrapWords(`${title}:`, columns));
    const indent = url.length + 2 <= columns ? '  ' : '';
    lines.push(`${indent}${url}`);
  }
  return lines;
}

/**
 * Whether a terminal shows OSC 8 hyperlinks, from its environment: yes in those known to (iTerm2 3.1+,
 * WezTerm, VS Code's terminal, Ghostty, kitty, foot, Alacritty, Windows Terminal, Konsole, GNOME Terminal
 * and other VTE 0.50+ terminals), no in tmux and screen (they pass them on only when set up to), on the
 * Linux console, in Terminal.app, and where not a terminal. FORCE_HYPERLINK=1 or 0 decides for the learner.
 */
export function hyperlinksSupported(env: NodeJS.ProcessEnv, isTTY: boolean): boolean {
  const forced = env.FORCE_HYPERLINK;
  if (forced !== undefined && forced !== '') return forced !== '0' && forced.toLowerCase() !== 'false';
  if (!isTTY || env.TERM === 'dumb' || env.TERM === 'linux') return false;
  if (env.TMUX || env.STY || env.TERM?.startsWith('screen') || env.TERM?.startsWith('tmux')) return false;
  if (env.WT_SESSION || env.KITTY_WINDOW_ID || env.KONSOLE_VERSION || env.WEZTERM_EXECUTABLE) return true;
  const [major = 0, minor = 0] = (env.TERM_PROGRAM_VERSION ?? '').split('.').map((part) => Number.parseInt(part, 10) || 0);
  switch (env.TERM_PROGRAM) {
    case 'iTerm.app':
      return major > 3 || (major === 3 && minor >= 1);
    case 'WezTerm':
    case 'ghostty':
      return true;
    case 'vscode':
      return major > 1 || (major === 1 && minor >= 72);
    default:
      break;
  }
  const vte = Number.parseInt(env.VTE_VERSION ?? '', 10);
  if (vte > 5000) return true; // 0.50.0 announced them and crashed on them
  return ['xterm-kitty', 'xterm-ghostty', 'alacritty', 'foot', 'foot-extra', 'wezterm'].includes(env.TERM ?? '');
}
