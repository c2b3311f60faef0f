// What the checks get of a long output: its beginning and end in memory, with a line saying what was left out,
// and (with a spill file) all of it, per source, read back in order.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KeptOutput, sizeText } from '../../src/engine/kept-output.js';
import { tempDir } from '../helpers/lessons.js';
import { seededRandom } from '../helpers/seeded-random.js';

const lines = (from: number, to: number, prefix = 'line'): string[] => Array.from({ length: to - from + 1 }, (_, i) => `${prefix} ${from + i}`);
const joined = (list: readonly string[]): string => (list.length === 0 ? '' : `${list.join('\n')}\n`);
/** Sends lines as the engine does: one batch, its lines joined by newlines. */
const add = (kept: KeptOutput, stream: 'stdout' | 'stderr', batch: readonly string[]): void => kept.add(stream, batch.join('\n'));
const whole = (kept: KeptOutput, source: 'stdout' | 'stderr' | 'all'): string | undefined => {
  const read = kept.whole(source);
  return read === undefined ? undefined : [...read()].join('');
};

describe('kept output within the limit', () => {
  it('is the text itself, per source, and nothing is spilled', () => {
    const spillFile = path.join(tempDir('mw-kept-'), 'spill');
    const kept = new KeptOutput({ headLimit: 100, spillFile });
    add(kept, 'stdout', ['out 1', 'out 2']);
    add(kept, 'stderr', ['err 1']);
    kept.close();
    expect(kept.truncated).toBe(false);
    expect(kept.text('stdout')).toBe('out 1\nout 2\n');
    expect(kept.text('stderr')).toBe('err 1\n');
    expect(kept.text('all')).toBe('out 1\nout 2\nerr 1\n');
    expect(kept.whole('all')).toBeUndefined();
    expect(existsSync(spillFile)).toBe(false);
  });

  it('keeps an empty line as a line', () => {
    const kept = new KeptOutput({ headLimit: 10 });
    expect(kept.text('all')).toBe('');
    add(kept, 'stdout', ['']);
    expect(kept.text('all')).toBe('\n');
    expect(kept.truncated).toBe(false);
  });
});

describe('kept output beyond the limit', () => {
  it('keeps whole lines up to the limit, then the last lines, with what was left out between', () => {
    // 'line N\n' is 7 characters for N < 10 and 8 for 10..99.
    const kept = new KeptOutput({ headLimit: 21, tailLimit: 16 });
    add(kept, 'stdout', lines(1, 2));
    add(kept, 'stdout', lines(3, 20));
    kept.close();
    expect(kept.truncated).toBe(true);
    // Head: lines 1-3 (21 characters). Tail: lines 19-20 (16). Left out: lines 4-18, 6 × 7 + 9 × 8 = 114.
    expect(kept.text('stdout')).toBe('line 1\nline 2\nline 3\n… 114 characters left out here: the whole output is in the step log\nline 19\nline 20\n');
    expect(kept.text('all')).toBe(kept.text('stdout'));
    expect(kept.text('stderr')).toBe('');
  });

  it('says nothing was left out when the rest fits in the tail', () => {
    const kept = new KeptOutput({ headLimit: 14, tailLimit: 100 });
    add(kept, 'stdout', lines(1, 4));
    expect(kept.text('stdout')).toBe('line 1\nline 2\nline 3\nline 4\n');
    expect(kept.truncated).toBe(true);
  });

  it('never leaves a gap in the head: a line that does not fit ends it for good', () => {
    const kept = new KeptOutput({ headLimit: 10, tailLimit: 1 });
    add(kept, 'stdout', ['12345', '1234567']);
    add(kept, 'stdout', ['1']);
    expect(kept.text('stdout').startsWith('12345\n… ')).toBe(true);
    expect(kept.text('stdout').endsWith('\n1\n')).toBe(true);
  });

  it('keeps at least the last line in the tail, however long', () => {
    const kept = new KeptOutput({ headLimit: 7, tailLimit: 3 });
    add(kept, 'stdout', ['line 1', 'line 2', 'a longer last line']);
    expect(kept.text('stdout')).toBe('line 1\n… 7 characters left out here: the whole output is in the step log\na longer last line\n');
  });

  it('spills what goes beyond, and reads each source back whole and in order', () => {
    const spillFile = path.join(tempDir('mw-kept-'), 'spill');
    const kept = new KeptOutput({ headLimit: 30, tailLimit: 8, spillFile });
    const sent: { stream: 'stdout' | 'stderr'; lines: string[] }[] = [
      { stream: 'stdout', lines: lines(1, 3, 'out') },
      { stream: 'stderr', lines: lines(1, 2, 'err') },
      { stream: 'stdout', lines: lines(4, 9, 'out') },
      { stream: 'stderr', lines: lines(3, 7, 'err') },
      { stream: 'stdout', lines: lines(10, 12, 'out') },
    ];
    for (const batch of sent) add(kept, batch.stream, batch.lines);
    kept.close();
    expect(kept.truncated).toBe(true);
    expect(whole(kept, 'all')).toBe(joined(sent.flatMap((batch) => batch.lines)));
    expect(whole(kept, 'stdout')).toBe(joined(sent.filter((b) => b.stream === 'stdout').flatMap((b) => b.lines)));
    expect(whole(kept, 'stderr')).toBe(joined(sent.filter((b) => b.stream === 'stderr').flatMap((b) => b.lines)));
  });

  it('reads a stream whose own head held more than the interleaved one without doubling a line', () => {
    const spillFile = path.join(tempDir('mw-kept-'), 'spill');
    const kept = new KeptOutput({ headLimit: 20, spillFile });
    add(kept, 'stderr', ['e'.repeat(15)]);
    // The interleaved head is full after this batch's first line; stdout's own head still takes three.
    add(kept, 'stdout', ['a', 'b', 'c', 'd'.repeat(30), 'e']);
    kept.close();
    expect(whole(kept, 'stdout')).toBe(joined(['a', 'b', 'c', 'd'.repeat(30), 'e']));
    // stderr lost nothing: it is whole in memory, so there is nothing to read back.
    expect(kept.whole('stderr')).toBeUndefined();
    expect(whole(kept, 'all')).toBe(joined(['e'.repeat(15), 'a', 'b', 'c', 'd'.repeat(30), 'e']));
  });

  it('keeps no spill without a file: a long source has no whole to read', () => {
    const kept = new KeptOutput({ headLimit: 7 });
    add(kept, 'stdout', lines(1, 5));
    kept.close();
    expect(kept.truncated).toBe(true);
    expect(kept.whole('stdout')).toBeUndefined();
  });

  it('reads characters outside ASCII back as written', () => {
    const spillFile = path.join(tempDir('mw-kept-'), 'spill');
    const kept = new KeptOutput({ headLimit: 4, spillFile });
    add(kept, 'stdout', ['ok', 'naïve ✓ 日本', 'done']);
    kept.close();
    expect(whole(kept, 'stdout')).toBe('ok\nnaïve ✓ 日本\ndone\n');
  });
});

describe('kept output, against its definition', () => {
  // The head: the longest run of whole lines from the start within the limit. The tail: the longest run of
  // whole lines at the end within its limit (at least the last line). Between them, the size left out.
  const expected = (all: readonly string[], headLimit: number, tailLimit: number): string => {
    const size = (line: string): number => line.length + 1;
    let headSize = 0;
    let head = 0;
    while (head < all.length && headSize + size(all[head] ?? '') <= headLimit) headSize += size(all[head++] ?? '');
    if (head === all.length) return joined(all);
    const rest = all.slice(head);
    let tail = rest.length - 1;
    let tailSize = size(rest[tail] ?? '');
    while (tail > 0 && tailSize + size(rest[tail - 1] ?? '') <= tailLimit) tailSize += size(rest[--tail] ?? '');
    const leftOut = rest.slice(0, tail).reduce((sum, line) => sum + size(line), 0);
    const gap = leftOut > 0 ? `… ${sizeText(leftOut)} left out here: the whole output is in the step log\n` : '';
    return `${head > 0 ? joined(all.slice(0, head)) : ''}${gap}${joined(rest.slice(tail))}`;
  };
  it('keeps what the definition says, and spills the rest whole, for any batches and limits', () => {
    const next = seededRandom(11);
    for (let round = 0; round < 300; round++) {
      const spillFile = path.join(tempDir('mw-kept-'), 'spill');
      const headLimit = 1 + next(60);
      const tailLimit = 1 + next(30);
      const kept = new KeptOutput({ headLimit, tailLimit, spillFile });
      const sent: { stream: 'stdout' | 'stderr'; lines: string[] }[] = [];
      for (let batch = next(8); batch > 0; batch--) {
        const lines = Array.from({ length: 1 + next(5) }, () => 'x'.repeat(next(12)));
        const stream = next(3) === 0 ? 'stderr' : 'stdout';
        sent.push({ stream, lines });
        add(kept, stream, lines);
      }
      kept.close();
      const of = (source: 'stdout' | 'stderr' | 'all'): string[] => sent.filter((batch) => source === 'all' || batch.stream === source).flatMap((batch) => batch.lines);
      for (const source of ['stdout', 'stderr', 'all'] as const) {
        const context = JSON.stringify({ headLimit, tailLimit, sent, source });
        expect(kept.text(source), context).toBe(expected(of(source), headLimit, tailLimit));
        expect(whole(kept, source) ?? kept.text(source), context).toBe(joined(of(source)));
      }
    }
  });
});

describe('sizes in words', () => {
  it('counts characters, then KiB and MiB', () => {
    expect(sizeText(1023)).toBe('1023 characters');
    expect(sizeText(1024)).toBe('1.0 KiB');
    expect(sizeText(1024 * 1024 - 1)).toBe('1024.0 KiB');
    expect(sizeText(1024 * 1024)).toBe('1.0 MiB');
    expect(sizeText(20_000_000)).toBe('19.1 MiB');
  });
});
