/**
 * Finds and reads a recording: a folder and a lesson (`DIR/<lesson>.json` and `.cast`), or a cast file
 * and the index beside it. Anything missing or malformed is said with the file and what to do.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { UserError } from '../errors.js';
import { parseCast, type CastEvent, type CastHeader } from './asciicast.js';
import { recordingFiles } from './recorder.js';
import { parseRecordingIndex, type RecordingIndex } from './recording-index.js';

export { recordingOrigin } from './recording-index.js';

export interface Recording {
  index: RecordingIndex;
  indexFile: string;
  castFile: string;
  header: CastHeader;
  events: CastEvent[];
}

const HOW_TO_RECORD = "record one with 'mesh-workshop run LESSON --yes --record DIR' or 'mesh-workshop verify --record DIR'";

/** The index and cast files a place names: a folder (with the lesson wanted) or a .cast file. */
export function recordingPlace(place: string, lessonId?: string): { cast: string; index: string } {
  const resolved = path.resolve(place);
  if (!existsSync(resolved)) throw new UserError(`no recording at ${resolved}: ${HOW_TO_RECORD}`);
  if (statSync(resolved).isDirectory()) {
    if (lessonId === undefined) throw new UserError(`${resolved} is a folder of recordings: name the lesson, or give its .cast file`);
    return recordingFiles(resolved, lessonId);
  }
  if (!resolved.endsWith('.cast')) throw new UserError(`${resolved} is not a recording: give a folder of recordings or a .cast file`);
  return { cast: resolved, index: `${resolved.slice(0, -'.cast'.length)}.json` };
}

function readText(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UserError(`no ${what} ${file}: ${HOW_TO_RECORD}`);
    throw new UserError(`cannot read ${file} (${code ?? (error as Error).message})`);
  }
}

/** Reads a recording; `lessonId`, when given, must be the lesson it recorded. */
export function readRecording(place: string, lessonId?: string): Recording {
  const files = recordingPlace(place, lessonId);
  let data: unknown;
  try {
    data = JSON.parse(readText(files.index, 'recording index'));
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError(`${files.index} is not valid JSON (${(error as Error).message}): record the lesson again`);
  }
  const index = parseRecordingIndex(data);
  if ('problem' in index) throw new UserError(`${files.index} is not a recording index this version reads (${index.problem}): record the lesson again`);
  if (lessonId !== undefined && index.lesson.id !== lessonId) throw new UserError(`${files.index} records the lesson '${index.lesson.id}', not '${lessonId}'`);
  const cast = parseCast(readText(files.cast, 'recording'), files.cast);
  if ('problem' in cast) throw new UserError(`${cast.problem}: record the lesson again`);
  return { index, indexFile: files.index, castFile: files.cast, header: cast.header, events: cast.events };
}
