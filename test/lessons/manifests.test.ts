// Every manifest the lessons apply: Istio ones against Istio 1.31's own CRD schemas, Kubernetes ones
// against Kubernetes 1.36's OpenAPI schemas, unknown fields refused in both as `kubectl apply` does.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { isIstioKind, istioManifestProblems } from '../helpers/istio-manifests.js';
import { isKubernetesKind, kubernetesManifestProblems } from '../helpers/kubernetes-manifests.js';

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

describe('Kubernetes manifests against the 1.36 OpenAPI schemas', () => {
  // After kubernetes.io's "Run a Stateless Application Using a Deployment", with the Service in front of it.
  const deployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'nginx', labels: { app: 'nginx' }, annotations: { 'sidecar.istio.io/inject': 'true' } },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'nginx' } },
      template: {
        metadata: { labels: { app: 'nginx', version: 'v1' } },
        spec: { containers: [{ name: 'nginx', image: 'nginx:1.27', imagePullPolicy: 'IfNotPresent', ports: [{ name: 'http', containerPort: 80 }], resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { memory: 128 } } }] },
      },
    },
  };
  const service = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'nginx' }, spec: { selector: { app: 'nginx' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] } };
  const withContainer = (change: Record<string, unknown>, drop?: string) => {
    const container: Record<string, unknown> = { ...deployment.spec.template.spec.containers[0], ...change };
    if (drop) delete container[drop];
    return { ...deployment, spec: { ...deployment.spec, template: { ...deployment.spec.template, spec: { containers: [container] } } } };
  };

  it('a Deployment and its Service as Kubernetes documents them are valid', () => {
    expect(kubernetesManifestProblems(deployment)).toEqual([]);
    expect(kubernetesManifestProblems(service)).toEqual([]);
  });

  it('a misspelt field, a wrong type and a missing required field are each refused, with their path', () => {
    expect(kubernetesManifestProblems(withContainer({ imagePullPolicyy: 'Always' }))).toEqual(["/spec/template/spec/containers/0: must NOT have additional properties 'imagePullPolicyy'"]);
    expect(kubernetesManifestProblems({ ...service, spek: service.spec })).toContain("/: must NOT have additional properties 'spek'");
    expect(kubernetesManifestProblems({ ...deployment, spec: { ...deployment.spec, replicas: '2' } })).toEqual(['/spec/replicas: must be integer']);
    expect(kubernetesManifestProblems(withContainer({}, 'name'))).toEqual(['/spec/template/spec/containers/0: must have required property name']);
  });

  it('knows the built-in groups, not CRD ones, and has no schema for an API a 1.36 cluster does not serve', () => {
    expect(['v1', 'apps/v1', 'batch/v1', 'networking.k8s.io/v1', 'policy/v1', 'rbac.authorization.k8s.io/v1'].every(isKubernetesKind)).toBe(true);
    expect(['networking.istio.io/v1', 'gateway.networking.k8s.io/v1', undefined].some(isKubernetesKind)).toBe(false);
    expect(kubernetesManifestProblems({ apiVersion: 'extensions/v1beta1', kind: 'Deployment' })).toEqual(['no Kubernetes schema for extensions/v1beta1 Deployment']);
  });
});

const documents = manifestFiles('lessons').flatMap((file) =>
  parseAllDocuments(readFileSync(file, 'utf8')).map((doc, index) => [`${file}#${index + 1}`, doc.toJS() as { apiVersion?: string; kind?: string }] as const),
);
const istio = documents.filter(([, object]) => isIstioKind(object?.apiVersion));
const kubernetes = documents.filter(([, object]) => isKubernetesKind(object?.apiVersion));

// One test per Istio manifest in the lessons (the cluster lessons bring them).
describe.runIf(istio.length > 0)("the lessons' Istio manifests", () => {
  it.each(istio)('%s', (_name, object) => {
    expect(istioManifestProblems(object)).toEqual([]);
  });
});

// One test per Kubernetes manifest in the lessons (Deployments, Services, Ingresses … the lessons apply).
describe.runIf(kubernetes.length > 0)("the lessons' Kubernetes manifests", () => {
  it.each(kubernetes)('%s', (_name, object) => {
    expect(kubernetesManifestProblems(object)).toEqual([]);
  });
});

// A manifest neither validator knows (a Gateway API route, a typo in apiVersion) would pass unchecked.
it('every manifest document in the lessons is an Istio or a Kubernetes kind, so one of the validators reads it', () => {
  expect(documents.filter(([, object]) => !isIstioKind(object?.apiVersion) && !isKubernetesKind(object?.apiVersion)).map(([name]) => name)).toEqual([]);
  expect(documents.length).toBeGreaterThan(0);
});
