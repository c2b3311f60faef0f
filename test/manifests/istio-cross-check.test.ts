// The product checks Istio manifests against a compacted copy of Istio's CRD schemas (the asset); the
// reference is ajv over the CRDs themselves (test/fixtures/istio-crds, unmodified). On every Istio manifest
// in the lessons, and on each made wrong in a few ways, both must reach the same verdict.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { istioAsset } from '../../src/manifests/istio-asset.js';
import { istioIssues } from '../../src/manifests/istio-schemas.js';
import { fieldPath } from '../../src/manifests/issues.js';
import { istioCrdProblems, isIstioKind } from '../helpers/istio-manifests.js';
import { lessonYamlFiles } from '../helpers/lesson-yaml-files.js';

type IstioObject = { apiVersion: string; kind: string; metadata?: unknown; spec?: Record<string, unknown> | null; [field: string]: unknown };

const yamlFiles = lessonYamlFiles;

// Every Istio document in the lessons, scaffolds with a part left to write included.
const documents = yamlFiles('lessons').flatMap((file) =>
  parseAllDocuments(readFileSync(file, 'utf8')).flatMap((doc, index): [string, IstioObject][] => {
    const object = doc.errors.length === 0 ? (doc.toJS() as IstioObject | null) : null;
    return object && isIstioKind(object.apiVersion) ? [[`${file}#${index + 1}`, object]] : [];
  }),
);

/** The product's issues in spec and status, where the reference looks (it lets apiVersion, kind and metadata be). */
function productProblems(object: IstioObject): string[] {
  const entry = istioAsset().kinds.find((k) => k.kind === object.kind && k.versions.some((version) => `${k.group}/${version}` === object.apiVersion));
  if (!entry) return [`no schema for ${object.apiVersion} ${object.kind}`];
  return istioIssues(object, entry)
    .filter((issue) => issue.path[0] === 'spec' || issue.path[0] === 'status' || (issue.code === 'required' && issue.path.length === 0))
    .map((issue) => `${fieldPath(issue.path)} ${issue.code}`);
}

const agree = (object: IstioObject) => [productProblems(object).length === 0, istioCrdProblems(object).length === 0];

/** Ways to make a manifest wrong that the CRD schema itself refuses. */
const MUTATIONS: Record<string, (object: IstioObject) => IstioObject | undefined> = {
  'a misspelt field in spec': (object) => ({ ...object, spec: { ...object.spec, hostz: ['x'] } }),
  'a list in spec made a string': (object) => {
    const list = Object.entries(object.spec ?? {}).find(([, value]) => Array.isArray(value));
    return list ? { ...object, spec: { ...object.spec, [list[0]]: 'one' } } : undefined;
  },
  'a mapping in spec made a number': (object) => {
    const map = Object.entries(object.spec ?? {}).find(([, value]) => value !== null && typeof value === 'object' && !Array.isArray(value));
    return map ? { ...object, spec: { ...object.spec, [map[0]]: 7 } } : undefined;
  },
  'spec made a list': (object) => ({ ...object, spec: [object.spec] as unknown as Record<string, unknown> }),
};

describe.runIf(documents.length > 0)("the lessons' Istio manifests: the shipped schemas and Istio's CRDs agree", () => {
  it.each(documents)('%s', (_name, object) => {
    const [product, reference] = agree(object);
    expect(product, `product ${productProblems(object).join('; ')} / CRDs ${istioCrdProblems(object).join('; ')}`).toBe(reference);
    for (const [how, mutate] of Object.entries(MUTATIONS)) {
      const wrong = mutate(object);
      if (!wrong) continue;
      expect(istioCrdProblems(wrong), how).not.toEqual([]);
      expect(productProblems(wrong), how).not.toEqual([]);
    }
  });
});

describe('hand-made mistakes: the same verdict', () => {
  const vs = (spec: unknown): IstioObject => ({ apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', metadata: { name: 'r' }, spec: spec as Record<string, unknown> });
  const cases: [string, IstioObject, boolean][] = [
    ['a weight in quotes', vs({ hosts: ['r'], http: [{ route: [{ destination: { host: 'r' }, weight: '50' }] }] }), false],
    ['a destination without host', vs({ hosts: ['r'], http: [{ route: [{ destination: { subset: 'v1' } }] }] }), false],
    ['a uri match with exact and prefix', vs({ hosts: ['r'], http: [{ match: [{ uri: { exact: '/a', prefix: '/b' } }], route: [{ destination: { host: 'r' } }] }] }), false],
    ['a uri match as a string', vs({ hosts: ['r'], http: [{ match: [{ uri: '/a' }], route: [{ destination: { host: 'r' } }] }] }), false],
    ['headers with one exact match each', vs({ hosts: ['r'], http: [{ match: [{ headers: { 'end-user': { exact: 'jason' } } }], route: [{ destination: { host: 'r' } }] }] }), true],
    ['a port given as a string (int-or-string elsewhere)', vs({ hosts: ['r'], http: [{ route: [{ destination: { host: 'r', port: { number: '80' } } }] }] }), false],
    ['a ServiceEntry without hosts', { apiVersion: 'networking.istio.io/v1', kind: 'ServiceEntry', metadata: { name: 's' }, spec: { ports: [{ number: 80, name: 'http', protocol: 'HTTP' }] } }, false],
    ['a DestinationRule with two load balancers', { apiVersion: 'networking.istio.io/v1', kind: 'DestinationRule', metadata: { name: 'd' }, spec: { host: 'r', trafficPolicy: { loadBalancer: { simple: 'ROUND_ROBIN', consistentHash: { useSourceIp: true } } } } }, false],
    ['a PeerAuthentication in STRICT mode', { apiVersion: 'security.istio.io/v1', kind: 'PeerAuthentication', metadata: { name: 'default' }, spec: { mtls: { mode: 'STRICT' } } }, true],
    ['a PeerAuthentication in a mode that does not exist', { apiVersion: 'security.istio.io/v1', kind: 'PeerAuthentication', metadata: { name: 'default' }, spec: { mtls: { mode: 'STRICTER' } } }, false],
    ['an AuthorizationPolicy with a free-form-looking when', { apiVersion: 'security.istio.io/v1', kind: 'AuthorizationPolicy', metadata: { name: 'a' }, spec: { action: 'ALLOW', rules: [{ when: [{ key: 'request.headers[x]', values: ['y'] }] }] } }, true],
  ];
  it.each(cases)('%s', (_name, object, valid) => {
    expect(agree(object)).toEqual([valid, valid]);
  });

  // Two CEL rules of the CRDs the product checks and plain JSON Schema cannot: it is stricter there, as the API server is.
  it('only the product refuses a duration without a unit and port 0 (CEL rules the CRDs carry)', () => {
    expect(agree(vs({ hosts: ['r'], http: [{ timeout: '5', route: [{ destination: { host: 'r' } }] }] }))).toEqual([false, true]);
    const se: IstioObject = { apiVersion: 'networking.istio.io/v1', kind: 'ServiceEntry', metadata: { name: 's' }, spec: { hosts: ['x.example'], ports: [{ number: 0, name: 'http', protocol: 'HTTP' }] } };
    expect(agree(se)).toEqual([false, true]);
  });
});
