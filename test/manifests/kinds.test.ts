// The kinds the checker knows, held to their sources: kubernetes-models for Kubernetes 1.36's stable kinds
// (the catalogue in src/manifests/kinds.ts is written out so it costs nothing to load), the shipped
// validators for the kinds it checks.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { istioAsset } from '../../src/manifests/istio-asset.js';
import { kindVerdict, KUBERNETES_KINDS, KUBERNETES_SCHEMA_KINDS } from '../../src/manifests/kinds.js';
import { KUBERNETES_VALIDATORS } from '../../src/manifests/kubernetes-schemas.js';

const require = createRequire(import.meta.url);

/** Every apiVersion and kind kubernetes-models has in a stable version (betas are off in 1.36; removed APIs are merged in from older specs under them). */
async function stableKinds(): Promise<string[]> {
  const exports = Object.keys((JSON.parse(readFileSync(require.resolve('kubernetes-models/package.json'), 'utf8')) as { exports: Record<string, unknown> }).exports);
  const entries = exports.map((entry) => /^\.\/(?:([a-z0-9.-]+)\/)?(v\d+)$/.exec(entry)?.[0]).filter((entry) => entry !== undefined);
  const found: string[] = [];
  // Through a variable, so the test bundler leaves the specifier for Node to resolve.
  const load = (specifier: string) => import(specifier) as Promise<Record<string, unknown>>;
  for (const entry of entries) {
    for (const value of Object.values(await load(`kubernetes-models${entry.slice(1)}`))) {
      const model = value as { apiVersion?: unknown; kind?: unknown };
      if (typeof value === 'function' && typeof model.apiVersion === 'string' && typeof model.kind === 'string' && !model.kind.endsWith('List')) found.push(`${model.apiVersion} ${model.kind}`);
    }
  }
  return found.sort();
}

describe('the Kubernetes catalogue', () => {
  it('is every stable kind of kubernetes-models 5.1 (Kubernetes 1.36), and v1 List, which kubectl applies item by item', async () => {
    const catalogue = Object.entries(KUBERNETES_KINDS).flatMap(([apiVersion, kinds]) => kinds.map((kind) => `${apiVersion} ${kind}`));
    expect(catalogue.sort()).toEqual([...(await stableKinds()), 'v1 List'].sort());
  });

  it('the kinds with schemas are the ones with shipped validators, each its own kind', () => {
    expect([...KUBERNETES_VALIDATORS.keys()].sort()).toEqual([...KUBERNETES_SCHEMA_KINDS].sort());
    for (const [key, validate] of KUBERNETES_VALIDATORS) {
      const [apiVersion, kind] = key.split(' ');
      expect(KUBERNETES_KINDS[apiVersion ?? '']).toContain(kind);
      // A validator refuses any other apiVersion or kind than its own.
      validate({ apiVersion, kind });
      expect((validate.errors ?? []).filter((e) => e.instancePath === '/apiVersion' || e.instancePath === '/kind'), key).toEqual([]);
      validate({ apiVersion: 'v0', kind: 'Other' });
      expect((validate.errors ?? []).filter((e) => e.keyword === 'enum').map((e) => e.instancePath).sort(), key).toEqual(['/apiVersion', '/kind']);
    }
  });
});

describe('verdicts on apiVersion and kind', () => {
  const istio = istioAsset().kinds;
  const verdict = (apiVersion: string, kind: string) => kindVerdict(apiVersion, kind, istio);

  it('checks the shipped kinds, Istio\'s in every version it serves', () => {
    expect(verdict('apps/v1', 'Deployment')).toEqual({ schema: 'kubernetes' });
    for (const apiVersion of ['networking.istio.io/v1', 'networking.istio.io/v1beta1', 'networking.istio.io/v1alpha3']) expect(verdict(apiVersion, 'VirtualService')).toMatchObject({ schema: 'istio' });
    expect(verdict('security.istio.io/v1', 'AuthorizationPolicy')).toMatchObject({ schema: 'istio' });
    expect(verdict('telemetry.istio.io/v1', 'Telemetry')).toMatchObject({ schema: 'istio' });
  });

  it('warns for kinds it has no schema for: Kubernetes kinds not shipped, other projects\' CRDs', () => {
    for (const [apiVersion, kind] of [['v1', 'List'], ['storage.k8s.io/v1', 'StorageClass'], ['gateway.networking.k8s.io/v1', 'Gateway'], ['install.istio.io/v1alpha1', 'IstioOperator'], ['cert-manager.io/v1', 'Certificate']] as const) {
      expect(verdict(apiVersion, kind)).toEqual({ schema: 'none', warning: `no schema shipped for ${apiVersion} ${kind}; kubectl will check it on apply` });
    }
  });

  it('refuses what no cluster of the workshop serves, naming the fix', () => {
    expect(verdict('networking.istio.io/v9', 'VirtualService')).toEqual({ schema: 'none', error: 'Istio 1.31 serves VirtualService as networking.istio.io/v1, networking.istio.io/v1alpha3, networking.istio.io/v1beta1, not networking.istio.io/v9', field: 'apiVersion' });
    expect(verdict('apps/v1beta2', 'Deployment')).toEqual({ schema: 'none', error: 'Kubernetes 1.36 serves Deployment as apps/v1, not apps/v1beta2', field: 'apiVersion' });
    expect(verdict('securty.istio.io/v1', 'PeerAuthenticaton')).toEqual({ schema: 'none', error: 'unknown API group securty.istio.io (did you mean security.istio.io?)', field: 'apiVersion' });
    expect(verdict('v1', 'Deploymnt')).toMatchObject({ error: expect.stringMatching(/^unknown kind Deploymnt in v1 \(did you mean Deployment, served as apps\/v1\?\); known kinds in v1: Binding, /) as unknown });
    expect(verdict('policy/v1beta1', 'PodSecurityPolicy')).toEqual({ schema: 'none', error: 'unknown kind PodSecurityPolicy in policy/v1beta1; known kinds in policy: Eviction, PodDisruptionBudget', field: 'kind' });
  });
});
