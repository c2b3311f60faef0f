/**
 * kubectl's JSONPath template language (`kubectl get -o jsonpath=...`).
 *
 * This is a deliberately literal port of k8s.io/client-go/util/jsonpath
 * (parser.go, jsonpath.go) plus the bits of Go's reflect/fmt/encoding/json
 * behaviour that leak into kubectl's output. Lessons compare learners' output
 * against what kubectl prints, so quirks are mirrored rather than "fixed":
 *
 * - `['a.b']` is re-parsed as `.a.b` (use `a\.b` to reach dotted keys), and
 *   `["a"]` (double quotes) is a parse error.
 * - Out-of-range indexes and slices are errors, never clamped.
 * - A slice that selects nothing (e.g. `[*]` on an empty array) ends that
 *   step for *all* remaining inputs, not just the empty one.
 * - Comparing an integer with a float in a filter is an error
 *   ("incompatible types for comparison"); `null` is not comparable.
 * - `.*` / `..` over a string yields its UTF-8 bytes as numbers.
 * - Go iterates maps in random order for `.*` and `..`; we use sorted key
 *   order (the order kubectl's JSON output uses) so results are stable.
 *
 * The data model follows kubectl: objects are unstructured, so JSON integers
 * are Go int64 and other numbers float64. A JS number is treated as an int64
 * when it is an integer within int64 range (JSON `1.0` therefore behaves like
 * `1`, which only differs from kubectl for comparisons against float literals).
 */

/** A template problem, found while parsing or evaluating. */
export class JsonPathError extends Error {
  /** 0-based index (UTF-16 code units) into the template; best effort. */
  readonly offset: number;

  constructor(message: string, offset: number) {
    super(message);
    this.name = 'JsonPathError';
    this.offset = offset;
  }
}

// ---------------------------------------------------------------------------
// Syntax tree
// ---------------------------------------------------------------------------

/** One of `[start:end:step]`; mirrors Go's ParamsEntry. */
export interface SliceParam {
  readonly value: number;
  /** False when omitted, e.g. the end in `[1:]`. */
  readonly known: boolean;
  /** True for the implicit end of a plain index `[n]` (= n + 1). */
  readonly derived: boolean;
}

export interface ListNode {
  readonly type: 'list';
  readonly nodes: readonly JsonPathNode[];
  readonly offset: number;
}

export type JsonPathNode =
  | ListNode
  | { readonly type: 'text'; readonly text: string; readonly offset: number }
  | { readonly type: 'field'; readonly name: string; readonly offset: number }
  | { readonly type: 'identifier'; readonly name: string; readonly offset: number }
  | {
      readonly type: 'array';
      readonly params: readonly [SliceParam, SliceParam, SliceParam];
      readonly offset: number;
    }
  | {
      readonly type: 'filter';
      readonly left: ListNode;
      readonly right: ListNode;
      /** `exists` for `[?(@.x)]`, else the operator text as written. */
      readonly operator: string;
      readonly offset: number;
    }
  | { readonly type: 'int'; readonly value: number; readonly offset: number }
  | { readonly type: 'float'; readonly value: number; readonly offset: number }
  | { readonly type: 'bool'; readonly value: boolean; readonly offset: number }
  | { readonly type: 'wildcard'; readonly offset: number }
  | { readonly type: 'recursive'; readonly offset: number }
  | { readonly type: 'union'; readonly branches: readonly ListNode[]; readonly offset: number };

/** A parsed template: plain text nodes and `{...}` actions (list nodes). */
export interface JsonPathTemplate {
  readonly source: string;
  readonly nodes: readonly JsonPathNode[];
}

// ---------------------------------------------------------------------------
// Parser (port of parser.go)
// ---------------------------------------------------------------------------

const EOF = -1;
const BACKSLASH = 0x5c;
const DICT_KEY = /^'([^']*)'$/;
const SLICE = /^(-?\d*)(:-?\d*)?(:-?\d*)?$/;
// Go's `.` matches anything but '\n'; JS's would also stop at \r, U+2028...
const FILTER = /^([^!<>=]+)([!<>=]+)([^\n]+?)$/;

export function parseJsonPath(template: string): JsonPathTemplate {
  const parser = new Parser(template, 0, template.length);
  return { source: template, nodes: parser.parseTemplate() };
}

class Parser {
  private pos = 0;
  private start = 0;
  private width = 0;

  /**
   * @param input text to parse; for sub-parsers it is synthesized, like Go's
   *   parseAction does, e.g. `{[0]}` for one branch of a union.
   * @param base template offset of input[0] (may be off by the synthesized
   *   characters; offsets are clamped).
   * @param templateLength for clamping offsets.
   */
  constructor(
    private readonly input: string,
    private readonly base: number,
    private readonly templateLength: number,
  ) {}

  parseTemplate(): JsonPathNode[] {
    const root: JsonPathNode[] = [];
    while (this.parseText(root)) {
      const open = this.pos;
      this.pos += 1;
      this.consumeText();
      const nodes: JsonPathNode[] = [];
      root.push({ type: 'list', nodes, offset: this.at(open) });
      this.parseInsideAction(nodes, open);
    }
    return root;
  }

  /** Collects plain text; true when it stopped at a `{`. */
  private parseText(root: JsonPathNode[]): boolean {
    for (;;) {
      if (this.input.startsWith('{', this.pos)) {
        this.flushText(root);
        return true;
      }
      if (this.next() === EOF) break;
    }
    this.flushText(root);
    return false;
  }

  private flushText(root: JsonPathNode[]): void {
    if (this.pos > this.start) {
      const offset = this.at(this.start);
      root.push({ type: 'text', text: this.consumeText(), offset });
    }
  }

  /** Parses up to and including the `}` closing the action opened at `open`. */
  private parseInsideAction(nodes: JsonPathNode[], open: number): void {
    for (;;) {
      if (this.input.startsWith('}', this.pos)) {
        this.pos += 1;
        this.consumeText();
        return;
      }
      if (this.input.startsWith('[?(', this.pos)) {
        this.parseFilter(nodes);
        continue;
      }
      if (this.input.startsWith('..', this.pos)) {
        this.parseRecursive(nodes);
        continue;
      }
      const here = this.pos;
      const r = this.next();
      if (r === EOF) throw this.error('unclosed action', open);
      if (isEndOfLine(r)) throw this.error('unclosed action', here);
      if (r === 0x20 || r === 0x40 /* @ */ || r === 0x24 /* $ */) {
        // Spaces are insignificant and `@`/`$` just mean "the current object".
        this.consumeText();
      } else if (r === 0x5b /* [ */) {
        this.parseArray(nodes, here);
      } else if (r === 0x22 || r === 0x27) {
        this.parseQuote(nodes, r, here);
      } else if (r === 0x2e /* . */) {
        this.parseField(nodes);
      } else if (r === 0x2b || r === 0x2d || isDigit(r)) {
        this.backup();
        this.parseNumber(nodes);
      } else if (isAlphaNumeric(r)) {
        this.backup();
        this.parseIdentifier(nodes);
      } else {
        throw this.error(`unrecognized character in action: ${goRuneDescription(r)}`, here);
      }
    }
  }

  /** Scans `range`, `end`, `true`, `false` (or any other bare word). */
  private parseIdentifier(nodes: JsonPathNode[]): void {
    const offset = this.at(this.pos);
    while (!isTerminator(this.next()));
    this.backup();
    const value = this.consumeText();
    if (value === 'true' || value === 'false') {
      nodes.push({ type: 'bool', value: value === 'true', offset });
    } else {
      nodes.push({ type: 'identifier', name: value, offset });
    }
  }

  private parseRecursive(nodes: JsonPathNode[]): void {
    if (nodes.at(-1)?.type === 'recursive') {
      throw this.error('invalid multiple recursive descent', this.pos);
    }
    const offset = this.at(this.pos);
    this.pos += 2;
    this.consumeText();
    nodes.push({ type: 'recursive', offset });
    if (isAlphaNumeric(this.peek())) this.parseField(nodes);
  }

  private parseNumber(nodes: JsonPathNode[]): void {
    const begin = this.pos;
    const sign = this.peek();
    if (sign === 0x2b || sign === 0x2d) this.next();
    for (;;) {
      const r = this.next();
      if (r !== 0x2e && !isDigit(r)) {
        this.backup();
        break;
      }
    }
    const value = this.consumeText();
    const offset = this.at(begin);
    const int = goAtoi(value);
    if (int !== undefined) {
      nodes.push({ type: 'int', value: int, offset });
      return;
    }
    const float = goParseFloat(value);
    if (float !== undefined) {
      nodes.push({ type: 'float', value: float, offset });
      return;
    }
    throw this.error(`cannot parse number ${value}`, begin);
  }

  /** Scans `[...]`: union, `'key'`, index or slice. `open` is the `[`. */
  private parseArray(nodes: JsonPathNode[], open: number): void {
    for (;;) {
      const r = this.next();
      if (r === EOF || r === 0x0a) throw this.error('unterminated array', open);
      if (r === 0x5d /* ] */) break;
    }
    let text = this.consumeText().slice(1, -1);
    const contentStart = open + 1;
    if (text === '*') text = ':';

    const parts = text.split(',');
    if (parts.length > 1) {
      nodes.push({ type: 'union', branches: this.parseUnion(parts, contentStart), offset: this.at(open) });
      return;
    }

    const key = DICT_KEY.exec(text);
    if (key) {
      // kubectl re-parses the key as a field path, so ['a.b'] means .a.b
      const keyText = key[1] ?? '';
      const sub = this.subParse(`.${keyText}`, contentStart);
      nodes.push(...sub.nodes);
      return;
    }

    nodes.push({ type: 'array', params: this.parseSlice(text, contentStart), offset: this.at(open) });
  }

  private parseUnion(parts: string[], contentStart: number): ListNode[] {
    const branches: ListNode[] = [];
    let partStart = contentStart;
    for (const part of parts) {
      const trimmed = trimSpaces(part);
      const lead = part.length - part.replace(/^ +/, '').length;
      // `[` + trimmed + `]` is re-parsed as its own action, as in Go.
      branches.push(this.subParse(`[${trimmed}]`, partStart + lead - 1));
      partStart += part.length + 1;
    }
    return branches;
  }

  private parseSlice(text: string, contentStart: number): [SliceParam, SliceParam, SliceParam] {
    const match = SLICE.exec(text);
    if (!match) throw this.error(`invalid array index ${text}`, contentStart);
    const groups = [match[1] ?? '', match[2] ?? '', match[3] ?? ''];
    const params: SliceParam[] = [];
    for (let i = 0; i < 3; i++) {
      const group = groups[i] ?? '';
      if (group === '') {
        // A plain index [n] selects n..n+1; the end is "derived" so that
        // [-1] can later be resolved relative to the array length.
        const start = params[0]?.value ?? 0;
        params.push(i === 1 ? { value: start + 1, known: true, derived: true } : unknownParam());
        continue;
      }
      const digits = i > 0 ? group.slice(1) : group;
      if (i > 0 && digits === '') {
        params.push(unknownParam());
        continue;
      }
      const value = goAtoi(digits);
      if (value === undefined) throw this.error(`array index ${digits} is not a number`, contentStart);
      params.push({ value, known: true, derived: false });
    }
    const [start = unknownParam(), end = unknownParam(), step = unknownParam()] = params;
    return [start, end, step];
  }

  private parseFilter(nodes: JsonPathNode[]): void {
    const open = this.pos;
    this.pos += 3;
    this.consumeText();
    const textStart = this.pos;
    // Quotes may hide a `)`; only the first quote kind counts, as in Go.
    let begin = false;
    let end = false;
    let pair = EOF;
    for (;;) {
      const r = this.next();
      if (r === EOF || r === 0x0a) throw this.error('unterminated filter', open);
      if (r === 0x22 || r === 0x27) {
        if (!begin) {
          begin = true;
          pair = r;
          continue;
        }
        if (this.input.charCodeAt(this.pos - 2) !== BACKSLASH && r === pair) end = true;
      } else if (r === 0x29 /* ) */ && begin === end) {
        break;
      }
    }
    const expectedClose = this.pos;
    if (this.next() !== 0x5d) throw this.error('unclosed array expect ]', expectedClose);
    const text = this.consumeText().slice(0, -2);
    const offset = this.at(open);

    const match = FILTER.exec(text);
    if (!match) {
      const left = this.subParse(text, textStart);
      nodes.push({ type: 'filter', left, right: emptyList(offset), operator: 'exists', offset });
      return;
    }
    const [, leftText = '', operator = '', rightText = ''] = match;
    const left = this.subParse(leftText, textStart);
    const right = this.subParse(rightText, textStart + leftText.length + operator.length);
    nodes.push({ type: 'filter', left, right, operator, offset });
  }

  /** Scans a quoted string literal; `open` is the opening quote. */
  private parseQuote(nodes: JsonPathNode[], quote: number, open: number): void {
    for (;;) {
      const r = this.next();
      if (r === EOF || r === 0x0a) throw this.error('unterminated quoted string', open);
      if (r === quote && this.input.charCodeAt(this.pos - 2) !== BACKSLASH) break;
    }
    const value = this.consumeText();
    const text = unquoteExtend(value);
    if (text === undefined) throw this.error(`unquote string ${value} error invalid syntax`, open);
    nodes.push({ type: 'text', text, offset: this.at(open) });
  }

  /** Scans a field name after `.` (or `..`); backslash escapes one char. */
  private parseField(nodes: JsonPathNode[]): void {
    this.consumeText();
    const offset = this.at(this.pos);
    while (this.advance());
    const value = this.consumeText();
    if (value === '*') {
      nodes.push({ type: 'wildcard', offset });
    } else {
      nodes.push({ type: 'field', name: value.replaceAll('\\', ''), offset });
    }
  }

  private advance(): boolean {
    const r = this.next();
    if (r === BACKSLASH) {
      this.next();
    } else if (isTerminator(r)) {
      this.backup();
      return false;
    }
    return true;
  }

  /**
   * Go's parseAction: parse `{text}` on its own and keep its first action.
   * `textOffset` is where text[0] corresponds to in this parser's input.
   */
  private subParse(text: string, textOffset: number): ListNode {
    // text[0] sits at index 1 of the synthesized `{text}`.
    const parser = new Parser(`{${text}}`, this.base + textOffset - 1, this.templateLength);
    const first = parser.parseTemplate()[0];
    if (first?.type !== 'list') throw this.error('invalid syntax', textOffset);
    return first;
  }

  private next(): number {
    if (this.pos >= this.input.length) {
      this.width = 0;
      return EOF;
    }
    const r = this.input.codePointAt(this.pos) ?? EOF;
    this.width = r > 0xffff ? 2 : 1;
    this.pos += this.width;
    return r;
  }

  private peek(): number {
    const r = this.next();
    this.backup();
    return r;
  }

  private backup(): void {
    this.pos -= this.width;
  }

  private consumeText(): string {
    const value = this.input.slice(this.start, this.pos);
    this.start = this.pos;
    return value;
  }

  /** Maps a position in this parser's input to a template offset. */
  private at(index: number): number {
    return Math.min(Math.max(this.base + index, 0), this.templateLength);
  }

  private error(message: string, index: number): JsonPathError {
    return new JsonPathError(message, this.at(index));
  }
}

function unknownParam(): SliceParam {
  return { value: 0, known: false, derived: false };
}

function emptyList(offset: number): ListNode {
  return { type: 'list', nodes: [], offset };
}

function trimSpaces(s: string): string {
  return s.replace(/^ +| +$/g, '');
}

function isTerminator(r: number): boolean {
  if (r === 0x20 || r === 0x09 || isEndOfLine(r)) return true;
  return r === EOF || '.,[]$@{}'.includes(String.fromCodePoint(r));
}

function isEndOfLine(r: number): boolean {
  return r === 0x0d || r === 0x0a;
}

function isDigit(r: number): boolean {
  return r >= 0 && /\p{Nd}/u.test(String.fromCodePoint(r));
}

function isAlphaNumeric(r: number): boolean {
  return r === 0x5f || (r >= 0 && /[\p{L}\p{Nd}]/u.test(String.fromCodePoint(r)));
}

/** Go's `%#U`: `U+0021 '!'`, without the quoted rune when unprintable. */
function goRuneDescription(r: number): string {
  // Go sees a lone surrogate as invalid UTF-8, i.e. U+FFFD.
  const rune = r >= 0xd800 && r <= 0xdfff ? 0xfffd : r;
  const hex = `U+${rune.toString(16).toUpperCase().padStart(4, '0')}`;
  const ch = String.fromCodePoint(rune);
  const printable = rune === 0x20 || /[\p{L}\p{M}\p{N}\p{P}\p{S}]/u.test(ch);
  return printable ? `${hex} '${ch}'` : hex;
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** strconv.Atoi on 64-bit: optional sign, ASCII digits, int64 range. */
function goAtoi(text: string): number | undefined {
  if (!/^[+-]?[0-9]+$/.test(text)) return undefined;
  const big = BigInt(text.startsWith('+') ? text.slice(1) : text);
  if (big < INT64_MIN || big > INT64_MAX) return undefined;
  return Number(big);
}

/** strconv.ParseFloat for the digits-and-dots text parseNumber produces. */
function goParseFloat(text: string): number | undefined {
  if (!/^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)$/.test(text)) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder();

/**
 * client-go's UnquoteExtend: strconv.Unquote that also accepts single quotes.
 * Works on bytes like Go so `"\xc3\xa9"` yields "é". Undefined on bad syntax.
 */
function unquoteExtend(s: string): string | undefined {
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

// ---------------------------------------------------------------------------
// Go value model
// ---------------------------------------------------------------------------

/**
 * Go's zero reflect.Value: the root when data is nil, and a range item that
 * was a JSON null. Distinct from `null`, which is a nil interface{} found in
 * a map or slice (kubectl prints the former as `<no value>`, the latter as
 * `null`).
 */
const NO_VALUE: unique symbol = Symbol('no value');

/** A value whose Go type is not what its JS number would imply. */
class GoScalar {
  constructor(
    readonly goType: 'int' | 'float64' | 'uint8',
    readonly value: number,
  ) {}
}

type Kind = 'invalid' | 'nil' | 'map' | 'slice' | 'string' | 'bool' | 'int' | 'uint' | 'float' | 'other';

const TWO_POW_63 = 2 ** 63;

function kindOf(v: unknown): Kind {
  if (v === NO_VALUE || v === undefined) return 'invalid';
  if (v === null) return 'nil';
  if (v instanceof GoScalar) return v.goType === 'int' ? 'int' : v.goType === 'uint8' ? 'uint' : 'float';
  if (Array.isArray(v)) return 'slice';
  switch (typeof v) {
    case 'object':
      return 'map';
    case 'string':
      return 'string';
    case 'boolean':
      return 'bool';
    case 'bigint':
      return 'int';
    case 'number':
      // Unstructured JSON decodes integers that fit as int64, others as float64.
      return Number.isInteger(v) && v >= -TWO_POW_63 && v < TWO_POW_63 ? 'int' : 'float';
    default:
      return 'other';
  }
}

function isMap(v: unknown): v is Record<string, unknown> {
  return kindOf(v) === 'map';
}

function numberOf(v: unknown): number {
  if (v instanceof GoScalar) return v.value;
  if (typeof v === 'bigint') return Number(v);
  return typeof v === 'number' ? v : NaN;
}

/** The name Go's `%v` of a reflect.Type would print, for error messages. */
function goTypeName(v: unknown): string {
  if (v instanceof GoScalar) return v.goType;
  switch (kindOf(v)) {
    case 'map':
      return 'map[string]interface {}';
    case 'slice':
      return '[]interface {}';
    case 'int':
      return 'int64';
    case 'float':
      return 'float64';
    case 'nil':
      return 'interface {}';
    default:
      return typeof v === 'string' ? 'string' : typeof v === 'boolean' ? 'bool' : typeof v;
  }
}

/** Map keys in Go's order: byte-wise UTF-8, i.e. code point order. */
function sortedKeys(map: Record<string, unknown>): string[] {
  return Object.keys(map)
    .filter((key) => map[key] !== undefined)
    .sort(compareCodePoints);
}

function compareCodePoints(a: string, b: string): number {
  const x = Array.from(a, (ch) => ch.codePointAt(0) ?? 0);
  const y = Array.from(b, (ch) => ch.codePointAt(0) ?? 0);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

/** Children visited by `.*` and `..`: map values, elements, or string bytes. */
function childrenOf(v: unknown): unknown[] {
  if (Array.isArray(v)) return [...(v as unknown[])];
  if (isMap(v)) return sortedKeys(v).map((key) => v[key]);
  if (typeof v === 'string') return Array.from(utf8Encoder.encode(v), (b) => new GoScalar('uint8', b));
  return [];
}

/**
 * Go's `%v` for a float64 (strconv 'g', shortest): exponent form when the
 * exponent is < -4 or >= 6, so 1234567.5 prints as "1.2345675e+06".
 */
function goFormatFloat(v: number): string {
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

function formatScalar(v: unknown): string {
  if (v instanceof GoScalar) return v.goType === 'float64' ? goFormatFloat(v.value) : String(v.value);
  switch (kindOf(v)) {
    case 'int':
      return typeof v === 'bigint' ? v.toString() : String(numberOf(v));
    case 'float':
      return goFormatFloat(numberOf(v));
    default:
      return String(v);
  }
}

/** fmt's `%v` of a reflect.Value, used in some of kubectl's messages. */
function goSprint(v: unknown): string {
  switch (kindOf(v)) {
    case 'invalid':
      return '<invalid reflect.Value>';
    case 'nil':
      return '<nil>';
    case 'map': {
      const map = v as Record<string, unknown>;
      return `map[${sortedKeys(map)
        .map((key) => `${key}:${goSprint(map[key])}`)
        .join(' ')}]`;
    }
    case 'slice':
      return `[${(v as unknown[]).map(goSprint).join(' ')}]`;
    default:
      return formatScalar(v);
  }
}

/** encoding/json.Marshal (compact, HTML-safe, sorted map keys). */
function goJson(v: unknown): string {
  switch (kindOf(v)) {
    case 'invalid':
    case 'nil':
      return 'null';
    case 'map': {
      const map = v as Record<string, unknown>;
      return `{${sortedKeys(map)
        .map((key) => `${goJsonString(key)}:${goJson(map[key])}`)
        .join(',')}}`;
    }
    case 'slice':
      return `[${(v as unknown[]).map(goJson).join(',')}]`;
    case 'string':
      return goJsonString(v as string);
    case 'float': {
      const n = numberOf(v);
      if (!Number.isFinite(n)) throw new JsonPathError(`json: unsupported value: ${goFormatFloat(n)}`, 0);
      // JS and Go agree on float formatting for JSON: shortest digits,
      // exponent below 1e-6 or from 1e21 on ("1e-7", "1e+21").
      return String(n);
    }
    default:
      return formatScalar(v);
  }
}

const JSON_ESCAPES: Readonly<Record<string, string>> = {
  '"': '\\"',
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f',
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

function goJsonString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const code = ch.codePointAt(0) ?? 0;
    const escape = JSON_ESCAPES[ch];
    if (escape !== undefined) out += escape;
    else if (code < 0x20) out += `\\u00${code.toString(16).padStart(2, '0')}`;
    else if (code >= 0xd800 && code <= 0xdfff) out += '\\ufffd'; // lone surrogate: invalid UTF-8 for Go
    else out += ch;
  }
  return `${out}"`;
}

// ---------------------------------------------------------------------------
// Filter comparisons (port of the forked text/template funcs.go)
// ---------------------------------------------------------------------------

type BasicKind = 'bool' | 'int' | 'uint' | 'float' | 'string';

function basicKind(v: unknown): BasicKind {
  const kind = kindOf(v);
  if (kind === 'bool' || kind === 'int' || kind === 'uint' || kind === 'float' || kind === 'string') return kind;
  throw new Error('invalid type for comparison');
}

function mixedIntegers(k1: BasicKind, k2: BasicKind): boolean {
  return (k1 === 'int' && k2 === 'uint') || (k1 === 'uint' && k2 === 'int');
}

function goEqual(a: unknown, b: unknown): boolean {
  const k1 = basicKind(a);
  const k2 = basicKind(b);
  if (k1 !== k2) {
    // Go compares signed and unsigned integers; anything else is an error.
    if (mixedIntegers(k1, k2)) return numberOf(a) === numberOf(b);
    throw new Error('incompatible types for comparison');
  }
  if (k1 === 'string' || k1 === 'bool') return a === b;
  return numberOf(a) === numberOf(b);
}

function goLess(a: unknown, b: unknown): boolean {
  const k1 = basicKind(a);
  const k2 = basicKind(b);
  if (k1 !== k2) {
    if (mixedIntegers(k1, k2)) return numberOf(a) < numberOf(b);
    throw new Error('incompatible types for comparison');
  }
  if (k1 === 'bool') throw new Error('invalid type for comparison');
  if (k1 === 'string') return compareCodePoints(a as string, b as string) < 0;
  return numberOf(a) < numberOf(b);
}

const OPERATORS: Readonly<Record<string, (a: unknown, b: unknown) => boolean>> = {
  '<': goLess,
  '>': (a, b) => !(goLess(a, b) || goEqual(a, b)),
  '==': goEqual,
  '!=': (a, b) => !goEqual(a, b),
  '<=': (a, b) => goLess(a, b) || goEqual(a, b),
  '>=': (a, b) => !goLess(a, b),
};

/** The comparison operators a filter may use (kubectl accepts no others). */
export const FILTER_OPERATORS: readonly string[] = Object.keys(OPERATORS);

// ---------------------------------------------------------------------------
// Evaluation (port of jsonpath.go)
// ---------------------------------------------------------------------------

/**
 * Go's walk functions return partial results alongside an error, and the
 * `exists` filter ignores the error but looks at those results (e.g. an index
 * on a map "exists"). This carries them.
 */
class EvalFailure extends JsonPathError {
  constructor(
    message: string,
    offset: number,
    readonly partial: readonly unknown[],
  ) {
    super(message, offset);
  }
}

export interface EvaluateOptions {
  /** kubectl's --allow-missing-template-keys; default true, like kubectl. */
  allowMissingKeys?: boolean;
}

/** The text `kubectl ... -o jsonpath=<template>` prints for `data`. */
export function evaluateJsonPath(
  template: string | JsonPathTemplate,
  data: unknown,
  options: EvaluateOptions = {},
): string {
  const parsed = typeof template === 'string' ? parseJsonPath(template) : template;
  const evaluator = new Evaluator(parsed.nodes, options.allowMissingKeys ?? true);
  return evaluator
    .findResults(data, 0)
    .map((results) => results.map(printValue).join(' '))
    .join('');
}

/** PrintResults: containers as compact JSON, everything else like fmt.Print. */
function printValue(v: unknown): string {
  const kind = kindOf(v);
  if (kind === 'map' || kind === 'slice') return goJson(v);
  if (kind === 'invalid') return '<no value>';
  if (kind === 'nil') return 'null';
  return formatScalar(v);
}

/** reflect.ValueOf(x.Interface()): a nil interface becomes the zero Value. */
function reflectValue(v: unknown): unknown {
  return v === null || v === undefined ? NO_VALUE : v;
}

class Evaluator {
  // The range bookkeeping is Go's, state machine and all, so that odd
  // templates (missing or extra {end}) behave as in kubectl.
  private beginRange = 0;
  private inRange = 0;
  private endRange = 0;
  private lastEnd = -1;

  constructor(
    private readonly nodes: readonly JsonPathNode[],
    private readonly allowMissingKeys: boolean,
  ) {}

  /** Evaluates nodes[from..] against data, up to the `{end}` of a range. */
  findResults(data: unknown, from: number): unknown[][] {
    const cur = [reflectValue(data)];
    const full: unknown[][] = [];
    for (let i = from; i < this.nodes.length; i++) {
      const node = this.nodes[i];
      if (!node) break;
      const results = this.walk(cur, node);

      if (this.endRange > 0 && this.endRange <= this.inRange) {
        this.endRange--;
        this.lastEnd = i;
        break;
      }
      if (this.beginRange > 0) {
        this.beginRange--;
        this.inRange++;
        if (results.length > 0) {
          for (const value of results) full.push(...this.findResults(value, i + 1));
        } else {
          // Still walk the body (discarding output) to find its {end}.
          this.findResults(NO_VALUE, i + 1);
        }
        this.inRange--;
        for (let k = i + 1; k < this.nodes.length; k++) {
          if (k === this.lastEnd) {
            i = k;
            break;
          }
        }
        continue;
      }
      full.push(results);
    }
    return full;
  }

  private walk(input: readonly unknown[], node: JsonPathNode): unknown[] {
    switch (node.type) {
      case 'list':
        return this.evalList(input, node);
      case 'text':
        return [node.text];
      case 'field':
        return this.evalField(input, node.name, node.offset);
      case 'array':
        return this.evalArray(input, node.params, node.offset);
      case 'filter':
        return this.evalFilter(input, node);
      case 'int':
        return input.map(() => new GoScalar('int', node.value));
      case 'float':
        return input.map(() => new GoScalar('float64', node.value));
      case 'bool':
        return input.map(() => node.value);
      case 'wildcard':
        return input.flatMap(childrenOf);
      case 'recursive':
        return this.evalRecursive(input);
      case 'union':
        return this.evalUnion(input, node.branches, node.offset);
      case 'identifier':
        return this.evalIdentifier(input, node.name, node.offset);
    }
  }

  private evalList(input: readonly unknown[], list: ListNode): unknown[] {
    let cur = [...input];
    for (const node of list.nodes) cur = this.walk(cur, node);
    return cur;
  }

  private evalIdentifier(input: readonly unknown[], name: string, offset: number): unknown[] {
    switch (name) {
      case 'range':
        this.beginRange++;
        return [...input];
      case 'end':
        if (this.inRange > 0) {
          this.endRange++;
          return [];
        }
        throw new EvalFailure('not in range, nothing to end', offset, []);
      default:
        throw new EvalFailure(`unrecognized identifier ${name}`, offset, input);
    }
  }

  private evalField(input: readonly unknown[], name: string, offset: number): unknown[] {
    if (input.length === 0) return [];
    const results: unknown[] = [];
    for (const value of input) {
      if (isMap(value) && Object.hasOwn(value, name) && value[name] !== undefined) {
        results.push(value[name]);
      }
    }
    if (results.length === 0 && !this.allowMissingKeys) {
      throw new EvalFailure(`${name} is not found`, offset, []);
    }
    return results;
  }

  private evalArray(input: readonly unknown[], params: readonly SliceParam[], offset: number): unknown[] {
    const [first, second, third] = params;
    const result: unknown[] = [];
    for (const value of input) {
      if (value === null) continue;
      if (value === NO_VALUE) {
        // Go panics here; report it rather than crash.
        throw new EvalFailure('reflect: call of reflect.Value.Type on zero Value', offset, input);
      }
      if (!Array.isArray(value)) throw new EvalFailure(`${goTypeName(value)} is not array or slice`, offset, input);
      const items = value as unknown[];
      const length = items.length;
      let start = first?.known ? first.value : 0;
      if (start < 0) start += length;
      let end = second?.known ? second.value : length;
      if (end < 0 || (end === 0 && second?.derived)) end += length;

      // An empty selection returns immediately, dropping later inputs: that
      // is kubectl's behaviour (e.g. `.items[*].x[*]` stops at an empty x).
      if (end === start) return result;
      if (start >= length || start < 0) {
        throw new EvalFailure(`array index out of bounds: index ${start}, length ${length}`, offset, input);
      }
      if (end > length || end < 0) {
        throw new EvalFailure(`array index out of bounds: index ${end - 1}, length ${length}`, offset, input);
      }
      if (start > end) {
        throw new EvalFailure(`starting index ${start} is greater than ending index ${end}`, offset, input);
      }
      const step = third?.known ? third.value : 1;
      if (step <= 0) throw new EvalFailure('step must be > 0', offset, input);
      for (let i = start; i < end; i += step) result.push(items[i]);
    }
    return result;
  }

  private evalUnion(input: readonly unknown[], branches: readonly ListNode[], offset: number): unknown[] {
    const result: unknown[] = [];
    for (const branch of branches) {
      try {
        result.push(...this.evalList(input, branch));
      } catch (error) {
        throw withPartial(error, input, offset);
      }
    }
    return result;
  }

  private evalRecursive(input: readonly unknown[]): unknown[] {
    const result: unknown[] = [];
    for (const value of input) {
      const children = value === null ? [] : childrenOf(value);
      // Only containers with children are reported, then their descendants.
      if (children.length > 0) {
        result.push(value);
        result.push(...this.evalRecursive(children));
      }
    }
    return result;
  }

  private evalFilter(input: readonly unknown[], node: Extract<JsonPathNode, { type: 'filter' }>): unknown[] {
    const results: unknown[] = [];
    for (const value of input) {
      if (!Array.isArray(value)) {
        throw new EvalFailure(`${goSprint(value)} is not array or slice and cannot be filtered`, node.offset, input);
      }
      for (const item of value as unknown[]) {
        if (this.filterMatches(item, node, input, results)) results.push(item);
      }
    }
    return results;
  }

  private filterMatches(
    item: unknown,
    node: Extract<JsonPathNode, { type: 'filter' }>,
    input: readonly unknown[],
    results: readonly unknown[],
  ): boolean {
    const temp = [item];
    if (node.operator === 'exists') {
      // Errors are ignored here on purpose: Go only checks for results.
      try {
        return this.evalList(temp, node.left).length > 0;
      } catch (error) {
        if (error instanceof EvalFailure) return error.partial.length > 0;
        throw error;
      }
    }
    const left = this.singleOperand(temp, node.left, input, node.offset);
    if (left.length === 0) return false;
    const right = this.singleOperand(temp, node.right, input, node.offset);
    if (right.length === 0) return false;

    const compare = OPERATORS[node.operator];
    if (!compare) throw new EvalFailure(`unrecognized filter operator ${node.operator}`, node.offset, results);
    try {
      return compare(left[0], right[0]);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new EvalFailure(message, node.offset, results);
    }
  }

  /** One side of a comparison: zero values (skip the item) or exactly one. */
  private singleOperand(temp: unknown[], list: ListNode, input: readonly unknown[], offset: number): unknown[] {
    let values: unknown[];
    try {
      values = this.evalList(temp, list);
    } catch (error) {
      throw withPartial(error, input, offset);
    }
    if (values.length > 1) throw new EvalFailure('can only compare one element at a time', offset, input);
    return values;
  }
}

function withPartial(error: unknown, partial: readonly unknown[], offset: number): unknown {
  if (error instanceof JsonPathError) return new EvalFailure(error.message, error.offset, partial);
  if (error instanceof Error) return new EvalFailure(error.message, offset, partial);
  return error;
}
