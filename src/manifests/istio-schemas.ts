/**
 * Istio objects checked as the API server checks custom resources: against their CRD's openAPIV3Schema
 * (ajv, compiled on first use per kind), with unknown fields refused as `kubectl apply` does (strict field
 * validation): an object whose schema lists its properties is closed unless it keeps unknown fields
 * (x-kubernetes-preserve-unknown-fields). The API server decodes apiVersion, kind and metadata itself;
 * metadata is checked as Kubernetes' ObjectMeta.
 */
import { Ajv, type ValidateFunction } from 'ajv';
import type { IstioSchemaEntry } from './istio-asset.js';
import { schemaIssues, type Issue, type SchemaError } from './issues.js';
import { metadataIssues } from './object-meta.js';

type Schema = Record<string, unknown>;

/** Closed objects: where a schema lists properties and does not keep unknown fields, others are errors. */
export function closedSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(closedSchema);
  if (!schema || typeof schema !== 'object') return schema;
  const copy: Schema = {};
  for (const [key, value] of Object.entries(schema)) {
    copy[key] = key === 'properties' ? Object.fromEntries(Object.entries(value as Schema).map(([name, inner]) => [name, closedSchema(inner)])) : closedSchema(value);
  }
  if (copy.properties && copy['x-kubernetes-preserve-unknown-fields'] !== true && copy.additionalProperties === undefined) copy.additionalProperties = false;
  return copy;
}

/**
 * The API server drops a null field before it validates, unless its schema says `nullable: true`
 * ("spec:" with nothing after it is no spec). The copy of `value` without them.
 */
function withoutNulls(value: unknown, schema: Schema | undefined): unknown {
  if (Array.isArray(value)) return value.map((item) => withoutNulls(item, schema?.items as Schema | undefined));
  if (!value || typeof value !== 'object') return value;
  const properties = schema?.properties as Record<string, Schema> | undefined;
  const additional = typeof schema?.additionalProperties === 'object' ? (schema.additionalProperties as Schema) : undefined;
  const copy: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    const innerSchema = properties?.[key] ?? additional;
    if (inner === null && innerSchema?.nullable !== true) continue;
    copy[key] = withoutNulls(inner, innerSchema);
  }
  return copy;
}

const DURATION_UNITS: Record<string, number> = { ns: 1, us: 1e3, 'µs': 1e3, 'μs': 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };

/** A duration as Go's time.ParseDuration reads it (what the CRDs' CEL `duration(self)` uses), in nanoseconds. */
export function goDuration(text: string): number | undefined {
  if (/^[-+]?0$/.test(text)) return 0;
  const match = /^([-+]?)((?:(?:\d+\.?\d*|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+)$/.exec(text);
  if (!match) return undefined;
  let total = 0;
  for (const [, amount, unit] of (match[2] ?? '').matchAll(/(\d+\.?\d*|\.\d+)(ns|us|µs|μs|ms|s|m|h)/g)) total += Number(amount) * (DURATION_UNITS[unit ?? ''] ?? Number.NaN);
  return match[1] === '-' ? -total : total;
}

/** Istio's durations: `duration(self) >= duration('1ms')` in the CRDs, `format: duration` in the asset. */
const DURATION = { type: 'string' as const, validate: (text: string) => (goDuration(text) ?? -1) >= 1e6 };

let ajv: Ajv | undefined;
const validators = new Map<IstioSchemaEntry, ValidateFunction>();

function validatorFor(entry: IstioSchemaEntry): ValidateFunction {
  let validate = validators.get(entry);
  if (!validate) {
    // verbose: an error carries its schema, which names the known fields ("did you mean") and a oneOf's choices.
    ajv ??= new Ajv({ strict: false, allErrors: true, verbose: true, formats: { duration: DURATION } });
    const schema = closedSchema(entry.schema) as Schema;
    const properties = { ...(schema.properties as Schema | undefined), apiVersion: {}, kind: {}, metadata: {} };
    validate = ajv.compile({ ...schema, properties, additionalProperties: false });
    validators.set(entry, validate);
  }
  return validate;
}

/** The issues of an Istio object against its kind's schema (`entry`, from the asset). */
export function istioIssues(object: Record<string, unknown>, entry: IstioSchemaEntry): Issue[] {
  const { metadata, ...rest } = object;
  const value = withoutNulls(rest, entry.schema);
  const validate = validatorFor(entry);
  const issues = validate(value) ? [] : schemaIssues((validate.errors ?? []) as SchemaError[], value);
  return [...metadataIssues(metadata), ...issues];
}
