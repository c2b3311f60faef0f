/**
 * Where the presenter is, for the notes in a second terminal: a small state file in the state directory
 * (`presenter.json`), replaced atomically at each step, so the notes view never reads half of one.
 */
import path from 'node:path';
import { writeFileAtomic } from '../files/atomic-file.js';
import { readStateFile } from '../files/state-file.js';

export const PRESENTER_FILE = 'presenter.json';

export interface PresenterPosition {
  lessonId: string;
  /** The lesson pack it is in, so the notes read the same lessons. */
  lessonsDir: string;
  stepId: string;
  index: number;
  total: number;
  at: string;
}

export function presenterFile(home: string): string {
  return path.join(home, PRESENTER_FILE);
}

export function writePresenterPosition(home: string, position: PresenterPosition): void {
  writeFileAtomic(presenterFile(home), `${JSON.stringify(position, null, 2)}\n`);
}

const isText = (value: unknown): value is string => typeof value === 'string';

/** The presenter's position, or undefined while nobody presents (or the file is not one). */
export function readPresenterPosition(home: string): PresenterPosition | undefined {
  const read = readStateFile<PresenterPosition>(
    presenterFile(home),
    (data) => {
      const value = data as Partial<PresenterPosition> | null;
      if (!value || !isText(value.lessonId) || !isText(value.stepId) || !isText(value.lessonsDir) || typeof value.index !== 'number' || typeof value.total !== 'number') return { problem: 'it should name a lesson and a step' };
      return { value: value as PresenterPosition };
    },
    'presenter position',
  );
  return read.found && 'value' in read ? read.value : undefined;
}
