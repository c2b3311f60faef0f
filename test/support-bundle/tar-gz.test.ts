// The archive writer against the real tar of this machine: what it lists (names, sizes, times, modes) and
// what it extracts, byte for byte; names ustar holds in its prefix field, and longer ones through pax.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { entryNameProblem, tarBytes, tarGz, type ArchiveEntry } from '../../src/support-bundle/tar-gz.js';
import { tempDir } from '../helpers/lessons.js';

function written(entries: ArchiveEntry[], now?: Date): string {
  const file = path.join(tempDir('mw-tar-'), 'bundle.tar.gz');
  writeFileSync(file, tarGz(entries, now));
  return file;
}

/** `tar -tvzf --full-time` as { mode, size, time, name } rows (GNU tar; names with spaces kept whole). */
function listing(file: string): { mode: string; size: number; time: string; name: string }[] {
  const out = execFileSync('tar', ['--full-time', '--utc', '-tvzf', file], { encoding: 'utf8', env: { ...process.env, TZ: 'UTC', LC_ALL: 'C' } });
  return out
    .trimEnd()
    .split('\n')
    .map((line) => {
      const match = /^(\S+) (\S+) +(\d+) (\S+ \S+) (.+)$/.exec(line);
      if (!match) throw new Error(`unexpected tar line: ${line}`);
      return { mode: match[1] ?? '', size: Number(match[3]), time: match[4] ?? '', name: match[5] ?? '' };
    });
}

const WHEN = new Date('2024-03-05T06:07:08Z');

describe('tarGz', () => {
  it('is read by the real tar: names in order, sizes, modification times and modes as given', () => {
    const file = written([
      { name: 'top/SUMMARY.txt', data: 'hello\n', mtime: WHEN },
      { name: 'top/lesson/last-run/01-step.log', data: Buffer.from('x'.repeat(1000)), mtime: new Date('2023-12-31T23:59:59Z') },
      { name: 'top/empty.txt', data: '' },
      { name: 'top/exactly-one-block.txt', data: 'y'.repeat(512), mode: 0o600 },
    ], new Date('2025-01-01T00:00:00Z'));
    expect(listing(file)).toEqual([
      { mode: '-rw-r--r--', size: 6, time: '2024-03-05 06:07:08', name: 'top/SUMMARY.txt' },
      { mode: '-rw-r--r--', size: 1000, time: '2023-12-31 23:59:59', name: 'top/lesson/last-run/01-step.log' },
      // No time of its own: the archive's.
      { mode: '-rw-r--r--', size: 0, time: '2025-01-01 00:00:00', name: 'top/empty.txt' },
      { mode: '-rw-------', size: 512, time: '2025-01-01 00:00:00', name: 'top/exactly-one-block.txt' },
    ]);
  });

  it('extracts to the same bytes, UTF-8 names and text included', () => {
    const entries: ArchiveEntry[] = [
      { name: 'b/wörkshop – notes.txt', data: 'ünïcode ✓\n' },
      { name: 'b/binary.bin', data: Buffer.from([0, 1, 2, 255, 254, 10, 13]) },
      { name: 'b/deep/er/still.yaml', data: 'kind: Pod\n'.repeat(300) },
    ];
    const file = written(entries);
    const into = tempDir('mw-untar-');
    execFileSync('tar', ['-xzf', file, '-C', into]);
    for (const entry of entries) expect(readFileSync(path.join(into, entry.name))).toEqual(Buffer.isBuffer(entry.data) ? entry.data : Buffer.from(entry.data));
  });

  it('puts a name over 100 bytes in ustar\'s prefix field, and one too long for that in a pax record', () => {
    const prefixed = `top/${'d'.repeat(120)}/${'f'.repeat(90)}.log`;
    const paxed = `top/${'e'.repeat(150)}/${'g'.repeat(60)}/${'h'.repeat(150)}.txt`;
    const file = written([{ name: prefixed, data: 'one' }, { name: paxed, data: 'two' }]);
    expect(listing(file).map((row) => row.name)).toEqual([prefixed, paxed]);
    const into = tempDir('mw-untar-');
    execFileSync('tar', ['-xzf', file, '-C', into]);
    expect(readFileSync(path.join(into, prefixed), 'utf8')).toBe('one');
    expect(readFileSync(path.join(into, paxed), 'utf8')).toBe('two');
    // The prefixed one needs no pax header: ustar alone, so any tar reads it.
    const raw = tarBytes([{ name: prefixed, data: 'one' }]);
    expect(raw.subarray(156, 157).toString()).toBe('0');
    expect(raw.subarray(257, 263).toString()).toBe('ustar\0');
  });

  it('is gzip over a tar stream of 512-byte blocks ending in two empty blocks, with valid checksums', () => {
    const bytes = tarGz([{ name: 'a.txt', data: 'abc' }], WHEN);
    expect([bytes[0], bytes[1]]).toEqual([0x1f, 0x8b]);
    const tar = gunzipSync(bytes);
    expect(tar.length % 512).toBe(0);
    expect(tar.length).toBe(512 + 512 + 1024);
    expect(tar.subarray(-1024).every((byte) => byte === 0)).toBe(true);
    const header = Buffer.from(tar.subarray(0, 512));
    const stored = parseInt(header.subarray(148, 154).toString(), 8);
    header.fill(' ', 148, 156);
    expect(header.reduce((sum, byte) => sum + byte, 0)).toBe(stored);
    expect(parseInt(header.subarray(136, 147).toString(), 8)).toBe(WHEN.getTime() / 1000);
  });

  it.each([
    ['', 'an empty name'],
    ['/etc/passwd', "'/etc/passwd' is absolute"],
    ['a/../../b', "'a/../../b' has an empty, '.' or '..' part"],
    ['a//b', "'a//b' has an empty, '.' or '..' part"],
    ['a\\b', "'a\\b' has a backslash"],
  ])('refuses the name %j (%s), which could land outside the folder it is extracted into', (name, problem) => {
    expect(entryNameProblem(name)).toBe(problem);
    expect(() => tarGz([{ name, data: 'x' }])).toThrow(problem);
  });

  it('refuses the same name twice', () => {
    expect(() => tarGz([{ name: 'a', data: '1' }, { name: 'a', data: '2' }])).toThrow("'a' is in the archive twice");
  });
});
