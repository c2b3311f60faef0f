/**
 * The Go values kubectl's JSONPath walks, read from JS data: objects are unstructured, so JSON integers
 * are Go int64 and other numbers float64 (see jsonpath.ts).
 */
import { goStringCompare } from '../go-text.js';

const utf8Encoder = new TextEncoder();

/**
 * Go's zero reflect.Value: the root when data is nil, and a range item that
 * was a JSON null. Distinct from `null`, which is a nil interface{} found in
 * a map or slice (kubectl prints the former as `<no value>`, the latter as
 * `null`).
 */
export const NO_VALUE: unique symbol = Symbol('no value');

/** A value whose Go type is not what its JS number would imply. */
export class GoScalar {
  constructor(
    readonly goType: 'int' | 'float64' | 'uint8',
    readonly value: number,
  ) {}
}

export type Kind = 'invalid' | 'nil' | 'map' | 'slice' | 'string' | 'bool' | 'int' | 'uint' | 'float' | 'other';

const TWO_POW_63 = 2 ** 63;

export function kindOf(v: unknown): Kind {
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

export function isMap(v: unknown): v is Record<string, unknown> {
  return kindOf(v) === 'map';
}

export function numberOf(v: unknown): number {
  if (v instanceof GoScalar) return v.value;
  if (typeof v === 'bigint') return Number(v);
  return typeof v === 'number' ? v : NaN;
}

/** The name Go's `%v` of a reflect.Type would print, for error messages. */
export function goTypeName(v: unknown): string {
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

/** Map keys in Go's order (encoding/json sorts them; `.*` and `..` use the same order for stable output). */
export function sortedKeys(map: Record<string, unknown>): string[] {
  return Object.keys(map)
    .filter((key) => map[key] !== undefined)
    .sort(goStringCompare);
}

/** Children visited by `.*` and `..`: map values, elements, or string bytes. */
export function childrenOf(v: unknown): unknown[] {
  if (Array.isArray(v)) return [...(v as unknown[])];
  if (isMap(v)) return sortedKeys(v).map((key) => v[key]);
  if (typeof v === 'string') return Array.from(utf8Encoder.encode(v), (b) => new GoScalar('uint8', b));
  return [];
}
