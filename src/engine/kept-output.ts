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

/** What most commands print fits here: their head is not made room for in megabytes. */
const SMALL_OUTPUT = 64 * 1024;

/** A batch is complete lines joined by newlines; kept, each takes its length and one newline. */
const size = (batch: string): number => batch.length + 1;

/**
 * Lines kept as UTF-8 bytes, off the JavaScript heap: megabytes of live strings, kept while a flood goes on,
 * make the garbage collector grow its young generation and move them to the old one, which costs a screen
 * tens of MB more than the text itself. The text is made when read.
 */
class LinesAsBytes {
  private bytes = Buffer.alloc(0);
  private used = 0;

  /** `room`: what the lines may come to (in bytes, for ASCII). */
  constructor(private readonly room: number) {}

  /** A batch and its newline. */
  append(batch: string): void {
    const needed = this.used + Buffer.byteLength(batch, 'utf8') + 1;
    if (needed > this.bytes.length) {
      // Small outputs stay small; past that, room for them all at once (what is not written is not used
      // memory), so that megabytes are not copied again and again as they grow.
      const larger = Buffer.allocUnsafe(Math.max(needed, this.bytes.length === 0 ? SMALL_OUTPUT : this.room, this.bytes.length * 2));
      this.bytes.copy(larger, 0, 0, this.used);
      this.bytes = larger;
    }
    this.used += this.bytes.write(batch, this.used, 'utf8');
    this.bytes[this.used++] = 0x0a;
  }

  text(): string {
    return this.bytes.toString('utf8', 0, this.used);
  }

  copy(): LinesAsBytes {
    const copy = new LinesAsBytes(this.room);
    copy.bytes = Buffer.from(this.bytes.subarray(0, this.used));
    copy.used = this.used;
    return copy;
  }
}

/** One source's head and tail. The head is whole lines up to `headLimit`, never with a gap. */
class SourceText {
  private head: LinesAsBytes;
  private headSize = 0;
  /** The head joined, once it is complete (it is read for the text and again for the whole). */
  private joinedHead: string | undefined;
  /** True once a line did not fit: everything after it is beyond the head. */
  full = false;
  /** The batches beyond the head still kept. */
  private tail: string[] = [];
  private tailSize = 0;
  private beyondSize = 0;

  constructor(
    private readonly headLimit: number,
    private readonly tailLimit: number,
  ) {
    this.head = new LinesAsBytes(headLimit);
  }

  /** A copy that goes on on its own from here (the texts are shared: strings do not change). */
  copy(): SourceText {
    const copy = Object.assign(new SourceText(this.headLimit, this.tailLimit), this);
    copy.head = this.head.copy();
    copy.tail = [...this.tail];
    return copy;
  }

  /**
   * Adds a batch; returns where in it the part beyond the head starts (the offset of a line start, or the
   * batch's size when all of it went into the head).
   */
  add(batch: string): number {
    let taken = 0;
    if (!this.full) {
      if (this.headSize + size(batch) <= this.headLimit) {
        this.head.append(batch);
        this.headSize += size(batch);
        return size(batch);
      }
      // The whole lines that still fit; the line that does not ends the head for good.
      const room = this.headLimit - this.headSize;
      const lastNewline = room > 0 ? batch.lastIndexOf('\n', room - 1) : -1;
      if (lastNewline >= 0) {
        this.head.append(batch.slice(0, lastNewline));
        this.headSize += lastNewline + 1;
        taken = lastNewline + 1;
      }
      this.full = true;
    }
    this.keepAtTheEnd(taken === 0 ? batch : batch.slice(taken));
    return taken;
  }

  private keepAtTheEnd(batch: string): void {
    this.beyondSize += size(batch);
    this.tail.push(batch);
    this.tailSize += size(batch);
    // Whole batches go once the rest still hold the tail's worth; the text is trimmed when read.
    while (this.tail.length > 1 && this.tailSize - size(this.tail[0] ?? '') >= this.tailLimit) {
      this.tailSize -= size(this.tail.shift() ?? '');
    }
  }

  /** The head as one text (what the search reads first). */
  headText(): string {
    if (this.joinedHead !== undefined) return this.joinedHead;
    const text = this.head.text();
    if (this.full) this.joinedHead = text;
    return text;
  }

  /** The head, then (when something was left out) a line saying how much, then the tail. */
  toString(): string {
    if (!this.full) return this.headText();
    let shown = this.tail.join('\n');
    // From a line start, at most the tail's worth, but always the last line however long.
    if (size(shown) > this.tailLimit) {
      const lineStart = shown.indexOf('\n', size(shown) - this.tailLimit - 1) + 1;
      shown = shown.slice(lineStart > 0 ? lineStart : shown.lastIndexOf('\n') + 1);
    }
    // Once the head is full the tail always holds a batch: the one that did not fit, at least.
    const leftOut = this.beyondSize - size(shown);
    const gap = leftOut > 0 ? `… ${sizeText(leftOut)} left out here: the whole output is in the step log\n` : '';
    return `${this.headText()}${gap}${shown}\n`;
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
  /** The interleaved text is stdout's until stderr says something: then it becomes a text of its own. */
  private readonly texts: Record<StreamName, SourceText> & { all?: SourceText };
  private spillFd: number | undefined;
  private spilled = false;
  /** Once closed, each text is made once (a head can be megabytes to join). */
  private closed = false;
  private readonly made = new Map<OutputSource, string>();

  constructor(private readonly options: KeptOutputOptions = {}) {
    const head = options.headLimit ?? DEFAULT_CHECK_TEXT_LIMIT;
    // A smaller head (tests, snapshots) gets a tail no larger than itself.
    const tail = options.tailLimit ?? Math.min(DEFAULT_CHECK_TAIL_LIMIT, head);
    this.texts = { stdout: new SourceText(head, tail), stderr: new SourceText(head, tail) };
  }

  private source(source: OutputSource): SourceText {
    return source === 'all' ? (this.texts.all ?? this.texts.stdout) : this.texts[source];
  }

  /** True once something was left out of the head of the interleaved text. */
  get truncated(): boolean {
    return this.source('all').full;
  }

  /** A batch of complete lines from one stream, joined by newlines. */
  add(stream: StreamName, batch: string): void {
    if (stream === 'stderr') this.texts.all ??= this.texts.stdout.copy();
    const inOwn = this.texts[stream].add(batch);
    const inAll = this.texts.all === undefined ? inOwn : this.texts.all.add(batch);
    if (inAll < size(batch)) this.spill(stream, batch, inAll, inOwn);
  }

  /** The batch from offset inAll is beyond the interleaved head; from inOwn on, beyond its stream's too. */
  private spill(stream: StreamName, batch: string, inAll: number, inOwn: number): void {
    const file = this.options.spillFile;
    if (file === undefined) return;
    this.spillFd ??= openSync(file, 'w', 0o600);
    this.spilled = true;
    const streamFlag = stream === 'stderr' ? STDERR : 0;
    const split = Math.max(inAll, inOwn);
    // Offsets are line starts: the text from one to the next ends with that line's newline.
    if (split > inAll) this.writeFrame(streamFlag, `${batch.slice(inAll, split - 1)}\n`);
    if (split < size(batch)) this.writeFrame(streamFlag | BEYOND_OWN_HEAD, `${batch.slice(split)}\n`);
  }

  /** One frame, written at once: a header and the text, encoded once. */
  private writeFrame(flags: number, text: string): void {
    const length = Buffer.byteLength(text, 'utf8');
    const frame = Buffer.allocUnsafe(FRAME_HEADER + length);
    frame.writeUInt8(flags, 0);
    frame.writeUInt32BE(length, 1);
    frame.write(text, FRAME_HEADER, 'utf8');
    writeSync(this.spillFd as number, frame);
  }

  /** Ends writing: what was kept can now be read. */
  close(): void {
    if (this.spillFd !== undefined) closeSync(this.spillFd);
    this.spillFd = undefined;
    this.closed = true;
  }

  text(source: OutputSource): string {
    const text = this.source(source);
    const made = this.made.get(source) ?? (source === 'all' && text === this.texts.stdout ? this.text('stdout') : text.toString());
    if (this.closed) this.made.set(source, made);
    return made;
  }

  /**
   * The whole of one source, in pieces, in order: its head, then what was spilled. Undefined when nothing
   * was left out of it (its text is whole) or when nothing could be spilled (no file was given).
   */
  whole(source: OutputSource): (() => Iterable<string>) | undefined {
    const text = this.source(source);
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
