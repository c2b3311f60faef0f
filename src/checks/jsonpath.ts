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
 *
 * Here: the entry point. The parts: jsonpath-syntax (error, tree), -parser, -evaluator, -compare (filters),
 * -go-values (the Go value model), -go-format (Go's printing), -go-parse (Go's literals); the Go helpers
 * istioctl's views need too (Atoi, JSON strings, string order, float format) are in src/go-text.ts.
 */
import { Evaluator, type EvaluateOptions } from './jsonpath-evaluator.js';
import { printValue } from './jsonpath-go-format.js';
import { parseJsonPath } from './jsonpath-parser.js';
import type { JsonPathTemplate } from './jsonpath-syntax.js';

export { FILTER_OPERATORS } from './jsonpath-compare.js';
export type { EvaluateOptions } from './jsonpath-evaluator.js';
export { parseJsonPath } from './jsonpath-parser.js';
export { JsonPathError, type JsonPathNode, type JsonPathTemplate, type ListNode, type SliceParam } from './jsonpath-syntax.js';

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
