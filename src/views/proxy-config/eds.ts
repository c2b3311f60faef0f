/**
 * The endpoints Envoy got by EDS, from the config dump's EndpointsConfigDump (hidden `istioctl pc eds`, and
 * the ENDPOINTS part of `pc all`): one row per endpoint with its health, locality and cluster.
 */
import { at, field, isObject, list, loadAssignmentsOf, text, type Json, type JsonObject } from './dump.js';
import { sortByClusterName } from './clusters.js';

export interface EndpointFilter {
  /** `addr:port` (or a pipe path), any of the endpoint's addresses, case-insensitive. */
  address?: string;
  port?: number;
  cluster?: string;
  /** HEALTHY, UNHEALTHY, DRAINING, TIMEOUT, DEGRADED or UNKNOWN, case-insensitive. */
  status?: string;
}

/** `addr:port`, a pipe's path, or `envoy://listener/id` for an internal address. */
function describeAddress(address: Json | undefined): string {
  const socket = field(address, 'socket_address');
  if (isObject(socket)) {
    const port = field(socket, 'port_value');
    return `${text(field(socket, 'address'))}:${typeof port === 'number' ? port : 0}`;
  }
  const pipe = field(address, 'pipe');
  if (isObject(pipe)) return text(field(pipe, 'path'));
  const internal = field(address, 'envoy_internal_address');
  const listener = field(internal, 'server_listener_name');
  if (typeof listener === 'string') return `envoy://${listener}/${text(field(internal, 'endpoint_id'))}`;
  return 'unknown';
}

export function endpointAddresses(lbEndpoint: Json): string[] {
  const endpoint = field(lbEndpoint, 'endpoint');
  return [field(endpoint, 'address'), ...list(field(endpoint, 'additional_addresses')).map((extra) => field(extra, 'address'))].map(describeAddress);
}

function endpointPort(lbEndpoint: Json): number {
  const port = at(lbEndpoint, 'endpoint', 'address', 'socket_address', 'port_value');
  return typeof port === 'number' ? port : 0;
}

export function endpointStatus(lbEndpoint: Json): string {
  return text(field(lbEndpoint, 'health_status')) || 'UNKNOWN';
}

function keep(lbEndpoint: Json, cluster: string, filter: EndpointFilter): boolean {
  if (filter.address && !endpointAddresses(lbEndpoint).some((address) => address.toLowerCase() === filter.address?.toLowerCase())) return false;
  if (filter.port && endpointPort(lbEndpoint) !== filter.port) return false;
  if (filter.cluster && cluster.toLowerCase() !== filter.cluster.toLowerCase()) return false;
  if (filter.status && endpointStatus(lbEndpoint).toLowerCase() !== filter.status.toLowerCase()) return false;
  return true;
}

/**
 * The load assignments with only the endpoints the filter keeps; an assignment left with none is
 * dropped; sorted as clusters are. A dump without EDS gives none.
 */
export function selectLoadAssignments(dump: JsonObject, filter: EndpointFilter = {}): JsonObject[] {
  const kept = loadAssignmentsOf(dump).flatMap((assignment) => {
    const cluster = text(field(assignment, 'cluster_name'));
    let count = 0;
    const endpoints = list(field(assignment, 'endpoints')).map((locality) => {
      if (!isObject(locality)) return locality;
      const lbEndpoints = list(field(locality, 'lb_endpoints')).filter((lbEndpoint) => keep(lbEndpoint, cluster, filter));
      count += lbEndpoints.length;
      const key = 'lb_endpoints' in locality ? 'lb_endpoints' : 'lbEndpoints';
      return { ...locality, [key]: lbEndpoints };
    });
    if (count === 0) return [];
    return [{ ...assignment, endpoints }];
  });
  return sortByClusterName(kept, (assignment) => text(field(assignment, 'cluster_name')));
}

/** `region/zone/sub_zone` as pilot's LocalityToString writes it: a part only when the one before is there. */
export function localityText(locality: Json | undefined): string {
  const region = text(field(locality, 'region'));
  const zone = text(field(locality, 'zone'));
  const subZone = text(field(locality, 'sub_zone'));
  if (!zone) return region;
  return subZone ? `${region}/${zone}/${subZone}` : `${region}/${zone}`;
}

/** Header and rows; `configType` (for `all`) names each endpoint `endpoint/<address>`. */
export function endpointConfigRows(dump: JsonObject, filter: EndpointFilter = {}, configType = false): string[][] {
  const rows: string[][] = [['NAME', 'STATUS', 'LOCALITY', 'CLUSTER']];
  for (const assignment of selectLoadAssignments(dump, filter)) {
    const cluster = text(field(assignment, 'cluster_name'));
    for (const locality of list(field(assignment, 'endpoints'))) {
      for (const lbEndpoint of list(field(locality, 'lb_endpoints'))) {
        const name = endpointAddresses(lbEndpoint).join(',');
        rows.push([configType ? `endpoint/${name}` : name, endpointStatus(lbEndpoint), localityText(field(locality, 'locality')), cluster]);
      }
    }
  }
  return rows;
}
