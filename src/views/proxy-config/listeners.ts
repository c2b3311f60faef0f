/** `istioctl proxy-config listeners`: one row per filter chain (verbose, the default), or per listener with its type. */
import { at, field, list, listenersOf, ProxyConfigError, text, type Json, type JsonObject } from './dump.js';
import { goSortSlice } from './go-sort.js';
import { describeMatch } from './routes.js';

export interface ListenerFilter {
  address?: string;
  port?: number;
  type?: string;
  verbose?: boolean;
}

const HTTP_FILTER = 'envoy.filters.network.http_connection_manager';
const TCP_FILTER = 'envoy.filters.network.tcp_proxy';

/** ALPN lists istioctl names; any other list is printed as it is. */
const KNOWN_ALPNS: [string, string[]][] = [
  ['App: HTTP TLS', ['http/1.0', 'http/1.1', 'h2c', 'istio-http/1.0', 'istio-http/1.1', 'istio-h2']],
  ['App: Istio HTTP Plain', ['istio', 'istio-http/1.0', 'istio-http/1.1', 'istio-h2']],
  ['App: TCP TLS', ['istio-peer-exchange', 'istio']],
  ['App: HTTP', ['http/1.0', 'http/1.1', 'h2c']],
];

function chainsOf(listener: JsonObject): Json[] {
  const chains = [...list(field(listener, 'filter_chains'))];
  const fallback = field(listener, 'default_filter_chain');
  if (fallback !== undefined && fallback !== null) chains.push(fallback);
  return chains;
}

function filtersOf(chain: Json): Json[] {
  return list(field(chain, 'filters'));
}

/** istioctl looks for the name in the filter's serialised config; the JSON holds the same strings. */
function isBlackhole(filter: Json): boolean {
  return JSON.stringify(field(filter, 'typed_config') ?? null).includes('BlackHoleCluster');
}

export function listenerType(listener: JsonObject): string {
  let http = 0;
  let tcp = 0;
  for (const chain of chainsOf(listener)) {
    for (const filter of filtersOf(chain)) {
      const name = text(field(filter, 'name'));
      if (name === HTTP_FILTER) http++;
      else if (name === TCP_FILTER && !isBlackhole(filter)) tcp++;
    }
  }
  if (http > 0) return tcp === 0 ? 'HTTP' : 'HTTP+TCP';
  return tcp > 0 ? 'TCP' : 'UNKNOWN';
}

export function listenerAddress(listener: JsonObject): string {
  const socket = at(listener, 'address', 'socket_address');
  if (socket !== undefined && socket !== null) return text(field(socket, 'address'));
  const pipe = at(listener, 'address', 'pipe');
  return pipe !== undefined && pipe !== null ? text(field(pipe, 'path')) : '';
}

function additionalAddresses(listener: JsonObject): string[] {
  return list(field(listener, 'additional_addresses')).map((extra) => text(at(extra, 'address', 'socket_address', 'address')));
}

export function listenerPort(listener: JsonObject): number {
  const port = at(listener, 'address', 'socket_address', 'port_value');
  return typeof port === 'number' ? port : 0;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}

/** A filter chain's match: SNI, transport, ALPN, destination addresses and port; ALL when none. */
export function describeChainMatch(match: Json | undefined): string {
  const parts: string[] = [];
  const names = list(field(match, 'server_names')).map((value) => text(value));
  if (names.length > 0) parts.push(`SNI: ${names.join(',')}`);
  const transport = text(field(match, 'transport_protocol'));
  if (transport) parts.push(`Trans: ${transport}`);
  const alpns = list(field(match, 'application_protocols')).map((value) => text(value));
  if (alpns.length > 0) parts.push(KNOWN_ALPNS.find(([, known]) => sameList(alpns, known))?.[0] ?? `App: ${alpns.join(',')}`);
  const destination = field(match, 'destination_port');
  // A wrapped uint32: protojson writes the bare number, Envoy's dump may write {"value": n}.
  const portValue = typeof destination === 'number' ? destination : destination === undefined || destination === null ? undefined : (field(destination, 'value') as number | undefined) ?? 0;
  const port = portValue === undefined ? '' : `:${portValue}`;
  const ranges = list(field(match, 'prefix_ranges'));
  if (ranges.length > 0) {
    const prefixes = ranges.map((range) => {
      const length = field(range, 'prefix_len');
      const bits = typeof length === 'number' ? length : typeof field(length, 'value') === 'number' ? (field(length, 'value') as number) : 0;
      return `${text(field(range, 'address_prefix'))}/${bits}`;
    });
    parts.push(`Addr: ${prefixes.join(',')}${port}`);
  } else if (port) parts.push(`Addr: *${port}`);
  return parts.length === 0 ? 'ALL' : parts.join('; ');
}

function clusterLabel(cluster: string): string {
  return cluster.includes('Cluster') ? cluster : `Cluster: ${cluster}`;
}

/** An inline route config: one catch-all route to a cluster prints the cluster, else each host's matches. */
function describeInlineRoutes(config: Json): string {
  const vhosts = list(field(config, 'virtual_hosts'));
  const only = vhosts[0];
  const routes = list(field(only, 'routes'));
  const domains = list(field(only, 'domains')).map((value) => text(value));
  const cluster = text(at(routes[0], 'route', 'cluster'));
  if (vhosts.length === 1 && sameList(domains, ['*']) && routes.length === 1 && text(at(routes[0], 'match', 'prefix')) === '/' && cluster) return clusterLabel(cluster);
  const described = vhosts.map((vhost) => {
    const hostDomains = list(field(vhost, 'domains')).map((value) => text(value));
    const matchesText = list(field(vhost, 'routes'))
      .map((route) => describeMatch(field(route, 'match')))
      .join(', ');
    const domainText = sameList(hostDomains, ['*']) ? '' : hostDomains.join('/');
    return domainText === '' ? matchesText : `${domainText} ${matchesText}`;
  });
  return `Inline Route: ${described.join('; ')}`;
}

/** Where a chain sends traffic: the first HTTP manager's routes, or the first non-blackhole TCP proxy's cluster. */
export function chainDestination(chain: Json): string {
  for (const filter of filtersOf(chain)) {
    const name = text(field(filter, 'name'));
    if (name === HTTP_FILTER) {
      const config = field(filter, 'typed_config');
      const inline = field(config, 'route_config');
      if (inline !== undefined && inline !== null) return describeInlineRoutes(inline);
      const rds = text(at(config, 'rds', 'route_config_name'));
      return rds ? `Route: ${rds}` : 'HTTP';
    }
    if (name === TCP_FILTER && !isBlackhole(filter)) return clusterLabel(text(at(filter, 'typed_config', 'cluster')));
  }
  return 'Non-HTTP/Non-TCP';
}

function matchesFilter(listener: JsonObject, filter: ListenerFilter): boolean {
  if (filter.address) {
    const wanted = filter.address.toLowerCase();
    if (![...additionalAddresses(listener), listenerAddress(listener)].some((address) => address.toLowerCase() === wanted)) return false;
  }
  if (filter.port && listenerPort(listener) !== filter.port) return false;
  if (filter.type && listenerType(listener).toLowerCase() !== filter.type.toLowerCase()) return false;
  return true;
}

export function selectListeners(dump: JsonObject, filter: ListenerFilter = {}): JsonObject[] {
  const listeners = listenersOf(dump);
  if (listeners.length === 0) throw new ProxyConfigError('no listeners found');
  return listeners.filter((listener) => matchesFilter(listener, filter));
}

/** Header and rows; `configType` (for `all`) adds the `listener/<name>` NAME column. */
export function listenerRows(dump: JsonObject, filter: ListenerFilter = {}, configType = false): string[][] {
  const verbose = filter.verbose ?? true;
  const header = ['ADDRESSES', 'PORT', ...(verbose ? ['MATCH', 'DESTINATION'] : ['TYPE'])];
  const rows: string[][] = [configType ? ['NAME', ...header] : header];
  const listeners = goSortSlice(selectListeners(dump, filter), (a, b) => {
    if (listenerPort(a) !== listenerPort(b)) return listenerPort(a) < listenerPort(b);
    if (listenerAddress(a) !== listenerAddress(b)) return listenerAddress(a) < listenerAddress(b);
    return listenerType(a) < listenerType(b);
  });
  for (const listener of listeners) {
    const addresses = [listenerAddress(listener), ...additionalAddresses(listener)].join(',');
    const port = String(listenerPort(listener));
    const name = configType ? [`listener/${text(field(listener, 'name'))}`] : [];
    if (!verbose) {
      rows.push([...name, addresses, port, listenerType(listener)]);
      continue;
    }
    const chains = chainsOf(listener).map((chain) => ({ match: describeChainMatch(field(chain, 'filter_chain_match')), destination: chainDestination(chain) }));
    for (const chain of goSortSlice(chains, (a, b) => a.destination > b.destination)) rows.push([...name, addresses, port, chain.match, chain.destination]);
  }
  return rows;
}
