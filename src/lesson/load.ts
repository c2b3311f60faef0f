/**
 * Reads lessons from disk: a lesson pack is a folder of `NN-name/lesson.yaml` folders, taken in name order.
 * Every problem comes back located (file:line:col); nothing here throws on a broken lesson.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { Lesson } from './schema.js';
import { LESSON_FILE } from './vocabulary.js';
import { keyPositionOf, parseYaml, positionOf, positionOfText, type DataPath, type ParsedYaml } from './source-map.js';
import { schemaProblems } from './schema-problems.js';
import { displayPath, type Problem } from './problems.js';

export { LESSON_FILE } from './vocabulary.js';

/** A lesson as a run, a shell or a screen uses it: validated. */
export interface LoadedLesson {
  /** The lesson's folder (absolute). */
  dir: string;
  /** lesson.yaml as it is shown in messages (relative to the working directory when below it). */
  file: string;
  lesson: Lesson;
}

/** A lesson with its parsed YAML, which lint needs to place what it finds (file:line:col). */
export interface ParsedLesson extends LoadedLesson {
  parsed: ParsedYaml;
}

export interface LessonLoad {
  lesson?: ParsedLesson;
  problems: Problem[];
}

export interface PackLoad<L extends LoadedLesson = ParsedLesson> {
  lessons: L[];
  problems: Problem[];
}

/** A locator for problems in one parsed file. */
export function problemAt(file: string, parsed: ParsedYaml) {
  /** `key` locates a key of the mapping at dataPath; `text` a piece of text inside the value at dataPath. */
  return (severity: Problem['severity'], message: string, dataPath: DataPath, key?: string, text?: string): Problem => {
    const { line, col } =
      text !== undefined ? positionOfText(parsed, dataPath, text) : key === undefined ? positionOf(parsed, dataPath) : keyPositionOf(parsed, dataPath, key);
    return { file, line, col, severity, message };
  };
}

/** A YAML file checked against a zod schema; every problem located (file:line:col), nothing thrown. */
export function loadYamlFile<T>(sourceFile: string, schema: z.ZodType<T>, what: string): { value?: T; file: string; parsed?: ParsedYaml; problems: Problem[] } {
  const file = displayPath(sourceFile);
  let text: string;
  try {
    text = readFileSync(sourceFile, 'utf8');
  } catch (error) {
    return { file, problems: [{ file, line: 1, col: 1, severity: 'error', message: `cannot read: ${(error as Error).message}` }] };
  }
  const parsed = parseYaml(text);
  const [yamlError] = parsed.document.errors;
  if (yamlError) {
    // Later YAML errors mostly follow from the first; one precise line helps more than five.
    const plain = yamlMessage(yamlError.code, firstLine(yamlError.message), text, yamlError.pos[0]);
    const { line, col } = parsed.lineCounter.linePos(plain.offset);
    return { file, problems: [{ file, line, col, severity: 'error', message: `YAML: ${plain.message}` }] };
  }
  const data: unknown = parsed.document.toJS();
  if (data === null || data === undefined) {
    return { file, problems: [{ file, line: 1, col: 1, severity: 'error', message: `the ${what} file is empty` }] };
  }
  const result = schema.safeParse(data);
  if (!result.success) {
    const at = problemAt(file, parsed);
    const problems = schemaProblems(result.error.issues, schema, data).map((p) => at('error', p.message, p.path, p.key));
    return { file, problems: dedupe(problems) };
  }
  return { value: result.data, file, parsed, problems: [] };
}

export function loadLessonFile(lessonFile: string): LessonLoad {
  const { value, file, parsed, problems } = loadYamlFile(lessonFile, Lesson, 'lesson');
  if (!value || !parsed) return { problems };
  return { lesson: { dir: path.dirname(path.resolve(lessonFile)), file, lesson: value, parsed }, problems: [] };
}

/** The YAML parser's words, made plain (and placed) for the slips authors really make. */
function yamlMessage(code: string, message: string, text: string, offset: number): { message: string; offset: number } {
  switch (code) {
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY':
      return implicitKeyMessage(text, offset) ?? { message, offset };
    case 'DUPLICATE_KEY': {
      const key = /^[^\s:]+/.exec(text.slice(offset))?.[0];
      return { message: key ? `'${key}' appears twice in the same mapping` : message, offset };
    }
    case 'TAB_AS_INDENT':
      return { message: 'tabs are not allowed in indentation; use spaces', offset };
    default:
      return { message, offset };
  }
}

/** YAML saw a mapping where a value was meant: a ": " inside plain text, or the next line indented too far. */
function implicitKeyMessage(text: string, offset: number): { message: string; offset: number } | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const lineEnd = text.indexOf('\n', offset) < 0 ? text.length : text.indexOf('\n', offset);
  const colon = text.slice(offset, lineEnd).indexOf(': ');
  if (colon >= 0) {
    return { message: 'this ": " makes YAML read the value as a mapping; put the whole value in quotes', offset: offset + colon };
  }
  const indentOf = (line: string): number => (/^( *)(- )?/.exec(line)?.[0].length ?? 0);
  const nextEnd = text.indexOf('\n', lineEnd + 1) < 0 ? text.length : text.indexOf('\n', lineEnd + 1);
  const next = text.slice(lineEnd + 1, nextEnd);
  const nextIndent = /^ */.exec(next)?.[0].length ?? 0;
  if (next.trim() !== '' && nextIndent > indentOf(text.slice(lineStart, lineEnd))) {
    return { message: 'this line is indented further than the field above it; line them up', offset: lineEnd + 1 + nextIndent };
  }
  return undefined;
}

function firstLine(message: string): string {
  return message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? message;
}

function dedupe(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const key = `${problem.line}:${problem.col}:${problem.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The lesson folders of a pack, in order (folder names start with a number: 00-tour, 01-concepts, …). */
export function lessonFolders(packDir: string): string[] {
  return readdirSync(packDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
    .map((entry) => path.join(packDir, entry.name))
    .sort((a, b) => path.basename(a).localeCompare(path.basename(b), 'en', { numeric: true }));
}

export function loadLessonPack(packDir: string): PackLoad {
  if (!existsSync(packDir) || !statSync(packDir).isDirectory()) {
    return { lessons: [], problems: [{ file: displayPath(packDir), line: 1, col: 1, severity: 'error', message: 'lesson folder not found' }] };
  }
  const lessons: ParsedLesson[] = [];
  const problems: Problem[] = [];
  for (const folder of lessonFolders(packDir)) {
    const lessonFile = path.join(folder, LESSON_FILE);
    if (!existsSync(lessonFile)) {
      problems.push({ file: displayPath(folder), line: 1, col: 1, severity: 'warning', message: `no ${LESSON_FILE} in this lesson folder` });
      continue;
    }
    const load = loadLessonFile(lessonFile);
    problems.push(...load.problems);
    if (load.lesson) lessons.push(load.lesson);
  }
  return { lessons, problems };
}
