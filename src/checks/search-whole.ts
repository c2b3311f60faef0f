/**
 * Searching an output that comes in pieces (the head kept in memory, then what the engine spilled to disk),
 * as if it were one text. Pieces end at line ends. `contains` is exact whatever the length; a pattern is
 * tried on each piece together with the end of the text before it (up to MATCH_REACH characters, from a
 * line start), so a match found is always real, and one is missed only if it is longer than that.
 */
import { stripAnsi } from './text.js';

export const MATCH_REACH = 64 * 1024;

/** Whether `wanted` occurs in the pieces taken as one text (colours stripped, as checks read output). */
export function piecesContain(pieces: Iterable<string>, wanted: string): boolean {
  if (wanted === '') return true;
  let carry = '';
  for (const piece of pieces) {
    const text = carry + stripAnsi(piece);
    if (text.includes(wanted)) return true;
    // Enough of the end to complete an occurrence that the next piece finishes.
    carry = text.slice(Math.max(0, text.length - wanted.length + 1));
  }
  return false;
}

/**
 * Whether `pattern` matches the pieces taken as one text. Each piece is searched after the end of the text
 * before it (the carry). A carry cut to MATCH_REACH starts at a line start, so it is searched behind the
 * "\n" that really precedes it, from index 1: `^`, `$` and look-behinds then mean what they mean in the
 * whole text. The leftmost match counts unless it reaches the end of a piece which is not the last: then it
 * is tried again with what follows (`$`, greedy patterns), as part of the next carry.
 */
export function piecesMatch(pieces: Iterable<string>, pattern: RegExp): boolean {
  const search = new RegExp(pattern.source, `${pattern.flags.replace(/[gy]/g, '')}g`);
  const iterator = pieces[Symbol.iterator]();
  let current = iterator.next();
  let carry: Carry = { text: '', fromStart: true };
  while (current.done !== true) {
    const next = iterator.next();
    const before = carry.fromStart ? '' : '\n';
    const text = `${before}${carry.text}${stripAnsi(current.value)}`;
    search.lastIndex = before.length;
    const match = search.exec(text);
    if (match !== null && (next.done === true || match.index + match[0].length < text.length)) return true;
    carry = reachBack(text.slice(before.length), carry.fromStart);
    current = next;
  }
  return false;
}

/** The end of the text searched so far, and whether it is the whole of it (from the very start). */
interface Carry {
  text: string;
  fromStart: boolean;
}

/** The end of a text, from the first line start within MATCH_REACH characters of its end. */
function reachBack(text: string, fromStart: boolean): Carry {
  if (text.length <= MATCH_REACH) return { text, fromStart };
  // Pieces end at line ends, so a line starts within the reach.
  return { text: text.slice(text.indexOf('\n', text.length - MATCH_REACH) + 1), fromStart: false };
}
