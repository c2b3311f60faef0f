/**
 * A .tar.gz written with Node alone: POSIX ustar headers (a pax `path` record for a name ustar cannot
 * hold), then zlib's gzip. No `tar` program and no dependency: a support bundle is a few dozen text files,
 * and the format for that is 512-byte headers, the bytes padded to 512, and two empty blocks at the end.
 * GNU tar, bsdtar and every archive tool read it.
 */
import { gzipSync } from 'node:zlib';

export interface ArchiveEntry {
  /** A relative path with `/` separators: no leading `/`, no `..`, no empty parts. */
  name: string;
  data: Buffer | string;
  /** When the file was last changed; the archive's own time when absent. */
  mtime?: Date;
  /** Permission bits (default 0o644). */
  mode?: number;
}

const BLOCK = 512;

/** `value` as zero-padded octal in `width` bytes, the last one NUL (ustar's numeric fields). */
function octal(value: number, width: number): string {
  const digits = Math.floor(value).toString(8);
  if (digits.length > width - 1) throw new Error(`${value} does not fit a ${width}-byte tar field`);
  return `${digits.padStart(width - 1, '0')}\0`;
}

/** Why a name cannot go into the archive as it is, or undefined. */
export function entryNameProblem(name: string): string | undefined {
  if (name === '') return 'an empty name';
  if (name.startsWith('/')) return `'${name}' is absolute`;
  if (name.includes('\\')) return `'${name}' has a backslash`;
  if (name.includes('\0')) return `'${name}' has a NUL byte`;
  const parts = name.split('/');
  if (parts.some((part) => part === '' || part === '.' || part === '..')) return `'${name}' has an empty, '.' or '..' part`;
  return undefined;
}

/** ustar's name (100 bytes) and prefix (155 bytes), or undefined when the name fits neither way. */
function splitName(name: string): { name: string; prefix: string } | undefined {
  if (Buffer.byteLength(name) <= 100) return { name, prefix: '' };
  for (let slash = name.indexOf('/'); slash !== -1; slash = name.indexOf('/', slash + 1)) {
    const prefix = name.slice(0, slash);
    const rest = name.slice(slash + 1);
    if (Buffer.byteLength(prefix) <= 155 && Buffer.byteLength(rest) <= 100) return { name: rest, prefix };
  }
  return undefined;
}

interface HeaderFields {
  name: string;
  prefix: string;
  mode: number;
  size: number;
  mtime: number;
  type: '0' | 'x';
}

function header(fields: HeaderFields): Buffer {
  const block = Buffer.alloc(BLOCK);
  block.write(fields.name, 0, 100, 'utf8');
  block.write(octal(fields.mode, 8), 100, 'ascii');
  block.write(octal(0, 8), 108, 'ascii'); // uid
  block.write(octal(0, 8), 116, 'ascii'); // gid
  block.write(octal(fields.size, 12), 124, 'ascii');
  block.write(octal(fields.mtime, 12), 136, 'ascii');
  block.write(' '.repeat(8), 148, 'ascii'); // the checksum counts its own field as spaces
  block.write(fields.type, 156, 'ascii');
  block.write('ustar\0', 257, 'ascii');
  block.write('00', 263, 'ascii');
  // uname and gname stay empty: whoever extracts owns the files, and no user name leaves the machine.
  block.write(fields.prefix, 345, 155, 'utf8');
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
  return block;
}

function padding(size: number): Buffer {
  return Buffer.alloc((BLOCK - (size % BLOCK)) % BLOCK);
}

/** A pax record, `"<length> path=<value>\n"`, whose length counts its own digits. */
function paxRecord(key: string, value: string): string {
  const body = ` ${key}=${value}\n`;
  let length = Buffer.byteLength(body) + 1;
  while (String(length).length + Buffer.byteLength(body) !== length) length = String(length).length + Buffer.byteLength(body);
  return `${length}${body}`;
}

/** The uncompressed tar stream of the entries, in order. */
export function tarBytes(entries: readonly ArchiveEntry[], now: Date = new Date()): Buffer {
  const parts: Buffer[] = [];
  const seen = new Set<string>();
  for (const entry of entries) {
    const problem = entryNameProblem(entry.name);
    if (problem) throw new Error(`cannot put ${problem} in an archive`);
    if (seen.has(entry.name)) throw new Error(`'${entry.name}' is in the archive twice`);
    seen.add(entry.name);
    const data = Buffer.isBuffer(entry.data) ? entry.data : Buffer.from(entry.data, 'utf8');
    const mtime = Math.max(0, Math.floor((entry.mtime ?? now).getTime() / 1000));
    const mode = entry.mode ?? 0o644;
    let fields = splitName(entry.name);
    if (!fields) {
      // Too long for ustar: a pax header carries the whole name, and the ustar field a shortened one.
      const pax = Buffer.from(paxRecord('path', entry.name), 'utf8');
      const short = `PaxHeaders/${entry.name.split('/').pop() ?? 'file'}`;
      parts.push(header({ name: Buffer.from(short).subarray(0, 100).toString('utf8'), prefix: '', mode: 0o644, size: pax.length, mtime, type: 'x' }), pax, padding(pax.length));
      fields = { name: Buffer.from(entry.name).subarray(-100).toString('utf8').replace(/^\uFFFD+/, ''), prefix: '' };
    }
    parts.push(header({ ...fields, mode, size: data.length, mtime, type: '0' }), data, padding(data.length));
  }
  parts.push(Buffer.alloc(BLOCK * 2));
  return Buffer.concat(parts);
}

/** The entries as a gzip-compressed tar archive. */
export function tarGz(entries: readonly ArchiveEntry[], now: Date = new Date()): Buffer {
  return gzipSync(tarBytes(entries, now), { level: 9 });
}
