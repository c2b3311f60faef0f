/** Captures: remember a value from a step's output for later steps (`${INGRESS_IP}`). Pure, like the checks. */
import type { Capture } from '../lesson/schema.js';
import type { Observed } from './evaluate.js';
import { evaluateJsonPath, JsonPathError } from './jsonpath.js';
import { stripAnsi } from './text.js';

export type CaptureResult = { value: string } | { error: string };

export function captureValue(capture: Capture, observed: Observed): CaptureResult {
  if ('jsonpath' in capture) {
    let data: unknown;
    try {
      data = JSON.parse(stripAnsi(observed.stdout));
    } catch {
      return { error: `the output is not JSON, so ${capture.jsonpath} cannot be read` };
    }
    try {
      const value = evaluateJsonPath(capture.jsonpath, data).trim();
      return value === '' ? { error: `${capture.jsonpath} printed nothing` } : { value };
    } catch (error) {
      if (error instanceof JsonPathError) return { error: error.message };
      throw error;
    }
  }
  const match = new RegExp(capture.regex).exec(stripAnsi(observed[capture.from ?? 'all']));
  if (!match) return { error: `no match for /${capture.regex}/` };
  const group = capture.group ?? (match.length > 1 ? 1 : 0);
  const value = typeof group === 'number' ? match[group] : match.groups?.[group];
  return value === undefined ? { error: `/${capture.regex}/ matched, but group ${String(group)} is empty` } : { value };
}
