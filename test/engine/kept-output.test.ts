// What the checks get of a long output: its beginning and end in memory, with a line saying what was left out,
// and (with a spill file) all of it, per source, read back in order.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KeptOutput, sizeText } from '../../src/engine/kept-output.js';
import { tempDir } from '../helpers/lessons.js';

const lines = (from: number, to: number, prefix = 'line'): string[] => Array.from({ length: to - from + 1 }, (_, i) => `${prefix} ${from + i}`);
const joined = (list: readonly string[]): string => `${list.join('\n')}\n`;
const whole = (kept: KeptOutput, source: 'stdout' | 'stderr' | 'all'): string | undefined => {
  const read = kept.whole(source);
  return read === undefined ? undefined : [...read()].join('');
};

describe('kept output within the limit', () => {
  it('is the text itself, per source, and nothing is spilled', () => {
    const spillFile = path.join(tempDir('mw-kept-'), 'spill');
    const kept = new KeptOutput({ headLimit: 100, spillFile });
    kept.add('stdout', ['out 1', 'out 2']);
    kept.add('stderr', ['err 1']);
    kept.close();
    expect(kept.truncated).toBe(false);
    expect(kept.text('stdout')).toBe('out 1\nout 2\n');
    expect(kept.text('stderr')).toBe('err 1\n');
    expect(kept.text('all')).toBe('out 1\nout 2\nerr 1\n');
    expect(kept.whole('all')).toBeUndefined();
    expect(existsSync(spillFile)).toBe(false);
  });

  it('takes an empty batch as nothing', () => {
    const kept = new KeptOutput({ headLimit: 10 });
    kept.add('stdout', []);
    expect(kept.text('all')).toBe('');
    expect(kept.truncated).toBe(false);
  });
});

describe('kept output beyond the limit', () => {
  it('keeps whole lines up to the limit, then the last lines, with what was left out between', () => {
    // 'line N\n' is 7 characters for N < 10 and 8 for 10..99.
    const kept = new KeptOutput({ headLimit: 21, tailLimit: 16 });
    kept.add('stdout', lines(1, 2));
    kept.add('stdout', lines(3, 20));
    kept.close();
    expect(kept.truncated).toBe(true);
    // Head: lines 1-3 (21 characters). Tail: lines 19-20 (16). Left out: lines 4-18, 6 × 7 + 9 × 8 = 114.
    expect(kept.text('stdout')).toBe('line 1\nline 2\nline 3\n… 15 lines (114 characters) left out here: the whole output is in the step log\nline 19\nline 20\n');
    expect(kept.text('all')).toBe(kept.text('stdout'));
    expect(kept.text('stderr')).toBe('');
  });

  it('says nothing was left out when the rest fits in the tail', () => {
    const kept = new KeptOutput({ headLimit: 14, tailLimit: 100 });
    kept.add('stdout', lines(1, 4));
    expect(kept.text('stdout')).toBe('line 1\nline 2\nline 3\nline 4\n');
    expect(kept.truncated).toBe(true);
  });

  it('never leaves a gap in the head: a line that does not fit ends it for good', () => {
    const kept = new KeptOutput({ headLimit: 10, tailLimit: 1 });
    kept.add('stdout', ['12345', '1234567']);
    kept.add('stdout', ['1']);
    expect(kept.text('stdout').startsWith('12345\n… ')).toBe(true);
    expect(kept.text('stdout').endsWith('\n1\n')).toBe(true);
  });

  it('keeps at least the last line in the tail, however long', () => {
    const kept = new KeptOutput({ headLimit: 7, tailLimit: 3 });
    kept.add('stdout', ['line 1', 'line 2', 'a longer last line']);
    expect(kept.text('stdout')).toBe('line 1\n… 1 lines (7 characters) left out here: the whole output is in the step log\na longer last line\n');
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
    for (const batch of sent) kept.add(batch.stream, batch.lines);
    kept.close();
    expect(kept.truncated).toBe(true);
    expect(whole(kept, 'all')).toBe(joined(sent.flatMap((batch) => batch.lines)));
    expect(whole(kept, 'stdout')).toBe(joined(sent.filter((b) => b.stream === 'stdout').flatMap((b) => b.lines)));
    expect(whole(kept, 'stderr')).toBe(joined(sent.filter((b) => b.stream === 'stderr').flatMap((b) => b.lines)));
  });

  it('reads a stream whose own head held more than the interleaved one without doubling a line', () => {
    const spillFile = path.join(tempDir('mw-kept-'), 'spill');
    const kept = new KeptOutput({ headLimit: 20, spillFile });
    kept.add('stderr', ['e'.repeat(15)]);
    // The interleaved head is full after this batch's first line; stdout's own head still takes three.
    kept.add('stdout', ['a', 'b', 'c', 'd'.repeat(30), 'e']);
    kept.close();
    expect(whole(kept, 'stdout')).toBe(joined(['a', 'b', 'c', 'd'.repeat(30), 'e']));
    // stderr lost nothing: it is whole in memory, so there is nothing to read back.
    expect(kept.whole('stderr')).toBeUndefined();
    expect(whole(kept, 'all')).toBe(joined(['e'.repeat(15), 'a', 'b', 'c', 'd'.repeat(30), 'e']));
  });

  it('keeps no spill without a file: a long source has no whole to read', () => {
    const kept = new KeptOutput({ headLimit: 7 });
    kept.add('stdout', lines(1, 5));
    kept.close();
    expect(kept.truncated).toBe(true);
    expect(kept.whole('stdout')).toBeUndefined();
  });

  it('reads characters outside ASCII back as written', () => {
    const spillFile = path.join(tempDir('mw-kept-'), 'spill');
    const kept = new KeptOutput({ headLimit: 4, spillFile });
    kept.add('stdout', ['ok', 'naïve ✓ 日本', 'done']);
    kept.close();
    expect(whole(kept, 'stdout')).toBe('ok\nnaïve ✓ 日本\ndone\n');
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
