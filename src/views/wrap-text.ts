/**
 * Teaching text fitted to a pane: wrapped at word boundaries, a word wider than the pane broken across
 * lines rather than cut, and a prefix (`hint 2: `) on the first line with the rest hung under it.
 * Pure; widths are in columns, counted per character (the lessons' text is narrow characters).
 */

/** Characters, so a character outside the basic plane counts once. */
const columns = (text: string): number => [...text].length;

/** `word` in pieces of at most `width` columns. */
function breakWord(word: string, width: number): string[] {
  const chars = [...word];
  const pieces: string[] = [];
  for (let at = 0; at < chars.length; at += width) pieces.push(chars.slice(at, at + width).join(''));
  return pieces;
}

/**
 * One paragraph's words in lines of at most `width` columns; a longer word is broken, never cut (or, with
 * `keepWordsWhole`, stands alone on its line: an address must stay whole to be selected and opened).
 */
export function wrapParagraph(text: string, width: number, options: { keepWordsWhole?: boolean } = {}): string[] {
  const room = Math.max(1, width);
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const pieces = columns(word) > room && !options.keepWordsWhole ? breakWord(word, room) : [word];
    for (const piece of pieces) {
      if (line === '') line = piece;
      else if (columns(line) + 1 + columns(piece) <= room) line += ` ${piece}`;
      else {
        lines.push(line);
        line = piece;
      }
    }
  }
  if (line !== '' || lines.length === 0) lines.push(line);
  return lines;
}

/** Words of `text` in lines of at most `width`; a word longer than the width stands alone, whole. */
export function wrapWords(text: string, width: number): string[] {
  return wrapParagraph(text, width, { keepWordsWhole: true });
}

/**
 * `text` (its own line breaks kept) wrapped to `width`, `prefix` before the first line and as many spaces
 * before the others (or `indent`, when given), so each line is at most `width` columns.
 */
export function wrapWithPrefix(text: string, prefix: string, width: number, indent = ' '.repeat(columns(prefix))): string[] {
  const room = Math.max(8, width - Math.max(columns(prefix), columns(indent)));
  // A line that fits keeps its own spacing (a command's aligned comment); a longer one is wrapped.
  const lines = text.split('\n').flatMap((paragraph) => (paragraph.trim() === '' ? [''] : columns(paragraph.trimEnd()) <= room ? [paragraph.trimEnd()] : wrapParagraph(paragraph, room)));
  return lines.map((line, index) => `${index === 0 ? prefix : indent}${line}`.trimEnd());
}
