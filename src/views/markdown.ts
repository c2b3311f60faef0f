/**
 * Lesson text as terminal text: Markdown through marked + marked-terminal, loaded on first use and
 * rendered once per (text, width).
 */
import { plainText } from '../terminal-text.js';

const cache = new Map<string, string>();

export async function renderMarkdown(markdown: string, width: number): Promise<string> {
  const key = `${width}\u0000${markdown}`;
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  // Nothing to render (the home screen, a step without text): no need to load marked at all.
  if (markdown.trim() === '') return '';
  const [{ Marked }, { markedTerminal }] = await Promise.all([import('marked'), import('marked-terminal')]);
  // A Marked instance of our own, so the configuration stays local to the workshop. No emoji: a `:x:` in
  // a lesson stays what the author wrote (src/views/marked-terminal-trims.ts).
  const marked = new Marked(markedTerminal({ width, reflowText: true, tab: 2, emoji: false }));
  const wrap = (await import('wrap-ansi')).default;
  const rewrap = (text: string, columns: number): string => wrap(text, columns, { hard: true, trim: true });
  const text = keepPunctuationWithItsWord((await marked.parse(markdown)).replace(/\n+$/, '').split('\n'), width, rewrap).join('\n');
  cache.set(key, text);
  return text;
}

/* eslint-disable no-control-regex */
const BEGINS_WITH_PUNCTUATION = /^(?:\u001b\[[0-9;]*m)*[,.;:!?)\]]/;
const PREFIX = /^( *)((?:[*•-]|\d+\.) )?/;
/* eslint-enable no-control-regex */

/**
 * marked-terminal's reflow counts a colour code as a word of its own, so a line can break between a code
 * span and the comma after it (`istiod` / `, into istio-system`). Such a paragraph is wrapped again at the
 * width, ANSI-aware, with the punctuation kept on its word (a list item keeps its hanging indent).
 */
export function keepPunctuationWithItsWord(lines: readonly string[], width: number, wrap: (text: string, columns: number) => string): string[] {
  const out = [...lines];
  const indentOf = (line: string): number => (PREFIX.exec(plainText(line))?.[1] ?? '').length;
  const bullet = (line: string): boolean => PREFIX.exec(plainText(line))?.[2] !== undefined;
  for (let index = 1; index < out.length; index++) {
    const line = out[index] ?? '';
    const visible = plainText(line).trimStart();
    if (!BEGINS_WITH_PUNCTUATION.test(line.trimStart()) || visible.startsWith('...') || plainText(out[index - 1] ?? '').trim() === '') continue;
    // The paragraph around it: lines of the same indent, back to its first line (a list item's bullet line included).
    const indent = indentOf(out[index - 1] ?? '');
    let first = index - 1;
    while (first > 0 && !bullet(out[first] ?? '') && plainText(out[first - 1] ?? '').trim() !== '' && (indentOf(out[first - 1] ?? '') === indent || bullet(out[first - 1] ?? ''))) first--;
    let last = index;
    while (last + 1 < out.length && plainText(out[last + 1] ?? '').trim() !== '' && !bullet(out[last + 1] ?? '') && indentOf(out[last + 1] ?? '') === indent) last++;
    const head = PREFIX.exec(plainText(out[first] ?? ''))?.[0] ?? '';
    const hanging = ' '.repeat(head.length);
    const pieces = out.slice(first, last + 1).map((piece, at) => (at === 0 ? piece.slice(piece.indexOf(head.trimStart()) + head.trimStart().length) : piece.trimStart()));
    const joined = pieces.reduce((text, piece) => (text === '' ? piece : BEGINS_WITH_PUNCTUATION.test(piece) ? `${text}${piece}` : `${text} ${piece}`), '');
    const wrapped = wrap(joined, Math.max(10, width - hanging.length)).split('\n').map((text, at) => `${at === 0 ? head : hanging}${text}`);
    out.splice(first, last - first + 1, ...wrapped);
    index = first + wrapped.length - 1;
  }
  return out;
}
