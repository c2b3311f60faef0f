/**
 * Lesson Markdown as plain lines, for the line-by-line mode and screen readers: no box drawing, no
 * colour, no markup characters read aloud. Emphasis and code marks go, a link keeps its address in
 * brackets, a table row becomes its cells joined by semicolons; paragraphs are wrapped at word boundaries.
 */
import { wrapWords } from './wrap-text.js';

function inline(text: string): string {
  return text
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, '$1 ($2)')
    .replace(/\*\*([^*]+)\*\*/g, '$1')
    .replace(/(^|[^\w*])\*([^*\s][^*]*)\*(?=[^\w*]|$)/g, '$1$2')
    .replace(/`([^`]+)`/g, '$1');
}

export function plainMarkdown(markdown: string, width = 100): string[] {
  const lines: string[] = [];
  let paragraph: string[] = [];
  const flush = (): void => {
    if (paragraph.length > 0) lines.push(...wrapWords(inline(paragraph.join(' ')), width));
    paragraph = [];
  };
  for (const raw of markdown.split('\n')) {
    const line = raw.trim();
    if (line === '') {
      flush();
      if (lines.length > 0 && lines.at(-1) !== '') lines.push('');
    } else if (/^\|?\s*:?-{3,}/.test(line)) {
      continue; // a table's rule
    } else if (line.startsWith('|')) {
      flush();
      lines.push(inline(line.replace(/^\||\|$/g, '').split('|').map((cell) => cell.trim()).filter(Boolean).join('; ')));
    } else if (/^#{1,6}\s/.test(line)) {
      flush();
      lines.push(inline(line.replace(/^#+\s*/, '')));
    } else if (/^([-*]|\d+\.)\s/.test(line)) {
      flush();
      const [marker = '-', ...rest] = line.split(/\s+/);
      const [first = '', ...more] = wrapWords(inline(rest.join(' ')), width - marker.length - 1);
      lines.push(`${marker} ${first}`, ...more.map((text) => `${' '.repeat(marker.length + 1)}${text}`));
    } else {
      paragraph.push(line);
    }
  }
  flush();
  while (lines.at(-1) === '') lines.pop();
  return lines;
}
