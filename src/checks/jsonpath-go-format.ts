/** Go's printing of values as kubectl's JSONPath shows them: fmt's `%v` and `%#U`, encoding/json.Marshal. */
import { goFormatFloat, goJsonString } from '../go-text.js';
import { GoScalar, kindOf, numberOf, sortedKeys } from './jsonpath-go-values.js';
import { JsonPathError } from './jsonpath-syntax.js';

/** Go's `%#U`: `U+0021 '!'`, without the quoted rune when unprintable. */
export function goRuneDescription(r: number): string {
  // Go sees a lone surrogate as invalid UTF-8, i.e. U+FFFD.
  const rune = r >= 0xd800 && r <= 0xdfff ? 0xfffd : r;
  const hex = `U+${rune.toString(16).toUpperCase().padStart(4, '0')}`;
  const ch = String.fromCodePoint(rune);
  const printable = rune === 0x20 || /[\p{L}\p{M}\p{N}\p{P}\p{S}]/u.test(ch);
  return printable ? `${hex} '${ch}'` : hex;
}

/**
 * An integer as Go prints an int64: every digit. String() would round past 2^53 (2^60 as 1152921504606847000
 * where kubectl prints 1152921504606846976), though the number holds the integer exactly.
 */
function formatInt(n: number | bigint): string {
  return BigInt(n).toString();
}

function formatScalar(v: unknown): string {
  if (v instanceof GoScalar) return v.goType === 'float64' ? goFormatFloat(v.value) : formatInt(v.value);
  switch (kindOf(v)) {
    case 'int':
      return formatInt(v as number | bigint);
    case 'float':
      return goFormatFloat(numberOf(v));
    default:
      return String(v);
  }
}

/** fmt's `%v` of a reflect.Value, used in some of kubectl's messages. */
export function goSprint(v: unknown): string {
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

/** PrintResults: containers as compact JSON, everything else like fmt.Print. */
export function printValue(v: unknown): string {
  const kind = kindOf(v);
  if (kind === 'map' || kind === 'slice') return goJson(v);
  if (kind === 'invalid') return '<no value>';
  if (kind === 'nil') return 'null';
  return formatScalar(v);
}

