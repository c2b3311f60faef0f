// A run names check kinds from src/lesson/vocabulary.ts (without loading the schema); the schema must know the
// same kinds, in the same order, or a check would be judged as another kind.
import { describe, expect, it } from 'vitest';
import { CHECK_KINDS } from '../../src/lesson/schema.js';
import { CHECK_KIND_NAMES, checkKind } from '../../src/lesson/vocabulary.js';

describe('the check kinds a run names', () => {
  it('are the schema’s, in its order', () => {
    expect([...CHECK_KIND_NAMES]).toEqual(Object.keys(CHECK_KINDS));
  });

  it('name a check by the field that holds its kind', () => {
    expect(checkKind({ notContains: 'error', timeout: '5s' })).toBe('notContains');
    expect(checkKind({ distribution: { count: 10, expect: { v1: 50 }, tolerance: 15 } })).toBe('distribution');
    expect(() => checkKind({ timeout: '5s' })).toThrow('check without a kind');
  });
});
