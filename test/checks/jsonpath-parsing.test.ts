// How kubectl's JSONPath parser reads a template's edges: line ends, tabs, the end of the text, characters
// outside the BMP, unions with spaces, keys in brackets. Messages were checked against kubectl v1.32
// (`kubectl label --local -f obj.json x=y -o jsonpath=…`, offline); offsets (kubectl prints none) are this
// parser's own: where in the template the problem is.
import { describe, expect, it } from 'vitest';
import { evaluateJsonPath, parseJsonPath } from '../../src/checks/jsonpath.js';
import { errorOf } from '../helpers/jsonpath-errors.js';

const list = { kind: 'List', items: [{ name: 'a' }, { name: 'b' }, { name: 'c' }] };


const parseError = (template: string): { message: string; offset: number } => {
  const { message, offset } = errorOf(() => parseJsonPath(template));
  return { message, offset };
};

describe('line ends, tabs and the end of the text', () => {
  it('ends an index, a filter or a string at a line feed', () => {
    expect(parseError('{.items[0\n]}')).toEqual({ message: 'unterminated array', offset: 7 });
    expect(parseError('{.items[?(@.a\n)]}')).toEqual({ message: 'unterminated filter', offset: 7 });
    expect(parseError('{"a\nb"}')).toEqual({ message: 'unterminated quoted string', offset: 1 });
  });

  it('ends an action at a carriage return', () => {
    expect(parseError('{.kind\r}')).toEqual({ message: 'unclosed action', offset: 6 });
    expect(parseError('{\r}')).toEqual({ message: 'unclosed action', offset: 1 });
  });

  it('ends a field name at a tab, which an action does not allow', () => {
    expect(parseError('{.kind\t}')).toEqual({ message: 'unrecognized character in action: U+0009', offset: 6 });
  });

  it('reports an action left open after a number or a ..', () => {
    expect(parseError('{1')).toEqual({ message: 'unclosed action', offset: 0 });
    expect(parseError('{..')).toEqual({ message: 'unclosed action', offset: 0 });
  });

  it('passes any other character in plain text through, control characters included', () => {
    expect(evaluateJsonPath('a\u0001b{.kind}', list)).toBe('a\u0001bList');
  });
});

describe('characters in actions', () => {
  it('reads a character outside the BMP whole, after a number too', () => {
    expect(parseError('{1🙂}')).toEqual({ message: "unrecognized character in action: U+1F642 '🙂'", offset: 2 });
  });

  it('starts a number at any decimal digit, which Go then cannot read unless it is ASCII', () => {
    expect(parseError('{\u{1D7D9}}')).toEqual({ message: 'cannot parse number \u{1D7D9}', offset: 1 });
  });

  it('reads a lone surrogate as U+FFFD, as Go reads invalid UTF-8', () => {
    expect(parseError('{\ud800}').message).toBe("unrecognized character in action: U+FFFD '\ufffd'");
    expect(parseError('{\udfff}').message).toBe("unrecognized character in action: U+FFFD '\ufffd'");
  });

  it('takes "_" as a letter: in a name after .., and in a word', () => {
    expect(evaluateJsonPath('{.._q}', { _p: { _q: 1 } })).toBe('1');
    expect(errorOf(() => evaluateJsonPath('{_p}', {})).message).toBe('unrecognized identifier _p');
  });
});

describe('unions', () => {
  it('trims any number of spaces around each index', () => {
    expect(evaluateJsonPath('{.items[  0  ,  2  ].name}', list)).toBe('a c');
  });

  it('keeps the spaces inside an index, which make it invalid', () => {
    expect(parseError('{.items[- 1,0]}')).toEqual({ message: 'invalid array index - 1', offset: 8 });
  });

  it('points at the invalid part of a union', () => {
    for (const template of ['{.items[0,a]}', '{.items[0, a]}', '{.items[0,  a]}', '{.items[0,1,a]}', '{.items[0,a b]}']) {
      const error = parseError(template);
      expect(error.message, template).toMatch(/^invalid array index a( b)?$/);
      expect(error.offset, template).toBe(template.indexOf('a'));
    }
  });
});

describe('keys in brackets', () => {
  it("takes a key only when the brackets hold exactly one single-quoted string", () => {
    expect(parseError("{.metadata['name'x]}").message).toBe("invalid array index 'name'x");
    expect(parseError("{.metadata[x'name']}").message).toBe("invalid array index x'name'");
  });
});

describe('JsonPathError', () => {
  it('names itself when printed', () => {
    expect(String(errorOf(() => parseJsonPath('{')))).toBe('JsonPathError: unclosed action');
  });
});
