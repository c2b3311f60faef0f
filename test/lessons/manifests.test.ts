// Every Istio manifest the lessons apply, validated against Istio 1.31's own CRD schemas.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { isIstioKind, istioManifestProblems } from '../helpers/istio-manifests.js';

function manifestFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return manifestFiles(full);
    return /\.ya?ml$/.test(entry.name) && entry.name !== 'lesson.yaml' ? [full] : [];
  });
}

describe('Istio manifests against the 1.31 CRD schemas', () => {
  it('a VirtualService as Istio documents it is valid; a misspelt or mistyped field is refused', () => {
    // After istio.io's traffic-shifting task (reviews 50/50 between subsets v1 and v3).
    const good = { apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', metadata: { name: 'reviews' }, spec: { hosts: ['reviews'], http: [{ route: [{ destination: { host: 'reviews', subset: 'v1' }, weight: 50 }, { destination: { host: 'reviews', subset: 'v3' }, weight: 50 }] }] } };
    expect(istioManifestProblems(good)).toEqual([]);
    const misspelt = { ...good, spec: { ...good.spec, http: [{ routes: good.spec.http[0]?.route }] } };
    expect(istioManifestProblems(misspelt)).toContain("/spec/http/0: must NOT have additional properties 'routes'");
    const mistyped = { ...good, spec: { ...good.spec, hosts: 'reviews' } };
    expect(istioManifestProblems(mistyped).join('\n')).toMatch(/\/spec\/hosts: must be array/);
    expect(istioManifestProblems({ apiVersion: 'networking.istio.io/v9', kind: 'VirtualService' })).toEqual(['no Istio 1.31 schema for networking.istio.io/v9 VirtualService']);
  });

});

const documents = manifestFiles('lessons').flatMap((file) =>
  parseAllDocuments(readFileSync(file, 'utf8')).map((doc, index) => [`${file}#${index + 1}`, doc.toJS() as { apiVersion?: string; kind?: string }] as const),
);
const istio = documents.filter(([, object]) => isIstioKind(object?.apiVersion));

// One test per Istio manifest in the lessons (the cluster lessons bring them).
describe.runIf(istio.length > 0)("the lessons' Istio manifests", () => {
  it.each(istio)('%s', (_name, object) => {
    expect(istioManifestProblems(object)).toEqual([]);
  });
});
