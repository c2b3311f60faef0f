/**
 * Go's own readings and writings of text, for the code that must print or order things exactly as a Go
 * program does: kubectl's JSONPath (src/checks) and istioctl's outputs (src/views/proxy-config). A leaf
 * that imports nothing, beside terminal-text.ts, so that neither layer reaches into the other for it.
 *
 * A JS string may hold a lone surrogate; a Go string from any of Go's decoders never does (they turn one
 * into U+FFFD), so each function here reads a lone surrogate as U+FFFD.
 */

const INT64_MAX = 2n ** 63n - 1n;
const INT64_MIN = -(2n ** 63n);
const UINT64_MAX = 2n ** 64n - 1n;
const LEADING_DIGITS = /^[0-9]*/;
// Up to 18 digits always fit int64 (Atoi's own fast path), the common case: ports and route names.
const SHORT_INT = /^[+-]?[0-9]{1,18}$/;

/**
 * strconv.Atoi with Go's 64-bit int, as `[n, ok]` for Go's `n, err`: one optional sign, then ASCII digits
 * only. A syntax error gives 0; out of range gives n clamped to int64, as ParseInt does (ParseUint stops at
 * the overflow, so `99999999999999999999x` is a range error). Callers that write `n, _ := strconv.Atoi(s)`
 * use n whatever ok says. A bigint, because int64 outgrows a JS number's exact integers.
 */
export function goAtoi(text: string): [value: bigint, ok: boolean] {
  if (SHORT_INT.test(text)) return [BigInt(text), true];
  const negative = text.startsWith('-');
  const rest = negative || text.startsWith('+') ? text.slice(1) : text;
  const digits = LEADING_DIGITS.exec(rest)?.[0] ?? '';
  if (digits === '') return [0n, false];
  const magnitude = BigInt(digits);
  const clamped = negative ? INT64_MIN : INT64_MAX;
  if (magnitude > UINT64_MAX) return [clamped, false];
  if (digits.length !== rest.length) return [0n, false];
  if (magnitude > (negative ? -INT64_MIN : INT64_MAX)) return [clamped, false];
  return [negative ? -magnitude : magnitude, true];
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const HTML_UNSAFE = /[<>&\u2028\u2029]/g;

function escapeUnsafe(c: string): string {
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/**
 * A string as Go's encoding/json writes it (json.Marshal, Go 1.22 and later): `\b`, `\f`, `\n`, `\r`, `\t`,
 * `\u00XX` for other control characters, and HTML-safe, so `<`, `>`, `&`, U+2028 and U+2029 become `\u….`.
 * JSON.stringify does the rest alike, but writes a lone surrogate as `\udXXX` where Go writes U+FFFD as is.
 *
 * One function serves every caller: kubectl's JSONPath and golang/protobuf's jsonpb call json.Marshal, and
 * protojson's output (which alone would not escape `<>&`) reaches istioctl's screen through
 * json.MarshalIndent, whose compaction of it escapes them.
 */
export function goJsonString(value: string): string {
  let json = JSON.stringify(value);
  if (json.includes('\\ud')) json = JSON.stringify(value.replace(LONE_SURROGATE, '\ufffd'));
  return json.replace(HTML_UNSAFE, escapeUnsafe);
}

function isSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdfff;
}

function goRunes(text: string): number[] {
  return Array.from(text, (ch) => {
    const rune = ch.codePointAt(0) ?? 0;
    return isSurrogate(rune) ? 0xfffd : rune;
  });
}

/**
 * Go's string order (`<`, strings.Compare, sort.Strings, map keys in encoding/json and protojson): by
 * UTF-8 bytes, which is code point order. JS's `<` compares UTF-16 units, which puts U+10000 and above
 * before U+E000–U+FFFF. Negative, zero or positive, for Array.prototype.sort.
 */
export function goStringCompare(a: string, b: string): number {
  const shorter = Math.min(a.length, b.length);
  let i = 0;
  while (i < shorter && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (i === shorter) return a.length - b.length;
  const x = a.charCodeAt(i);
  const y = b.charCodeAt(i);
  if (!isSurrogate(x) && !isSurrogate(y)) return x - y;
  // Compare whole runes from the one holding unit i (it may start at a high surrogate just before).
  const start = i > 0 && a.charCodeAt(i - 1) >= 0xd800 && a.charCodeAt(i - 1) <= 0xdbff ? i - 1 : i;
  const p = goRunes(a.slice(start));
  const q = goRunes(b.slice(start));
  for (let k = 0; k < Math.min(p.length, q.length); k++) {
    const d = (p[k] ?? 0) - (q[k] ?? 0);
    if (d !== 0) return d;
  }
  return p.length - q.length;
}

/**
 * strconv.FormatFloat(v, 'g', -1, 64), which is also fmt's `%v` of a float64: the shortest digits that
 * read back, in exponent form when the exponent is < -4 or >= 6 (`1.2345675e+06`, `1e-05`).
 */
export function goFormatFloat(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '+Inf' : '-Inf';
  if (v === 0) return Object.is(v, -0) ? '-0' : '0';
  // toExponential() without digits gives the shortest round-trip digits.
  const [mantissa = '', exponent = '0'] = v.toExponential().split('e');
  const exp = Number(exponent);
  if (exp < -4 || exp >= 6) {
    const sign = exp < 0 ? '-' : '+';
    return `${mantissa}e${sign}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  return String(v);
}
