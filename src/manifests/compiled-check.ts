/**
 * Kubernetes' own kinds are checked with the validators the kubernetes-models package compiled from the
 * Kubernetes OpenAPI schemas (with ajv). They check types, enums and required fields, but let unknown
 * fields through, which `kubectl apply` refuses (strict field validation). They read every property their
 * schema names (present or not) and every key of a map, so watching their reads tells the unknown fields:
 * the keys never read in an object the validator looked into. Objects it never looked into are free-form.
 */
import { schemaIssues, type Issue, type SchemaError, type Segment } from './issues.js';

/** A compiled validator: true when valid, its errors left on `errors` (ajv's standalone form). */
export interface CompiledValidator {
  (data: unknown): boolean;
  errors?: SchemaError[] | null;
}

interface Watched {
  path: Segment[];
  read: Set<string>;
  proxy: object;
}

/** The issues of `value` (found at `at` in its object) against `validate`, unknown fields included. */
export function compiledIssues(validate: CompiledValidator, value: unknown, at: Segment[] = []): Issue[] {
  const watched = new Map<object, Watched>();
  const watch = (inner: unknown, path: Segment[]): unknown => {
    if (!inner || typeof inner !== 'object') return inner;
    let entry = watched.get(inner);
    if (!entry) {
      const read = new Set<string>();
      const list = Array.isArray(inner);
      const proxy = new Proxy(inner, {
        get: (target, key) => {
          if (typeof key !== 'string') return Reflect.get(target, key) as unknown;
          read.add(key);
          return watch(Reflect.get(target, key), [...path, list && /^\d+$/.test(key) ? Number(key) : key]);
        },
      });
      entry = { path, read, proxy };
      watched.set(inner, entry);
    }
    return entry.proxy;
  };
  const issues: Issue[] = [];
  if (!validate(watch(value, []))) {
    issues.push(...schemaIssues(validate.errors ?? [], value).map((issue) => ({ ...issue, path: [...at, ...issue.path] })));
  }
  for (const [target, { path, read }] of watched) {
    if (Array.isArray(target) || read.size === 0) continue;
    const known = [...read];
    for (const key of Object.keys(target)) if (!read.has(key)) issues.push({ code: 'unknown', path: [...at, ...path], field: key, known });
  }
  return issues;
}
