/**
 * Splits a byte stream into lines. Multi-byte characters split across chunks are kept whole; a line longer
 * than `maxLineLength` is cut with a marker, and the rest of it is dropped rather than held in memory.
 */
import { StringDecoder } from 'node:string_decoder';

export const DEFAULT_MAX_LINE_LENGTH = 4096;

export class LineSplitter {
  private readonly decoder = new StringDecoder('utf8');
  private partial = '';
  private dropped = 0;

  constructor(private readonly maxLineLength = DEFAULT_MAX_LINE_LENGTH) {}

  /** The complete lines in this chunk (without their newline). */
  push(chunk: Buffer | string): string[] {
    const text = this.partial + (typeof chunk === 'string' ? chunk : this.decoder.write(chunk));
    const lines = text.split('\n');
    this.partial = lines.pop() ?? '';
    const complete = lines.map((line, index) => this.finishLine(line, index === 0));
    if (this.partial.length > this.maxLineLength) {
      this.dropped += this.partial.length - this.maxLineLength;
      this.partial = this.partial.slice(0, this.maxLineLength);
    }
    return complete;
  }

  /** What is left when the stream ends. */
  end(): string[] {
    const rest = this.partial + this.decoder.end();
    this.partial = '';
    return rest === '' && this.dropped === 0 ? [] : [this.finishLine(rest, true)];
  }

  private finishLine(line: string, continuesPartial: boolean): string {
    const dropped = (continuesPartial ? this.dropped : 0) + Math.max(0, line.length - this.maxLineLength);
    if (continuesPartial) this.dropped = 0;
    if (dropped === 0) return line;
    return `${line.slice(0, this.maxLineLength)} … [line cut: ${dropped} more characters]`;
  }
}
