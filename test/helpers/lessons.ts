/** Write small lessons to a temp folder and load them, for engine and CLI tests. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadLessonFile, type ParsedLesson } from '../../src/lesson/load.js';

export function tempDir(prefix = 'mw-test-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Writes `<pack>/<folder>/lesson.yaml` and returns its path. */
export function writeLesson(pack: string, folder: string, yaml: string, files: Record<string, string> = {}): string {
  const dir = path.join(pack, folder);
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  const file = path.join(dir, 'lesson.yaml');
  writeFileSync(file, yaml);
  return file;
}

export function lessonFromYaml(yaml: string, files: Record<string, string> = {}): ParsedLesson {
  const file = writeLesson(tempDir(), '00-test', yaml, files);
  const load = loadLessonFile(file);
  if (!load.lesson) throw new Error(`test lesson does not load:\n${load.problems.map((p) => `${p.line}:${p.col}: ${p.message}`).join('\n')}`);
  return load.lesson;
}

export const HEADER = 'id: test\ntitle: Test\nsummary: A test lesson.\nestimate: 1m\n';

/** A lesson whose first step captures a value that its second step uses (for --from runs). */
export const CAPTURE_LESSON = `${HEADER}
steps:
  - id: make
    title: Make
    run: echo "ip=10.10.0.12"
    capture: { IP: { regex: 'ip=(\\S+)' } }
  - id: use
    title: Use
    run: echo "calling $IP"
    check: { contains: calling 10.10.0.12 }
`;
