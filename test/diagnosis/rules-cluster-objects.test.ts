/**
 * The rules on what the clusters hold, in process: the fixtures cluster-rules.test.ts serves to the real
 * kubectl, parsed here as kubectl prints them (parse.ts), and facts changed one field at a time from them.
 * Each rule fires on its case, with the words and the next step a learner reads, and not on its near miss.
 * (cluster-rules.test.ts shows the same rules through the real gatherer; these run in milliseconds, so the
 * mutation run uses them.)
 */
import { describe, expect, it } from 'vitest';
import { dockerCpuFix, dockerMemoryFix } from '../../src/cluster/doctor.js';
import type { ContainerFact, EventFact, PodFact, ProxyFact } from '../../src/diagnosis/facts.js';
import { parseEvents, parseIstiod, parseLoadBalancers, parseNamespace, parsePods } from '../../src/diagnosis/parse.js';
import { followUps, likelyCauses } from '../../src/diagnosis/rules.js';
import { fixture } from './gathering.js';
import { cluster, facts, of } from './rule-facts.js';

const pods = (name: string): PodFact[] => parsePods(fixture(`kube/${name}.json`)) ?? [];
const events = (name: string): EventFact[] => parseEvents(fixture(`kube/${name}.json`)) ?? [];
const namespace = (name: string) => parseNamespace('sample', fixture(`kube/${name}.json`))!;
const ISTIOD = parseIstiod(fixture('kube/istiod-available.json'));

/** A pod of `sample` named NAME, Running, whose one container (app, image example/NAME:1) waits for REASON. */
function waitingPod(name: string, reason: string, container: Partial<ContainerFact> = {}, fields: Partial<PodFact> = {}): PodFact {
  return { namespace: 'sample', name, phase: 'Running', containers: [{ name: 'app', init: false, image: `example/${name}:1`, ready: false, restarts: 0, waiting: { reason }, ...container }], hasSidecar: false, injectionOff: false, ...fields };
}

/** A Warning event in `sample`. */
const event = (reason: string, object: string, fields: Partial<EventFact> = {}): EventFact => ({ namespace: 'sample', reason, message: 'it went wrong', object, count: 1, ...fields });

describe('an image that cannot be pulled', () => {
  it('names the image, its pods and the reason, and the prefetch on kind', () => {
    const causes = of(likelyCauses(facts([cluster({ pods: pods('pods-image-pull') })])), 'image-pull');
    expect(causes.map((cause) => [cause.title, cause.detail])).toEqual([
      ['The image cannot be pulled (ImagePullBackOff): docker.io/istio/examples-bookinfo-details-v1:1.20.3, for sample/details-v1-7b9f6c8d5-x2kqf on kind-cluster1', 'Back-off pulling image "docker.io/istio/examples-bookinfo-details-v1:1.20.3"'],
      [
        'The image cannot be pulled (ErrImagePull): docker.io/istio/examples-bookinfo-reviews-v1:1.20.3, for sample/reviews-v1-5c6f8d7b9-q8wzn on kind-cluster1',
        expect.stringMatching(/^failed to pull and unpack image .* server misbehaving$/),
      ],
    ]);
    expect(causes[0]?.next).toBe("mesh-workshop prefetch   (pulls the lessons' images once; 'mesh-workshop cluster up' then loads them into the clusters; in a room, 'mesh-workshop prefetch --load FILE.tar' with the instructor's file)");
  });

  it('near miss: a container still being created, or running after a pull, is no image problem', () => {
    expect(of(likelyCauses(facts([cluster({ pods: pods('pods-creating') })])), 'image-pull')).toEqual([]);
    expect(likelyCauses(facts([cluster({ pods: pods('pods-no-sidecar') })]))).toEqual([]);
  });

  it('one cause per image and cluster: the pods of one Deployment are named together, each once', () => {
    const replicas = ['a', 'b', 'c', 'd'].map((suffix) => waitingPod(`web-${suffix}`, 'ErrImageNeverPull', { image: 'example/web:1' }));
    const twoContainers = waitingPod('web-a', 'ErrImageNeverPull', { image: 'example/web:1' });
    twoContainers.containers.push({ ...twoContainers.containers[0]!, name: 'second' });
    const causes = of(likelyCauses(facts([cluster({ pods: [twoContainers, ...replicas.slice(1)] }), cluster({ role: 'cluster2', context: 'kind-cluster2', pods: [replicas[0]!] })])), 'image-pull');
    expect(causes.map((cause) => cause.title)).toEqual([
      'The image cannot be pulled (ErrImageNeverPull): example/web:1, for sample/web-a, sample/web-b, sample/web-c and 1 more on kind-cluster1',
      'The image cannot be pulled (ErrImageNeverPull): example/web:1, for sample/web-a on kind-cluster2',
    ]);
    // No message from the kubelet: nothing more to show.
    expect(causes[0]).not.toHaveProperty('detail');
  });

  it('a name that is not valid is corrected in the manifest, not pulled again', () => {
    const [cause] = likelyCauses(facts([cluster({ pods: [waitingPod('web', 'InvalidImageName', { image: 'example/Web:1', waiting: { reason: 'InvalidImageName', message: 'Failed to apply default image tag "example/Web:1": couldn\'t parse image name "example/Web:1": invalid reference format: repository name must be lowercase' } })] })]));
    expect(cause).toMatchObject({ kind: 'image-pull', title: 'The image name is not valid (InvalidImageName): example/Web:1, for sample/web on kind-cluster1', next: 'correct the image name in the manifest, then apply it again' });
  });

  it('elsewhere than kind, the nodes pull from the registry: describe the first pod', () => {
    const [cause] = likelyCauses(facts([cluster({ context: 'gke-room', pods: [waitingPod('web-1', 'ImagePullBackOff', {}, { namespace: 'shop' }), waitingPod('web-2', 'ImagePullBackOff', { image: 'example/web-1:1' })] })]));
    expect(cause?.title).toBe('The image cannot be pulled (ImagePullBackOff): example/web-1:1, for shop/web-1 and sample/web-2 on gke-room');
    expect(cause?.next).toBe("kubectl --context gke-room -n shop describe pod web-1   (the cluster's nodes pull from the registry themselves)");
  });
});

describe('pods the scheduler cannot place', () => {
  it("memory: the pod's condition and the scheduler's event are one cause, with the doctor's fix", () => {
    const causes = likelyCauses(facts([cluster({ pods: pods('pods-pending-memory'), events: events('events-istio-system-scheduling') })]));
    expect(causes).toEqual([
      {
        kind: 'insufficient-resources',
        title: 'Pod istio-system/istiod-6d9f8b7c4-m4xzp cannot be scheduled: not enough memory in kind-cluster1',
        detail: '0/1 nodes are available: 1 Insufficient memory. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.',
        next: dockerMemoryFix('linux'),
      },
    ]);
    expect(likelyCauses(facts([cluster({ pods: pods('pods-pending-memory') })], { platform: 'darwin' }))[0]?.next).toBe(dockerMemoryFix('darwin'));
  });

  it("the scheduler's event alone says it too", () => {
    expect(likelyCauses(facts([cluster({ events: events('events-istio-system-scheduling') })])).map((cause) => cause.title)).toEqual([
      'Pod istio-system/istiod-6d9f8b7c4-m4xzp cannot be scheduled: not enough memory in kind-cluster1',
    ]);
  });

  it("CPU: Docker's CPUs are named; on macOS the doctor's fix, on Linux room made on the machine", () => {
    const cpu = pods('pods-pending-memory').map((pod) => ({ ...pod, unschedulable: '0/1 nodes are available: 1 Insufficient cpu.' }));
    const [linux] = likelyCauses(facts([cluster({ pods: cpu })], { engine: { reachable: true, cpus: 2, memoryBytes: 8 * 1024 ** 3 } }));
    expect(linux).toEqual({
      kind: 'insufficient-resources',
      title: 'Pod istio-system/istiod-6d9f8b7c4-m4xzp cannot be scheduled: not enough CPU in kind-cluster1 (Docker has 2 CPUs)',
      detail: '0/1 nodes are available: 1 Insufficient cpu.',
      next: "mesh-workshop cluster down NAME   (for a cluster this lesson does not use), or lower the pods' CPU requests",
    });
    expect(likelyCauses(facts([cluster({ pods: cpu })], { platform: 'darwin' }))[0]?.next).toBe(dockerCpuFix('darwin'));
  });

  it("memory names Docker's memory, not its CPUs; unknown, neither", () => {
    const titles = (engine: { reachable: boolean; cpus?: number; memoryBytes?: number }) => likelyCauses(facts([cluster({ pods: pods('pods-pending-memory') })], { engine }))[0]?.title;
    expect(titles({ reachable: true, cpus: 2, memoryBytes: 3.5 * 1024 ** 3 })).toMatch(/not enough memory in kind-cluster1 \(Docker has 3\.5 GiB\)$/);
    expect(titles({ reachable: true, cpus: 2 })).toMatch(/not enough memory in kind-cluster1$/);
  });

  it('near misses: a taint, a pod no longer Pending, an event about something other than a pod', () => {
    expect(likelyCauses(facts([cluster({ pods: pods('pods-pending-taint') })]))).toEqual([]);
    const placedSince = pods('pods-pending-memory').map((pod) => ({ ...pod, phase: 'Running' }));
    expect(of(likelyCauses(facts([cluster({ pods: placedSince })])), 'insufficient-resources')).toEqual([]);
    const aboutNode = events('events-istio-system-scheduling').map((fact) => ({ ...fact, object: 'Node/kind-control-plane' }));
    expect(of(likelyCauses(facts([cluster({ events: aboutNode })])), 'insufficient-resources')).toEqual([]);
  });
});

describe('a container in a crash loop', () => {
  it('its exit code and last log lines, and the command that shows the rest', () => {
    const logs = [{ namespace: 'sample', pod: 'crasher-5d8f9c7b6d-7hx2k', container: 'app', lines: ['reading /etc/app/config.yaml', `config:   no such\tfile ${'x'.repeat(300)}`] }];
    expect(likelyCauses(facts([cluster({ pods: pods('pods-crash-loop'), logs })]))).toEqual([
      {
        kind: 'crash-loop',
        title: 'Container app of pod sample/crasher-5d8f9c7b6d-7hx2k keeps crashing (CrashLoopBackOff, last exit code 1 (Error)) on kind-cluster1',
        detail: `its last lines:\nreading /etc/app/config.yaml\nconfig: no such file ${'x'.repeat(178)}…`,
        next: 'kubectl --context kind-cluster1 -n sample logs crasher-5d8f9c7b6d-7hx2k -c app --previous',
      },
    ]);
  });

  it("another container's or pod's logs, or none, are not shown; an exit without a reason is its code", () => {
    const crashing = waitingPod('crasher', 'CrashLoopBackOff', { lastExit: { exitCode: 137 } });
    const logs = [
      { namespace: 'sample', pod: 'crasher', container: 'other', lines: ['not this'] },
      { namespace: 'sample', pod: 'another', container: 'app', lines: ['nor this'] },
      { namespace: 'other', pod: 'crasher', container: 'app', lines: ['nor this'] },
    ];
    const [cause] = likelyCauses(facts([cluster({ pods: [crashing], logs })]));
    expect(cause).toEqual({ kind: 'crash-loop', title: 'Container app of pod sample/crasher keeps crashing (CrashLoopBackOff, last exit code 137) on kind-cluster1', next: 'kubectl --context kind-cluster1 -n sample logs crasher -c app --previous' });
    const noLines = likelyCauses(facts([cluster({ pods: [waitingPod('crasher', 'CrashLoopBackOff')], logs: [{ namespace: 'sample', pod: 'crasher', container: 'app', lines: [] }] })]));
    expect(noLines.map((found) => [found.title, found.detail])).toEqual([['Container app of pod sample/crasher keeps crashing (CrashLoopBackOff) on kind-cluster1', undefined]]);
  });

  it('near miss: restarted and running now', () => {
    expect(likelyCauses(facts([cluster({ pods: pods('pods-restarted-running') })]))).toEqual([]);
  });

  it('its last lines are read for at most three containers, those of the crash loop', () => {
    const crashing = ['a', 'b', 'c', 'd'].map((name) => waitingPod(name, 'CrashLoopBackOff'));
    expect(followUps(facts([cluster({ pods: [waitingPod('pulling', 'ImagePullBackOff'), ...crashing] }), cluster({ role: 'cluster2', context: 'kind-cluster2', pods: crashing })]))).toEqual(
      ['a', 'b', 'c'].map((pod) => ({ kind: 'logs', role: 'cluster1', context: 'kind-cluster1', namespace: 'sample', pod, container: 'app' })),
    );
    expect(followUps(facts([cluster({ pods: pods('pods-restarted-running') })]))).toEqual([]);
  });
});

describe('istiod', () => {
  it('not ready: how many replicas are available, and where to look', () => {
    expect(likelyCauses(facts([cluster({ istiod: parseIstiod(fixture('kube/istiod-unavailable.json')) })]))).toEqual([
      {
        kind: 'istiod-not-ready',
        title: 'istiod is not ready on kind-cluster1 (0 of 1 replicas available): no sidecar gets configuration, and new pods in injected namespaces are not created',
        next: 'kubectl --context kind-cluster1 -n istio-system get pods -l app=istiod',
      },
    ]);
    expect(likelyCauses(facts([cluster({ istiod: { found: true, replicas: 2, available: 0 } })]))[0]?.title).toContain('(0 of 2 replicas available)');
    expect(likelyCauses(facts([cluster({ istiod: { found: true } })]))[0]?.title).toContain('(0 of 1 replicas available)');
  });

  it('near miss: one replica available is ready', () => {
    expect(likelyCauses(facts([cluster({ istiod: ISTIOD })], { expectsSidecar: true }))).toEqual([]);
  });

  it('missing matters for a step that reads sidecars, and only then', () => {
    expect(likelyCauses(facts([cluster({ istiod: { found: false } })], { expectsSidecar: true }))).toEqual([
      { kind: 'istio-missing', title: 'Istio is not installed on kind-cluster1 (no istiod in istio-system), and this step reads sidecars', next: 'run the step of this lesson (or of the one before) that installs Istio (istioctl install), then this one again' },
    ]);
    expect(likelyCauses(facts([cluster({ istiod: { found: false } })]))).toEqual([]);
    // Not looked at (the cluster did not answer in time): nothing is known either way.
    expect(likelyCauses(facts([cluster()], { expectsSidecar: true }))).toEqual([]);
  });
});

describe('a LoadBalancer Service without an address', () => {
  const pending = parseLoadBalancers(fixture('kube/services-lb-pending.json'));
  const two = [...(pending ?? []), { namespace: 'sample', name: 'web', addresses: [] }];

  it('on kind: cloud-provider-kind gives it one, and why it did not', () => {
    const titles = (loadBalancer?: { state: 'running' | 'stopped' | 'missing'; detail?: string }) => likelyCauses(facts([cluster({ services: pending })], loadBalancer ? { loadBalancer } : {})).map((cause) => [cause.title, cause.next]);
    const start = 'mesh-workshop cluster up   (starts cloud-provider-kind again)';
    expect(titles()).toEqual([['LoadBalancer Service istio-system/istio-ingressgateway on kind-cluster1 has no external address: cloud-provider-kind gives it one', start]]);
    expect(titles({ state: 'missing' })).toEqual([['LoadBalancer Service istio-system/istio-ingressgateway on kind-cluster1 has no external address: cloud-provider-kind does not exist', start]]);
    expect(titles({ state: 'stopped' })).toEqual([['LoadBalancer Service istio-system/istio-ingressgateway on kind-cluster1 has no external address: cloud-provider-kind is not running', start]]);
    expect(titles({ state: 'running' })).toEqual([
      ['LoadBalancer Service istio-system/istio-ingressgateway on kind-cluster1 has no external address yet, though cloud-provider-kind runs', 'docker logs --tail 20 mesh-workshop-cloud-provider-kind   (it gives kind Services their addresses)'],
    ]);
  });

  it('several Services are one cause per cluster', () => {
    expect(likelyCauses(facts([cluster({ services: two })])).map((cause) => cause.title)).toEqual([
      'LoadBalancer Services istio-system/istio-ingressgateway and sample/web on kind-cluster1 have no external address: cloud-provider-kind gives them one',
    ]);
    expect(likelyCauses(facts([cluster({ services: two })], { loadBalancer: { state: 'running' } }))[0]?.title).toBe(
      'LoadBalancer Services istio-system/istio-ingressgateway and sample/web on kind-cluster1 have no external address yet, though cloud-provider-kind runs',
    );
  });

  it("elsewhere than kind, the cluster's own provider: describe the first Service", () => {
    const causes = likelyCauses(facts([cluster({ context: 'gke-room', services: two })], { loadBalancer: { state: 'missing' } }));
    expect(causes.map((cause) => [cause.title, cause.next])).toEqual([
      ['LoadBalancer Services istio-system/istio-ingressgateway and sample/web on gke-room have no external address yet', 'kubectl --context gke-room -n istio-system describe service istio-ingressgateway'],
    ]);
    expect(likelyCauses(facts([cluster({ context: 'gke-room', services: pending })]))[0]?.title).toBe('LoadBalancer Service istio-system/istio-ingressgateway on gke-room has no external address yet');
  });

  it('near miss: the Service has its address; and the provider is looked at only for kind', () => {
    const ready = parseLoadBalancers(fixture('kube/services-lb-ready.json'));
    expect(likelyCauses(facts([cluster({ services: ready })]))).toEqual([]);
    expect(followUps(facts([cluster({ services: ready })]))).toEqual([]);
    expect(followUps(facts([cluster({ context: 'gke-room', services: pending })]))).toEqual([]);
    // No engine fact at all (not asked yet) does not rule the provider out.
    expect(followUps(facts([cluster({ services: pending })], { engine: undefined }))).toEqual([{ kind: 'load-balancer' }]);
  });
});

describe('pods without a sidecar, for a step that reads sidecars', () => {
  const bare = pods('pods-no-sidecar');
  const sidecars = (namespaces: ReturnType<typeof namespace>[], podFacts = bare, fields: Parameters<typeof cluster>[0] = {}) =>
    likelyCauses(facts([cluster({ istiod: ISTIOD, namespaces, pods: podFacts, ...fields })], { expectsSidecar: true }));

  it('no injection label: label the namespace, then restart', () => {
    expect(sidecars([namespace('namespace-sample-plain')])).toEqual([
      {
        kind: 'no-sidecar-label',
        title: 'Namespace sample on kind-cluster1 has no istio-injection label, so its pods (httpbin-6f4d8b9c7-t5vwd) get no sidecar',
        next: 'kubectl --context kind-cluster1 label namespace sample istio-injection=enabled --overwrite && kubectl --context kind-cluster1 -n sample rollout restart deployment',
      },
    ]);
  });

  it('labelled istio-injection=disabled: says so, the same fix', () => {
    const disabled = { name: 'sample', exists: true, labels: { 'istio-injection': 'disabled', 'istio.io/rev': 'canary' } };
    expect(sidecars([disabled]).map((cause) => [cause.kind, cause.detail])).toEqual([['no-sidecar-label', 'it is labelled istio-injection=disabled']]);
  });

  it('labelled for injection (or with a revision label): the pods are older than the label, restart them', () => {
    const restart = [
      {
        kind: 'no-sidecar-restart',
        title: 'Pods httpbin-6f4d8b9c7-t5vwd in sample on kind-cluster1 have no sidecar, though the namespace is labelled for injection: they were created before the label',
        next: 'kubectl --context kind-cluster1 -n sample rollout restart deployment',
      },
    ];
    expect(sidecars([namespace('namespace-sample-injected')])).toEqual(restart);
    expect(sidecars([{ name: 'sample', exists: true, labels: { 'istio.io/rev': 'canary' } }])).toEqual(restart);
  });

  it('near misses: a native sidecar, an ambient namespace, a pod meant to have none, one that ended, istio-system', () => {
    expect(sidecars([namespace('namespace-sample-plain')], pods('pods-native-sidecar'))).toEqual([]);
    expect(sidecars([namespace('namespace-sample-ambient')])).toEqual([]);
    expect(sidecars([namespace('namespace-sample-plain')], bare.map((pod) => ({ ...pod, injectionOff: true })))).toEqual([]);
    expect(sidecars([namespace('namespace-sample-plain')], bare.map((pod) => ({ ...pod, phase: 'Succeeded' })))).toEqual([]);
    expect(sidecars([{ name: 'istio-system', exists: true, labels: {} }], bare.map((pod) => ({ ...pod, namespace: 'istio-system' })))).toEqual([]);
  });

  it("near misses: a namespace that does not exist, pods of another namespace, a step that reads no sidecar, no istiod (istio-missing says so)", () => {
    expect(sidecars([{ name: 'sample', exists: false, labels: {} }])).toEqual([]);
    expect(sidecars([{ name: 'other', exists: true, labels: {} }])).toEqual([]);
    expect(likelyCauses(facts([cluster({ istiod: ISTIOD, namespaces: [namespace('namespace-sample-plain')], pods: bare })]))).toEqual([]);
    expect(sidecars([namespace('namespace-sample-plain')], bare, { istiod: { found: false } }).map((cause) => cause.kind)).toEqual(['istio-missing']);
  });

  it('a Pending pod counts (it will start without one); the pods are named', () => {
    const four = ['a', 'b', 'c', 'd'].map((name) => ({ ...bare[0]!, name, phase: name === 'a' ? 'Pending' : 'Running' }));
    expect(sidecars([namespace('namespace-sample-injected')], four)[0]?.title).toBe('Pods a, b, c and 1 more in sample on kind-cluster1 have no sidecar, though the namespace is labelled for injection: they were created before the label');
  });
});

describe('a Warning event no other rule explains', () => {
  it("the injector's webhook refused a pod: the event, how often, and describe its object", () => {
    expect(likelyCauses(facts([cluster({ events: events('events-sample-webhook') })]))).toEqual([
      {
        kind: 'warning-event',
        title: 'FailedCreate on ReplicaSet/httpbin-6f4d8b9c7 in sample on kind-cluster1 (12 times)',
        detail:
          'Error creating: Internal error occurred: failed calling webhook "namespace.sidecar-injector.istio.io": failed to call webhook: Post "https://istiod.istio-system.svc:443/inject?timeout=10s": dial tcp 10.96.57.113:443: connect: connection refused',
        next: 'kubectl --context kind-cluster1 -n sample describe replicaset httpbin-6f4d8b9c7',
      },
    ]);
  });

  it.each(['FailedMount', 'FailedScheduling', 'Unhealthy', 'FailedAttachVolume'])('%s is worth naming; once, without a message, it says no more', (reason) => {
    expect(likelyCauses(facts([cluster({ events: [event(reason, 'Pod/web', { message: '' })] })]))).toEqual([
      { kind: 'warning-event', title: `${reason} on Pod/web in sample on kind-cluster1`, next: 'kubectl --context kind-cluster1 -n sample describe pod web' },
    ]);
  });

  it('near misses: a Warning of no consequence; a pod whose image, crash loop or scheduling another cause explains', () => {
    expect(likelyCauses(facts([cluster({ events: events('events-sample-dns') })]))).toEqual([]);
    expect(likelyCauses(facts([cluster({ events: events('events-sample-pull') })]))).toEqual([]);
    const unhealthy = (pod: string) => event('Unhealthy', `Pod/${pod}`);
    const explained = [waitingPod('pulling', 'ImagePullBackOff'), waitingPod('crashing', 'CrashLoopBackOff'), ...pods('pods-pending-memory').map((pod) => ({ ...pod, namespace: 'sample', name: 'starved' }))];
    const causes = likelyCauses(facts([cluster({ pods: explained, events: ['pulling', 'crashing', 'starved'].map(unhealthy) })]));
    expect(of(causes, 'warning-event')).toEqual([]);
    // The same events on another cluster are not explained by these pods.
    const elsewhere = likelyCauses(facts([cluster({ pods: explained }), cluster({ role: 'cluster2', context: 'kind-cluster2', events: ['pulling'].map(unhealthy) })]));
    expect(of(elsewhere, 'warning-event').map((cause) => cause.title)).toEqual(['Unhealthy on Pod/pulling in sample on kind-cluster2']);
  });

  it("a pod Pending for a taint explains nothing: the scheduler's event is named; memory or CPU have their own cause", () => {
    const taint = pods('pods-pending-taint');
    const message = taint[0]?.unschedulable ?? '';
    const scheduling = (text: string) => [event('FailedScheduling', 'Pod/istiod-6d9f8b7c4-m4xzp', { namespace: 'istio-system', message: text })];
    expect(of(likelyCauses(facts([cluster({ pods: taint, events: scheduling(message) })])), 'warning-event').map((cause) => cause.detail)).toEqual([message]);
    expect(of(likelyCauses(facts([cluster({ events: scheduling('0/1 nodes are available: 1 insufficient CPU.') })])), 'warning-event')).toEqual([]);
  });
});

describe('a tool the diagnosis lacked', () => {
  it("the workshop's own tools are installed by it; others as the doctor says; without kubectl nothing was looked into", () => {
    expect(likelyCauses(facts([cluster()], { missingTools: ['kubectl', 'docker'] }))).toEqual([
      { kind: 'tool-missing', title: 'kubectl is not installed here: the workshop could not look into the clusters', next: 'mesh-workshop tools install kubectl' },
      { kind: 'tool-missing', title: 'docker is not installed here', next: 'install docker (mesh-workshop doctor says how)' },
    ]);
    expect(likelyCauses(facts([cluster()], { missingTools: ['istioctl', 'kind', 'helm'] })).map((cause) => cause.next)).toEqual(['istioctl', 'kind', 'helm'].map((tool) => `mesh-workshop tools install ${tool}`));
  });
});

describe('the words a cause is told in', () => {
  it('names one, two or three things whole, and more as "and N more"', () => {
    const services = (count: number) => Array.from({ length: count }, (_, index) => ({ namespace: 'sample', name: `s${index + 1}`, addresses: [] }));
    const title = (count: number) => likelyCauses(facts([cluster({ context: 'gke-room', services: services(count) })]))[0]?.title;
    expect(title(1)).toBe('LoadBalancer Service sample/s1 on gke-room has no external address yet');
    expect(title(2)).toBe('LoadBalancer Services sample/s1 and sample/s2 on gke-room have no external address yet');
    expect(title(3)).toBe('LoadBalancer Services sample/s1, sample/s2 and sample/s3 on gke-room have no external address yet');
    expect(title(5)).toBe('LoadBalancer Services sample/s1, sample/s2, sample/s3 and 2 more on gke-room have no external address yet');
  });

  it("a message is one line: its spaces and line breaks made single, its ends trimmed, cut at 600 characters", () => {
    const detail = (message: string) => likelyCauses(facts([cluster({ pods: [waitingPod('web', 'ErrImagePull', { waiting: { reason: 'ErrImagePull', message } })] })]))[0]?.detail;
    expect(detail('\n  failed to pull:\n\n\tnot found  \n')).toBe('failed to pull: not found');
    expect(detail('x'.repeat(600))).toBe('x'.repeat(600));
    expect(detail('x'.repeat(601))).toBe(`${'x'.repeat(599)}…`);
  });
});

describe('the Docker engine and the clusters it runs', () => {
  const down = { reachable: false, problem: 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?' };

  it('a kind cluster missing from the kubeconfig, with no engine, is the engine first; one kind cluster down among others is enough', () => {
    const causes = likelyCauses(facts([cluster({ role: 'cluster2', context: 'kind-cluster2', state: 'context-missing' })], { engine: down }));
    expect(causes.map((cause) => cause.kind)).toEqual(['no-engine', 'context-missing']);
    const oneDown = likelyCauses(facts([cluster(), cluster({ role: 'cluster2', context: 'kind-cluster2', state: 'unreachable' })], { engine: down }));
    expect(oneDown.map((cause) => cause.kind)).toEqual(['no-engine']);
  });

  it('near miss: with no engine, a cluster elsewhere that does not answer is its own cause, and the engine none', () => {
    expect(likelyCauses(facts([cluster({ context: 'gke-room', state: 'unreachable' })], { engine: down }))).toEqual([
      { kind: 'cluster-unreachable', title: 'gke-room does not answer', next: 'kubectl --context gke-room get namespaces   (check the cluster and your connection to it)' },
    ]);
  });

  it('not asked about (no engine fact), a kind cluster that does not answer is said as such, and Docker is not named', () => {
    expect(likelyCauses(facts([cluster({ state: 'unreachable' })], { engine: undefined })).map((cause) => cause.kind)).toEqual(['cluster-unreachable']);
    expect(likelyCauses(facts([cluster({ pods: pods('pods-pending-memory') })], { engine: undefined }))[0]?.title).toBe('Pod istio-system/istiod-6d9f8b7c4-m4xzp cannot be scheduled: not enough memory in kind-cluster1');
    const cpu = pods('pods-pending-memory').map((pod) => ({ ...pod, unschedulable: '0/1 nodes are available: 1 Insufficient cpu.' }));
    expect(likelyCauses(facts([cluster({ pods: cpu })], { engine: undefined }))[0]?.title).toBe('Pod istio-system/istiod-6d9f8b7c4-m4xzp cannot be scheduled: not enough CPU in kind-cluster1');
  });

  it("near miss: the cluster autoscaler's note that a pod did not trigger a scale-up is no scheduling failure of its own", () => {
    const note = event('NotTriggerScaleUp', 'Pod/web', { message: "pod didn't trigger scale-up: 1 Insufficient memory" });
    expect(likelyCauses(facts([cluster({ events: [note] })]))).toEqual([]);
  });
});

describe('proxies, analysis and events, in more forms', () => {
  it('a STALE with a note, and listeners never sent, are out of step; a proxy name without a namespace is in default', () => {
    const proxies: ProxyFact[] = [{ name: 'web-1', statuses: { CDS: 'STALE (Never Acknowledged)', LDS: 'SYNCED' } }, { name: 'web-2.shop', statuses: { LDS: 'NOT SENT', EDS: 'NOT SENT' } }];
    expect(likelyCauses(facts([cluster({ proxies })])).map((cause) => [cause.title, cause.next])).toEqual([
      ['Proxy web-1 on kind-cluster1 is not in step with istiod (CDS STALE (Never Acknowledged))', 'wait a few seconds and run the step again; if it stays so: kubectl --context kind-cluster1 -n default delete pod web-1   (its Deployment starts a fresh one)'],
      ['Proxy web-2.shop on kind-cluster1 is not in step with istiod (LDS NOT SENT)', 'wait a few seconds and run the step again; if it stays so: kubectl --context kind-cluster1 -n shop delete pod web-2   (its Deployment starts a fresh one)'],
    ]);
  });

  it('the same analysis message from two origins is two causes; said twice, one; without an origin, none is named', () => {
    const message = { level: 'Warning' as const, code: 'IST0118', message: 'Port name foo (port: 80, targetPort: 8080) doesn\'t follow the naming convention of Istio port.' };
    const analyze = [{ ...message, origin: 'Service default/a' }, { ...message, origin: 'Service default/b' }, { ...message, origin: 'Service default/b' }, message];
    expect(likelyCauses(facts([cluster({ analyze })])).map((cause) => cause.title)).toEqual([
      `istioctl analyze on kind-cluster1: Warning [IST0118] (Service default/a) ${message.message}`,
      `istioctl analyze on kind-cluster1: Warning [IST0118] (Service default/b) ${message.message}`,
      `istioctl analyze on kind-cluster1: Warning [IST0118] ${message.message}`,
    ]);
  });

  it('a pod waiting to be created explains nothing: its FailedMount is named; one container pulling explains the pod', () => {
    const creating = pods('pods-creating');
    const mount = event('FailedMount', 'Pod/details-v1-7b9f6c8d5-x2kqf', { message: 'MountVolume.SetUp failed for volume "config" : configmap "details" not found' });
    expect(of(likelyCauses(facts([cluster({ pods: creating, events: [mount] })])), 'warning-event').map((cause) => cause.title)).toEqual(['FailedMount on Pod/details-v1-7b9f6c8d5-x2kqf in sample on kind-cluster1']);
    const sidecarFine = waitingPod('web', 'ImagePullBackOff');
    sidecarFine.containers.unshift({ name: 'istio-proxy', init: true, image: 'proxyv2', ready: true, restarts: 0 });
    expect(of(likelyCauses(facts([cluster({ pods: [sidecarFine], events: [event('Unhealthy', 'Pod/web')] })])), 'warning-event')).toEqual([]);
  });
});

describe('ranking: the most blocking first', () => {
  const kinds = (causes: readonly { kind: string }[]) => causes.map((cause) => cause.kind);

  it('no engine, then the clusters: missing, not answering, short of room; then pods that cannot pull or keep crashing', () => {
    const crash = waitingPod('crasher', 'CrashLoopBackOff');
    const pull = waitingPod('puller', 'ImagePullBackOff');
    expect(kinds(likelyCauses(facts([cluster({ pods: [crash, pull, ...pods('pods-pending-memory')] }), cluster({ role: 'cluster3', context: 'gke-room', state: 'unreachable' }), cluster({ role: 'cluster2', context: 'kind-cluster2', state: 'context-missing' })])))).toEqual([
      'context-missing',
      'cluster-unreachable',
      'insufficient-resources',
      'image-pull',
      'crash-loop',
    ]);
  });

  it('then istiod, Istio itself, LoadBalancer addresses, sidecars: a label missing, then pods older than it', () => {
    const bare = pods('pods-no-sidecar');
    const cluster1 = cluster({
      istiod: { found: true, replicas: 1, available: 0 },
      namespaces: [namespace('namespace-sample-injected'), { name: 'plain', exists: true, labels: {} }],
      pods: [...bare, ...bare.map((pod) => ({ ...pod, namespace: 'plain' }))],
      services: parseLoadBalancers(fixture('kube/services-lb-pending.json')),
    });
    const cluster2 = cluster({ role: 'cluster2', context: 'kind-cluster2', istiod: { found: false } });
    expect(kinds(likelyCauses(facts([cluster2, cluster1], { expectsSidecar: true })))).toEqual(['istiod-not-ready', 'istio-missing', 'load-balancer-address', 'no-sidecar-label', 'no-sidecar-restart']);
  });

  it('then proxies out of step, analysis, other events, and last a tool the diagnosis lacked', () => {
    const everything = cluster({ proxies: [{ name: 'web', statuses: { CDS: 'STALE' } }], analyze: [{ level: 'Error', code: 'IST0101', message: 'Referenced host not found' }], events: [event('FailedMount', 'Pod/web')] });
    expect(kinds(likelyCauses(facts([everything], { missingTools: ['istioctl'] })))).toEqual(['proxy-not-synced', 'analyze', 'warning-event', 'tool-missing']);
  });

  it('a Service without an address is one kind of cause, whatever the provider or cluster', () => {
    const pending = parseLoadBalancers(fixture('kube/services-lb-pending.json'));
    for (const fields of [{ loadBalancer: { state: 'running' as const } }, { loadBalancer: { state: 'missing' as const } }, {}]) {
      expect(kinds(likelyCauses(facts([cluster({ services: pending }), cluster({ role: 'cluster2', context: 'gke-room', services: pending })], { ...fields, missingTools: ['istioctl'] })))).toEqual(['load-balancer-address', 'load-balancer-address', 'tool-missing']);
    }
  });

  it('the provider is looked at when any kind cluster has a Service waiting', () => {
    const pending = parseLoadBalancers(fixture('kube/services-lb-pending.json'));
    expect(followUps(facts([cluster(), cluster({ role: 'cluster2', context: 'kind-cluster2', services: pending })]))).toEqual([{ kind: 'load-balancer' }]);
  });
});
