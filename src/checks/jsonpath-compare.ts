/** Filter comparisons: a port of the text/template funcs.go that client-go's JSONPath forks. */
import { goStringCompare } from '../go-text.js';
import { kindOf, numberOf } from './jsonpath-go-values.js';

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
  if (k1 === 'string') return goStringCompare(a as string, b as string) < 0;
  return numberOf(a) < numberOf(b);
}

export const OPERATORS: Readonly<Record<string, (a: unknown, b: unknown) => boolean>> = {
  '<': goLess,
  '>': (a, b) => !(goLess(a, b) || goEqual(a, b)),
  '==': goEqual,
  '!=': (a, b) => !goEqual(a, b),
  '<=': (a, b) => goLess(a, b) || goEqual(a, b),
  '>=': (a, b) => !goLess(a, b),
};

/** The comparison operators a filter may use (kubectl accepts no others). */
export const FILTER_OPERATORS: readonly string[] = Object.keys(OPERATORS);
