/**
 * Splits a byte stream into batches of complete lines. Multi-byte characters split across chunks are kept
 * whole; a line longer than `maxLineLength` is cut with a marker, and the rest of it is dropped rather than
 * held in memory. This runs on every byte a step prints, so a batch stays one text (its lines joined by
 * newlines) and nothing is done per line unless a line can be too long: only the one carried over from the
 * previous chunk can, while the limit is larger than a chunk (a pipe gives at most 64 KiB at a time).
 * The line carried over ends in the next chunk as a batch of its own: joined to the rest of that chunk, it
 * would make the whole chunk be copied again into one text.
 */
import { StringDecoder } from 'node:string_decoder';

/** Long enough for what checks read on one line (a certificate chain in base64, a minified JSON document). */
export const DEFAULT_MAX_LINE_LENGTH = 1024 * 1024;

export function cutLine(line: string, maxLength: number, dropped = 0): string {
  const more = dropped + Math.max(0, line.length - maxLength);
  return more > 0 ? `${line.slice(0, maxLength)} … [line cut: ${more} more characters]` : line;
}

export class LineSplitter {
  private readonly decoder = new StringDecoder('utf8');
  private partial = '';
  /** Characters of the partial line already dropped. */
  private dropped = 0;

  constructor(private readonly maxLineLength = DEFAULT_MAX_LINE_LENGTH) {}

  /** Bytes to text, keeping a character split across chunks for the next one. */
  decode(chunk: Buffer): string {
    return this.decoder.write(chunk);
  }

  /**
   * The lines this chunk completes, as batches (lines joined by newlines, without the last newline): the
   * line carried over from the previous chunk, if any, then the chunk's own. None when it completes no line.
   */
  push(chunk: Buffer | string): string[] {
    const decoded = typeof chunk === 'string' ? chunk : this.decoder.write(chunk);
    const lastNewline = decoded.lastIndexOf('\n');
    if (lastNewline < 0) {
      this.holdPartial(this.partial + decoded);
      return [];
    }
    const batches: string[] = [];
    let ownStart = 0;
    if (this.partial !== '' || this.dropped > 0) {
      const firstNewline = decoded.indexOf('\n');
      batches.push(cutLine(this.partial + decoded.slice(0, firstNewline), this.maxLineLength, this.dropped));
      ownStart = firstNewline + 1;
    }
    // The chunk's own lines, if it has more: a slice of the decoded chunk, not a copy of it.
    if (ownStart <= lastNewline) {
      const own = decoded.slice(ownStart, lastNewline);
      batches.push(decoded.length > this.maxLineLength ? this.cutLongLines(own, 0) : own);
    }
    this.partial = '';
    this.dropped = 0;
    this.holdPartial(decoded.slice(lastNewline + 1));
    return batches;
  }

  /** What is left when the stream ends: the last line, if it had no newline. */
  end(): string | undefined {
    const rest = this.partial + this.decoder.end();
    const dropped = this.dropped;
    this.partial = '';
    this.dropped = 0;
    if (rest === '' && dropped === 0) return undefined;
    return this.cutLongLines(rest, dropped);
  }

  private holdPartial(text: string): void {
    if (text.length > this.maxLineLength) {
      this.dropped += text.length - this.maxLineLength;
      this.partial = text.slice(0, this.maxLineLength);
    } else {
      this.partial = text;
    }
  }

  /** The batch with its lines over the limit cut; the first also carries what was dropped while it was partial. */
  private cutLongLines(batch: string, dropped: number): string {
    return batch
      .split('\n')
      .map((line, index) => cutLine(line, this.maxLineLength, index === 0 ? dropped : 0))
      .join('\n');
  }
}
