/**
 * The rules on what istioctl and docker say, and on the clusters' own state (a context missing, a cluster
 * that does not answer), one by one, each with a near miss; then their ranking. Pure: facts built from the
 * upstream outputs (test/fixtures/diagnosis/README.md names each source).
 */
import { describe, expect, it } from 'vitest';
import { dockerEngineFix } from '../../src/cluster/doctor.js';
import { parseDockerInfo } from '../../src/cluster/docker-engine.js';
import { parseAnalyze, parseContainerState, parseProxyStatus } from '../../src/diagnosis/parse.js';
import { followUps, likelyCauses, MAX_CAUSES } from '../../src/diagnosis/rules.js';
import { istioctlFixture } from '../helpers/istioctl-fixtures.js';
import { fixture } from './gathering.js';
import { cluster, facts, of } from './rule-facts.js';
import { readFileSync } from 'node:fs';

const doctorFixture = (name: string): string => readFileSync(new URL(`../fixtures/doctor/${name}`, import.meta.url), 'utf8');

describe('a proxy out of step with istiod (istioctl proxy-status)', () => {
  it('fires on STALE in istioctl 1.27+ -v 1 (upstream golden), naming the type; its RDS NOT SENT is not a fault', () => {
    const proxies = parseProxyStatus(istioctlFixture('writer/pilot/testdata/multiXdsStatusMultiPilot_verbose.txt'));
    expect(proxies).toEqual([{ name: 'proxy1', statuses: { CDS: 'STALE', ECDS: 'SYNCED', EDS: 'SYNCED', LDS: 'SYNCED', RDS: 'NOT SENT' } }]);
    expect(of(likelyCauses(facts([cluster({ proxies })])), 'proxy-not-synced')).toEqual([
      {
        kind: 'proxy-not-synced',
        title: 'Proxy proxy1 on kind-cluster1 is not in step with istiod (CDS STALE)',
        next: 'wait a few seconds and run the step again; if it stays so: kubectl --context kind-cluster1 -n default delete pod proxy1   (its Deployment starts a fresh one)',
      },
    ]);
  });

  it('the ≤ 1.26 table (upstream golden): STALE, ERROR, and CDS never sent fire; a proxy whose types are all IGNORED does not', () => {
    const proxies = parseProxyStatus(istioctlFixture('_history/1.26.0/writer/pilot/testdata/multiXdsStatusMultiPilot.txt'));
    expect(of(likelyCauses(facts([cluster({ proxies })])), 'proxy-not-synced').map((cause) => cause.title)).toEqual([
      'Proxy proxy1 on kind-cluster1 is not in step with istiod (CDS STALE)',
      'Proxy proxy2 on kind-cluster1 is not in step with istiod (CDS STALE, EDS STALE, ECDS STALE)',
      'Proxy proxy3 on kind-cluster1 is not in step with istiod (CDS NOT SENT, LDS ERROR, EDS STALE)',
    ]);
  });

  it("istio.io's table: productpage's STALE routes fire, the egress gateway's RDS NOT SENT (nothing to send) does not", () => {
    const proxies = parseProxyStatus(fixture('istioctl/proxy-status-istio-io.txt'));
    expect(proxies).toHaveLength(9);
    const causes = of(likelyCauses(facts([cluster({ proxies })])), 'proxy-not-synced');
    expect(causes.map((cause) => cause.title)).toEqual(['Proxy productpage-v1-6c886ff494-hm7zk.default on kind-cluster1 is not in step with istiod (RDS STALE)']);
    expect(causes[0]?.next).toContain('-n default delete pod productpage-v1-6c886ff494-hm7zk');
  });

  it('near miss: the 1.27+ default table shows no states, so it names no proxy', () => {
    const proxies = parseProxyStatus(istioctlFixture('writer/pilot/testdata/multiXdsStatusMultiPilot.txt'));
    expect(proxies?.every((proxy) => Object.keys(proxy.statuses).length === 0)).toBe(true);
    expect(of(likelyCauses(facts([cluster({ proxies })])), 'proxy-not-synced')).toEqual([]);
    expect(parseProxyStatus('Error: unable to find any Istiod instances\n')).toBeUndefined();
  });
});

describe('istioctl analyze', () => {
  it("fires on each Error (istio.io's tested output), with its code, origin and text; istioctl's closing lines are no message", () => {
    const analyze = parseAnalyze(fixture('istioctl/analyze-ist0101.txt'));
    expect(analyze).toHaveLength(2);
    expect(of(likelyCauses(facts([cluster({ analyze })])), 'analyze')).toEqual([
      {
        kind: 'analyze',
        title: 'istioctl analyze on kind-cluster1: Error [IST0101] (Gateway default/bookinfo-gateway samples/bookinfo/networking/bookinfo-gateway.yaml:7) Referenced selector not found: "istio=ingressgateway"',
        next: 'https://istio.io/latest/docs/reference/config/analysis/ist0101/',
      },
      {
        kind: 'analyze',
        title: 'istioctl analyze on kind-cluster1: Error [IST0101] (VirtualService default/bookinfo samples/bookinfo/networking/bookinfo-gateway.yaml:39) Referenced host not found: "productpage"',
        next: 'https://istio.io/latest/docs/reference/config/analysis/ist0101/',
      },
    ]);
  });

  it('near misses: no issues found, and an Info message (IST0102: the namespace is not injected, which the sidecar rule judges)', () => {
    expect(parseAnalyze(fixture('istioctl/analyze-no-issues.txt'))).toEqual([]);
    const info = parseAnalyze(fixture('istioctl/analyze-ist0102-info.txt'));
    expect(info).toEqual([{ level: 'Info', code: 'IST0102', origin: 'Namespace frod', message: expect.stringMatching(/^The namespace is not enabled for Istio injection\./) as string }]);
    expect(of(likelyCauses(facts([cluster({ analyze: info })])), 'analyze')).toEqual([]);
  });

  it('a Warning comes after the Errors, and the same message from two namespaces is said once', () => {
    const [first, second] = parseAnalyze(fixture('istioctl/analyze-ist0101.txt'));
    const warning = { ...first!, level: 'Warning' as const };
    const causes = of(likelyCauses(facts([cluster({ analyze: [warning, second!, second!] })])), 'analyze');
    expect(causes.map((cause) => cause.title.split(': ')[1]?.split(' (')[0])).toEqual(['Error [IST0101]', 'Warning [IST0101]']);
  });
});

describe('the Docker engine', () => {
  const down = parseDockerInfo(doctorFixture('docker-info-no-daemon.json'), doctorFixture('docker-info-no-daemon.stderr'), 1);

  it("fires when a kind cluster did not answer and docker info says no engine: the doctor's fix", () => {
    const causes = likelyCauses(facts([cluster({ state: 'unreachable', problem: 'The connection to the server 127.0.0.1:40123 was refused - did you specify the right host or port?' })], { engine: { reachable: false, ...(down.problem ? { problem: down.problem } : {}) } }));
    expect(causes).toEqual([
      {
        kind: 'no-engine',
        title: 'No Docker engine: the kind clusters cannot run without one',
        detail: 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?',
        next: 'sudo systemctl start docker',
      },
    ]);
    // On macOS, Docker Desktop.
    expect(likelyCauses(facts([cluster({ state: 'unreachable' })], { platform: 'darwin', engine: { reachable: false } }))[0]?.next).toBe(dockerEngineFix('darwin', undefined));
  });

  it('near miss: no engine here, but the cluster answered (a cluster elsewhere): the engine explains nothing', () => {
    expect(of(likelyCauses(facts([cluster()], { engine: { reachable: false, problem: 'the docker command is not installed' } })), 'no-engine')).toEqual([]);
  });

  it("Docker's memory is named beside a memory-starved pod (upstream docker info golden: 2 GiB)", () => {
    const engine = parseDockerInfo(doctorFixture('docker-info-no-swarm.json'), '', 0);
    const pod = { namespace: 'istio-system', name: 'istiod-1', phase: 'Pending', containers: [], hasSidecar: false, injectionOff: false, unschedulable: '0/1 nodes are available: 1 Insufficient memory.' };
    const [cause] = likelyCauses(facts([cluster({ pods: [pod] })], { engine: { reachable: true, ...(engine.memoryBytes ? { memoryBytes: engine.memoryBytes } : {}) } }));
    expect(cause?.title).toBe('Pod istio-system/istiod-1 cannot be scheduled: not enough memory in kind-cluster1 (Docker has 2.0 GiB)');
  });
});

describe('pods the scheduler cannot place', () => {
  const pending = (name: string, message: string) => ({ namespace: 'sample', name, phase: 'Pending', containers: [], hasSidecar: false, injectionOff: false, unschedulable: message });

  it('are one cause per cluster and resource, naming the pods; elsewhere than kind, the nodes are the cluster’s own', () => {
    const memory = '0/1 nodes are available: 1 Insufficient memory.';
    const causes = likelyCauses(facts([cluster({ pods: [pending('a', memory), pending('b', memory), pending('c', '0/1 nodes are available: 1 Insufficient cpu.')] }), cluster({ role: 'cluster2', context: 'gke-room', pods: [pending('d', memory)] })]));
    expect(causes.map((cause) => [cause.title, cause.next])).toEqual([
      ['Pods sample/a and sample/b cannot be scheduled: not enough memory in kind-cluster1', 'close other containers, or run the lessons on a machine with 8 GiB free'],
      ['Pod sample/c cannot be scheduled: not enough CPU in kind-cluster1', "mesh-workshop cluster down NAME   (for a cluster this lesson does not use), or lower the pods' CPU requests"],
      ['Pod sample/d cannot be scheduled: not enough memory in gke-room', 'kubectl --context gke-room describe nodes   (the cluster needs more room, or the pods less)'],
    ]);
  });
});

describe("a cluster's own state", () => {
  it('a context the workshop kubeconfig lacks: cluster up for a kind role, context allow for a mapped one', () => {
    const causes = likelyCauses(facts([cluster({ role: 'cluster2', context: 'kind-cluster2', state: 'context-missing' }), cluster({ role: 'cluster3', context: 'gke-room', state: 'context-missing' })]));
    expect(causes.map((cause) => [cause.title, cause.next])).toEqual([
      ['The workshop kubeconfig has no context kind-cluster2: cluster2 is not up', 'mesh-workshop cluster up cluster2'],
      ['The workshop kubeconfig has no context gke-room: cluster3 is not up', 'mesh-workshop context allow gke-room --as cluster3'],
    ]);
  });

  it('a cluster that does not answer while the engine runs: its nodes are stopped', () => {
    const causes = likelyCauses(facts([cluster({ state: 'unreachable', problem: 'The connection to the server 127.0.0.1:40123 was refused - did you specify the right host or port?' })]));
    expect(causes).toEqual([
      {
        kind: 'cluster-unreachable',
        title: 'kind-cluster1 does not answer: its kind containers may be stopped',
        detail: 'The connection to the server 127.0.0.1:40123 was refused - did you specify the right host or port?',
        next: 'mesh-workshop cluster up cluster1   (starts its stopped nodes)',
      },
    ]);
  });

  it('near miss: a cluster that answered, with nothing wrong in it, gives no cause', () => {
    expect(likelyCauses(facts([cluster()]))).toEqual([]);
  });
});

describe('the LoadBalancer provider (docker inspect)', () => {
  const services = [{ namespace: 'istio-system', name: 'istio-ingressgateway', addresses: [] }];

  it('reads docker inspect: running, stopped, or no such container', () => {
    expect(parseContainerState('running\n', '', 0)).toEqual({ state: 'running' });
    expect(parseContainerState('exited\n', '', 0)).toEqual({ state: 'stopped', detail: 'exited' });
    expect(parseContainerState('', 'Error: No such object: mesh-workshop-cloud-provider-kind\n', 1)).toEqual({ state: 'missing' });
    expect(parseContainerState('', 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\n', 1)).toBeUndefined();
  });

  it('not running: cluster up starts it; running: its own log says why', () => {
    const stopped = likelyCauses(facts([cluster({ services })], { loadBalancer: { state: 'stopped', detail: 'exited' } }));
    expect(stopped.map((cause) => [cause.title, cause.next])).toEqual([
      ['LoadBalancer Service istio-system/istio-ingressgateway on kind-cluster1 has no external address: cloud-provider-kind is not running (exited)', 'mesh-workshop cluster up   (starts cloud-provider-kind again)'],
    ]);
    const running = likelyCauses(facts([cluster({ services })], { loadBalancer: { state: 'running' } }));
    expect(running[0]?.next).toBe('docker logs --tail 20 mesh-workshop-cloud-provider-kind   (it gives kind Services their addresses)');
  });

  it('is looked at only when a kind Service has no address and an engine answers', () => {
    expect(followUps(facts([cluster({ services })]))).toEqual([{ kind: 'load-balancer' }]);
    expect(followUps(facts([cluster({ services: [{ ...services[0]!, addresses: ['172.18.0.5'] }] })]))).toEqual([]);
    expect(followUps(facts([cluster({ services })], { engine: { reachable: false } }))).toEqual([]);
  });
});

describe('ranking', () => {
  it('most blocking first, at most five', () => {
    const pod = (name: string, reason: string) => ({ namespace: 'sample', name, phase: 'Pending', containers: [{ name: 'app', init: false, image: `example/${name}:1`, ready: false, restarts: 0, waiting: { reason } }], hasSidecar: false, injectionOff: false });
    const proxies = parseProxyStatus(istioctlFixture('writer/pilot/testdata/multiXdsStatusMultiPilot_verbose.txt'));
    const causes = likelyCauses(
      facts(
        [
          cluster({ proxies, analyze: parseAnalyze(fixture('istioctl/analyze-ist0101.txt')), pods: [pod('a', 'ImagePullBackOff'), pod('b', 'ErrImagePull'), pod('c', 'CrashLoopBackOff')], istiod: { found: true, replicas: 1, available: 0 } }),
          cluster({ role: 'cluster2', context: 'kind-cluster2', state: 'context-missing' }),
        ],
        { missingTools: ['istioctl'] },
      ),
    );
    expect(causes).toHaveLength(MAX_CAUSES);
    expect(causes.map((cause) => cause.kind)).toEqual(['context-missing', 'image-pull', 'image-pull', 'crash-loop', 'istiod-not-ready']);
  });
});
