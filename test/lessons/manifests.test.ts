// Every manifest the lessons apply: Istio ones against Istio 1.31's own CRD schemas, Kubernetes ones
// against Kubernetes 1.36's OpenAPI schemas, unknown fields refused in both as `kubectl apply` does. A task's
// reference (the finished file, under tasks/solved/) is one of them; its scaffold, the learner's unfinished
// starting point, is only parsed, and must hold the same objects as its reference.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { isIstioKind, istioManifestProblems } from '../helpers/istio-manifests.js';
import { isKubernetesKind, kubernetesManifestProblems } from '../helpers/kubernetes-manifests.js';
import { loadLessonPack } from '../../src/lesson/load.js';
import { allSteps } from '../../src/lesson/steps.js';
import { lessonYamlFiles } from '../helpers/lesson-yaml-files.js';

const manifestFiles = lessonYamlFiles;

describe('Istio manifests against the 1.31 CRD schemas', () => {
  it('a VirtualService as Istio documents it is valid; a misspelt or mistyped field is refused', () => {
    // After istio.io's traffic-shifting task (reviews 50/50 between subsets v1 and v3).
    const good = { apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', metadata: { name: 'reviews' }, spec: { hosts: ['reviews'], http: [{ route: [{ destination: { host: 'reviews', subset: 'v1' }, weight: 50 }, { destination: { host: 'reviews', subset: 'v3' }, weight: 50 }] }] } };
    expect(istioManifestProblems(good)).toEqual([]);
    const misspelt = { ...good, spec: { ...good.spec, http: [{ routes: good.spec.http[0]?.route }] } };
    expect(istioManifestProblems(misspelt)).toContain('unknown field "spec.http[0].routes" (did you mean "route"?)');
    const mistyped = { ...good, spec: { ...good.spec, hosts: 'reviews' } };
    expect(istioManifestProblems(mistyped).join('\n')).toMatch(/^spec\.hosts: must be a list, not a string/m);
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
    expect(kubernetesManifestProblems(withContainer({ imagePullPolicyy: 'Always' }))).toEqual(['unknown field "spec.template.spec.containers[0].imagePullPolicyy" (did you mean "imagePullPolicy"?)']);
    expect(kubernetesManifestProblems({ ...service, spek: service.spec })).toContain('unknown field "spek" (did you mean "spec"?)');
    expect(kubernetesManifestProblems({ ...deployment, spec: { ...deployment.spec, replicas: '2' } })).toEqual(['spec.replicas: must be an integer, not a string ("2"): write it without quotes']);
    expect(kubernetesManifestProblems(withContainer({}, 'name'))).toEqual(['missing required field "spec.template.spec.containers[0].name"']);
  });

  it('knows the built-in groups, not CRD ones, and has no schema for an API a 1.36 cluster does not serve', () => {
    expect(['v1', 'apps/v1', 'batch/v1', 'networking.k8s.io/v1', 'policy/v1', 'rbac.authorization.k8s.io/v1'].every(isKubernetesKind)).toBe(true);
    expect(['networking.istio.io/v1', 'gateway.networking.k8s.io/v1', undefined].some(isKubernetesKind)).toBe(false);
    expect(kubernetesManifestProblems({ apiVersion: 'extensions/v1beta1', kind: 'Deployment' })).toEqual(['no Kubernetes schema for extensions/v1beta1 Deployment']);
  });
});

/** The scaffold and reference of every task that names files, with the lesson folder they are in. */
const taskFiles = loadLessonPack('lessons').lessons.flatMap((loaded) =>
  allSteps(loaded.lesson).flatMap((step) =>
    typeof step.task === 'object' ? [{ where: `${loaded.lesson.id}/${step.id}`, dir: loaded.dir, onClusters: (loaded.lesson.clusters ?? []).length > 0, scaffold: step.task.scaffold, reference: step.task.reference }] : [],
  ),
);
const scaffolds = new Set(taskFiles.flatMap((task) => (task.scaffold ? [path.resolve(task.dir, task.scaffold)] : [])));

const documents = manifestFiles('lessons').filter((file) => !scaffolds.has(path.resolve(file))).flatMap((file) =>
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

type Manifest = { apiVersion?: string; kind?: string; metadata?: { name?: string; namespace?: string } } | null;

/** The objects of a YAML file as apiVersion/kind/name, or the parser's first error. */
function objectsOf(file: string): string[] | Error {
  const docs = parseAllDocuments(readFileSync(file, 'utf8'));
  const failed = docs.find((doc) => doc.errors.length > 0);
  if (failed) return new Error(failed.errors[0]?.message);
  return docs.map((doc) => doc.toJS() as Manifest).map((object) => `${object?.apiVersion ?? '?'} ${object?.kind ?? '?'} ${object?.metadata?.namespace ?? ''}/${object?.metadata?.name ?? '?'}`);
}

describe.runIf(taskFiles.length > 0)("the lessons' task files", () => {
  it('every reference written in YAML is among the validated manifests', () => {
    const validated = new Set(documents.map(([name]) => path.resolve(name.replace(/#\d+$/, ''))));
    const references = taskFiles.filter((task) => task.reference !== undefined && /\.ya?ml$/.test(task.reference));
    expect(references.length).toBeGreaterThan(0);
    for (const task of references) expect(validated.has(path.resolve(task.dir, task.reference ?? '')), `${task.where}: ${task.reference}`).toBe(true);
  });

  it('in the lessons on clusters, every scaffold has its reference under tasks/solved/, by the same name', () => {
    for (const task of taskFiles.filter((candidate) => candidate.onClusters)) {
      expect(task.scaffold, task.where).toMatch(/^tasks\/[^/]+\.ya?ml$/);
      expect(task.reference, task.where).toMatch(/^tasks\/solved\/[^/]+\.ya?ml$/);
      // The workspace copy is named after the scaffold; the reference finishes that same file.
      expect(path.basename(task.reference ?? ''), task.where).toBe(path.basename(task.scaffold ?? ''));
    }
  });

  // A cluster lesson's scaffold is a manifest with a part left for the learner; the tour's may be broken on
  // purpose (an exercise in fixing YAML), so this holds for the lessons on clusters.
  it.each(taskFiles.filter((task) => task.onClusters).map((task) => [task.where, task] as const))('%s: the scaffold parses, and holds the objects its reference finishes', (_where, task) => {
    const scaffold = objectsOf(path.join(task.dir, task.scaffold ?? ''));
    const reference = objectsOf(path.join(task.dir, task.reference ?? ''));
    expect(scaffold).not.toBeInstanceOf(Error);
    expect(scaffold).toEqual(reference);
    for (const object of scaffold as string[]) {
      const apiVersion = object.split(' ')[0];
      expect(isIstioKind(apiVersion) || isKubernetesKind(apiVersion), object).toBe(true);
    }
  });
});
