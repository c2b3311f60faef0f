/**
 * Istio manifests checked as the API server checks them, two ways:
 * - istioManifestProblems: the product's checker (src/manifests/istio-schemas.ts over the shipped
 *   assets/istio-1.31-schemas.json), what learners get;
 * - istioCrdProblems: ajv over the openAPIV3Schema of the kind and version in Istio 1.31's own CRDs
 *   (test/fixtures/istio-crds/crd-all.gen.yaml, unmodified), the reference the product is held to
 *   (test/manifests/istio-cross-check.test.ts).
 * Both refuse unknown fields as `kubectl apply` does (strict field validation).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { parseAllDocuments } from 'yaml';
import { istioAsset } from '../../src/manifests/istio-asset.js';
import { istioIssues } from '../../src/manifests/istio-schemas.js';
import { issueMessage, valueAt } from '../../src/manifests/issues.js';

type Schema = Record<string, unknown>;
interface Validator {
  (data: unknown): boolean;
  errors?: { instancePath: string; message?: string; params?: Record<string, unknown> }[] | null;
}
type IstioObject = { apiVersion?: string; kind?: string; spec?: unknown; [field: string]: unknown };

/** The product's problems with one Istio object, as the learner reads them (empty when valid). */
export function istioManifestProblems(object: IstioObject): string[] {
  const entry = istioAsset().kinds.find((k) => k.kind === object.kind && k.versions.some((version) => `${k.group}/${version}` === object.apiVersion));
  if (!entry) return [`no Istio 1.31 schema for ${object.apiVersion ?? '?'} ${object.kind ?? '?'}`];
  return istioIssues(object, entry).map((issue) => issueMessage(issue, valueAt(object, issue.path)));
}

export function isIstioKind(apiVersion: string | undefined): boolean {
  return /\.istio\.io\//.test(apiVersion ?? '');
}

const CRDS = fileURLToPath(new URL('../fixtures/istio-crds/crd-all.gen.yaml', import.meta.url));

/** Closed objects: where a schema lists properties and does not keep unknown fields, others are errors. */
function strict(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(strict);
  if (!schema || typeof schema !== 'object') return schema;
  const copy: Schema = {};
  for (const [key, value] of Object.entries(schema)) copy[key] = key === 'properties' || key === 'patternProperties' ? Object.fromEntries(Object.entries(value as Schema).map(([name, inner]) => [name, strict(inner)])) : strict(value);
  if (copy.properties && copy['x-kubernetes-preserve-unknown-fields'] !== true && copy.additionalProperties === undefined) copy.additionalProperties = false;
  return copy;
}

/**
 * The API server drops a null field before it validates, unless the schema says nullable (Kubernetes'
 * CRD documentation, "Defaulting and Nullable"): `http:` left empty in a scaffold is no http.
 */
function withoutNulls(value: unknown, schema: Schema | undefined): unknown {
  if (Array.isArray(value)) return value.map((item) => withoutNulls(item, schema?.items as Schema | undefined));
  if (!value || typeof value !== 'object') return value;
  const properties = (schema?.properties ?? {}) as Record<string, Schema>;
  const additional = typeof schema?.additionalProperties === 'object' ? (schema.additionalProperties as Schema) : undefined;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key, inner]) => inner !== null || (properties[key] ?? additional)?.nullable === true)
      .map(([key, inner]) => [key, withoutNulls(inner, properties[key] ?? additional)]),
  );
}

let validators: Map<string, { validate: Validator; schema: Schema }> | undefined;

function load(): Map<string, { validate: Validator; schema: Schema }> {
  if (validators) return validators;
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  validators = new Map();
  for (const doc of parseAllDocuments(readFileSync(CRDS, 'utf8'))) {
    const crd = doc.toJS() as { kind?: string; spec?: { group: string; names: { kind: string }; versions: { name: string; schema?: { openAPIV3Schema?: Schema } }[] } } | null;
    if (crd?.kind !== 'CustomResourceDefinition' || !crd.spec) continue;
    for (const version of crd.spec.versions) {
      const schema = version.schema?.openAPIV3Schema;
      // The API server fills apiVersion, kind and metadata itself; the schema describes spec and status.
      if (schema) validators.set(`${crd.spec.group}/${version.name}:${crd.spec.names.kind}`, { validate: ajv.compile({ ...(strict(schema) as Schema), additionalProperties: true }), schema });
    }
  }
  return validators;
}

/** The reference's problems with one Istio object's spec and status, as `path: message` lines (empty when valid). */
export function istioCrdProblems(object: IstioObject): string[] {
  const crd = load().get(`${object.apiVersion ?? ''}:${object.kind ?? ''}`);
  if (!crd) return [`no Istio 1.31 schema for ${object.apiVersion ?? '?'} ${object.kind ?? '?'}`];
  const { validate, schema } = crd;
  if (validate(withoutNulls(object, schema))) return [];
  return (validate.errors ?? []).map((error) => `${error.instancePath || '/'}: ${error.message ?? 'invalid'}${error.params?.additionalProperty ? ` '${String(error.params.additionalProperty)}'` : ''}`);
}
