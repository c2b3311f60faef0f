/**
 * The one reading of terminal escape sequences in command output, for everything that shows, checks or
 * reports it: the engine keeps colour and removes the rest, checks and reports remove all of it. Two
 * readings that disagree would let a check see text the screen hides, or the reverse.
 *
 * ECMA-48 forms, 7-bit (ESC …) and 8-bit (one C1 byte), as terminals read them:
 * - CSI (`ESC [` or 0x9B): parameters, intermediates, one final byte; SGR (final `m`) is colour;
 * - strings (OSC `ESC ]`/0x9D, DCS `ESC P`/0x90, SOS `ESC X`/0x98, PM `ESC ^`/0x9E, APC `ESC _`/0x9F):
 *   up to BEL or ST (`ESC \` or 0x9C); one never terminated runs to the end of the text, as a terminal
 *   would swallow it;
 * - any other `ESC` with intermediates and a final byte (charset selection, keypad modes, RIS), or a lone ESC.
 */

/* eslint-disable no-control-regex */
const CSI = String.raw`(?:\u001b\[|\u009b)[0-?]*[ -/]*[@-~]`;
const STRING = String.raw`(?:\u001b[\]PX^_]|[\u0090\u0098\u009d-\u009f])[\s\S]*?(?:\u0007|\u001b\\|\u009c|$)`;
const OTHER_ESCAPE = String.raw`\u001b[ -/]*[0-~]?`;
const ESCAPE_SEQUENCE = new RegExp(`${CSI}|${STRING}|${OTHER_ESCAPE}`, 'g');
const COLOUR = /^(?:\u001b\[|\u009b)[0-9;:]*m$/;
/** Control characters a person never reads (tab, newline and carriage return are kept: they shape lines). */
const INVISIBLE_CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001a\u001c-\u001f\u007f\u0080-\u009f]/g;
/** Anything the two functions below would change; most output holds nothing of it. */
const ANY_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
/* eslint-enable no-control-regex */

/** Whether a text holds any escape sequence or control character to look at. */
export function hasTerminalControls(text: string): boolean {
  return ANY_CONTROL.test(text);
}

/** The text with colour kept and every other escape sequence and invisible control removed. */
export function keepColourOnly(text: string): string {
  if (!ANY_CONTROL.test(text)) return text;
  // An 8-bit colour (0x9B …m) is kept in its 7-bit form: the C1 byte itself goes with the invisible controls.
  return text.replace(ESCAPE_SEQUENCE, (sequence) => (COLOUR.test(sequence) ? sequence.replace(/^\u009b/, '\u001b[') : '')).replace(INVISIBLE_CONTROLS, '');
}

/** The text a person reads: no escape sequence at all (colour included), no invisible control. */
export function plainText(text: string): string {
  if (!ANY_CONTROL.test(text)) return text;
  return text.replace(ESCAPE_SEQUENCE, '').replace(INVISIBLE_CONTROLS, '');
}
