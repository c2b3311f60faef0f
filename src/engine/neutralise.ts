/**
 * Command output is shown as text. Escape sequences that move the cursor, clear the screen, set the window
 * title or talk to the terminal are removed; colour (SGR, `ESC[…m`) is kept (terminal-text.ts reads them
 * for the checks and reports too). A carriage return redraws a line in a terminal (progress bars), so only
 * the text after the last one is kept.
 */
import { hasTerminalControls, keepColourOnly } from '../terminal-text.js';

/** Whether a piece of output holds anything to neutralise; most output holds nothing. */
export function needsNeutralising(text: string): boolean {
  return hasTerminalControls(text);
}

export function neutraliseLine(line: string): string {
  if (!hasTerminalControls(line)) return line;
  return keepColourOnly(line.includes('\r') ? lastRedraw(line) : line);
}

/** A batch of lines (joined by newlines), each neutralised: a carriage return redraws only its own line. */
export function neutraliseBatch(batch: string): string {
  return batch.split('\n').map(neutraliseLine).join('\n');
}

/** The text a terminal would finally show for "a\rb": the last non-empty redraw. */
function lastRedraw(line: string): string {
  const parts = line.split('\r');
  for (let index = parts.length - 1; index >= 0; index--) {
    if (parts[index] !== '') return parts[index] ?? '';
  }
  return '';
}
