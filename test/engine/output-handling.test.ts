import { describe, expect, it } from 'vitest';
import { LineSplitter } from '../../src/engine/line-splitter.js';
import { neutraliseBatch, neutraliseLine } from '../../src/engine/neutralise.js';
import { OutputTail, SHOWN_LINE_LENGTH } from '../../src/engine/output-buffers.js';

describe('neutraliseLine', () => {
  it('keeps colours and plain text untouched', () => {
    expect(neutraliseLine('plain text\twith tab')).toBe('plain text\twith tab');
    expect(neutraliseLine('\u001b[1;32mSYNCED\u001b[0m')).toBe('\u001b[1;32mSYNCED\u001b[0m');
  });
  it('removes cursor moves, screen clears, title changes, hyperlinks and bells', () => {
    expect(neutraliseLine('\u001b[2J\u001b[Hhome')).toBe('home');
    expect(neutraliseLine('\u001b]0;new title\u0007text')).toBe('text');
    expect(neutraliseLine('\u001b]8;;http://x\u001b\\link\u001b]8;;\u001b\\')).toBe('link');
    expect(neutraliseLine('a\u0007b\u0008c')).toBe('abc');
    expect(neutraliseLine('\u001bPq#0;2;0;0;0\u001b\\after')).toBe('after');
    expect(neutraliseLine('\u009b2Jx')).toBe('x');
  });
  it('neutralises a batch line by line: a carriage return redraws only its own line', () => {
    expect(neutraliseBatch('10%\r100%\n\u001b[2Jnext\nplain')).toBe('100%\nnext\nplain');
    expect(neutraliseBatch('a\rb\nc')).toBe('b\nc');
  });
  it('keeps what a terminal finally shows after carriage returns (progress bars)', () => {
    expect(neutraliseLine('10%\r50%\r100% done')).toBe('100% done');
    expect(neutraliseLine('done\r')).toBe('done');
  });
});

describe('LineSplitter', () => {
  it('joins lines split across chunks, and multi-byte characters split across chunks', () => {
    const splitter = new LineSplitter();
    const bytes = Buffer.from('héllo\nwörld\n');
    expect(splitter.push(bytes.subarray(0, 2))).toEqual([]);
    expect(splitter.push(bytes.subarray(2, 9))).toEqual(['héllo']);
    expect(splitter.push(bytes.subarray(9))).toEqual(['wörld']);
    expect(splitter.end()).toBeUndefined();
  });
  it('gives the line carried over and the lines a chunk completes as a batch each, and a last line without a newline at the end', () => {
    const splitter = new LineSplitter();
    expect(splitter.push('a\nb\nc')).toEqual(['a\nb']);
    expect(splitter.push('d\n\n')).toEqual(['cd', '']);
    expect(splitter.push('e\nf\ng\n')).toEqual(['e\nf\ng']);
    expect(splitter.push('\nh')).toEqual(['']);
    expect(splitter.push('i\n')).toEqual(['hi']);
    expect(splitter.push('e')).toEqual([]);
    expect(splitter.end()).toBe('e');
    expect(splitter.end()).toBeUndefined();
  });
  it('cuts a very long line with a marker and does not hold the rest', () => {
    const splitter = new LineSplitter(10);
    expect(splitter.push('x'.repeat(25))).toEqual([]);
    expect(splitter.push('y'.repeat(5))).toEqual([]);
    expect(splitter.push('\nnext\n')).toEqual(['xxxxxxxxxx … [line cut: 20 more characters]', 'next']);
    expect(splitter.push(`${'z'.repeat(12)}\n`)).toEqual(['zzzzzzzzzz … [line cut: 2 more characters]']);
    expect(splitter.push(`ok\n${'w'.repeat(11)}\nok`)).toEqual(['ok\nwwwwwwwwww … [line cut: 1 more characters]']);
    expect(splitter.push(`${'v'.repeat(9)}\n`)).toEqual(['okvvvvvvvv … [line cut: 1 more characters]']);
    expect(splitter.push('q'.repeat(12))).toEqual([]);
    expect(splitter.end()).toBe('qqqqqqqqqq … [line cut: 2 more characters]');
  });
  it('cuts only what is too long, whatever the chunks', () => {
    const text = ['short', 'x'.repeat(30), '', 'y'.repeat(8), 'z'.repeat(9), 'end'].join('\n');
    const expected = ['short', `${'x'.repeat(8)} … [line cut: 22 more characters]`, '', 'y'.repeat(8), `${'z'.repeat(8)} … [line cut: 1 more characters]`, 'end'];
    for (let size = 1; size <= text.length; size++) {
      const splitter = new LineSplitter(8);
      const batches: string[] = [];
      for (let at = 0; at < text.length; at += size) batches.push(...splitter.push(text.slice(at, at + size)));
      const last = splitter.end();
      if (last !== undefined) batches.push(last);
      expect(batches.join('\n').split('\n'), `chunks of ${size}`).toEqual(expected);
    }
  });
});

describe('bounded buffers', () => {
  it('OutputTail keeps the last lines and counts all', () => {
    const tail = new OutputTail(3, true);
    tail.push('1\n2');
    tail.push('3\n4\n5');
    expect(tail.toArray()).toEqual(['3', '4', '5']);
    expect(tail.seen).toBe(5);
    tail.push('6');
    expect(tail.toArray()).toEqual(['4', '5', '6']);
    expect(tail.seen).toBe(6);
  });
  it('OutputTail keeps enough batches for its lines, and shows a long line cut', () => {
    const tail = new OutputTail(4);
    tail.push('a\nb\nc');
    tail.push('d\ne');
    tail.push('f');
    expect(tail.toArray()).toEqual(['c', 'd', 'e', 'f']);
    tail.push('x'.repeat(SHOWN_LINE_LENGTH + 5));
    expect(tail.toArray().at(-1)).toBe(`${'x'.repeat(SHOWN_LINE_LENGTH)} … [line cut: 5 more characters]`);
    expect(new OutputTail().toArray()).toEqual([]);
  });
});

describe('an 8-bit colour in output', () => {
  it('is shown as the same colour (7-bit form), never as its parameters', () => {
    expect(neutraliseLine('\u009b33myellow\u009b0m')).toBe('\u001b[33myellow\u001b[0m');
  });
});
