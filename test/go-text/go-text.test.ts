// src/go-text.ts against what Go does, function by function (Go's source is cited in each block), then
// each caller's use of it: where the two old copies of a helper disagreed, the caller tests below fail if
// one caller is given the other copy's behaviour back.
import { describe, expect, it } from 'vitest';
import { evaluateJsonPath, JsonPathError } from '../../src/checks/jsonpath.js';
import { goAtoi, goFormatFloat, goJsonString, goStringCompare } from '../../src/go-text.js';
import { parseSubsetKey } from '../../src/views/proxy-config/clusters.js';
import { parseDump, text, type JsonObject } from '../../src/views/proxy-config/dump.js';
import { goJson, protoMessage } from '../../src/views/proxy-config/json-output.js';
import { jsonpbString } from '../../src/views/proxy-config/jsonpb.js';
import { sortedRouteConfigs } from '../../src/views/proxy-config/routes.js';

const INT64_MAX = 2n ** 63n - 1n;
const INT64_MIN = -(2n ** 63n);

// strconv/atoi.go: Atoi's fast path (under 19 bytes) and ParseInt(s, 10, 0) → ParseUint for the rest.
describe('goAtoi mirrors strconv.Atoi on a 64-bit platform', () => {
  it('reads one optional sign and ASCII digits', () => {
    expect(goAtoi('8080')).toEqual([8080n, true]);
    expect(goAtoi('+5')).toEqual([5n, true]);
    expect(goAtoi('-12')).toEqual([-12n, true]);
    expect(goAtoi('007')).toEqual([7n, true]);
    expect(goAtoi('-0')).toEqual([0n, true]);
  });

  it('returns 0 and an error for anything else (no spaces, `_`, prefixes, fractions or non-ASCII digits)', () => {
    for (const text of ['', '+', '-', '+-1', '--1', ' 1', '1 ', '1_000', '0x10', '1.5', '1e3', '12a', '\u0661\u0662', '\uff11']) {
      expect(goAtoi(text), JSON.stringify(text)).toEqual([0n, false]);
    }
  });

  it('reads a "+" before any number of digits, leading zeros included', () => {
    expect(goAtoi('+9223372036854775807')).toEqual([INT64_MAX, true]);
    expect(goAtoi('+0000000000000000000012')).toEqual([12n, true]);
    expect(goAtoi('+9223372036854775808')).toEqual([INT64_MAX, false]);
  });

  it('is exact over the whole int64 range, where a JS number is not', () => {
    expect(goAtoi('9007199254740993')).toEqual([9007199254740993n, true]);
    expect(goAtoi('-999999999999999999')).toEqual([-999999999999999999n, true]);
    expect(goAtoi('9223372036854775807')).toEqual([INT64_MAX, true]);
    expect(goAtoi('-9223372036854775808')).toEqual([INT64_MIN, true]);
  });

  it('clamps out-of-range values to int64 with an error (ParseInt returns the bound and ErrRange)', () => {
    expect(goAtoi('9223372036854775808')).toEqual([INT64_MAX, false]);
    expect(goAtoi('9999999999999999999')).toEqual([INT64_MAX, false]);
    expect(goAtoi('-9999999999999999999')).toEqual([INT64_MIN, false]);
    expect(goAtoi('-9223372036854775809')).toEqual([INT64_MIN, false]);
    expect(goAtoi('99999999999999999999')).toEqual([INT64_MAX, false]);
    expect(goAtoi('-99999999999999999999')).toEqual([INT64_MIN, false]);
  });

  it('reports the overflow before a later bad character, as ParseUint returns at the overflow', () => {
    expect(goAtoi('99999999999999999999x')).toEqual([INT64_MAX, false]);
    expect(goAtoi('-99999999999999999999x')).toEqual([INT64_MIN, false]);
    // 2^64 - 1 still fits ParseUint's uint64, so the `x` is reached: a syntax error, 0.
    expect(goAtoi('18446744073709551615x')).toEqual([0n, false]);
    expect(goAtoi('18446744073709551616x')).toEqual([INT64_MAX, false]);
  });
});

// encoding/json/encode.go appendString with escapeHTML (json.Marshal), Go 1.22 and later.
describe('goJsonString mirrors json.Marshal of a string', () => {
  it('escapes quotes, backslashes and control characters, with short forms for \\b \\f \\n \\r \\t', () => {
    expect(goJsonString('"\\')).toBe('"\\"\\\\"');
    expect(goJsonString('\b\f\n\r\t')).toBe('"\\b\\f\\n\\r\\t"');
    expect(goJsonString('\u0000\u0001\u001f')).toBe('"\\u0000\\u0001\\u001f"');
    expect(goJsonString('\u007f/é😀')).toBe('"\u007f/é😀"');
  });

  it('is HTML-safe: <, >, & and U+2028, U+2029 become \\u escapes', () => {
    expect(goJsonString('a<b>&c\u2028\u2029')).toBe('"a\\u003cb\\u003e\\u0026c\\u2028\\u2029"');
  });

  it('writes a lone surrogate as U+FFFD itself, not as an escape (what kubectl prints, see jsonpath.test.ts)', () => {
    // Go's decoders turn a lone surrogate into U+FFFD, a valid rune that Marshal writes as is. The old
    // JSONPath copy wrote the text `\ufffd`, the old jsonpb copy (JSON.stringify) wrote `\ud800`.
    expect(goJsonString('x\ud800y')).toBe('"x\ufffdy"');
    expect(goJsonString('\udc00<')).toBe('"\ufffd\\u003c"');
    expect(goJsonString('\ud83d\ude00\ud83d')).toBe('"😀\ufffd"');
  });

  it('leaves the text `\\ud800` (a backslash and letters) escaped as text', () => {
    expect(goJsonString('a\\ud800')).toBe('"a\\\\ud800"');
  });
});

/** Go's order by definition: the bytes of the UTF-8 (Node writes a lone surrogate as U+FFFD's bytes, as Go's decoders read it). */
function byUtf8Bytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

// The Go spec: strings are "ordered, lexically byte-wise"; strings.Compare, sort.Strings, map key order.
describe('goStringCompare mirrors Go comparing strings by their UTF-8 bytes', () => {
  it('orders ASCII as usual, a prefix first', () => {
    expect(goStringCompare('a', 'b')).toBeLessThan(0);
    expect(goStringCompare('b', 'a')).toBeGreaterThan(0);
    expect(goStringCompare('a', 'ab')).toBeLessThan(0);
    expect(goStringCompare('', 'a')).toBeLessThan(0);
    expect(goStringCompare('abc', 'abc')).toBe(0);
    expect(goStringCompare('B', 'a')).toBeLessThan(0);
  });

  it('puts characters above U+FFFF after U+E000–U+FFFF, unlike JS (UTF-16) order', () => {
    expect('\u{1F600}' < '\ue000').toBe(true);
    expect(goStringCompare('\ue000', '\u{1F600}')).toBeLessThan(0);
    expect(goStringCompare('\uffff', '\u{10000}')).toBeLessThan(0);
    expect(goStringCompare('\u{1F600}', '\u{1F601}')).toBeLessThan(0);
    expect(goStringCompare('\u{1F600}', '\u{20000}')).toBeLessThan(0);
    expect(goStringCompare('x\u{1F600}', 'x\uffff')).toBeGreaterThan(0);
  });

  it('reads a lone surrogate as U+FFFD (the old copies read it as U+D800–U+DFFF, before U+E000)', () => {
    expect(goStringCompare('\ud800', '\ufffd')).toBe(0);
    expect(goStringCompare('\ud800', '\udc00')).toBe(0);
    expect(goStringCompare('\ue000', '\ud800')).toBeLessThan(0);
    expect(goStringCompare('\ud800', '\uffff')).toBeLessThan(0);
    expect(goStringCompare('\ud83d', '\ud83d\ude00')).toBeLessThan(0);
    expect(goStringCompare('x\ud83dA', 'x\u{1F600}')).toBeLessThan(0);
    expect(goStringCompare('\ud800b', '\ufffda')).toBeGreaterThan(0);
  });

  it('compares two characters above U+FFFF that differ only in their second UTF-16 unit, whatever the first', () => {
    expect(goStringCompare('\u{10000}', '\u{10001}')).toBeLessThan(0);
    expect(goStringCompare('x\u{10001}', 'x\u{10000}')).toBeGreaterThan(0);
    // U+10FC00 and U+10FC01 start with U+DBFF, the last high surrogate.
    expect(goStringCompare('\u{10FC00}', '\u{10FC01}')).toBeLessThan(0);
  });

  it('decides at the first character that differs, not at the last', () => {
    expect(goStringCompare('\u{10000}z', '\ue000~')).toBeGreaterThan(0);
    expect(goStringCompare('\ue000~', '\u{10000}z')).toBeLessThan(0);
  });

  it('agrees in sign with a byte comparison of the UTF-8 on every pair of awkward strings', () => {
    const samples = ['', 'a', 'ab', 'b', 'é', '\u07ff', '\u0800', '\ud7ff', '\ue000', '\ufffd', '\uffff', '\u{10000}', '\u{1F600}', '\u{10FFFF}', '\ud800', '\udbff', '\udc00', '\udfff', 'a\ud800', 'a\u{1F600}', '\ud83dA', '\ude00\ud83d'];
    for (const a of samples) {
      for (const b of samples) expect(Math.sign(goStringCompare(a, b)), `${JSON.stringify(a)} vs ${JSON.stringify(b)}`).toBe(byUtf8Bytes(a, b));
    }
  });

  it('agrees in sign with a byte comparison of the UTF-8 on many strings built from awkward pieces', () => {
    const pieces = ['a', 'z', '~', 'é', '\ue000', '\uffff', '\ud800', '\udbff', '\udc00', '\udfff', '\u{10000}', '\u{10001}', '\u{10FC00}', '\u{1F600}', '\u{10FFFF}'];
    let seed = 12345;
    const pick = (): string => {
      // xorshift32: the same strings on every run.
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      seed >>>= 0;
      return pieces[seed % pieces.length] ?? '';
    };
    const build = (length: number): string => Array.from({ length }, pick).join('');
    for (let n = 0; n < 2000; n++) {
      // A shared start, so that the first difference falls anywhere, even inside a surrogate pair.
      const prefix = build(n % 3);
      const a = prefix + build(1 + (n % 4));
      const b = prefix + build(1 + ((n >> 2) % 4));
      expect(Math.sign(goStringCompare(a, b)), `${JSON.stringify(a)} vs ${JSON.stringify(b)}`).toBe(byUtf8Bytes(a, b));
    }
  });
});

// strconv/ftoa.go: FormatFloat(f, 'g', -1, 64) (fmt's %v of a float64 calls the same).
describe("goFormatFloat mirrors strconv.FormatFloat(v, 'g', -1, 64)", () => {
  it('writes the shortest digits, in exponent form below 1e-4 and from 1e6', () => {
    expect(goFormatFloat(1.5)).toBe('1.5');
    expect(goFormatFloat(100000)).toBe('100000');
    expect(goFormatFloat(123456.5)).toBe('123456.5');
    expect(goFormatFloat(1e6)).toBe('1e+06');
    expect(goFormatFloat(1234567.5)).toBe('1.2345675e+06');
    expect(goFormatFloat(123456789)).toBe('1.23456789e+08');
    expect(goFormatFloat(0.0001)).toBe('0.0001');
    expect(goFormatFloat(0.00001)).toBe('1e-05');
    expect(goFormatFloat(-2.5e-7)).toBe('-2.5e-07');
    expect(goFormatFloat(1e21)).toBe('1e+21');
    expect(goFormatFloat(5e-324)).toBe('5e-324');
    expect(goFormatFloat(1.7976931348623157e308)).toBe('1.7976931348623157e+308');
  });

  it('writes zeros, infinities and NaN as Go does', () => {
    expect(goFormatFloat(0)).toBe('0');
    expect(goFormatFloat(-0)).toBe('-0');
    expect(goFormatFloat(Infinity)).toBe('+Inf');
    expect(goFormatFloat(-Infinity)).toBe('-Inf');
    expect(goFormatFloat(NaN)).toBe('NaN');
  });
});

function routeDump(names: string[]): JsonObject {
  const configs = [{ '@type': 'type.googleapis.com/envoy.admin.v3.RoutesConfigDump', dynamic_route_configs: names.map((name) => ({ route_config: { name } })) }];
  return parseDump(JSON.stringify({ configs }));
}

const routeNames = (names: string[]): string[] => sortedRouteConfigs(routeDump(names)).map((config) => text(config['name']));

describe('each caller gets the Go behaviour its Go counterpart has', () => {
  it('istioctl routes: `if err != nil { return false }`, so an out-of-range name is no number at all', () => {
    // The old routes copy read it as 1e20 and moved it last; Go's insertion sort leaves all three in place.
    expect(routeNames(['20', '99999999999999999999', '10'])).toEqual(['20', '99999999999999999999', '10']);
    expect(routeNames(['20', '30', '10'])).toEqual(['10', '20', '30']);
    // Exact int64 comparison: as JS numbers these two are equal and would stay unsorted.
    expect(routeNames(['9007199254740993', '9007199254740992'])).toEqual(['9007199254740992', '9007199254740993']);
  });

  it("pilot's ParseSubsetKey: `port, _ = strconv.Atoi(…)`, so a bad port is 0 and a huge one is clamped", () => {
    expect(parseSubsetKey('outbound|9080|v1|reviews.default.svc.cluster.local').port).toBe(9080);
    expect(parseSubsetKey('outbound|80x|v1|reviews.default.svc.cluster.local').port).toBe(0);
    expect(parseSubsetKey('outbound|99999999999999999999|v1|reviews.default.svc.cluster.local').port).toBe(Number(INT64_MAX));
  });

  it("kubectl's JSONPath: Atoi's error makes an out-of-range index no number, and a literal a float", () => {
    expect(() => evaluateJsonPath('{.a[99999999999999999999]}', { a: [1] })).toThrow(JsonPathError);
    expect(() => evaluateJsonPath('{.a[99999999999999999999]}', { a: [1] })).toThrow('array index 99999999999999999999 is not a number');
    expect(() => evaluateJsonPath('{.a[?(@.n==99999999999999999999)]}', { a: [{ n: 1 }] })).toThrow('incompatible types for comparison');
  });

  it("kubectl's JSONPath: map keys in Go's order and strings as json.Marshal writes them", () => {
    const labels = { '\u{1F600}': 'astral', '\uffff': 'ffff', '\ue000': 'e000', a: 'x\ud800<&>' };
    expect(evaluateJsonPath('{@}', labels)).toBe('{"a":"x\ufffd\\u003c\\u0026\\u003e","\ue000":"e000","\uffff":"ffff","\u{1F600}":"astral"}');
    expect(evaluateJsonPath('{.*}', { ...labels, a: 'a' })).toBe('a e000 ffff astral');
  });

  it("kubectl's JSONPath: filters compare strings in Go's order", () => {
    const items = { a: [{ s: '\u{1F600}' }, { s: '\ue000' }] };
    expect(evaluateJsonPath('{.a[?(@.s>"\uffff")].s}', items)).toBe('\u{1F600}');
    expect(evaluateJsonPath('{.a[?(@.s<"\uffff")].s}', items)).toBe('\ue000');
  });

  it("jsonpb (pc bootstrap, secret, proxy-status): map keys in Go's order, strings through json.Marshal", () => {
    const message = { keyValues: { '\u{1F600}': 'astral', '\ue000': 'e000', b: 'x\ud800<' } };
    expect(jsonpbString(message)).toBe(
      ['{', '    "keyValues": {', '        "b": "x\ufffd\\u003c",', '        "\ue000": "e000",', '        "\u{1F600}": "astral"', '    }', '}'].join('\n'),
    );
  });

  it("protojson output (pc routes/clusters -o json): map keys in Go's order (the old copy used UTF-16 order)", () => {
    const message = { key_values: { '\u{1F600}': 'astral', '\ue000': 'e000', b: 'x\ud800&' } };
    expect(goJson(protoMessage(message))).toBe(
      ['{', '    "keyValues": {', '        "b": "x\ufffd\\u0026",', '        "\ue000": "e000",', '        "\u{1F600}": "astral"', '    }', '}'].join('\n'),
    );
  });
});
