/**
 * Command output is shown as text. Escape sequences that move the cursor, clear the screen, set the window
 * title or talk to the terminal are removed; colour (SGR, `ESC[…m`) is kept. A carriage return redraws a
 * line in a terminal (progress bars), so only the text after the last one is kept.
 */
// eslint-disable-next-line no-control-regex
const NEEDS_WORK = /[\u0000-\u0008\u000b-\u001f\u007f\u009b]/;
// eslint-disable-next-line no-control-regex
const ESCAPES = /\u001b\[[0-?]*[ -/]*[@-~]|\u009b[0-?]*[ -/]*[@-~]|\u001b[\]PX^_][\s\S]*?(?:\u0007|\u001b\\|$)|\u001b[ -/]*[0-~]?/g;
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000b-\u001a\u001c-\u001f\u007f]/g;
// eslint-disable-next-line no-control-regex
const SGR = /^\u001b\[[0-9;:]*m$/;

/** Whether a piece of output holds anything to neutralise; most output holds nothing. */
export function needsNeutralising(text: string): boolean {
  return NEEDS_WORK.test(text);
}

export function neutraliseLine(line: string): string {
  if (!NEEDS_WORK.test(line)) return line;
  const afterReturn = line.includes('\r') ? lastRedraw(line) : line;
  return afterReturn.replace(ESCAPES, (sequence) => (SGR.test(sequence) ? sequence : '')).replace(CONTROLS, '');
}

/** The text a terminal would finally show for "a\rb": the last non-empty redraw. */
function lastRedraw(line: string): string {
  const parts = line.split('\r');
  for (let index = parts.length - 1; index >= 0; index--) {
    if (parts[index] !== '') return parts[index] ?? '';
  }
  return '';
}
