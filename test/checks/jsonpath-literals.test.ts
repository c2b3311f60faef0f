// String literals in kubectl's JSONPath templates, `{"…"}` and `{'…'}`: client-go reads them with its
// UnquoteExtend (strconv.Unquote that also takes single quotes), byte by byte. Template expectations were
// checked against kubectl v1.32 (`kubectl label --local -f obj.json x=y -o jsonpath=…`, offline); the
// function's own cases follow client-go's util/jsonpath/parser.go and Go's strconv/quote.go.
import { describe, expect, it } from 'vitest';
import { evaluateJsonPath } from '../../src/checks/jsonpath.js';
import { unquoteExtend } from '../../src/checks/jsonpath-go-parse.js';
import { errorOf } from '../helpers/jsonpath-errors.js';

const print = (template: string): string => evaluateJsonPath(template, {});


describe('escapes in a string literal', () => {
  it('reads \\U with eight hex digits, \\x and octal escapes as raw bytes that may join into one character', () => {
    expect(print('{"\\U0001F600"}|{"\\xc3\\xa9"}|{"\\303\\251"}|{"\\000"}')).toBe('😀|é|é|\u0000');
  });

  it('accepts every code point up to U+10FFFF but the surrogates', () => {
    expect(print('{"\\ud7ff"}|{"\\ue000"}|{"\\U0010FFFF"}')).toBe('\ud7ff|\ue000|\u{10FFFF}');
  });

  it('accepts octal \\377, a lone byte that reads as U+FFFD', () => {
    expect(print('{"\\377"}')).toBe('\ufffd');
  });

  it('needs no escape for the other kind of quote', () => {
    expect(print('{"a\'b"}|{\'a"b\'}|x{""}y')).toBe('a\'b|a"b|xy');
  });

  const rejected = [
    '"\\x4"', // too few hex digits
    '"\\x4g"',
    '"\\xg4"',
    '"\\ud800"', // a surrogate
    '"\\udfff"',
    '"\\U00110000"', // beyond U+10FFFF
    '"\\1"', // octal takes three digits
    '"\\18"',
    '"\\400"', // more than a byte
    '"a\\\\"b"', // \\ is a backslash, so the quote after it ends the string early
  ];

  it.each(rejected)('rejects %s', (literal) => {
    expect(errorOf(() => print(`{${literal}}`)).message).toBe(`unquote string ${literal} error invalid syntax`);
  });
});

describe("unquoteExtend mirrors client-go's UnquoteExtend", () => {
  it('takes text in double or single quotes', () => {
    expect(unquoteExtend('"ab"')).toBe('ab');
    expect(unquoteExtend("'ab'")).toBe('ab');
    expect(unquoteExtend('""')).toBe('');
    expect(unquoteExtend('"\\t"')).toBe('\t');
  });

  it('rejects anything shorter than two quotes, unmatched quotes, other quote marks and a bare quote inside', () => {
    for (const text of ['', '"', 'ab', '"ab', 'ab"', `"ab'`, '`ab`', 'xabx', '"a"b"', "'a'b'"]) {
      expect(unquoteExtend(text), text).toBeUndefined();
    }
  });
});
