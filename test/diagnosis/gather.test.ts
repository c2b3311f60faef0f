/**
 * The gatherer on its own: what it asks a cluster (the real kubectl against a loopback API server), that
 * every command passes the context guard, that a cluster which does not answer or is not in the kubeconfig
 * is a fact, and that the time limit holds: a command that hangs is ended, and what came back before it
 * still gives causes.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { gatherFacts } from '../../src/diagnosis/gather.js';
import { likelyCauses } from '../../src/diagnosis/rules.js';
import { writeKubeconfig } from '../helpers/fake-kube-api.js';
import { tempDir } from '../helpers/lessons.js';
import { binDir, fixture, gatherFrom, KUBECTL } from './gathering.js';

/** A port nothing listens on: taken, then let go. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Whether a process still runs: a zombie (ended, not yet reaped by whoever adopted it) does not. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}

describe.skipIf(!KUBECTL)('gathering facts (real kubectl, loopback API server)', () => {
  it('asks an answering cluster for its namespaces, pods, Warning events, Services and istiod, read-only, each with --context', async () => {
    const progress: [number, number][] = [];
    const { facts, api } = await gatherFrom(
      { pods: { sample: fixture('kube/pods-no-sidecar.json') }, namespaces: { sample: fixture('kube/namespace-sample-plain.json') }, services: fixture('kube/services-lb-ready.json'), deployments: { 'istio-system/istiod': fixture('kube/istiod-available.json') } },
      { onProgress: (done, of) => progress.push([done, of]) },
    );
    const [cluster] = facts.clusters;
    expect(cluster?.state).toBe('answered');
    expect(cluster?.namespaces).toEqual([
      { name: 'sample', exists: true, labels: { 'kubernetes.io/metadata.name': 'sample' } },
      { name: 'istio-system', exists: false, labels: {} },
    ]);
    expect(cluster?.pods.map((pod) => [pod.namespace, pod.name, pod.phase, pod.hasSidecar])).toEqual([['sample', 'httpbin-6f4d8b9c7-t5vwd', 'Running', false]]);
    expect(cluster?.services).toEqual([{ namespace: 'istio-system', name: 'istio-ingressgateway', addresses: ['172.18.0.5'] }]);
    expect(cluster?.istiod).toEqual({ found: true, replicas: 1, available: 1 });
    // Only GETs reached the API server.
    expect(api.requests.every((request) => request.startsWith('GET '))).toBe(true);
    const commands = facts.commands.map((command) => command.command);
    expect(commands.filter((command) => command.startsWith('kubectl')).every((command) => command.startsWith('kubectl --context kind-cluster1 '))).toBe(true);
    expect(commands.filter((command) => /^kubectl .* (?:get|logs) /.test(command))).toHaveLength(commands.filter((command) => command.startsWith('kubectl')).length);
    expect(commands).toEqual(
      expect.arrayContaining([
        "docker info --format '{{json .}}'",
        'kubectl --context kind-cluster1 get namespace sample -o json',
        'kubectl --context kind-cluster1 get namespace istio-system -o json',
        'kubectl --context kind-cluster1 -n sample get pods -o json',
        'kubectl --context kind-cluster1 -n istio-system get pods -o json',
        'kubectl --context kind-cluster1 -n sample get events --field-selector type=Warning -o json',
        'kubectl --context kind-cluster1 get services -A -o json',
        'kubectl --context kind-cluster1 -n istio-system get deployment istiod -o json',
        'istioctl --context kind-cluster1 proxy-status -v 1',
        'istioctl --context kind-cluster1 analyze -n sample',
      ]),
    );
    // No docker and no istioctl on this PATH: each is a fact, tried once per command and not run.
    expect(facts.engine).toEqual({ reachable: false, problem: 'the docker command is not installed' });
    expect(facts.missingTools).toEqual(['istioctl']);
    expect(progress.at(-1)).toEqual([facts.commands.length, facts.commands.length]);
  });

  it('a context the kubeconfig does not hold is not asked: its absence is the fact, with cluster up', async () => {
    const { facts, api } = await gatherFrom({}, { clusters: [{ role: 'cluster2', context: 'kind-cluster2' }], allowedContexts: ['kind-cluster1', 'kind-cluster2'] });
    expect(facts.clusters).toEqual([{ role: 'cluster2', context: 'kind-cluster2', state: 'context-missing', namespaces: [], pods: [], events: [], analyze: [], logs: [] }]);
    expect(api.requests).toEqual([]);
    // No docker here either: a kind cluster needs the engine first, then cluster up.
    expect(likelyCauses(facts).map((cause) => cause.next)).toEqual(['install Docker: https://docs.docker.com/get-started/get-docker/', 'mesh-workshop cluster up cluster2']);
  });

  it('a cluster that refuses the connection is asked once; with no engine here, the cause is the engine', async () => {
    const home = tempDir('mw-diag-home-');
    const kubeconfig = path.join(home, 'kubeconfig');
    writeKubeconfig(kubeconfig, { 'kind-cluster1': `https://127.0.0.1:${await closedPort()}` });
    const facts = await gatherFacts({
      lessonId: 'test',
      clusters: [{ role: 'cluster1', context: 'kind-cluster1' }],
      namespaces: ['sample', 'istio-system'],
      expectsSidecar: false,
      env: { KUBECONFIG: kubeconfig, PATH: binDir(), HOME: home },
      cwd: home,
      allowedContexts: ['kind-cluster1'],
      kubeconfigContexts: ['kind-cluster1'],
      platform: 'linux',
    });
    expect(facts.clusters[0]?.state).toBe('unreachable');
    expect(facts.clusters[0]?.problem).toMatch(/refused/);
    expect(facts.commands.filter((command) => command.command.startsWith('kubectl'))).toHaveLength(1);
    // Nothing else was asked of it: istioctl was not even looked for.
    expect(likelyCauses(facts).map((cause) => cause.kind)).toEqual(['no-engine']);
    // With an engine that answers, the cluster itself is the cause.
    expect(likelyCauses({ ...facts, engine: { reachable: true } }).map((cause) => [cause.kind, cause.next])).toEqual([['cluster-unreachable', 'mesh-workshop cluster up cluster1   (starts its stopped nodes)']]);
  });
});

describe.skipIf(!KUBECTL)('the context guard', () => {
  it('reads every command first: a context it does not allow is never asked, and says so', async () => {
    const { facts, api } = await gatherFrom({ pods: { sample: fixture('kube/pods-image-pull.json') } }, { allowedContexts: ['kind-cluster9'] });
    expect(api.requests).toEqual([]);
    expect(facts.clusters[0]?.state).toBe('refused');
    expect(facts.clusters[0]?.problem).toMatch(/^refused before running: .*kind-cluster1/);
    const kubectl = facts.commands.filter((command) => command.command.startsWith('kubectl'));
    expect(kubectl).toEqual([{ command: 'kubectl --context kind-cluster1 get namespace sample -o json', outcome: 'refused', ms: expect.any(Number) as number, note: expect.stringMatching(/^refused before running/) as string }]);
    // The engine's own command is read too, and allowed.
    expect(facts.commands.find((command) => command.command.startsWith('docker'))?.outcome).toBe('missing');
  });
});

describe.skipIf(!KUBECTL)('the time limit', () => {
  it('ends a command that hangs (its whole process group) and judges what came back before', async () => {
    const pidFile = path.join(tempDir('mw-diag-pid-'), 'pid');
    // An istioctl that never answers, and a child of its own that would outlive it if only it were killed.
    // (PATH holds kubectl only: sleep by its full path.)
    const bin = binDir({ istioctl: `#!/bin/sh\n/bin/sleep 60 &\necho $! > '${pidFile}'\nwait\n` });
    const started = performance.now();
    const { facts } = await gatherFrom({ services: fixture('kube/services-lb-pending.json'), hang: /\/pods$/ }, { bin, timeLimitMs: 2500 });
    const took = performance.now() - started;
    expect(took).toBeLessThan(6000);
    const outcomes = Object.fromEntries(facts.commands.map((command) => [command.command, command.outcome]));
    expect(outcomes['kubectl --context kind-cluster1 -n sample get pods -o json']).toBe('timed-out');
    expect(outcomes['istioctl --context kind-cluster1 proxy-status -v 1']).toBe('timed-out');
    // What answered in time still gives its cause.
    expect(likelyCauses(facts).map((cause) => cause.kind)).toContain('load-balancer-address');
    expect(facts.clusters[0]?.pods).toEqual([]);
    // The hung command's child was ended with it.
    const pid = Number(readFileSync(pidFile, 'utf8'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(alive(pid)).toBe(false);
  });

  it('a cluster whose first answer does not come in time is a cluster that does not answer', async () => {
    const { facts } = await gatherFrom({ hang: /^\/api\/v1\/namespaces\/sample$/ }, { timeLimitMs: 1500 });
    expect(facts.clusters[0]).toMatchObject({ state: 'unreachable', problem: 'it did not answer within the time limit' });
  });

  it('the caller can stop it: commands end, and nothing new starts', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    const started = performance.now();
    const { facts } = await gatherFrom({ hang: /./ }, { signal: controller.signal, timeLimitMs: 10_000 });
    expect(performance.now() - started).toBeLessThan(4000);
    expect(facts.commands.filter((command) => command.outcome === 'ok')).toEqual([]);
  });
});
