// How kubectl's JSONPath prints what it finds: Go's int64 and float64 (the data is read from JSON text with
// JSON.parse, as the checks read a command's `-o json` output), maps and arrays as Go's JSON, values in error
// messages as Go's %v. Every expectation was checked against kubectl v1.32 on the same JSON text (`kubectl label
// --local -f obj.json x=y -o jsonpath=…` runs the same printer offline).
import { describe, expect, it } from 'vitest';
import { evaluateJsonPath } from '../../src/checks/jsonpath.js';
import { errorOf } from '../helpers/jsonpath-errors.js';


describe('numbers in the data', () => {
  it('prints an int64 with every digit, alone or inside JSON', () => {
    const data = JSON.parse('{"n":1152921504606846976,"m":-9223372036854775808,"o":{"n":1152921504606846976,"l":[-9223372036854775808]}}');
    expect(evaluateJsonPath('{.n}|{.m}|{.o.l[0]}', data)).toBe('1152921504606846976|-9223372036854775808|-9223372036854775808');
    expect(evaluateJsonPath('{.o}', data)).toBe('{"l":[-9223372036854775808],"n":1152921504606846976}');
    // The one difference JSON.parse forces: int64's largest, 9223372036854775807, reads as 2^63, a float64.
  });

  it('reads an integer beyond int64 as a float64', () => {
    const data = JSON.parse('{"a":9223372036854775808,"b":100000000000000000000,"c":-100000000000000000000}');
    expect(evaluateJsonPath('{.a}|{.b}|{.c}', data)).toBe('9.223372036854776e+18|1e+20|-1e+20');
  });

  it('prints an integer in full and a float from 1e6 on (or below 1e-4) in exponent form', () => {
    const data = JSON.parse('{"i":1000000,"f":1000000.5}');
    expect(evaluateJsonPath('{.i}|{.f}', data)).toBe('1000000|1.0000005e+06');
  });
});

describe('number and bool literals in the template', () => {
  it("prints an integer literal in full and a float literal as Go's %v", () => {
    expect(evaluateJsonPath('{1000000}|{1000000.0}|{1000000.5}|{0.00001}|{1152921504606846976}', {})).toBe(
      '1000000|1e+06|1.0000005e+06|1e-05|1152921504606846976',
    );
  });

  it('reads a sign, leading zeros and a dot at either end of a number', () => {
    expect(evaluateJsonPath('{+3}|{+1.5}|{-1.5}|{12.5}|{-.25}|{+.5}|{1.}|{007}', {})).toBe('3|1.5|-1.5|12.5|-0.25|0.5|1|7');
  });

  it('prints false and true', () => {
    expect(evaluateJsonPath('{false}|{true}', {})).toBe('false|true');
  });
});

describe('maps and arrays', () => {
  it('prints JSON with sorted keys at every depth, in arrays too', () => {
    expect(evaluateJsonPath('{.a}', { a: [{ b: 1, a: 2 }] })).toBe('[{"a":2,"b":1}]');
  });

  it("writes a value it cannot filter as Go's %v: map[k:v …] with sorted keys, [a b] for arrays, <nil> for null", () => {
    const data = { m: { f: true, e: 's', c: { d: 1.5 }, b: null, a: [1, 2] } };
    expect(errorOf(() => evaluateJsonPath('{.m[?(@.x)]}', data)).message).toBe(
      'map[a:[1 2] b:<nil> c:map[d:1.5] e:s f:true] is not array or slice and cannot be filtered',
    );
  });
});

describe('JS data that JSON.parse does not produce', () => {
  it('reads a bigint (from a reader that keeps big integers) as an exact int64', () => {
    const data = { n: 2n ** 63n - 1n, items: [{ name: 'one', n: 1n }] };
    expect(evaluateJsonPath('{.n}', data)).toBe('9223372036854775807');
    expect(evaluateJsonPath('{@}', { n: data.n })).toBe('{"n":9223372036854775807}');
    expect(evaluateJsonPath('{.items[?(@.n==1)].name}|{.items[?(@.n<2)].name}', data)).toBe('one|one');
  });

  it('treats a key set to undefined as absent, as in the JSON the object stands for', () => {
    const data = { a: 1, b: undefined };
    expect(evaluateJsonPath('{@}|{.*}|{.b}', data)).toBe('{"a":1}|1|');
    expect(errorOf(() => evaluateJsonPath('{.b}', data, { allowMissingKeys: false })).message).toBe('b is not found');
  });
});
