import { describe, expect, it } from 'vitest';
import { LineSplitter } from '../../src/engine/line-splitter.js';
import { neutraliseLine } from '../../src/engine/neutralise.js';
import { OutputTail } from '../../src/engine/output-buffers.js';

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
    expect(splitter.end()).toEqual([]);
  });
  it('returns a last line without a newline at the end', () => {
    const splitter = new LineSplitter();
    expect(splitter.push('a\nb')).toEqual(['a']);
    expect(splitter.end()).toEqual(['b']);
  });
  it('cuts a very long line with a marker and does not hold the rest', () => {
    const splitter = new LineSplitter(10);
    expect(splitter.push('x'.repeat(25))).toEqual([]);
    expect(splitter.push('y'.repeat(5))).toEqual([]);
    expect(splitter.push('\nnext\n')).toEqual(['xxxxxxxxxx … [line cut: 20 more characters]', 'next']);
    expect(splitter.push(`${'z'.repeat(12)}\n`)).toEqual(['zzzzzzzzzz … [line cut: 2 more characters]']);
  });
});

describe('bounded buffers', () => {
  it('OutputTail keeps the last lines and counts all', () => {
    const tail = new OutputTail(3);
    tail.push(['1', '2']);
    tail.push(['3', '4', '5']);
    expect(tail.toArray()).toEqual(['3', '4', '5']);
    expect(tail.seen).toBe(5);
  });
});

describe('an 8-bit colour in output', () => {
  it('is shown as the same colour (7-bit form), never as its parameters', () => {
    expect(neutraliseLine('\u009b33myellow\u009b0m')).toBe('\u001b[33myellow\u001b[0m');
  });
});
