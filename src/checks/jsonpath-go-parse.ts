/** Go's parsing of the number and string literals a JSONPath template holds (strconv, as client-go calls it). */

const BACKSLASH = 0x5c;
const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder();

/** strconv.ParseFloat for the digits-and-dots text parseNumber produces. */
export function goParseFloat(text: string): number | undefined {
  if (!/^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)$/.test(text)) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

/**
 * client-go's UnquoteExtend: strconv.Unquote that also accepts single quotes.
 * Works on bytes like Go so `"\xc3\xa9"` yields "é". Undefined on bad syntax.
 */
export function unquoteExtend(s: string): string | undefined {
  const quote = s[0];
  if (s.length < 2 || quote !== s.at(-1) || (quote !== '"' && quote !== "'")) return undefined;
  const body = s.slice(1, -1);
  if (!body.includes('\\') && !body.includes(quote)) return body;

  const bytes: number[] = [];
  let i = 0;
  while (i < body.length) {
    const c = body.codePointAt(i) ?? 0;
    if (c === quote.charCodeAt(0)) return undefined;
    if (c !== BACKSLASH) {
      const ch = String.fromCodePoint(c);
      bytes.push(...utf8Encoder.encode(ch));
      i += ch.length;
      continue;
    }
    const escaped = unquoteEscape(body, i + 1, quote);
    if (!escaped) return undefined;
    bytes.push(...escaped.bytes);
    i = escaped.next;
  }
  return utf8Decoder.decode(Uint8Array.from(bytes));
}

const SIMPLE_ESCAPES: Readonly<Record<string, number>> = {
  a: 7,
  b: 8,
  f: 12,
  n: 10,
  r: 13,
  t: 9,
  v: 11,
  '\\': 0x5c,
};

/** One escape after a backslash, as strconv.UnquoteChar reads it. */
function unquoteEscape(body: string, at: number, quote: string): { bytes: number[]; next: number } | undefined {
  const c = body[at];
  if (c === undefined) return undefined;
  const simple = SIMPLE_ESCAPES[c];
  if (simple !== undefined) return { bytes: [simple], next: at + 1 };
  if (c === '"' || c === "'") return c === quote ? { bytes: [c.charCodeAt(0)], next: at + 1 } : undefined;

  if (c === 'x' || c === 'u' || c === 'U') {
    const size = c === 'x' ? 2 : c === 'u' ? 4 : 8;
    const hex = body.slice(at + 1, at + 1 + size);
    if (hex.length !== size || !/^[0-9a-fA-F]+$/.test(hex)) return undefined;
    const value = parseInt(hex, 16);
    const next = at + 1 + size;
    // \x is a raw byte (possibly not UTF-8); \u and \U are code points.
    if (c === 'x') return { bytes: [value], next };
    if (value > 0x10ffff || (value >= 0xd800 && value <= 0xdfff)) return undefined;
    return { bytes: [...utf8Encoder.encode(String.fromCodePoint(value))], next };
  }

  if (c >= '0' && c <= '7') {
    const octal = body.slice(at, at + 3);
    if (!/^[0-7]{3}$/.test(octal)) return undefined;
    const value = parseInt(octal, 8);
    return value > 255 ? undefined : { bytes: [value], next: at + 3 };
  }
  return undefined;
}
