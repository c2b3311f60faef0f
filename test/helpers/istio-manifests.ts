/**
 * Istio manifests checked as the API server checks them: against the openAPIV3Schema of their kind and
 * version in Istio 1.31's CRDs (test/fixtures/istio-crds/crd-all.gen.yaml), with unknown fields
 * refused as `kubectl apply` does (strict field validation), so a misspelt field fails here, not in a
 * learner's terminal.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';

type Schema = Record<string, unknown>;
interface Validator {
  (data: unknown): boolean;
  errors?: { instancePath: string; message?: string; params?: Record<string, unknown> }[] | null;
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

let validators: Map<string, Validator> | undefined;

function load(): Map<string, Validator> {
  if (validators) return validators;
  const require = createRequire(import.meta.url);
  const Ajv = require('ajv') as new (options: Record<string, unknown>) => { compile(schema: unknown): Validator };
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  validators = new Map();
  for (const doc of parseAllDocuments(readFileSync(CRDS, 'utf8'))) {
    const crd = doc.toJS() as { kind?: string; spec?: { group: string; names: { kind: string }; versions: { name: string; schema?: { openAPIV3Schema?: Schema } }[] } } | null;
    if (crd?.kind !== 'CustomResourceDefinition' || !crd.spec) continue;
    for (const version of crd.spec.versions) {
      const schema = version.schema?.openAPIV3Schema;
      // The API server fills apiVersion, kind and metadata itself; the schema describes spec and status.
      if (schema) validators.set(`${crd.spec.group}/${version.name}:${crd.spec.names.kind}`, ajv.compile({ ...(strict(schema) as Schema), additionalProperties: true }));
    }
  }
  return validators;
}

/** Problems with one Istio object, as `path: message` lines (empty when valid). */
export function istioManifestProblems(object: { apiVersion?: string; kind?: string; spec?: unknown }): string[] {
  const validate = load().get(`${object.apiVersion ?? ''}:${object.kind ?? ''}`);
  if (!validate) return [`no Istio 1.31 schema for ${object.apiVersion ?? '?'} ${object.kind ?? '?'}`];
  if (validate(object)) return [];
  return (validate.errors ?? []).map((error) => `${error.instancePath || '/'}: ${error.message ?? 'invalid'}${error.params?.additionalProperty ? ` '${String(error.params.additionalProperty)}'` : ''}`);
}

export function isIstioKind(apiVersion: string | undefined): boolean {
  return /\.istio\.io\//.test(apiVersion ?? '');
}
