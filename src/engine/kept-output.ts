/**
 * What a command printed, as the checks read it, in bounded memory however much it prints. Each of stdout,
 * stderr and both interleaved keeps its beginning (the head, up to a limit) and its end (the tail) in
 * memory. What falls beyond the head is also written, once, to a spill file, so that the checks that search
 * (`contains`, `notContains`, `matches`) read the whole output in order (src/checks/search-whole.ts), while
 * the others read the head and the tail with a line that says how much was left out between them.
 */
import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import type { OutputSource } from '../lesson/schema.js';
import type { StreamName } from './run-shell.js';

export const DEFAULT_CHECK_TEXT_LIMIT = 4 * 1024 * 1024;
export const DEFAULT_CHECK_TAIL_LIMIT = 256 * 1024;

const size = (line: string): number => line.length + 1;

/** One source's head and tail. The head is whole lines up to `headLimit`, never with a gap. */
class SourceText {
  private readonly head: string[] = [];
  private headSize = 0;
  /** True once a line did not fit: everything after it is beyond the head. */
  full = false;
  /** The batches beyond the head still kept, each with its size. */
  private readonly tail: { lines: readonly string[]; size: number }[] = [];
  private tailSize = 0;
  private beyondLines = 0;
  private beyondSize = 0;

  constructor(
    private readonly headLimit: number,
    private readonly tailLimit: number,
  ) {}

  /** Adds a batch of lines; returns how many of them (from the start) went into the head. */
  add(lines: readonly string[], text?: string): number {
    let kept = 0;
    if (!this.full) {
      text ??= `${lines.join('\n')}\n`;
      if (this.headSize + text.length <= this.headLimit) {
        this.head.push(text);
        this.headSize += text.length;
        return lines.length;
      }
      for (const line of lines) {
        if (this.headSize + size(line) > this.headLimit) break;
        this.head.push(`${line}\n`);
        this.headSize += size(line);
        kept++;
      }
      this.full = true;
    }
    this.keepAtTheEnd(kept === 0 ? lines : lines.slice(kept));
    return kept;
  }

  private keepAtTheEnd(lines: readonly string[]): void {
    const batchSize = lines.reduce((sum, line) => sum + size(line), 0);
    this.beyondLines += lines.length;
    this.beyondSize += batchSize;
    this.tail.push({ lines, size: batchSize });
    this.tailSize += batchSize;
    // Whole batches go once the rest still hold the tail's worth; the last batch is trimmed line by line.
    while (this.tail.length > 1 && this.tailSize - (this.tail[0]?.size ?? 0) >= this.tailLimit) {
      this.tailSize -= this.tail.shift()?.size ?? 0;
    }
  }

  /** The head as one text (what the search reads first). */
  headText(): string {
    return this.head.join('');
  }

  /** The head, then (when lines were left out) a line saying how many, then the tail. */
  toString(): string {
    if (!this.full) return this.headText();
    const tailLines = this.tail.flatMap((batch) => batch.lines);
    let skip = 0;
    let kept = this.tailSize;
    while (skip < tailLines.length - 1 && kept > this.tailLimit) kept -= size(tailLines[skip++] ?? '');
    const shown = tailLines.slice(skip);
    const leftOutLines = this.beyondLines - shown.length;
    const leftOutSize = this.beyondSize - kept;
    const gap = leftOutLines > 0 ? `… ${leftOutLines.toLocaleString('en')} lines (${sizeText(leftOutSize)}) left out here: the whole output is in the step log\n` : '';
    return `${this.headText()}${gap}${shown.length > 0 ? `${shown.join('\n')}\n` : ''}`;
  }
}

export function sizeText(characters: number): string {
  if (characters < 1024) return `${characters} characters`;
  if (characters < 1024 * 1024) return `${(characters / 1024).toFixed(1)} KiB`;
  return `${(characters / 1024 / 1024).toFixed(1)} MiB`;
}

// A spill frame: one byte of flags, four of length, then the text. Flags: the stream, and whether the text
// is also beyond that stream's own head (stdout keeps more of itself than the interleaved text can).
const STDERR = 1;
const BEYOND_OWN_HEAD = 2;
const FRAME_HEADER = 5;

export interface KeptOutputOptions {
  headLimit?: number;
  tailLimit?: number;
  /** Where to write what goes beyond the head; without it, only the head and the tail are kept. */
  spillFile?: string;
}

export class KeptOutput {
  private readonly texts: Record<OutputSource, SourceText>;
  private spillFd: number | undefined;
  private spilled = false;

  constructor(private readonly options: KeptOutputOptions = {}) {
    const head = options.headLimit ?? DEFAULT_CHECK_TEXT_LIMIT;
    // A smaller head (tests, snapshots) gets a tail no larger than itself.
    const tail = options.tailLimit ?? Math.min(DEFAULT_CHECK_TAIL_LIMIT, head);
    this.texts = { stdout: new SourceText(head, tail), stderr: new SourceText(head, tail), all: new SourceText(head, tail) };
  }

  /** True once something was left out of the head of the interleaved text. */
  get truncated(): boolean {
    return this.texts.all.full;
  }

  add(stream: StreamName, lines: readonly string[]): void {
    if (lines.length === 0) return;
    // Joined once, shared by both heads while they still take whole batches.
    const text = this.texts.all.full ? undefined : `${lines.join('\n')}\n`;
    const inOwn = this.texts[stream].add(lines, text);
    const inAll = this.texts.all.add(lines, text);
    if (inAll < lines.length) this.spill(stream, lines, inAll, inOwn);
  }

  /** Lines [inAll, end) are beyond the interleaved head; those from inOwn on are beyond their stream's too. */
  private spill(stream: StreamName, lines: readonly string[], inAll: number, inOwn: number): void {
    const file = this.options.spillFile;
    if (file === undefined) return;
    this.spillFd ??= openSync(file, 'w', 0o600);
    this.spilled = true;
    const streamFlag = stream === 'stderr' ? STDERR : 0;
    const split = Math.max(inAll, inOwn);
    if (split > inAll) this.writeFrame(streamFlag, lines.slice(inAll, split));
    if (split < lines.length) this.writeFrame(streamFlag | BEYOND_OWN_HEAD, lines.slice(split));
  }

  private writeFrame(flags: number, lines: readonly string[]): void {
    const body = Buffer.from(`${lines.join('\n')}\n`, 'utf8');
    const header = Buffer.alloc(FRAME_HEADER);
    header.writeUInt8(flags, 0);
    header.writeUInt32BE(body.length, 1);
    writeSync(this.spillFd as number, header);
    writeSync(this.spillFd as number, body);
  }

  /** Ends writing: what was kept can now be read. */
  close(): void {
    if (this.spillFd !== undefined) closeSync(this.spillFd);
    this.spillFd = undefined;
  }

  text(source: OutputSource): string {
    return this.texts[source].toString();
  }

  /**
   * The whole of one source, in pieces, in order: its head, then what was spilled. Undefined when nothing
   * was left out of it (its text is whole) or when nothing could be spilled (no file was given).
   */
  whole(source: OutputSource): (() => Iterable<string>) | undefined {
    const text = this.texts[source];
    const file = this.options.spillFile;
    if (!text.full || !this.spilled || file === undefined) return undefined;
    const head = text.headText();
    return function* (): Iterable<string> {
      yield head;
      yield* spilledText(file, source);
    };
  }
}

/** The spilled pieces of one source, read back frame by frame (a frame is one batch of lines). */
function* spilledText(file: string, source: OutputSource): Iterable<string> {
  const fd = openSync(file, 'r');
  try {
    const header = Buffer.alloc(FRAME_HEADER);
    let position = 0;
    for (;;) {
      if (readSync(fd, header, 0, FRAME_HEADER, position) < FRAME_HEADER) return;
      const flags = header.readUInt8(0);
      const length = header.readUInt32BE(1);
      position += FRAME_HEADER;
      const stream: StreamName = (flags & STDERR) !== 0 ? 'stderr' : 'stdout';
      const wanted = source === 'all' || (stream === source && (flags & BEYOND_OWN_HEAD) !== 0);
      if (wanted) {
        const body = Buffer.alloc(length);
        readSync(fd, body, 0, length, position);
        yield body.toString('utf8');
      }
      position += length;
    }
  } finally {
    closeSync(fd);
  }
}
