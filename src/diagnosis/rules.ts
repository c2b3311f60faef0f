/**
 * From facts to likely causes: pure rules, no I/O. Each rule reads the facts (facts.ts) and names causes,
 * each with one thing to do. They are ranked most blocking and most specific first — nothing runs without
 * an engine, nothing is read from a cluster that is not up, a pod that cannot pull its image explains a
 * proxy that is not synced — and at most MAX_CAUSES are kept.
 *
 * Some facts are only worth gathering once a rule has seen a reason to (followUps): the last log lines of
 * a container in a crash loop, and the LoadBalancer provider's container when a Service has no address.
 */
import { dockerCpuFix, dockerEngineFix, dockerMemoryFix } from '../cluster/doctor.js';
import type { Cause, CauseKind, ClusterFacts, DiagnosisFacts, PodFact } from './facts.js';

export const MAX_CAUSES = 5;
const GIB = 1024 ** 3;
/** How many pods, proxies or Services a cause names before "and N more". */
const NAMED = 3;

/** The order causes are shown in: the most blocking first. */
const RANK: readonly CauseKind[] = [
  'no-engine',
  'context-missing',
  'cluster-unreachable',
  'insufficient-resources',
  'image-pull',
  'crash-loop',
  'istiod-not-ready',
  'istio-missing',
  'load-balancer-address',
  'no-sidecar-label',
  'no-sidecar-restart',
  'proxy-not-synced',
  'analyze',
  'warning-event',
  // A tool the diagnosis lacked explains little of the failure itself (the step's own output says so when it ran one).
  'tool-missing',
];

const PULL_REASONS = new Set(['ImagePullBackOff', 'ErrImagePull', 'InvalidImageName', 'ErrImageNeverPull']);
/** Warning events worth naming on their own when no other rule explains their object. */
const EVENT_REASONS = new Set(['FailedCreate', 'FailedMount', 'FailedScheduling', 'Unhealthy', 'FailedAttachVolume']);

function isKind(context: string): boolean {
  return context.startsWith('kind-');
}

/** `NAME in NAMESPACE (CONTEXT)`: where something is, in every cause's words. */
function where(cluster: ClusterFacts, namespace: string): string {
  return `${namespace} on ${cluster.context}`;
}

/** "a, b and c", or "a, b, c and 4 more". */
function names(all: readonly string[]): string {
  if (all.length > NAMED) return `${all.slice(0, NAMED).join(', ')} and ${all.length - NAMED} more`;
  const last = all.length - 1;
  return last === 0 ? all.join('') : `${all.slice(0, last).join(', ')} and ${all[last]}`;
}

/** `namespace/name` of a pod or a Service. */
interface Named {
  namespace: string;
  name: string;
}

const qualified = (all: readonly Named[]): string[] => all.map(({ namespace, name }) => `${namespace}/${name}`);

function oneLine(text: string, max = 600): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

function engineCauses(facts: DiagnosisFacts): Cause[] {
  const engine = facts.engine;
  if (!engine || engine.reachable) return [];
  // The engine matters when a kind cluster did not answer; clusters elsewhere run without it.
  if (!facts.clusters.some((cluster) => isKind(cluster.context) && (cluster.state === 'unreachable' || cluster.state === 'context-missing'))) return [];
  return [{ kind: 'no-engine', title: 'No Docker engine: the kind clusters cannot run without one', ...(engine.problem ? { detail: oneLine(engine.problem) } : {}), next: dockerEngineFix(facts.platform, engine.problem) }];
}

function toolCauses(facts: DiagnosisFacts): Cause[] {
  return facts.missingTools.map((tool) => ({
    kind: 'tool-missing' as const,
    title: `${tool} is not installed here${tool === 'kubectl' ? ': the workshop could not look into the clusters' : ''}`,
    next: ['kubectl', 'istioctl', 'kind', 'helm'].includes(tool) ? `mesh-workshop tools install ${tool}` : `install ${tool} (mesh-workshop doctor says how)`,
  }));
}

function clusterStateCauses(facts: DiagnosisFacts): Cause[] {
  const engineDown = facts.engine?.reachable === false;
  const causes: Cause[] = [];
  for (const cluster of facts.clusters) {
    if (cluster.state === 'context-missing') {
      causes.push({
        kind: 'context-missing',
        title: `The workshop kubeconfig has no context ${cluster.context}: ${cluster.role} is not up`,
        next: isKind(cluster.context) ? `mesh-workshop cluster up ${cluster.role}` : `mesh-workshop context allow ${cluster.context} --as ${cluster.role}`,
      });
    } else if (cluster.state === 'unreachable' && !(engineDown && isKind(cluster.context))) {
      causes.push({
        kind: 'cluster-unreachable',
        title: `${cluster.context} does not answer${isKind(cluster.context) ? ': its kind containers may be stopped' : ''}`,
        ...(cluster.problem ? { detail: oneLine(cluster.problem) } : {}),
        next: isKind(cluster.context) ? `mesh-workshop cluster up ${cluster.role}   (starts its stopped nodes)` : `kubectl --context ${cluster.context} get namespaces   (check the cluster and your connection to it)`,
      });
    }
  }
  return causes;
}

/** Each pod with its namespace, for rules that group pods. */
function podsOf(facts: DiagnosisFacts): { cluster: ClusterFacts; pod: PodFact }[] {
  return facts.clusters.flatMap((cluster) => cluster.pods.map((pod) => ({ cluster, pod })));
}

function imagePullCauses(facts: DiagnosisFacts): Cause[] {
  // One cause per image: several pods of one Deployment cannot pull the same thing.
  const byImage = new Map<string, { pods: Named[]; first: Named; reason: string; message?: string; cluster: ClusterFacts }>();
  for (const { cluster, pod } of podsOf(facts)) {
    for (const container of pod.containers) {
      if (!container.waiting || !PULL_REASONS.has(container.waiting.reason)) continue;
      const key = `${cluster.context} ${container.image}`;
      const entry = byImage.get(key) ?? { pods: [], first: pod, reason: container.waiting.reason, ...(container.waiting.message ? { message: container.waiting.message } : {}), cluster };
      if (!entry.pods.includes(pod)) entry.pods.push(pod);
      byImage.set(key, entry);
    }
  }
  return [...byImage.entries()].map(([key, entry]) => {
    const image = key.slice(key.indexOf(' ') + 1);
    const invalid = entry.reason === 'InvalidImageName';
    return {
      kind: 'image-pull' as const,
      title: `${invalid ? 'The image name is not valid' : 'The image cannot be pulled'} (${entry.reason}): ${image}, for ${names(qualified(entry.pods))} on ${entry.cluster.context}`,
      ...(entry.message ? { detail: oneLine(entry.message) } : {}),
      next: invalid
        ? 'correct the image name in the manifest, then apply it again'
        : isKind(entry.cluster.context)
          ? "mesh-workshop prefetch   (pulls the lessons' images once; 'mesh-workshop cluster up' then loads them into the clusters; in a room, 'mesh-workshop prefetch --load FILE.tar' with the instructor's file)"
          : `kubectl --context ${entry.cluster.context} -n ${entry.first.namespace} describe pod ${entry.first.name}   (the cluster's nodes pull from the registry themselves)`,
    };
  });
}

function resourceCauses(facts: DiagnosisFacts): Cause[] {
  // One cause per cluster and resource: the pods one node cannot take, with the scheduler's first message.
  const groups = new Map<string, { cluster: ClusterFacts; memory: boolean; pods: string[]; message: string }>();
  const add = (cluster: ClusterFacts, namespace: string, pod: string, message: string): void => {
    const memory = /Insufficient memory/i.test(message);
    if (!memory && !/Insufficient cpu/i.test(message)) return;
    const key = `${cluster.context} ${memory}`;
    const group = groups.get(key) ?? { cluster, memory, pods: [], message };
    if (!group.pods.includes(`${namespace}/${pod}`)) group.pods.push(`${namespace}/${pod}`);
    groups.set(key, group);
  };
  for (const { cluster, pod } of podsOf(facts)) if (pod.phase === 'Pending' && pod.unschedulable) add(cluster, pod.namespace, pod.name, pod.unschedulable);
  for (const cluster of facts.clusters) {
    for (const event of cluster.events) if (event.reason === 'FailedScheduling' && event.object.startsWith('Pod/')) add(cluster, event.namespace, event.object.slice(4), event.message);
  }
  return [...groups.values()].map(({ cluster, memory, pods, message }) => {
    const engine = memory && facts.engine?.memoryBytes ? ` (Docker has ${(facts.engine.memoryBytes / GIB).toFixed(1)} GiB)` : !memory && facts.engine?.cpus ? ` (Docker has ${facts.engine.cpus} CPUs)` : '';
    // On a kind cluster the node is a Docker container: Docker's share of the machine is the node's.
    // Docker Desktop's CPUs are a setting; on Linux a kind node has the machine's, so what else runs must make room.
    const cpuFix = facts.platform === 'darwin' ? dockerCpuFix(facts.platform) : "mesh-workshop cluster down NAME   (for a cluster this lesson does not use), or lower the pods' CPU requests";
    const next = !isKind(cluster.context) ? `kubectl --context ${cluster.context} describe nodes   (the cluster needs more room, or the pods less)` : memory ? dockerMemoryFix(facts.platform) : cpuFix;
    return {
      kind: 'insufficient-resources' as const,
      title: `${pods.length === 1 ? 'Pod' : 'Pods'} ${names(pods)} cannot be scheduled: not enough ${memory ? 'memory' : 'CPU'} in ${cluster.context}${engine}`,
      detail: oneLine(message),
      next,
    };
  });
}

function crashLoopCauses(facts: DiagnosisFacts): Cause[] {
  const causes: Cause[] = [];
  for (const { cluster, pod } of podsOf(facts)) {
    for (const container of pod.containers) {
      if (container.waiting?.reason !== 'CrashLoopBackOff') continue;
      const exit = container.lastExit ? `, last exit code ${container.lastExit.exitCode}${container.lastExit.reason ? ` (${container.lastExit.reason})` : ''}` : '';
      const logs = cluster.logs.find((log) => log.namespace === pod.namespace && log.pod === pod.name && log.container === container.name);
      causes.push({
        kind: 'crash-loop',
        title: `Container ${container.name} of pod ${pod.namespace}/${pod.name} keeps crashing (CrashLoopBackOff${exit}) on ${cluster.context}`,
        ...(logs && logs.lines.length > 0 ? { detail: `its last lines:\n${logs.lines.map((line) => oneLine(line, 200)).join('\n')}` } : {}),
        next: `kubectl --context ${cluster.context} -n ${pod.namespace} logs ${pod.name} -c ${container.name} --previous`,
      });
    }
  }
  return causes;
}

function istiodCauses(facts: DiagnosisFacts): Cause[] {
  const causes: Cause[] = [];
  for (const cluster of facts.clusters) {
    const istiod = cluster.istiod;
    if (!istiod) continue;
    if (istiod.found && (istiod.available ?? 0) < 1) {
      causes.push({
        kind: 'istiod-not-ready',
        title: `istiod is not ready on ${cluster.context} (${istiod.available ?? 0} of ${istiod.replicas ?? 1} replicas available): no sidecar gets configuration, and new pods in injected namespaces are not created`,
        next: `kubectl --context ${cluster.context} -n istio-system get pods -l app=istiod`,
      });
    } else if (!istiod.found && facts.expectsSidecar) {
      causes.push({ kind: 'istio-missing', title: `Istio is not installed on ${cluster.context} (no istiod in istio-system), and this step reads sidecars`, next: 'run the step of this lesson (or of the one before) that installs Istio (istioctl install), then this one again' });
    }
  }
  return causes;
}

function loadBalancerCauses(facts: DiagnosisFacts): Cause[] {
  const causes: Cause[] = [];
  for (const cluster of facts.clusters) {
    const pending = (cluster.services ?? []).filter((service) => service.addresses.length === 0);
    const waiting = qualified(pending);
    const [first] = pending;
    if (!first) continue;
    const plural = waiting.length === 1 ? 'Service' : 'Services';
    const have = waiting.length === 1 ? 'has' : 'have';
    if (!isKind(cluster.context)) {
      causes.push({ kind: 'load-balancer-address', title: `LoadBalancer ${plural} ${names(waiting)} on ${cluster.context} ${have} no external address yet`, next: `kubectl --context ${cluster.context} -n ${first.namespace} describe service ${first.name}` });
      continue;
    }
    const provider = facts.loadBalancer;
    if (provider?.state === 'running') {
      causes.push({ kind: 'load-balancer-address', title: `LoadBalancer ${plural} ${names(waiting)} on ${cluster.context} ${have} no external address yet, though cloud-provider-kind runs`, next: 'docker logs --tail 20 mesh-workshop-cloud-provider-kind   (it gives kind Services their addresses)' });
    } else {
      const why = provider?.state === 'missing' ? 'cloud-provider-kind does not exist' : provider?.state === 'stopped' ? `cloud-provider-kind is not running${provider.detail ? ` (${provider.detail})` : ''}` : `cloud-provider-kind gives ${waiting.length === 1 ? 'it' : 'them'} one`;
      causes.push({ kind: 'load-balancer-address', title: `LoadBalancer ${plural} ${names(waiting)} on ${cluster.context} ${have} no external address: ${why}`, next: 'mesh-workshop cluster up   (starts cloud-provider-kind again)' });
    }
  }
  return causes;
}

/** A namespace Istio injects: `istio-injection=enabled`, or a revision label without `istio-injection=disabled`. */
function injects(labels: Readonly<Record<string, string>>): boolean {
  return labels['istio-injection'] === 'enabled' || (labels['istio.io/rev'] !== undefined && labels['istio-injection'] !== 'disabled');
}

function sidecarCauses(facts: DiagnosisFacts): Cause[] {
  if (!facts.expectsSidecar) return [];
  const causes: Cause[] = [];
  for (const cluster of facts.clusters) {
    // Without istiod nothing is injected anyway (istiodCauses says so).
    if (!cluster.istiod?.found) continue;
    for (const namespace of cluster.namespaces) {
      if (!namespace.exists || namespace.name === 'istio-system' || namespace.labels['istio.io/dataplane-mode'] === 'ambient') continue;
      const bare = cluster.pods.filter((pod) => pod.namespace === namespace.name && !pod.hasSidecar && !pod.injectionOff && (pod.phase === 'Running' || pod.phase === 'Pending')).map((pod) => pod.name);
      if (bare.length === 0) continue;
      const context = cluster.context;
      if (injects(namespace.labels)) {
        causes.push({
          kind: 'no-sidecar-restart',
          title: `Pods ${names(bare)} in ${where(cluster, namespace.name)} have no sidecar, though the namespace is labelled for injection: they were created before the label`,
          next: `kubectl --context ${context} -n ${namespace.name} rollout restart deployment`,
        });
      } else {
        causes.push({
          kind: 'no-sidecar-label',
          title: `Namespace ${namespace.name} on ${context} has no istio-injection label, so its pods (${names(bare)}) get no sidecar`,
          ...(namespace.labels['istio-injection'] === 'disabled' ? { detail: 'it is labelled istio-injection=disabled' } : {}),
          next: `kubectl --context ${context} label namespace ${namespace.name} istio-injection=enabled --overwrite && kubectl --context ${context} -n ${namespace.name} rollout restart deployment`,
        });
      }
    }
  }
  return causes;
}

/** A proxy out of step with istiod: a type STALE (sent, not acknowledged) or in ERROR, or never sent its clusters or listeners. */
function unsynced(statuses: Readonly<Record<string, string>>): string[] {
  return Object.entries(statuses)
    .filter(([type, status]) => status.startsWith('STALE') || status === 'ERROR' || (status === 'NOT SENT' && (type === 'CDS' || type === 'LDS')))
    .map(([type, status]) => `${type} ${status}`);
}

function proxyCauses(facts: DiagnosisFacts): Cause[] {
  const causes: Cause[] = [];
  for (const cluster of facts.clusters) {
    for (const proxy of cluster.proxies ?? []) {
      const states = unsynced(proxy.statuses);
      if (states.length === 0) continue;
      const [pod = proxy.name, namespace = 'default'] = proxy.name.split('.');
      causes.push({
        kind: 'proxy-not-synced',
        title: `Proxy ${proxy.name} on ${cluster.context} is not in step with istiod (${states.join(', ')})`,
        next: `wait a few seconds and run the step again; if it stays so: kubectl --context ${cluster.context} -n ${namespace} delete pod ${pod}   (its Deployment starts a fresh one)`,
      });
    }
  }
  return causes;
}

function analyzeCauses(facts: DiagnosisFacts): Cause[] {
  const messages = facts.clusters.flatMap((cluster) => cluster.analyze.filter((message) => message.level !== 'Info').map((message) => ({ cluster, message })));
  // Errors before warnings, each once (the same message for two namespaces is one).
  messages.sort((a, b) => Number(a.message.level !== 'Error') - Number(b.message.level !== 'Error'));
  const seen = new Set<string>();
  return messages.flatMap(({ cluster, message }) => {
    const key = `${cluster.context} ${message.code} ${message.origin ?? ''} ${message.message}`;
    if (seen.has(key)) return [];
    seen.add(key);
    return [{
      kind: 'analyze' as const,
      title: `istioctl analyze on ${cluster.context}: ${message.level} [${message.code}]${message.origin ? ` (${message.origin})` : ''} ${oneLine(message.message, 300)}`,
      next: `https://istio.io/latest/docs/reference/config/analysis/${message.code.toLowerCase()}/`,
    }];
  });
}

function eventCauses(facts: DiagnosisFacts, explained: ReadonlySet<string>): Cause[] {
  const causes: Cause[] = [];
  for (const cluster of facts.clusters) {
    for (const event of cluster.events) {
      if (!EVENT_REASONS.has(event.reason) || explained.has(`${cluster.context} ${event.namespace} ${event.object}`)) continue;
      // The scheduler's memory and CPU messages have their own cause.
      if (event.reason === 'FailedScheduling' && /Insufficient (?:memory|cpu)/i.test(event.message)) continue;
      const [kind = '', name = ''] = event.object.split('/');
      causes.push({
        kind: 'warning-event',
        title: `${event.reason} on ${event.object} in ${where(cluster, event.namespace)}${event.count > 1 ? ` (${event.count} times)` : ''}`,
        ...(event.message ? { detail: oneLine(event.message) } : {}),
        next: `kubectl --context ${cluster.context} -n ${event.namespace} describe ${kind.toLowerCase()} ${name}`,
      });
    }
  }
  return causes;
}

/** The objects other rules already explain (a pod whose image or scheduling has a cause), so events about them are not repeated. */
function explainedObjects(facts: DiagnosisFacts): Set<string> {
  const explained = new Set<string>();
  for (const { cluster, pod } of podsOf(facts)) {
    const pulled = pod.containers.some((container) => container.waiting && (PULL_REASONS.has(container.waiting.reason) || container.waiting.reason === 'CrashLoopBackOff'));
    if (pulled || (pod.unschedulable && /Insufficient (?:memory|cpu)/i.test(pod.unschedulable))) explained.add(`${cluster.context} ${pod.namespace} Pod/${pod.name}`);
  }
  return explained;
}

/** Every likely cause the facts show, ranked, at most MAX_CAUSES. */
export function likelyCauses(facts: DiagnosisFacts): Cause[] {
  const all = [
    ...engineCauses(facts),
    ...toolCauses(facts),
    ...clusterStateCauses(facts),
    ...resourceCauses(facts),
    ...imagePullCauses(facts),
    ...crashLoopCauses(facts),
    ...istiodCauses(facts),
    ...loadBalancerCauses(facts),
    ...sidecarCauses(facts),
    ...proxyCauses(facts),
    ...analyzeCauses(facts),
    ...eventCauses(facts, explainedObjects(facts)),
  ];
  // A stable sort: within a kind, the order the clusters and pods were read in.
  return all.map((cause, index) => ({ cause, index })).sort((a, b) => RANK.indexOf(a.cause.kind) - RANK.indexOf(b.cause.kind) || a.index - b.index).slice(0, MAX_CAUSES).map(({ cause }) => cause);
}

/** What is worth reading once the first facts are in: a crashed container's last lines, the LoadBalancer provider. */
export type FollowUp = { kind: 'logs'; role: string; context: string; namespace: string; pod: string; container: string } | { kind: 'load-balancer' };

/** At most this many containers' logs are read: each is a command, and the first ones tell the most. */
const MAX_LOGS = 3;

export function followUps(facts: DiagnosisFacts): FollowUp[] {
  const logs: FollowUp[] = podsOf(facts)
    .flatMap(({ cluster, pod }) => pod.containers.filter((container) => container.waiting?.reason === 'CrashLoopBackOff').map((container) => ({ kind: 'logs' as const, role: cluster.role, context: cluster.context, namespace: pod.namespace, pod: pod.name, container: container.name })))
    .slice(0, MAX_LOGS);
  const needsProvider = facts.engine?.reachable !== false && facts.clusters.some((cluster) => isKind(cluster.context) && (cluster.services ?? []).some((service) => service.addresses.length === 0));
  return [...logs, ...(needsProvider ? [{ kind: 'load-balancer' as const }] : [])];
}
