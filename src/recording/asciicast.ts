/**
 * asciicast v2 (docs.asciinema.org/manual/asciicast/v2): a JSON header line, then one JSON array per
 * event, `[seconds, code, data]`. The workshop writes output ("o") and a marker ("m") at each step, so
 * asciinema's players can jump between steps; it reads back only what it wrote, and says where a file
 * is not one.
 */
export interface CastHeader {
  version: 2;
  width: number;
  height: number;
  /** When the recording started, in seconds since the epoch. */
  timestamp: number;
  title?: string;
  env?: Record<string, string>;
}

export type CastEvent = { time: number; code: 'o' | 'm' | 'i' | 'r'; data: string };

/** Seconds with microseconds, as asciinema writes them (no float noise such as 1.2000000000000002). */
function seconds(time: number): number {
  return Math.round(Math.max(0, time) * 1e6) / 1e6;
}

export function castText(header: CastHeader, events: readonly CastEvent[]): string {
  const lines = [JSON.stringify(header), ...events.map((event) => JSON.stringify([seconds(event.time), event.code, event.data]))];
  return `${lines.join('\n')}\n`;
}

/**
 * Lines of a step's output as a terminal shows them: a newline alone only moves down, so each line ends
 * with "\r\n" (what a terminal in raw mode receives, and what `asciinema cat` writes back).
 */
export function terminalLines(lines: readonly string[]): string {
  return lines.map((line) => `${line}\r\n`).join('');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A cast file's header and events, or what is wrong with it (naming the line). */
export function parseCast(text: string, file: string): { header: CastHeader; events: CastEvent[] } | { problem: string } {
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  const [first, ...rest] = lines;
  if (first === undefined) return { problem: `${file} is empty: not an asciicast recording` };
  let header: unknown;
  try {
    header = JSON.parse(first);
  } catch {
    return { problem: `${file}:1: the first line is not JSON: not an asciicast v2 recording` };
  }
  if (!isRecord(header) || header.version !== 2) return { problem: `${file}:1: not an asciicast v2 header (version should be 2)` };
  if (typeof header.width !== 'number' || typeof header.height !== 'number') return { problem: `${file}:1: the header has no terminal width and height` };
  const events: CastEvent[] = [];
  for (const [index, line] of rest.entries()) {
    let event: unknown;
    try {
      event = JSON.parse(line);
    } catch {
      return { problem: `${file}:${index + 2}: not JSON` };
    }
    if (!Array.isArray(event) || typeof event[0] !== 'number' || !['o', 'm', 'i', 'r'].includes(event[1] as string) || typeof event[2] !== 'string') {
      return { problem: `${file}:${index + 2}: not an event ([seconds, "o"|"m"|"i"|"r", text])` };
    }
    events.push({ time: event[0], code: event[1] as CastEvent['code'], data: event[2] });
  }
  return { header: header as unknown as CastHeader, events };
}
