/**
 * `istioctl proxy-config endpoints`: reads Envoy's `/clusters?format=json` (not the config dump), one
 * row per host of each cluster with its EDS health and outlier-detection verdict.
 */
import { at, field, isObject, list, parseDump, ProxyConfigError, text, type Json, type JsonObject } from './dump.js';
import { goSortSlice } from './go-sort.js';
import { protoArrayOutput, type MessageFormat } from './json-output.js';
import { tabwrite } from './tabwriter.js';

export interface EndpointFilter {
  /** `--address`: the host address without its port (`unix://…` for a pipe), any case. */
  address?: string;
  /** `--port`: exact; 0 or absent means any. */
  port?: number;
  /** `--cluster`: the cluster name, any case. */
  cluster?: string;
  /** `--status`: the EDS health status name, any case. */
  status?: string;
}

/** The `/clusters?format=json` body, with istioctl's wording when it is not JSON. */
export function parseClusters(source: string): JsonObject {
  try {
    return parseDump(source, 'the /clusters output');
  } catch (error) {
    throw new ProxyConfigError(`error unmarshalling config dump response from Envoy: ${(error as Error).message}`);
  }
}

function clusterStatuses(clusters: JsonObject): JsonObject[] {
  return list(field(clusters, 'cluster_statuses')).filter(isObject);
}

/**
 * The host's address without port: socket address, `unix://<path>` for a pipe, `envoy://<listener>/<id>`
 * for an internal one, else `unknown`. (EDS names addresses differently: `addr:port`, a bare pipe path.)
 */
function hostAddress(host: Json): string {
  const address = field(host, 'address');
  const socket = field(address, 'socket_address');
  if (isObject(socket)) return text(field(socket, 'address'));
  const pipe = field(address, 'pipe');
  if (isObject(pipe)) return `unix://${text(field(pipe, 'path'))}`;
  const internal = field(address, 'envoy_internal_address');
  const listener = field(internal, 'server_listener_name');
  return typeof listener === 'string' ? `envoy://${listener}/${text(field(internal, 'endpoint_id'))}` : 'unknown';
}

function hostPort(host: Json): number {
  return Number(field(field(field(host, 'address'), 'socket_address'), 'port_value') ?? 0);
}

/** The EDS health status name; absent is proto's zero value, UNKNOWN. */
function hostStatus(host: Json): string {
  return text(at(host, 'health_status', 'eds_health_status')) || 'UNKNOWN';
}

/** Go's strings.EqualFold, near enough: the filters compare names in any case. */
function equalFold(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

function matches(host: Json, clusterName: string, filter: EndpointFilter): boolean {
  if (filter.address && !equalFold(hostAddress(host), filter.address)) return false;
  if (filter.port && hostPort(host) !== filter.port) return false;
  if (filter.cluster && !equalFold(clusterName, filter.cluster)) return false;
  if (filter.status && !equalFold(hostStatus(host), filter.status)) return false;
  return true;
}

/** Header and rows, sorted by address, port, then cluster. */
export function endpointRows(clusters: JsonObject, filter: EndpointFilter = {}): string[][] {
  const hosts: { address: string; port: number; cluster: string; status: string; outlier: boolean }[] = [];
  for (const status of clusterStatuses(clusters)) {
    const cluster = text(field(status, 'name'));
    for (const host of list(field(status, 'host_statuses'))) {
      if (!matches(host, cluster, filter)) continue;
      const outlier = field(field(host, 'health_status'), 'failed_outlier_check') === true;
      hosts.push({ address: hostAddress(host), port: hostPort(host), cluster, status: hostStatus(host), outlier });
    }
  }
  const sorted = goSortSlice(hosts, (a, b) => {
    if (a.address !== b.address) return a.address < b.address;
    if (a.port !== b.port) return a.port < b.port;
    return a.cluster < b.cluster;
  });
  return [
    ['ENDPOINT', 'STATUS', 'OUTLIER CHECK', 'CLUSTER'],
    ...sorted.map((host) => [host.port !== 0 ? `${host.address}:${host.port}` : host.address, host.status, host.outlier ? 'FAILED' : 'OK', host.cluster]),
  ];
}

/** For `-o json|yaml`: every ClusterStatus with at least one matching host, whole and in Envoy's order. */
export function selectClusterStatuses(clusters: JsonObject, filter: EndpointFilter = {}): JsonObject[] {
  return clusterStatuses(clusters).filter((status) => list(field(status, 'host_statuses')).some((host) => matches(host, text(field(status, 'name')), filter)));
}

/** What `istioctl proxy-config endpoints -o <format>` prints. */
export function endpointsOutput(clusters: JsonObject, filter: EndpointFilter = {}, format: 'short' | MessageFormat = 'short'): string {
  return format === 'short' ? tabwrite(endpointRows(clusters, filter), 5) : protoArrayOutput(selectClusterStatuses(clusters, filter), format);
}
