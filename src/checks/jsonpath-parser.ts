/** kubectl's JSONPath template parser: a port of client-go's util/jsonpath/parser.go. */
import { goAtoi } from '../go-text.js';
import { goRuneDescription } from './jsonpath-go-format.js';
import { goParseFloat, unquoteExtend } from './jsonpath-go-parse.js';
import { JsonPathError, type JsonPathNode, type JsonPathTemplate, type ListNode, type SliceParam } from './jsonpath-syntax.js';

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
    const [int, isInt] = goAtoi(value);
    if (isInt) {
      nodes.push({ type: 'int', value: Number(int), offset });
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
      const [value, ok] = goAtoi(digits);
      if (!ok) throw this.error(`array index ${digits} is not a number`, contentStart);
      params.push({ value: Number(value), known: true, derived: false });
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

