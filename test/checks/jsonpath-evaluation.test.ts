// kubectl's JSONPath walking data: indexes and slices at their limits, null, fields that are not there, ranges
// that are odd, recursive descent. Every expectation was checked against kubectl v1.32: `kubectl label --local
// -f obj.json x=y -o jsonpath=…` runs the same JSONPath printer offline, on any object.
import { describe, expect, it } from 'vitest';
import { evaluateJsonPath } from '../../src/checks/jsonpath.js';
import { errorOf } from '../helpers/jsonpath-errors.js';

const list = { kind: 'List', items: [{ name: 'a' }, { name: 'b' }, { name: 'c' }] };

function run(template: string, data: unknown = list, allowMissingKeys?: boolean): string {
  return evaluateJsonPath(template, data, allowMissingKeys === undefined ? {} : { allowMissingKeys });
}


describe('slices at their limits', () => {
  it('counts a negative end from the end of the array', () => {
    expect(run('{.items[0:-1].name}')).toBe('a b');
    expect(run('{.items[-2:-1].name}')).toBe('b');
  });

  it('selects nothing, without an error, when start and end meet: [0:0], or [3:] on three items', () => {
    expect(run('{.items[0:0]}x')).toBe('x');
    expect(run('{.items[3:]}x')).toBe('x');
  });

  it('fails on a start or an end outside the array, naming the index', () => {
    expect(errorOf(() => run('{.items[5:2]}')).message).toBe('array index out of bounds: index 5, length 3');
    expect(errorOf(() => run('{.items[3:2]}')).message).toBe('array index out of bounds: index 3, length 3');
    expect(errorOf(() => run('{.items[-4]}')).message).toBe('array index out of bounds: index -1, length 3');
    expect(errorOf(() => run('{.items[0:-5]}')).message).toBe('array index out of bounds: index -3, length 3');
  });

  it('fails on a start after the end', () => {
    expect(errorOf(() => run('{.items[1:0]}')).message).toBe('starting index 1 is greater than ending index 0');
  });

  it('takes a step of several digits', () => {
    expect(run('{.items[::10].name}')).toBe('a');
  });

  it('fails a union when one of its indexes is out of range', () => {
    expect(errorOf(() => run('{.items[0,5].name}')).message).toBe('array index out of bounds: index 5, length 3');
  });
});

describe('values that are not arrays or maps', () => {
  const data = { z: null, n: 3, s: 'abc', t: true };

  it('skips null: an index, a wildcard or a field on it prints nothing', () => {
    expect(run('{.z[0]}{.z[*]}{.z.x}', data)).toBe('');
  });

  it('names the Go type it cannot index', () => {
    expect(errorOf(() => run('{.n[0]}', data)).message).toBe('int64 is not array or slice');
    expect(errorOf(() => run('{.s[0]}', data)).message).toBe('string is not array or slice');
    expect(errorOf(() => run('{.t[0]}', data)).message).toBe('bool is not array or slice');
  });

  it('has no .length: arrays and strings have no fields', () => {
    expect(run('{.items.length}|{.items[0].name.length}')).toBe('|');
    expect(errorOf(() => run('{.items.length}', list, false)).message).toBe('length is not found');
  });
});

describe('range', () => {
  it('hands a null item to its body as no value at all', () => {
    expect(run('{range .items[*]}{@}{end}', { items: [null, 1] })).toBe('<no value>1');
  });

  it("fails where kubectl's Go code does on a null item: indexing it (a panic there) or filtering it", () => {
    const nullItem = { items: [null] };
    expect(errorOf(() => run('{range .items[*]}{[0]}{end}', nullItem)).message).toBe('reflect: call of reflect.Value.Type on zero Value');
    expect(errorOf(() => run('{range .items[*]}{[?(@.x)]}{end}', nullItem)).message).toBe(
      '<invalid reflect.Value> is not array or slice and cannot be filtered',
    );
  });

  it('without an {end}, runs the rest per item, then once more on the whole object', () => {
    expect(run('{range .items[*]}{.kind}', { kind: 'List', items: [{ kind: 'Pod' }] })).toBe('PodList');
  });

  it('rejects a second {end}', () => {
    expect(errorOf(() => run('{range .items[*]}{.name}{end}{end}')).message).toBe('not in range, nothing to end');
  });

  it('is not closed by two ends in one action, {end end}: kubectl then fails as for an {end} outside a range', () => {
    expect(errorOf(() => run('{range .items[*]}{.name}{end end}x')).message).toBe('not in range, nothing to end');
  });
});

describe('recursive descent', () => {
  it('lists every map and array below, but not null', () => {
    expect(run('{.a..}', { a: { x: null, y: [1] } })).toBe('{"x":null,"y":[1]} [1]');
  });
});
