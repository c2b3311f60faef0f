/**
 * The diagnosis's reading of what kubectl, istioctl and docker print, into facts (facts.ts). Pure, and
 * forgiving: output of another shape gives no fact rather than an error (the diagnosis must never fail a
 * run). Text from a cluster is shown to the learner, so escape sequences and controls are removed here.
 */
import { plainText } from '../terminal-text.js';
import type { AnalyzeFact, ContainerFact, EventFact, IstiodFact, NamespaceFact, PodFact, ProxyFact, ServiceFact } from './facts.js';

type Json = Record<string, unknown>;

function object(value: unknown): Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {};
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function text(value: unknown): string {
  return typeof value === 'string' ? clean(value) : '';
}

function number(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** Cluster text as one clean line (or lines): no escape sequences or controls, no trailing space. */
export function clean(value: string): string {
  return plainText(value).replace(/\r/g, '').trimEnd();
}

function parseJson(output: string): Json | undefined {
  try {
    const parsed: unknown = JSON.parse(output);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Json) : undefined;
  } catch {
    return undefined;
  }
}

/** The items of a `kubectl get … -o json` list, or undefined when the output is not one. */
function items(output: string): Json[] | undefined {
  const parsed = parseJson(output);
  if (!parsed || !Array.isArray(parsed.items)) return undefined;
  return parsed.items.map(object);
}

function containerFacts(spec: Json, status: Json, init: boolean): ContainerFact[] {
  const statuses = new Map(list(status[init ? 'initContainerStatuses' : 'containerStatuses']).map((entry) => [text(object(entry).name), object(entry)]));
  return list(spec[init ? 'initContainers' : 'containers']).map((entry) => {
    const container = object(entry);
    const name = text(container.name);
    const state = statuses.get(name) ?? {};
    const waiting = object(object(state.state).waiting);
    const terminated = object(object(state.lastState).terminated);
    const exitCode = number(terminated.exitCode);
    return {
      name,
      init,
      image: text(container.image) || text(state.image),
      ready: state.ready === true,
      restarts: number(state.restartCount) ?? 0,
      ...(text(waiting.reason) ? { waiting: { reason: text(waiting.reason), ...(text(waiting.message) ? { message: text(waiting.message) } : {}) } } : {}),
      ...(exitCode === undefined ? {} : { lastExit: { exitCode, ...(text(terminated.reason) ? { reason: text(terminated.reason) } : {}) } }),
    };
  });
}

/** `kubectl get pods -o json`. */
export function parsePods(output: string): PodFact[] | undefined {
  return items(output)?.map((pod) => {
    const metadata = object(pod.metadata);
    const spec = object(pod.spec);
    const status = object(pod.status);
    const containers = [...containerFacts(spec, status, true), ...containerFacts(spec, status, false)];
    const scheduled = list(status.conditions).map(object).find((condition) => condition.type === 'PodScheduled');
    const marks = { ...object(metadata.labels), ...object(metadata.annotations) };
    return {
      namespace: text(metadata.namespace),
      name: text(metadata.name),
      phase: text(status.phase) || 'Unknown',
      containers,
      ...(scheduled && scheduled.status === 'False' && text(scheduled.message) ? { unschedulable: text(scheduled.message) } : {}),
      hasSidecar: containers.some((container) => container.name === 'istio-proxy'),
      injectionOff: marks['sidecar.istio.io/inject'] === 'false',
    };
  });
}

/** `kubectl get events --field-selector type=Warning -o json` (core/v1 Events). */
export function parseEvents(output: string): EventFact[] | undefined {
  return items(output)?.map((event) => {
    const involved = object(event.involvedObject);
    const series = object(event.series);
    return {
      namespace: text(object(event.metadata).namespace) || text(involved.namespace),
      reason: text(event.reason),
      message: text(event.message),
      object: `${text(involved.kind)}/${text(involved.name)}`,
      count: number(series.count) ?? number(event.count) ?? 1,
    };
  });
}

/** `kubectl get ns X -o json`; a NotFound (stderr) is a namespace that does not exist. */
export function parseNamespace(name: string, output: string, stderr = ''): NamespaceFact | undefined {
  if (/\(NotFound\)/.test(stderr)) return { name, exists: false, labels: {} };
  const parsed = parseJson(output);
  if (!parsed) return undefined;
  const labels = Object.fromEntries(Object.entries(object(object(parsed.metadata).labels)).filter(([, value]) => typeof value === 'string').map(([key, value]) => [clean(key), clean(value as string)]));
  return { name, exists: true, labels };
}

/** `kubectl get svc -A -o json`: the LoadBalancer Services and the addresses their status holds. */
export function parseLoadBalancers(output: string): ServiceFact[] | undefined {
  return items(output)
    ?.filter((service) => object(service.spec).type === 'LoadBalancer')
    .map((service) => {
      const metadata = object(service.metadata);
      const ingress = list(object(object(service.status).loadBalancer).ingress).map(object);
      return { namespace: text(metadata.namespace), name: text(metadata.name), addresses: ingress.map((entry) => text(entry.ip) || text(entry.hostname)).filter(Boolean) };
    });
}

/** `kubectl -n istio-system get deploy istiod -o json`; NotFound: Istio is not installed there. */
export function parseIstiod(output: string, stderr = ''): IstiodFact | undefined {
  if (/\(NotFound\)/.test(stderr)) return { found: false };
  const parsed = parseJson(output);
  if (!parsed) return undefined;
  const status = object(parsed.status);
  return { found: true, replicas: number(object(parsed.spec).replicas) ?? 1, available: number(status.availableReplicas) ?? 0 };
}

/** The xDS short types istioctl prints as columns. */
const XDS_COLUMNS = new Set(['CDS', 'LDS', 'EDS', 'RDS', 'ECDS', 'SDS', 'NDS', 'PCDS', 'WDS', 'WADS']);

/**
 * `istioctl proxy-status -v 1` (one column per xDS type, 1.27+), or the ≤ 1.26 table of the same columns:
 * each proxy with the state of each type. Columns are found by the header (tabwriter pads cells with at
 * least two spaces; a state has at most one: `NOT SENT`, `SYNCED (5m)`). The ≥ 1.27 default table
 * (SUBSCRIBED TYPES) has no states: no proxies are read from it.
 */
export function parseProxyStatus(output: string): ProxyFact[] | undefined {
  const lines = clean(output).split('\n').filter((line) => line.trim() !== '');
  const header = lines[0]?.trim().split(/\s{2,}/);
  if (!header || !['NAME', 'PROXY'].includes(header[0] ?? '')) return undefined;
  const columns = header.map((name, index) => ({ name, index })).filter((column) => XDS_COLUMNS.has(column.name));
  return lines.slice(1).map((line) => {
    const cells = line.trim().split(/\s{2,}/);
    const statuses = Object.fromEntries(columns.map(({ name, index }) => [name, (cells[index] ?? '').replace(/\s*\(.*\)$/, '')]));
    return { name: cells[0] ?? '', statuses };
  });
}

const ANALYZE_LINE = /^(Error|Warning|Info) \[(IST\d{4})\](?: \[cluster-[^\]]*\])?(?: \(([^)]*)\))? (.*)$/;

/** `istioctl analyze` text: one message per line, `Level [ISTnnnn] (Kind name [file:line]) text`. */
export function parseAnalyze(output: string): AnalyzeFact[] {
  const facts: AnalyzeFact[] = [];
  for (const line of clean(output).split('\n')) {
    const match = ANALYZE_LINE.exec(line.trim());
    if (!match) continue;
    const [, level, code = '', origin, message = ''] = match;
    facts.push({ level: level as AnalyzeFact['level'], code, ...(origin ? { origin } : {}), message });
  }
  return facts;
}

/** `docker inspect -f '{{.State.Status}}' NAME`: running, or another state; a missing container is its own answer. */
export function parseContainerState(stdout: string, stderr: string, code: number | null): { state: 'running' | 'stopped' | 'missing'; detail?: string } | undefined {
  if (code !== 0) return /no such (?:object|container)/i.test(stderr) ? { state: 'missing' } : undefined;
  const status = clean(stdout).trim();
  return status === 'running' ? { state: 'running' } : { state: 'stopped', detail: status };
}
