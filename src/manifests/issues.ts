/**
 * What a schema check finds in one Kubernetes object, in the object's own terms (a path of fields and list
 * indexes), and the sentence a learner reads for it. Both validators (Kubernetes' compiled ones and ajv
 * over Istio's CRD schemas) report ajv's error objects; this turns those into issues.
 */
import { closestName } from '../lesson/suggest.js';

export type Segment = string | number;

export type Issue =
  /** `field` inside the object at `path` is not in its schema (strict field validation refuses it). */
  | { code: 'unknown'; path: Segment[]; field: string; known: string[] }
  /** `field` is required in the object at `path`. */
  | { code: 'required'; path: Segment[]; field: string }
  /** The value at `path` is of the wrong type; `expected` are JSON types (integer, string, object …). */
  | { code: 'type'; path: Segment[]; expected: string[]; format?: string }
  | { code: 'enum'; path: Segment[]; allowed: unknown[] }
  /** At most one of `fields` may be set in the object at `path` (Istio's oneOf). */
  | { code: 'one-of'; path: Segment[]; fields: string[] }
  | { code: 'format'; path: Segment[]; format: string }
  /** Anything else (a bound, a pattern): the message says what is wrong with the value at `path`. */
  | { code: 'other'; path: Segment[]; message: string };

/** ajv's error object, as both ajv and the compiled Kubernetes validators report it. */
export interface SchemaError {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
  /** With ajv's verbose option: the schema holding the keyword. */
  parentSchema?: unknown;
}

const SIMPLE_NAME = /^[A-Za-z_$][\w$-]*$/;

/** A path as kubectl prints it: `spec.http[0].route`, `metadata.labels[app.kubernetes.io/name]`. */
export function fieldPath(path: readonly Segment[]): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (text === '') text = segment;
    else text += SIMPLE_NAME.test(segment) ? `.${segment}` : `[${segment}]`;
  }
  return text;
}

/** The value at `path` in `root`, undefined when it is not there. */
export function valueAt(root: unknown, path: readonly Segment[]): unknown {
  let value = root;
  for (const segment of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}

/** A JSON pointer (`/spec/http/0`) as segments, list indexes as numbers where `root` holds a list. */
export function pointerPath(root: unknown, pointer: string): Segment[] {
  if (pointer === '') return [];
  const path: Segment[] = [];
  let value = root;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const segment = Array.isArray(value) && /^\d+$/.test(key) ? Number(key) : key;
    path.push(segment);
    value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[segment] : undefined;
  }
  return path;
}

/** The names a schema object lets a oneOf/anyOf branch require: `[{required: [a]}, {required: [b]}]` → a, b. */
function requiredNames(branches: unknown): string[] {
  if (!Array.isArray(branches)) return [];
  return branches.flatMap((branch) => ((branch as { required?: unknown }).required as string[] | undefined) ?? []);
}

/**
 * Whether `error` is one of the branch errors of the failed union `union`. ajv's own paths say so; the
 * compiled Kubernetes validators call each branch as a function of its own, whose schema paths start
 * again at `#/`, so there a branch error is told by its place: Kubernetes' only unions (Quantity and
 * IntOrString) are values, not objects, so their branch errors sit at the union's own instance path.
 */
function inUnion(error: SchemaError, union: SchemaError): boolean {
  if (error === union) return false;
  if (error.schemaPath.startsWith(`${union.schemaPath}/`)) return true;
  return union.schemaPath === '#/oneOf' && error.instancePath === union.instancePath;
}

/**
 * ajv's errors as issues. A failed oneOf/anyOf brings its branches' errors too; they are folded into one
 * issue for the union: "set only one of" when several branches passed, else what the branches wanted.
 */
export function schemaIssues(errors: readonly SchemaError[], root: unknown): Issue[] {
  const unions = errors.filter((e) => e.keyword === 'oneOf' || e.keyword === 'anyOf');
  const issues: Issue[] = [];
  for (const error of errors) {
    if (unions.some((union) => inUnion(error, union))) continue;
    const path = pointerPath(root, error.instancePath);
    const params = error.params;
    switch (error.keyword) {
      case 'additionalProperties': {
        const properties = (error.parentSchema as { properties?: Record<string, unknown> } | undefined)?.properties;
        issues.push({ code: 'unknown', path, field: String(params.additionalProperty), known: Object.keys(properties ?? {}) });
        break;
      }
      case 'required':
        issues.push({ code: 'required', path, field: String(params.missingProperty) });
        break;
      case 'type': {
        const format = (error.parentSchema as { format?: unknown } | undefined)?.format;
        issues.push({ code: 'type', path, expected: String(params.type).split(','), ...(typeof format === 'string' ? { format } : {}) });
        break;
      }
      case 'enum':
        issues.push({ code: 'enum', path, allowed: (params.allowedValues as unknown[] | undefined) ?? [] });
        break;
      case 'format':
        issues.push({ code: 'format', path, format: String(params.format) });
        break;
      case 'oneOf':
      case 'anyOf':
        issues.push(...unionIssue(error, errors, root, path));
        break;
      default:
        issues.push({ code: 'other', path, message: otherMessage(error) });
    }
  }
  return issues;
}

function unionIssue(union: SchemaError, errors: readonly SchemaError[], root: unknown, path: Segment[]): Issue[] {
  const value = valueAt(root, path);
  // Istio's "at most one of" form: oneOf [not anyOf [required a, required b], required a, required b].
  if (Array.isArray(union.params.passingSchemas)) {
    // On a value that is not a mapping every `required` branch passes: its type error says it all.
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return [];
    const names = requiredNames((union.parentSchema as Record<string, unknown> | undefined)?.[union.keyword]);
    const present = names.filter((name) => name in value);
    return [{ code: 'one-of', path, fields: present.length > 1 ? present : names }];
  }
  const inner = errors.filter((e) => inUnion(e, union));
  const format = inner.find((e) => e.keyword === 'format');
  if (format) return [{ code: 'format', path, format: String(format.params.format) }];
  const types = inner.filter((e) => e.keyword === 'type').map((e) => String(e.params.type));
  if (types.length > 0 && types.length === inner.length) return [{ code: 'type', path, expected: [...new Set(types)] }];
  return [{ code: 'other', path, message: 'matches none of the forms this field takes' }];
}

function otherMessage(error: SchemaError): string {
  const { limit, comparison, pattern } = error.params as { limit?: number; comparison?: string; pattern?: string };
  switch (error.keyword) {
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return `must be ${comparison ?? ''} ${String(limit)}`;
    case 'minLength':
      return limit === 1 ? 'must not be empty' : `must be at least ${String(limit)} characters long`;
    case 'maxLength':
      return `must be at most ${String(limit)} characters long`;
    case 'minItems':
      return limit === 1 ? 'must not be an empty list' : `must have at least ${String(limit)} items`;
    case 'maxItems':
      return `must have at most ${String(limit)} items`;
    case 'minProperties':
      return limit === 1 ? 'must not be empty' : `must have at least ${String(limit)} fields`;
    case 'maxProperties':
      return `must have at most ${String(limit)} fields`;
    case 'pattern':
      return `must match the pattern ${String(pattern)}`;
    default:
      return error.message ?? `is not valid (${error.keyword})`;
  }
}

const TYPE_WORDS: Record<string, string> = {
  integer: 'an integer',
  number: 'a number',
  string: 'a string',
  boolean: 'true or false',
  object: 'a mapping',
  array: 'a list',
  null: 'null',
};

function kindOf(value: unknown, source?: string): string {
  // yes, no, on, off: YAML 1.1's booleans, which kubectl reads as such.
  if (typeof value === 'boolean' && source !== undefined && !/^(?:true|false)$/i.test(source)) return `a boolean (YAML reads ${source} as ${String(value)})`;
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `a string (${JSON.stringify(value)})`;
  if (typeof value === 'number') return Number.isInteger(value) ? `an integer (${value})` : `a number (${value})`;
  if (typeof value === 'boolean') return `${String(value)} (a boolean)`;
  return typeof value;
}

/** What to do about a value of the wrong type, when the fix is plain. */
function typeHint(expected: readonly string[], value: unknown, source: string | undefined): string {
  const wantsNumber = expected.includes('integer') || expected.includes('number');
  if (wantsNumber && typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value))) return ': write it without quotes';
  if (expected.includes('string') && (typeof value === 'number' || typeof value === 'boolean')) return `: put it in quotes ("${source ?? String(value)}")`;
  if (expected.includes('string') && value !== null && typeof value === 'object' && !Array.isArray(value)) return ' (an unquoted ": " starts a mapping: put the text in quotes)';
  if (expected.includes('array') && value !== null && typeof value !== 'object') return ': make it a list (start the item with "- ")';
  return '';
}

const FORMAT_WORDS: Record<string, string> = {
  quantity: 'a quantity such as 100m, 0.5, 64Mi or 1Gi',
  int32: 'an integer between -2147483648 and 2147483647',
  int64: 'an integer',
  'date-time': 'a date and time such as 2026-01-31T12:00:00Z',
  byte: 'base64-encoded (for plain text use stringData instead of data)',
  duration: 'a duration: a number with a unit, such as 5s, 250ms or 1m30s (at least 1ms)',
};

/**
 * The sentence for one issue, in kubectl's words where it has them (`unknown field "spec.foo"`).
 * `value` is the value at the issue's path; `source` its text in the file (yes, 0644), for hints.
 */
export function issueMessage(issue: Issue, value: unknown, source?: string): string {
  const where = fieldPath(issue.path);
  const at = where === '' ? '' : `${where}: `;
  switch (issue.code) {
    case 'unknown': {
      const guess = closestName(issue.field, issue.known);
      return `unknown field "${fieldPath([...issue.path, issue.field])}"${guess ? ` (did you mean "${guess}"?)` : ''}`;
    }
    case 'required':
      return `missing required field "${fieldPath([...issue.path, issue.field])}"`;
    case 'type':
      if (issue.format && FORMAT_WORDS[issue.format]) return `${at}must be ${FORMAT_WORDS[issue.format]}, not ${kindOf(value, source)}`;
      return `${at}must be ${issue.expected.map((type) => TYPE_WORDS[type] ?? type).join(' or ')}, not ${kindOf(value, source)}${typeHint(issue.expected, value, source)}`;
    case 'enum': {
      const guess = typeof value === 'string' ? closestName(value, issue.allowed.map(String)) : undefined;
      return `${at}unsupported value ${JSON.stringify(value)}; supported values: ${issue.allowed.map((v) => JSON.stringify(v)).join(', ')}${guess ? ` (did you mean "${guess}"?)` : ''}`;
    }
    case 'one-of':
      return `${at}set only one of ${issue.fields.join(', ')}`;
    case 'format':
      return `${at}must be ${FORMAT_WORDS[issue.format] ?? `in ${issue.format} format`}, not ${kindOf(value)}`;
    case 'other':
      return `${at}${issue.message}`;
  }
}
