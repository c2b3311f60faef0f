// A long output reaches the searching checks in pieces (the head in memory, then the rest from disk, each
// piece ending at a line end). Searching the pieces must mean what searching the whole text means.
import { describe, expect, it } from 'vitest';
import { MATCH_REACH, piecesContain, piecesMatch } from '../../src/checks/search-whole.js';

describe('contains, over pieces', () => {
  it('finds a text in any piece, or across the line end between two', () => {
    expect(piecesContain(['alpha\n', 'beta\n', 'gamma\n'], 'gamma')).toBe(true);
    expect(piecesContain(['alpha\n', 'beta\n'], 'ha\nbe')).toBe(true);
    expect(piecesContain(['alpha\n', 'beta\n'], 'delta')).toBe(false);
  });

  it('finds a text spread over three pieces', () => {
    expect(piecesContain(['a\n', 'b\n', 'c\n'], 'a\nb\nc')).toBe(true);
    expect(piecesContain(['a\n', 'b\n', 'c\n'], 'a\nc')).toBe(false);
  });

  it('reads pieces without their colours, as checks read output', () => {
    expect(piecesContain(['\u001b[32mHello\u001b[0m version: v2\n'], 'Hello version: v2')).toBe(true);
  });

  it('finds a one-character text only where it is', () => {
    expect(piecesContain(['ab\n', 'cd\n'], 'd')).toBe(true);
    expect(piecesContain(['ab\n', 'cd\n'], 'e')).toBe(false);
  });

  it('finds the empty text always, and nothing in no pieces', () => {
    expect(piecesContain([], '')).toBe(true);
    expect(piecesContain([], 'x')).toBe(false);
  });
});

describe('matches, over pieces', () => {
  const pieces = ['first line\n', 'second line\n', 'third line\n'];

  it('anchors ^ and $ to the whole text without the m flag', () => {
    expect(piecesMatch(pieces, /^first/)).toBe(true);
    expect(piecesMatch(pieces, /^second/)).toBe(false);
    expect(piecesMatch(pieces, /line\n$/)).toBe(true);
    expect(piecesMatch(pieces, /first line\n$/)).toBe(false);
    expect(piecesMatch(pieces, /second line$/)).toBe(false);
  });

  it('anchors ^ and $ to each line with the m flag', () => {
    expect(piecesMatch(pieces, /^second line$/m)).toBe(true);
    expect(piecesMatch(pieces, /^third/m)).toBe(true);
    expect(piecesMatch(pieces, /^line/m)).toBe(false);
  });

  it('matches across the line end between pieces', () => {
    expect(piecesMatch(pieces, /first line\nsecond/)).toBe(true);
    expect(piecesMatch(pieces, /line\nthird line\n$/)).toBe(true);
    expect(piecesMatch(pieces, /first line\nthird/)).toBe(false);
  });

  it('keeps the pattern flags, and ignores g and y', () => {
    expect(piecesMatch(pieces, /THIRD/i)).toBe(true);
    expect(piecesMatch(pieces, /THIRD/)).toBe(false);
    expect(piecesMatch(pieces, /third/gy)).toBe(true);
  });

  it('lets a greedy pattern run to the true end, not the end of a piece', () => {
    expect(piecesMatch(pieces, /second[\s\S]*third line\n$/)).toBe(true);
    expect(piecesMatch(pieces, /first[^]*$/)).toBe(true);
  });

  it('ends on a pattern that matches the empty text, and on none', () => {
    expect(piecesMatch(pieces, /x*/)).toBe(true);
    expect(piecesMatch([], /x*/)).toBe(false);
    expect(piecesMatch(['a\n', 'b\n'], /(?=b)/)).toBe(true);
  });

  it('reads pieces without their colours', () => {
    expect(piecesMatch(['\u001b[1mv2\u001b[0m\n', 'ok\n'], /^v2$/m)).toBe(true);
  });

  it(`finds a match that starts up to ${MATCH_REACH / 1024} KiB before the piece it ends in`, () => {
    const long = `${'x'.repeat(1000)}\n`.repeat(Math.floor(MATCH_REACH / 1001) - 1);
    expect(piecesMatch(['start\n', `begin\n${long}`, 'end\n'], /begin\n[x\n]*end/)).toBe(true);
  });

  it('finds a match early in the text, however much follows it', () => {
    const filler = `${'y'.repeat(999)}\n`.repeat(Math.ceil(MATCH_REACH / 1000) + 2);
    expect(piecesMatch(['the needle\n', filler, 'end\n'], /needle/)).toBe(true);
    expect(piecesMatch(['start\n', `the needle\n${filler}`, 'end\n'], /needle/)).toBe(true);
  });

  it('starts what it keeps of a long text at a line start: a line that starts with x never starts with y', () => {
    const filler = `x${'y'.repeat(998)}\n`.repeat(Math.ceil(MATCH_REACH / 1000) + 2);
    // Cut anywhere else, the kept end of 'head' + filler would start inside a run of y.
    const searched = `head\n${filler}`;
    expect(searched[searched.length - MATCH_REACH]).toBe('y');
    expect(searched[searched.indexOf('\n', searched.length - MATCH_REACH) - 1]).toBe('y');
    expect(piecesMatch(['head\n', filler, 'tail\n'], /^y/m)).toBe(false);
    expect(piecesMatch(['head\n', filler, 'tail\n'], /^xy+\ntail$/m)).toBe(true);
  });

  it('adds no empty line where a long text was cut', () => {
    const filler = `${'y'.repeat(999)}\n`.repeat(Math.ceil(MATCH_REACH / 1000) + 2);
    expect(piecesMatch(['head\n', filler, 'a\n', 'b\n', 'c\n'], /\n\n/)).toBe(false);
    expect(piecesMatch(['head\n', filler, 'a\n', '\n', 'c\n'], /\n\n/)).toBe(true);
  });

  it('reads the end of a long piece from a line start, so ^ keeps its meaning there', () => {
    const lines = `${'y'.repeat(999)}\n`.repeat(Math.ceil(MATCH_REACH / 1000) + 2);
    // Without m, ^ is the start of the whole text: the y lines kept before 'tail' do not start it.
    expect(piecesMatch(['head\n', lines, 'tail\n'], /^(?:y+\n)+tail/)).toBe(false);
    expect(piecesMatch(['head\n', lines, 'tail\n'], /(?:^y+\n)+tail/m)).toBe(true);
    const filler = `${'y'.repeat(999)}\n`.repeat(Math.ceil(MATCH_REACH / 1000) + 2);
    // Without m, ^ is the start of the whole text only, however the pieces fall.
    expect(piecesMatch(['head\n', filler, 'tail\n'], /^y+\ntail/)).toBe(false);
    expect(piecesMatch(['head\n', filler, 'tail\n'], /^y+\ntail/m)).toBe(true);
  });
});

describe('matches over pieces means matches over the whole text', () => {
  // A fixed-seed generator: the same cases every run.
  let seed = 20261206;
  const random = (): number => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const words = ['v1', 'v2', 'ok', 'Hello', 'version', '', 'x', 'end'];
  const patterns = [/^v1/, /^v1/m, /v2$/, /v2$/m, /ok\nv2/, /Hello version: v2\n$/, /^$/m, /x\n^x$/m, /end$/, /[\s\S]*end\n$/, /version: (v1|v2)\nok/, /^Hello.*v1$/m, /v1\n\n/, /(?<=\n)x/];

  it('for 400 texts split at random line ends', () => {
    for (let round = 0; round < 400; round++) {
      const lineCount = 1 + Math.floor(random() * 8);
      const lines = Array.from({ length: lineCount }, () => {
        const a = words[Math.floor(random() * words.length)] ?? '';
        return random() < 0.3 ? `${a} version: ${random() < 0.5 ? 'v1' : 'v2'}` : a;
      });
      const text = `${lines.join('\n')}\n`;
      const pieces: string[] = [];
      let current = '';
      for (const line of lines) {
        current += `${line}\n`;
        if (random() < 0.5) {
          pieces.push(current);
          current = '';
        }
      }
      if (current !== '') pieces.push(current);
      for (const pattern of patterns) {
        expect({ text, pieces, pattern: String(pattern), found: piecesMatch(pieces, pattern) }).toEqual({ text, pieces, pattern: String(pattern), found: pattern.test(text) });
      }
      for (const wanted of ['v1\nv2', 'ok', 'version: v2\nend', '\n\n']) {
        expect({ text, pieces, wanted, found: piecesContain(pieces, wanted) }).toEqual({ text, pieces, wanted, found: text.includes(wanted) });
      }
    }
  });
});
