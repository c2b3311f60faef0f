/**
 * Turns zod's validation issues into messages an author can act on. zod reports a failed union as every
 * branch's failures at once; here we pick the branch the author meant (the one whose shape and naming
 * field match what they wrote) and report only its problems, with "did you mean" for misspelt fields.
 */
import type { z } from 'zod';
import { closestName } from './suggest.js';
import type { DataPath } from './source-map.js';

export interface SchemaProblem {
  path: DataPath;
  /** Set when the problem is about a key itself (unknown field), so it can be located at the key. */
  key?: string;
  message: string;
}

type Issue = z.core.$ZodIssue;
type AnySchema = z.core.$ZodType;

interface Def {
  type: string;
  shape?: Record<string, AnySchema>;
  innerType?: AnySchema;
  element?: AnySchema;
  options?: AnySchema[];
  valueType?: AnySchema;
  in?: AnySchema;
}

function defOf(schema: AnySchema): Def {
  return schema._zod.def as unknown as Def;
}

/** Strip wrappers that do not change the shape (optional, default, pipe). */
function unwrap(schema: AnySchema): AnySchema {
  let current = schema;
  for (;;) {
    const def = defOf(current);
    const inner = def.innerType ?? (def.type === 'pipe' ? def.in : undefined);
    if (!inner) return current;
    current = inner;
  }
}

/** The schema that validates the value at `path` below `schema` (unions are resolved by the caller). */
function schemaAt(schema: AnySchema, path: DataPath): AnySchema | undefined {
  let current: AnySchema | undefined = unwrap(schema);
  for (const segment of path) {
    if (!current) return undefined;
    const def = defOf(current);
    let next: AnySchema | undefined;
    if (def.type === 'object' && typeof segment === 'string') next = def.shape?.[segment];
    else if (def.type === 'array') next = def.element;
    else if (def.type === 'record') next = def.valueType;
    else if (def.type === 'union') next = unionStep(def.options ?? [], segment);
    current = next ? unwrap(next) : undefined;
  }
  return current;
}

/** Through a union on the way down a path: the option that has this segment (a list for an index, a field for a name). */
function unionStep(options: AnySchema[], segment: string | number): AnySchema | undefined {
  for (const option of options) {
    const found = schemaAt(option, [segment]);
    if (found) return found;
  }
  return undefined;
}

function objectKeys(schema: AnySchema | undefined): string[] {
  if (!schema) return [];
  const def = defOf(unwrap(schema));
  if (def.type === 'object') return Object.keys(def.shape ?? {});
  if (def.type === 'union') return [...new Set((def.options ?? []).flatMap((option) => objectKeys(option)))];
  return [];
}

function requiredKeys(schema: AnySchema): string[] {
  const def = defOf(unwrap(schema));
  if (def.type !== 'object') return [];
  return Object.entries(def.shape ?? {})
    .filter(([, field]) => defOf(field).type !== 'optional')
    .map(([key]) => key);
}

function valueAt(root: unknown, path: DataPath): unknown {
  let current = root;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'a mapping',
  array: 'a list',
  record: 'a mapping',
};

function describeType(expected: string): string {
  return TYPE_WORDS[expected] ?? expected;
}

export function schemaProblems(issues: readonly Issue[], schema: AnySchema, data: unknown, prefix: DataPath = []): SchemaProblem[] {
  return withoutEchoes(issues.flatMap((issue) => problemsFor(issue, schema, data, prefix)));
}

/** "missing 'title'" says nothing new beside "unknown field 'tilte' (did you mean 'title'?)" in the same mapping. */
function withoutEchoes(problems: SchemaProblem[]): SchemaProblem[] {
  const meant = new Set(
    problems.flatMap((p) => {
      const guess = /\(did you mean '([^']+)'\?\)$/.exec(p.message)?.[1];
      return guess && p.key !== undefined ? [`${p.path.join('.')}|${guess}`] : [];
    }),
  );
  return problems.filter((p) => {
    const missing = /^missing required field '([^']+)'$/.exec(p.message)?.[1];
    return missing === undefined || !meant.has(`${p.path.join('.')}|${missing}`);
  });
}

function problemsFor(issue: Issue, schema: AnySchema, data: unknown, prefix: DataPath): SchemaProblem[] {
  const path: DataPath = [...prefix, ...(issue.path as (string | number)[])];
  const value = valueAt(data, path);
  switch (issue.code) {
    case 'unrecognized_keys': {
      const allowed = objectKeys(schemaAt(schema, issue.path as DataPath));
      return issue.keys.map((key) => ({ path, key, message: unknownFieldMessage(key, allowed) }));
    }
    case 'invalid_union':
      return unionProblems(issue, schemaAt(schema, issue.path as DataPath), data, path);
    case 'invalid_type': {
      if (value === undefined) {
        const field = path[path.length - 1];
        return [{ path: path.slice(0, -1), message: `missing required field '${String(field)}'` }];
      }
      return [{ path, message: `expected ${describeType(issue.expected)}, got ${describeValue(value)}${colonHint(issue.expected, value)}` }];
    }
    case 'invalid_value': {
      const guess = typeof value === 'string' ? closestName(value, issue.values.map(String)) : undefined;
      const choices = issue.values.map((v) => JSON.stringify(v)).join(', ');
      return [{ path, message: `expected one of ${choices}, got ${JSON.stringify(value)}${guess ? ` (did you mean "${guess}"?)` : ''}` }];
    }
    case 'invalid_key': {
      const key = path[path.length - 1];
      const inner = issue.issues[0]?.message ?? 'invalid name';
      return [{ path: path.slice(0, -1), key: String(key), message: `${inner}, got '${String(key)}'` }];
    }
    case 'invalid_format':
      return [{ path, message: `${issue.message}, got ${JSON.stringify(value)}` }];
    case 'too_small':
      return [{ path, message: tooSmallMessage(issue, value) }];
    case 'too_big':
      return [{ path, message: `must be at most ${String(issue.maximum)}` }];
    default:
      return [{ path, message: issue.message }];
  }
}

function tooSmallMessage(issue: Extract<Issue, { code: 'too_small' }>, value: unknown): string {
  if (Array.isArray(value)) return issue.minimum === 1 ? 'must not be empty' : `needs at least ${String(issue.minimum)} items`;
  if (typeof value === 'string') return 'must not be empty';
  return issue.inclusive === false ? `must be more than ${String(issue.minimum)}` : `must be at least ${String(issue.minimum)}`;
}

function describeValue(value: unknown): string {
  const kind = kindOf(value);
  return kind === 'object' ? 'a mapping' : kind === 'string' ? `text ${JSON.stringify(value)}` : kind === 'array' ? 'a list' : kind === 'number' ? `the number ${String(value)}` : kind;
}

/** YAML reads `Try this: echo hi` as a mapping; say so where text was expected. */
function colonHint(expected: string, value: unknown): string {
  const isMapping = value !== null && typeof value === 'object' && !Array.isArray(value);
  return expected === 'string' && isMapping ? ' (an unquoted ": " starts a mapping: put the text in quotes)' : '';
}

function unknownFieldMessage(key: string, allowed: readonly string[]): string {
  const guess = closestName(key, allowed);
  const hint = guess ? ` (did you mean '${guess}'?)` : allowed.length > 0 ? ` (known fields: ${allowed.join(', ')})` : '';
  return `unknown field '${key}'${hint}`;
}

/**
 * A union failed. Keep the branches of the same shape as the value (a list for a list, text for text), then
 * the ones whose naming fields are present; report that branch's own problems.
 */
function unionProblems(issue: Extract<Issue, { code: 'invalid_union' }>, union: AnySchema | undefined, data: unknown, path: DataPath): SchemaProblem[] {
  const options = union ? (defOf(union).options ?? []) : [];
  const value = valueAt(data, path);
  const branches = issue.errors.map((errors, index) => ({ errors, schema: options[index] }));
  if (value === undefined) return [{ path: path.slice(0, -1), message: `missing required field '${String(path[path.length - 1])}'` }];
  const sameShape = branches.filter((branch) => !isShapeMismatch(branch.errors, value));
  const isScalar = value === null || typeof value !== 'object';
  const allAtRoot = issue.errors.every((errors) => errors.every((e) => e.path.length === 0 && (e.code === 'invalid_type' || e.code === 'invalid_value')));
  if (sameShape.length === 0 || (isScalar && allAtRoot)) {
    const expected = [...new Set(issue.errors.flatMap((errors) => errors.flatMap(expectedWords)))];
    return [{ path, message: `expected ${expected.join(' or ')}, got ${describeValue(value)}` }];
  }
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const present = new Set(Object.keys(value));
    const named = sameShape.filter((branch) => branch.schema && requiredKeys(branch.schema).every((key) => present.has(key)));
    if (named.length === 0) return noBranchNamed(sameShape.map((b) => b.schema), present, path);
    const best = fewestProblems(named);
    return best.schema ? conflicts(best.errors, options, path) ?? schemaProblems(best.errors, best.schema, data, path) : [];
  }
  const best = fewestProblems(sameShape);
  return best.schema ? schemaProblems(best.errors, best.schema, data, path) : [];
}

/** A branch of another shape (a list where a mapping is written, text where a number is expected). */
function isShapeMismatch(errors: readonly Issue[], value: unknown): boolean {
  return errors.some(
    (e) =>
      e.path.length === 0 &&
      (e.code === 'invalid_type' ||
        (e.code === 'invalid_value' && typeof value === 'object') ||
        (e.code === 'invalid_union' && e.errors.every((branch) => isShapeMismatch(branch, value)))),
  );
}

function expectedWords(issue: Issue): string[] {
  if (issue.path.length > 0) return [];
  if (issue.code === 'invalid_type') return [describeType(issue.expected)];
  if (issue.code === 'invalid_value') return issue.values.map((v) => JSON.stringify(v));
  return [];
}

function fewestProblems<T extends { errors: readonly Issue[] }>(branches: T[]): T {
  return branches.reduce((best, branch) => (branch.errors.length < best.errors.length ? branch : best));
}

/** No branch has all of its naming fields: say which fields would make it valid, or which unknown field was meant. */
function noBranchNamed(schemas: (AnySchema | undefined)[], present: Set<string>, path: DataPath): SchemaProblem[] {
  const allowed = [...new Set(schemas.flatMap((schema) => objectKeys(schema)))];
  const namers = [...new Set(schemas.flatMap((schema) => (schema ? requiredKeys(schema) : [])))];
  const unknown = [...present].filter((key) => !allowed.includes(key));
  if (unknown.length > 0) return unknown.map((key) => ({ path, key, message: unknownFieldMessage(key, allowed) }));
  return [{ path, message: `needs one of: ${namers.join(', ')}` }];
}

/** An "unknown" field that names another branch means two kinds were written in one item. */
function conflicts(errors: readonly Issue[], options: AnySchema[], path: DataPath): SchemaProblem[] | undefined {
  const namers = new Set(options.flatMap((option) => requiredKeys(option)));
  for (const error of errors) {
    if (error.code !== 'unrecognized_keys' || error.path.length > 0) continue;
    const clash = error.keys.find((key) => namers.has(key));
    if (clash) return [{ path, key: clash, message: `'${clash}' cannot be combined with the other fields here: write one per list item` }];
  }
  return undefined;
}
