// Safety rule: progress and state are written atomically; a crash never leaves half a file, and a failed
// write leaves neither a stray temporary file nor a changed target.
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../src/files/atomic-file.js';
import { tempDir } from '../helpers/lessons.js';

describe('writeFileAtomic', () => {
  it('replaces the whole file and leaves nothing beside it', () => {
    const dir = tempDir('mw-atomic-');
    const file = path.join(dir, 'state.json');
    writeFileSync(file, 'old content that is longer than the new one');
    writeFileAtomic(file, '{"new":true}\n');
    expect(readFileSync(file, 'utf8')).toBe('{"new":true}\n');
    expect(readdirSync(dir)).toEqual(['state.json']);
  });

  it('creates a new file readable by its owner only (it may hold captured values)', () => {
    const file = path.join(tempDir('mw-atomic-'), 'progress.json');
    writeFileAtomic(file, 'x');
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('a write that cannot land fails loudly and leaves no temporary file', () => {
    const dir = tempDir('mw-atomic-');
    const target = path.join(dir, 'progress.json');
    mkdirSync(path.join(target, 'in-the-way'), { recursive: true });
    expect(() => writeFileAtomic(target, 'x')).toThrow(/EISDIR|ENOTEMPTY|EEXIST/);
    expect(readdirSync(dir)).toEqual(['progress.json']);
    expect(readdirSync(target)).toEqual(['in-the-way']);
  });

  it('a folder that does not exist is an error, not a silent loss', () => {
    expect(() => writeFileAtomic(path.join(tempDir('mw-atomic-'), 'missing', 'progress.json'), 'x')).toThrow(/ENOENT/);
  });
});

describe('a long session of saves', () => {
  it('leaves no file open behind it (a session saves after every step)', () => {
    const file = path.join(tempDir('mw-atomic-'), 'progress.json');
    const open = (): number => readdirSync('/proc/self/fd').length;
    const before = open();
    for (let index = 0; index < 200; index++) writeFileAtomic(file, `{"n":${index}}`);
    expect(open() - before).toBeLessThan(50);
    expect(readFileSync(file, 'utf8')).toBe('{"n":199}');
  });
});
