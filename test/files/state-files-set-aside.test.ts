// Safety rule: a state file that cannot be read as what it should hold is moved aside and reported, never
// read as empty in silence nor overwritten; a missing one is normal.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { moveAside, noteStateProblem, readStateFile, stateFileValue, takeStateNotices, type StateShape } from '../../src/files/state-file.js';
import { tempDir } from '../helpers/lessons.js';

const names: StateShape<string[]> = (data) => (Array.isArray(data) && data.every((item) => typeof item === 'string') ? { value: data } : { problem: 'it should be a list of names' });

describe('reading a state file', () => {
  it('missing is not found; good JSON of the right shape is its value', () => {
    const dir = tempDir('mw-state-');
    expect(readStateFile(path.join(dir, 'contexts.json'), names, 'contexts file')).toEqual({ found: false });
    writeFileSync(path.join(dir, 'contexts.json'), '["kind-cluster1"]');
    expect(readStateFile(path.join(dir, 'contexts.json'), names, 'contexts file')).toEqual({ found: true, value: ['kind-cluster1'] });
  });

  it('says why a file is unusable: not JSON, or not what this version understands', () => {
    const dir = tempDir('mw-state-');
    const file = path.join(dir, 'contexts.json');
    writeFileSync(file, '["kind-cluster1"');
    expect(readStateFile(file, names, 'contexts file')).toEqual({ found: true, unusable: expect.stringMatching(/^not valid JSON \(.+\)$/) });
    writeFileSync(file, '{"contexts":[]}');
    expect(readStateFile(file, names, 'contexts file')).toEqual({ found: true, unusable: 'not a contexts file this version understands (it should be a list of names)' });
  });

  it('a file that exists but cannot be opened is the learner\'s to fix, and named', () => {
    const file = path.join(tempDir('mw-state-'), 'contexts.json');
    mkdirSync(file);
    expect(() => readStateFile(file, names, 'contexts file')).toThrow(`cannot read ${file} (EISDIR): check its permissions, or move it away`);
  });
});

describe('an unusable state file', () => {
  it('is moved aside with the time in its name, its content kept', () => {
    const dir = tempDir('mw-state-');
    const file = path.join(dir, 'clusters.json');
    writeFileSync(file, 'garbage');
    const backup = moveAside(file, new Date('2026-03-04T05:06:07.089Z'));
    expect(backup).toBe(`${file}.corrupt-2026-03-04T05-06-07-089Z`);
    expect(readdirSync(dir)).toEqual(['clusters.json.corrupt-2026-03-04T05-06-07-089Z']);
    expect(readFileSync(backup, 'utf8')).toBe('garbage');
  });

  it('gives the fallback and a notice naming the file, the reason, where it went and what to do', () => {
    const dir = tempDir('mw-state-');
    const file = path.join(dir, 'contexts.json');
    writeFileSync(file, '{}');
    takeStateNotices();
    expect(stateFileValue(file, names, 'contexts file', ['fallback'], 'Allow your contexts again.')).toEqual(['fallback']);
    expect(takeStateNotices()).toEqual([expect.stringMatching(new RegExp(`^${file.replace(/[.]/g, '\\.')} was not a contexts file this version understands \\(it should be a list of names\\); it was kept as ${file.replace(/[.]/g, '\\.')}\\.corrupt-\\S+\\. Allow your contexts again\\.$`))]);
    expect(readdirSync(dir)).toEqual([expect.stringMatching(/^contexts\.json\.corrupt-/)]);
  });

  it('a missing or good file gives no notice', () => {
    const dir = tempDir('mw-state-');
    takeStateNotices();
    expect(stateFileValue(path.join(dir, 'none.json'), names, 'contexts file', [], '')).toEqual([]);
    writeFileSync(path.join(dir, 'good.json'), '["a"]');
    expect(stateFileValue(path.join(dir, 'good.json'), names, 'contexts file', [], '')).toEqual(['a']);
    expect(takeStateNotices()).toEqual([]);
  });

  it('each notice is given once', () => {
    takeStateNotices();
    noteStateProblem('first');
    noteStateProblem('second');
    expect(takeStateNotices()).toEqual(['first', 'second']);
    expect(takeStateNotices()).toEqual([]);
  });
});
