/** The JsonPathError an action throws (a test fails if it throws nothing, or something else). */
import { JsonPathError } from '../../src/checks/jsonpath.js';

export function errorOf(action: () => unknown): JsonPathError {
  try {
    action();
  } catch (error) {
    if (error instanceof JsonPathError) return error;
    throw error;
  }
  throw new Error('expected a JsonPathError');
}
