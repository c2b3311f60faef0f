/**
 * Splits a byte stream into lines. Multi-byte characters split across chunks are kept whole; a line longer
 * than `maxLineLength` is cut with a marker, and the rest of it is dropped rather than held in memory.
 * This runs on every byte a step prints, so it works a chunk at a time with native string operations.
 */
import { StringDecoder } from 'node:string_decoder';

export const DEFAULT_MAX_LINE_LENGTH = 4096;

export class LineSplitter {
  private readonly decoder = new StringDecoder('utf8');
  private partial = '';
  private dropped = 0;

  constructor(private readonly maxLineLength = DEFAULT_MAX_LINE_LENGTH) {}

  /** Bytes to text, keeping a character split across chunks for the next one. */
  decode(chunk: Buffer): string {
    return this.decoder.write(chunk);
  }

  /** The complete lines in this chunk (without their newline). */
  push(chunk: Buffer | string): string[] {
    const decoded = typeof chunk === 'string' ? chunk : this.decoder.write(chunk);
    const lastNewline = decoded.lastIndexOf('\n');
    if (lastNewline < 0) {
      this.holdPartial(this.partial + decoded);
      return [];
    }
    const lines = (this.partial + decoded.slice(0, lastNewline)).split('\n');
    this.partial = '';
    this.holdPartial(decoded.slice(lastNewline + 1));
    this.cutLongLines(lines);
    return lines;
  }

  /** What is left when the stream ends. */
  end(): string[] {
    const rest = this.partial + this.decoder.end();
    this.partial = '';
    if (rest === '' && this.dropped === 0) return [];
    const lines = [rest];
    this.cutLongLines(lines);
    return lines;
  }

  private holdPartial(text: string): void {
    if (text.length > this.maxLineLength) {
      this.dropped += text.length - this.maxLineLength;
      this.partial = text.slice(0, this.maxLineLength);
    } else {
      this.partial = text;
    }
  }

  /** Cut lines over the limit in place; the first line also carries what was dropped while it was partial. */
  private cutLongLines(lines: string[]): void {
    for (let index = 0; index < lines.length; index++) {
      const line = lines[index] as string;
      const dropped = (index === 0 ? this.dropped : 0) + Math.max(0, line.length - this.maxLineLength);
      if (dropped > 0) lines[index] = `${line.slice(0, this.maxLineLength)} … [line cut: ${dropped} more characters]`;
    }
    this.dropped = 0;
  }
}
