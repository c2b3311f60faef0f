/** A step's Markdown, read from its file when written as {file: …} (no YAML or schema needed here). */
import { readFileSync } from 'node:fs';
import path from 'node:path';

export function readMarkdown(lessonDir: string, text: string | { file: string } | undefined): string {
  if (text === undefined) return '';
  if (typeof text === 'string') return text;
  return readFileSync(path.join(lessonDir, text.file), 'utf8');
}
