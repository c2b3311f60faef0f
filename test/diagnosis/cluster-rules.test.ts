/**
 * The rules that read the clusters, one by one: each fires on objects as the API returns them (served by a
 * loopback API server and read by the real kubectl, through the real gatherer), and a near miss does not.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { dockerCpuFix, dockerMemoryFix } from '../../src/cluster/doctor.js';
import type { Cause, CauseKind } from '../../src/diagnosis/facts.js';
import { likelyCauses } from '../../src/diagnosis/rules.js';
import type { FakeClusterObjects } from '../helpers/fake-kube-api.js';
import { kubernetesManifestProblems } from '../helpers/kubernetes-manifests.js';
import { fixture, gatherFrom, KUBECTL } from './gathering.js';

const of = (causes: readonly Cause[], kind: CauseKind): Cause[] => causes.filter((cause) => cause.kind === kind);

async function causesFor(objects: FakeClusterObjects, options: { namespaces?: string[]; expectsSidecar?: boolean } = {}): Promise<{ causes: Cause[]; requests: string[] }> {
  const { facts, api } = await gatherFrom(objects, options);
  return { causes: likelyCauses(facts), requests: api.requests };
}

const ISTIOD = { deployments: { 'istio-system/istiod': fixture('kube/istiod-available.json') } };

describe('the Kubernetes fixtures are objects as the API returns them', () => {
  const dir = fileURLToPath(new URL('../fixtures/diagnosis/kube', import.meta.url));
  it.each(readdirSync(dir).filter((name) => !/^events-/.test(name) && name.endsWith('.json')))('%s passes the API schema (strict: no unknown field)', (name) => {
    const parsed = JSON.parse(fixture(`kube/${name}`)) as { kind: string; apiVersion: string; items?: Record<string, unknown>[] };
    // A list's items come without kind and apiVersion, as the API sends them.
    const objects = parsed.items ? parsed.items.map((item) => ({ apiVersion: parsed.apiVersion, kind: parsed.kind.replace(/List$/, ''), ...item })) : [parsed];
    for (const object of objects) expect(kubernetesManifestProblems(object)).toEqual([]);
    if (parsed.items) for (const item of parsed.items) expect(item.kind).toBeUndefined();
  });
  it.each(readdirSync(dir).filter((name) => /^events-/.test(name)))('%s is a v1 EventList of Warning events', (name) => {
    const parsed = JSON.parse(fixture(`kube/${name}`)) as { kind: string; items: { type: string; involvedObject: object; reason: string; message: string }[] };
    expect(parsed.kind).toBe('EventList');
    for (const item of parsed.items) expect(item).toMatchObject({ type: 'Warning', involvedObject: expect.any(Object), reason: expect.any(String), message: expect.any(String) });
  });
});

describe.skipIf(!KUBECTL)('rules on what the clusters hold (real kubectl, loopback API server)', () => {
  it('an image that cannot be pulled: ImagePullBackOff and ErrImagePull, one cause per image, with the prefetch', async () => {
    const { causes } = await causesFor({ pods: { sample: fixture('kube/pods-image-pull.json') } });
    const pulls = of(causes, 'image-pull');
    expect(pulls.map((cause) => cause.title)).toEqual([
      'The image cannot be pulled (ImagePullBackOff): docker.io/istio/examples-bookinfo-details-v1:1.20.3, for sample/details-v1-7b9f6c8d5-x2kqf on kind-cluster1',
      'The image cannot be pulled (ErrImagePull): docker.io/istio/examples-bookinfo-reviews-v1:1.20.3, for sample/reviews-v1-5c6f8d7b9-q8wzn on kind-cluster1',
    ]);
    expect(pulls[1]?.detail).toContain('lookup registry-1.docker.io on 172.18.0.1:53: server misbehaving');
    expect(pulls[0]?.next).toMatch(/^mesh-workshop prefetch .*cluster up.*prefetch --load/);
    expect(causes[0]?.kind).toBe('image-pull');
  });

  it('near miss: a container still being created is not an image problem', async () => {
    const { causes } = await causesFor({ pods: { sample: fixture('kube/pods-creating.json') } });
    expect(of(causes, 'image-pull')).toEqual([]);
    expect(causes.map((cause) => cause.kind)).toEqual(['tool-missing']);
  });

  it("a pod the scheduler cannot place for memory: Docker's memory, the doctor's fix", async () => {
    const { causes } = await causesFor({ pods: { 'istio-system': fixture('kube/pods-pending-memory.json') }, events: { 'istio-system': fixture('kube/events-istio-system-scheduling.json') } });
    // The pod's condition and the scheduler's event say the same: one cause.
    expect(of(causes, 'insufficient-resources')).toEqual([
      {
        kind: 'insufficient-resources',
        title: 'Pod istio-system/istiod-6d9f8b7c4-m4xzp cannot be scheduled: not enough memory in kind-cluster1',
        detail: '0/1 nodes are available: 1 Insufficient memory. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.',
        next: dockerMemoryFix('linux'),
      },
    ]);
    expect(of(causes, 'warning-event')).toEqual([]);
  });

  it("the scheduler's event alone says it too (the pod not read in time)", async () => {
    const { causes } = await causesFor({ events: { 'istio-system': fixture('kube/events-istio-system-scheduling.json') } });
    expect(of(causes, 'insufficient-resources').map((cause) => cause.title)).toEqual(['Pod istio-system/istiod-6d9f8b7c4-m4xzp cannot be scheduled: not enough memory in kind-cluster1']);
  });

  it('near miss: Pending for a taint is not a memory problem', async () => {
    const { causes } = await causesFor({ pods: { 'istio-system': fixture('kube/pods-pending-taint.json') } });
    expect(of(causes, 'insufficient-resources')).toEqual([]);
  });

  it('a container in a crash loop: its last log lines, read only for it (--previous --tail 5)', async () => {
    const { causes, requests } = await causesFor({
      pods: { sample: fixture('kube/pods-crash-loop.json') },
      logs: { 'sample/crasher-5d8f9c7b6d-7hx2k/app': 'reading /etc/app/config.yaml\nconfig: no such file\n' },
    });
    expect(of(causes, 'crash-loop')).toEqual([
      {
        kind: 'crash-loop',
        title: 'Container app of pod sample/crasher-5d8f9c7b6d-7hx2k keeps crashing (CrashLoopBackOff, last exit code 1 (Error)) on kind-cluster1',
        detail: 'its last lines:\nreading /etc/app/config.yaml\nconfig: no such file',
        next: 'kubectl --context kind-cluster1 -n sample logs crasher-5d8f9c7b6d-7hx2k -c app --previous',
      },
    ]);
    expect(requests.filter((request) => request.includes('/log?'))).toEqual(['GET /api/v1/namespaces/sample/pods/crasher-5d8f9c7b6d-7hx2k/log?container=app&previous=true&tailLines=5']);
  });

  it('near miss: a container that restarted and runs now is no crash loop, and no log is read', async () => {
    const { causes, requests } = await causesFor({ pods: { sample: fixture('kube/pods-restarted-running.json') } });
    expect(of(causes, 'crash-loop')).toEqual([]);
    expect(requests.some((request) => request.includes('/log'))).toBe(false);
  });

  it('no sidecar because the namespace lacks the injection label (when the step reads sidecars)', async () => {
    const objects = { ...ISTIOD, pods: { sample: fixture('kube/pods-no-sidecar.json') }, namespaces: { sample: fixture('kube/namespace-sample-plain.json') } };
    const { causes } = await causesFor(objects, { expectsSidecar: true });
    expect(of(causes, 'no-sidecar-label')).toEqual([
      {
        kind: 'no-sidecar-label',
        title: 'Namespace sample on kind-cluster1 has no istio-injection label, so its pods (httpbin-6f4d8b9c7-t5vwd) get no sidecar',
        next: 'kubectl --context kind-cluster1 label namespace sample istio-injection=enabled --overwrite && kubectl --context kind-cluster1 -n sample rollout restart deployment',
      },
    ]);
    // Near miss: the same cluster, for a step that does not read sidecars (a namespace meant to have none).
    expect(of((await causesFor(objects)).causes, 'no-sidecar-label')).toEqual([]);
  });

  it('no sidecar though the namespace is labelled: the pods are older than the label', async () => {
    const { causes } = await causesFor({ ...ISTIOD, pods: { sample: fixture('kube/pods-no-sidecar.json') }, namespaces: { sample: fixture('kube/namespace-sample-injected.json') } }, { expectsSidecar: true });
    expect(of(causes, 'no-sidecar-restart').map((cause) => cause.next)).toEqual(['kubectl --context kind-cluster1 -n sample rollout restart deployment']);
    expect(of(causes, 'no-sidecar-label')).toEqual([]);
  });

  it('near misses: a native sidecar (istio-proxy among the init containers) is a sidecar; an ambient namespace needs none', async () => {
    const native = await causesFor({ ...ISTIOD, pods: { sample: fixture('kube/pods-native-sidecar.json') }, namespaces: { sample: fixture('kube/namespace-sample-plain.json') } }, { expectsSidecar: true });
    expect(native.causes.filter((cause) => cause.kind.startsWith('no-sidecar'))).toEqual([]);
    const ambient = await causesFor({ ...ISTIOD, pods: { sample: fixture('kube/pods-no-sidecar.json') }, namespaces: { sample: fixture('kube/namespace-sample-ambient.json') } }, { expectsSidecar: true });
    expect(ambient.causes.filter((cause) => cause.kind.startsWith('no-sidecar'))).toEqual([]);
  });

  it('a LoadBalancer Service without an address: cloud-provider-kind, which cluster up starts again', async () => {
    const { causes } = await causesFor({ services: fixture('kube/services-lb-pending.json') });
    expect(of(causes, 'load-balancer-address')).toEqual([
      {
        kind: 'load-balancer-address',
        title: 'LoadBalancer Service istio-system/istio-ingressgateway on kind-cluster1 has no external address: cloud-provider-kind gives it one',
        next: 'mesh-workshop cluster up   (starts cloud-provider-kind again)',
      },
    ]);
  });

  it('near miss: a LoadBalancer with its address, and a ClusterIP Service whose status is an empty loadBalancer too', async () => {
    const { causes } = await causesFor({ services: fixture('kube/services-lb-ready.json') });
    expect(of(causes, 'load-balancer-address')).toEqual([]);
  });

  it('istiod without an available replica', async () => {
    const { causes } = await causesFor({ deployments: { 'istio-system/istiod': fixture('kube/istiod-unavailable.json') } });
    expect(of(causes, 'istiod-not-ready').map((cause) => [cause.title, cause.next])).toEqual([
      ['istiod is not ready on kind-cluster1 (0 of 1 replicas available): no sidecar gets configuration, and new pods in injected namespaces are not created', 'kubectl --context kind-cluster1 -n istio-system get pods -l app=istiod'],
    ]);
    expect(of((await causesFor(ISTIOD)).causes, 'istiod-not-ready')).toEqual([]);
  });

  it('no istiod at all (NotFound) matters when the step reads sidecars, not otherwise', async () => {
    expect(of((await causesFor({}, { expectsSidecar: true })).causes, 'istio-missing').map((cause) => cause.title)).toEqual(['Istio is not installed on kind-cluster1 (no istiod in istio-system), and this step reads sidecars']);
    expect(of((await causesFor({})).causes, 'istio-missing')).toEqual([]);
  });

  it("a Warning event no other rule explains: the injector's webhook refused a pod", async () => {
    const { causes } = await causesFor({ events: { sample: fixture('kube/events-sample-webhook.json') } });
    expect(of(causes, 'warning-event')).toEqual([
      {
        kind: 'warning-event',
        title: 'FailedCreate on ReplicaSet/httpbin-6f4d8b9c7 in sample on kind-cluster1 (12 times)',
        detail:
          'Error creating: Internal error occurred: failed calling webhook "namespace.sidecar-injector.istio.io": failed to call webhook: Post "https://istiod.istio-system.svc:443/inject?timeout=10s": dial tcp 10.96.57.113:443: connect: connection refused',
        next: 'kubectl --context kind-cluster1 -n sample describe replicaset httpbin-6f4d8b9c7',
      },
    ]);
  });

  it('near misses: a Warning of no consequence, and a pull failure already said by the image rule', async () => {
    expect(of((await causesFor({ events: { sample: fixture('kube/events-sample-dns.json') } })).causes, 'warning-event')).toEqual([]);
    const pull = await causesFor({ pods: { sample: fixture('kube/pods-image-pull.json') }, events: { sample: fixture('kube/events-sample-pull.json') } });
    expect(of(pull.causes, 'warning-event')).toEqual([]);
  });

  it('a missing tool is a fact: istioctl not installed, kubectl found', async () => {
    const { causes } = await causesFor({});
    expect(of(causes, 'tool-missing')).toEqual([{ kind: 'tool-missing', title: 'istioctl is not installed here', next: 'mesh-workshop tools install istioctl' }]);
  });

  it("CPU rather than memory: on macOS the doctor's CPU fix, on Linux room made on the machine", async () => {
    const pending = fixture('kube/pods-pending-memory.json').replace('1 Insufficient memory.', '1 Insufficient cpu.');
    const { causes } = await causesFor({ pods: { 'istio-system': pending } });
    expect(of(causes, 'insufficient-resources').map((cause) => [cause.title, cause.next])).toEqual([['Pod istio-system/istiod-6d9f8b7c4-m4xzp cannot be scheduled: not enough CPU in kind-cluster1', "mesh-workshop cluster down NAME   (for a cluster this lesson does not use), or lower the pods' CPU requests"]]);
    const { facts } = await gatherFrom({ pods: { 'istio-system': pending } }, { platform: 'darwin' });
    expect(of(likelyCauses(facts), 'insufficient-resources')[0]?.next).toBe(dockerCpuFix('darwin'));
  });
});

describe('where the fixtures come from', () => {
  it('each is named in the README', () => {
    const readme = fixture('README.md');
    const dir = fileURLToPath(new URL('../fixtures/diagnosis', import.meta.url));
    for (const sub of ['kube', 'istioctl']) for (const name of readdirSync(path.join(dir, sub))) expect(readme).toContain(name);
  });
});
