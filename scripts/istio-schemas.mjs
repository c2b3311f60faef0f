// Writes assets/istio-1.31-schemas.json from Istio 1.31's CRDs (test/fixtures/istio-crds/crd-all.gen.yaml):
// each kind's openAPIV3Schema with what validation does not read taken out (descriptions, the CEL rules
// the API server runs and ajv cannot but two, formats, list and int-or-string markers), one schema per
// kind with the versions that serve it. `mesh-workshop validate` checks learners' Istio manifests against it.
//
//   node scripts/istio-schemas.mjs            write the asset
//   node scripts/istio-schemas.mjs --stdout   print it instead (the test compares that with the file)
//   … --from CRDS.yaml                        read other CRDs (a new Istio's, to try)
//
// A keyword this script has never seen fails it: a new Istio may bring one that changes what is valid,
// and it must be read before it is kept or dropped.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';

const ISTIO = '1.31';
/** The release the fixture is from (test/fixtures/istio-crds/README.md). */
const TAG = '1.31.0-rc.0';
const SOURCE = 'test/fixtures/istio-crds/crd-all.gen.yaml';
const ASSET = `assets/istio-${ISTIO}-schemas.json`;

/** Keywords validation reads, kept as they are. */
const KEPT = new Set([
  'type', 'properties', 'additionalProperties', 'items', 'required', 'enum', 'oneOf', 'anyOf', 'allOf', 'not',
  'minimum', 'maximum', 'minLength', 'maxLength', 'minItems', 'maxItems', 'minProperties', 'maxProperties',
  'pattern', 'nullable', 'x-kubernetes-preserve-unknown-fields',
]);
/**
 * Keywords dropped: documentation, formats (not checked, as in the tests' validator), list semantics (set
 * and map lists the API server checks for duplicates) and the int-or-string marker (its anyOf says the same).
 */
const DROPPED = new Set(['description', 'format', 'x-kubernetes-list-type', 'x-kubernetes-list-map-keys', 'x-kubernetes-int-or-string']);

/**
 * CEL rules (x-kubernetes-validations) the API server evaluates and JSON Schema cannot, but for the two
 * learners meet most, said in JSON Schema: a duration ("5s", not 5: format duration, which the workshop
 * checks as Go's time.ParseDuration reads it, at least 1ms) and a port number. Others are left to the cluster.
 */
const CEL_AS_SCHEMA = {
  "duration(self) >= duration('1ms')": { format: 'duration' },
  '0 < self && self <= 65535': { minimum: 1, maximum: 65535 },
};

function compact(schema, where) {
  const out = {};
  for (const [key, value] of Object.entries(schema)) {
    if (DROPPED.has(key)) continue;
    if (key === 'x-kubernetes-validations') continue;
    if (!KEPT.has(key)) throw new Error(`${where}: keyword '${key}' is neither kept nor dropped; decide in scripts/istio-schemas.mjs`);
    if (key === 'properties') out[key] = Object.fromEntries(Object.entries(value).map(([name, inner]) => [name, compact(inner, `${where}.${name}`)]));
    else if (key === 'items' || (key === 'additionalProperties' && typeof value === 'object') || key === 'not') out[key] = compact(value, `${where}.${key}`);
    else if (key === 'oneOf' || key === 'anyOf' || key === 'allOf') out[key] = value.map((inner, index) => compact(inner, `${where}.${key}[${index}]`));
    else out[key] = value;
  }
  for (const [keyword, bound] of (schema['x-kubernetes-validations'] ?? []).flatMap(({ rule }) => Object.entries(CEL_AS_SCHEMA[rule] ?? {}))) {
    // A bound the schema has already is narrowed, never widened.
    out[keyword] = keyword === 'minimum' ? Math.max(bound, out[keyword] ?? bound) : keyword === 'maximum' ? Math.min(bound, out[keyword] ?? bound) : bound;
  }
  return out;
}

/** The asset's text for the CRDs in `text`: one kind a line, so a diff shows which kinds changed. */
export function istioSchemas(text) {
  const kinds = [];
  for (const doc of parseAllDocuments(text)) {
    const crd = doc.toJS();
    if (crd?.kind !== 'CustomResourceDefinition') continue;
    const { group, names, versions } = crd.spec;
    // Versions with the same schema share one entry (networking's v1, v1beta1 and v1alpha3 do).
    const bySchema = new Map();
    for (const version of versions) {
      if (!version.served || !version.schema?.openAPIV3Schema) continue;
      const schema = JSON.stringify(compact(version.schema.openAPIV3Schema, `${names.kind} ${version.name}`));
      bySchema.set(schema, [...(bySchema.get(schema) ?? []), version.name]);
    }
    for (const [schema, served] of bySchema) kinds.push(`{"group":${JSON.stringify(group)},"kind":${JSON.stringify(names.kind)},"versions":${JSON.stringify(served)},"schema":${schema}}`);
  }
  const sha256 = createHash('sha256').update(text).digest('hex');
  // Istio's CRDs are Apache-2.0; this is a modified copy of part of them, and says so (the licence's §4).
  const notice = `Derived from Istio's CRDs (github.com/istio/istio at ${TAG}, manifests/charts/base/files/crd-all.gen.yaml, Apache-2.0, Copyright Istio Authors) by scripts/istio-schemas.mjs: descriptions, formats and most CEL rules removed`;
  return `{"istio":"${ISTIO}","notice":${JSON.stringify(notice)},"source":"${SOURCE}","sha256":"${sha256}","kinds":[\n${kinds.join(',\n')}\n]}\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const from = process.argv.indexOf('--from');
  const asset = istioSchemas(readFileSync(from > 0 ? process.argv[from + 1] : SOURCE, 'utf8'));
  if (process.argv.includes('--stdout')) process.stdout.write(asset);
  else writeFileSync(ASSET, asset);
}
