// kubectl's JSONPath filters, `[?(…)]`: how each operator compares Go values, what a missing or failing operand
// means, and how the filter's text is read. Every expectation was checked against kubectl v1.32: `kubectl label
// --local -f obj.json x=y -o jsonpath=…` runs the same JSONPath printer offline, on any object.
import { describe, expect, it } from 'vitest';
import { evaluateJsonPath } from '../../src/checks/jsonpath.js';
import { errorOf } from '../helpers/jsonpath-errors.js';

const pods = {
  items: [
    { name: 'a', n: 3, f: 1.5, s: 'a', t: 'a' },
    { name: 'b', n: 5, f: 2.5, s: 'b', t: 'c' },
    { name: 'c', n: 7, s: 'c' },
  ],
};

const names = (filter: string, data: unknown = pods): string => evaluateJsonPath(`{.items[?(${filter})].name}`, data);


describe('comparison operators at the boundary', () => {
  it('compares integers: < and > leave the equal value out, <= and >= take it', () => {
    expect(names('@.n<5')).toBe('a');
    expect(names('@.n<=5')).toBe('a b');
    expect(names('@.n>5')).toBe('c');
    expect(names('@.n>=5')).toBe('b c');
  });

  it('compares floats the same way, skipping items without the field', () => {
    expect(names('@.f<2.5')).toBe('a');
    expect(names('@.f>=2.5')).toBe('b');
    expect(names('@.f>1.5')).toBe('b');
  });

  it('compares strings in byte order', () => {
    expect(names('@.name<"b"')).toBe('a');
    expect(names('@.name<="b"')).toBe('a b');
    expect(names('@.name>"b"')).toBe('c');
    expect(names('@.name>="b"')).toBe('b c');
  });

  it('refuses to order an int64 against a float64, whichever the operator', () => {
    expect(errorOf(() => names('@.f<2')).message).toBe('incompatible types for comparison');
    expect(errorOf(() => names('@.n>=4.5')).message).toBe('incompatible types for comparison');
  });
});

describe("a string's characters, which .* yields as bytes (uint8)", () => {
  it('compare with integer literals on either side, as Go compares signed with unsigned integers', () => {
    expect(names('@.s.*==97')).toBe('a');
    expect(names('97==@.s.*')).toBe('a');
    expect(names('@.s.*!=98')).toBe('a c');
    expect(names('@.s.*<98')).toBe('a');
    expect(names('@.s.*>=98')).toBe('b c');
    expect(names('98<@.s.*')).toBe('c');
    expect(names('98>=@.s.*')).toBe('a b');
  });

  it('are never equal to a negative integer, and always greater', () => {
    expect(names('@.s.*==-1')).toBe('');
    expect(names('@.s.*>-1')).toBe('a b c');
    expect(names('-1<@.s.*')).toBe('a b c');
  });

  it('compare with each other', () => {
    expect(names('@.s.*==@.t.*')).toBe('a');
  });

  it('do not compare with floats, strings or bools, on either side', () => {
    for (const filter of ['@.s.*==97.0', '@.s.*=="a"', '97.0==@.s.*', '"a"==@.s.*', 'true==@.s.*']) {
      expect(errorOf(() => names(filter)).message, filter).toBe('incompatible types for comparison');
    }
  });
});

describe('operands that are missing or fail', () => {
  it('skips an item when either side of a comparison has no value', () => {
    expect(names('@.n==@.missing')).toBe('');
    expect(names('@.missing==@.n')).toBe('');
  });

  it('keeps an item for an existence test whose path fails but still yields its input, as kubectl does', () => {
    // Indexing a string fails, and so does an unknown word; Go's walk returns its input with the error, and
    // the existence test looks only at what came back.
    expect(names('@.name[0]')).toBe('a b c');
    expect(names('bogus')).toBe('a b c');
    // {end} outside a range fails with nothing: no item.
    expect(names('end')).toBe('');
  });

  it('reports an error inside an operand where the operand has it', () => {
    const template = '{.items[?(@.n[0]==1)]}';
    const error = errorOf(() => evaluateJsonPath(template, pods));
    expect(error.message).toBe('int64 is not array or slice');
    expect(error.offset).toBe(template.indexOf('[0]'));
  });
});

describe('the text of a filter', () => {
  const odd = {
    items: [
      { name: 'a', x: 'a")b', y: ')', z: "it's)" },
      { name: 'b', x: 'q', y: 'q', z: 'q' },
    ],
  };

  it('may hold a ")" inside a quoted string, in double or single quotes', () => {
    expect(names('@.y==")"', odd)).toBe('a');
    expect(names("@.y==')'", odd)).toBe('a');
    expect(names('@.name!=")"', odd)).toBe('a b');
  });

  it('counts only the first kind of quote, so the other may appear inside', () => {
    expect(names('@.z=="it\'s)"', odd)).toBe('a');
  });

  it('skips an escaped quote when looking for the closing one', () => {
    expect(names('@.x=="a\\")b"', odd)).toBe('a');
  });

  it('has no negation: "!" before an operand is not JSONPath', () => {
    expect(errorOf(() => names('!@.n==3')).message).toBe("unrecognized character in action: U+0021 '!'");
  });
});
