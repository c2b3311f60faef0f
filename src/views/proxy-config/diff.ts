/**
 * What changed between two config dumps, in sentences a learner can follow: route configs, virtual hosts
 * and routes (with their destinations and weights), clusters, listeners (by what their chains do) and
 * endpoints (grouped by locality). Used for `view: proxy-config/diff` (a snapshot before and after a
 * step) and `mesh-workshop proxy-config diff --before A --after B`.
 */
import { at, field, findSection, isObject, list, text, type Json, type JsonObject } from './dump.js';
import { clustersOf, listenersOf, loadAssignmentsOf, routeConfigsOf } from './dump.js';
import { endpointAddresses, endpointStatus, localityText } from './eds.js';
import { istioConfigName } from './istio-metadata.js';
import { chainDestination, describeChainMatch, listenerAddress, listenerPort } from './listeners.js';
import { describeMatch } from './routes.js';

export interface DiffSection {
  kind: 'routes' | 'clusters' | 'listeners' | 'endpoints';
  changes: string[];
}

/** Where a route sends traffic: a cluster, weighted clusters with their share, a redirect or a fixed answer. */
export function routeDestination(route: Json): string {
  const action = field(route, 'route');
  if (isObject(action)) {
    const cluster = text(field(action, 'cluster'));
    if (cluster) return cluster;
    const weighted = list(at(action, 'weighted_clusters', 'clusters'));
    if (weighted.length > 0) {
      const weights = weighted.map((entry) => {
        const weight = field(entry, 'weight');
        return typeof weight === 'number' ? weight : typeof field(weight, 'value') === 'number' ? (field(weight, 'value') as number) : 0;
      });
      const total = weights.reduce((sum, weight) => sum + weight, 0) || 1;
      return weighted.map((entry, index) => `${text(field(entry, 'name'))} ${Math.round(((weights[index] ?? 0) * 100) / total)}%`).join(', ');
    }
    const header = text(field(action, 'cluster_header'));
    if (header) return `the cluster named in header ${header}`;
  }
  const direct = field(route, 'direct_response');
  if (isObject(direct)) return `a fixed ${text(field(direct, 'status')) || String(field(direct, 'status') ?? '')} answer`;
  if (isObject(field(route, 'redirect'))) return 'a redirect';
  return 'nowhere';
}

function byKey<T>(items: readonly T[], key: (item: T) => string): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of items) map.set(key(item), item);
  return map;
}

function safely<T>(read: () => T, fallback: T): T {
  try {
    return read();
  } catch {
    return fallback;
  }
}

function servedBy(vhost: Json | undefined): string {
  const services = [...new Set(list(field(vhost, 'routes')).map((route) => istioConfigName(route)).filter((name) => name && name !== '<unknown>'))];
  return services.length > 0 ? `, served by VirtualService ${services.join(', ')}` : '';
}

function vhostRoutes(vhost: Json): Map<string, string> {
  const routes = new Map<string, string>();
  for (const route of list(field(vhost, 'routes'))) routes.set(describeMatch(field(route, 'match')) || '(any request)', routeDestination(route));
  return routes;
}

function diffVirtualHosts(config: string, before: Json, after: Json): string[] {
  const changes: string[] = [];
  const beforeHosts = byKey(list(field(before, 'virtual_hosts')), (vhost) => text(field(vhost, 'name')));
  const afterHosts = byKey(list(field(after, 'virtual_hosts')), (vhost) => text(field(vhost, 'name')));
  const removed = [...beforeHosts.keys()].filter((name) => !afterHosts.has(name));
  const added = [...afterHosts.keys()].filter((name) => !beforeHosts.has(name));
  if (removed.length === 1 && added.length === 1) {
    changes.push(`route ${config}: virtual host ${removed[0] ?? ''} replaced by ${added[0] ?? ''}${servedBy(afterHosts.get(added[0] ?? ''))}`);
  } else {
    for (const name of removed) changes.push(`route ${config}: virtual host ${name} removed`);
    for (const name of added) changes.push(`route ${config}: virtual host ${name} added${servedBy(afterHosts.get(name))}`);
  }
  for (const [name, vhost] of afterHosts) {
    const old = beforeHosts.get(name);
    if (old === undefined) continue;
    const was = vhostRoutes(old);
    const now = vhostRoutes(vhost);
    for (const [match, destination] of now) {
      const previous = was.get(match);
      if (previous === undefined) changes.push(`route ${config}, virtual host ${name}: new route ${match} → ${destination}`);
      else if (previous !== destination) changes.push(`route ${config}, virtual host ${name}: ${match} now goes to ${destination} (was ${previous})`);
    }
    for (const [match, destination] of was) if (!now.has(match)) changes.push(`route ${config}, virtual host ${name}: route ${match} → ${destination} removed`);
  }
  return changes;
}

function diffRoutes(before: JsonObject, after: JsonObject): string[] {
  // Unnamed (static) route configs are Envoy's own admin routes; only named ones can be told apart.
  const named = (dump: JsonObject) => byKey(safely(() => routeConfigsOf(dump), []).filter((config) => text(field(config, 'name'))), (config) => text(field(config, 'name')));
  const was = named(before);
  const now = named(after);
  const changes: string[] = [];
  for (const [name, config] of now) {
    const old = was.get(name);
    const hosts = list(field(config, 'virtual_hosts')).map((vhost) => text(field(vhost, 'name')));
    if (old === undefined) changes.push(`route ${name} added, with virtual host${hosts.length === 1 ? '' : 's'} ${hosts.join(', ') || '(none)'}`);
    else changes.push(...diffVirtualHosts(name, old, config));
  }
  for (const name of was.keys()) if (!now.has(name)) changes.push(`route ${name} removed`);
  return changes;
}

/** Top-level fields whose content differs, minus the ones that change on every push. */
function changedFields(before: JsonObject, after: JsonObject): string[] {
  const volatile = new Set(['last_updated', 'lastUpdated', 'version_info', 'versionInfo']);
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((key) => !volatile.has(key) && JSON.stringify(before[key]) !== JSON.stringify(after[key]));
}

function clusterNote(cluster: JsonObject): string {
  const rule = istioConfigName(cluster);
  return rule ? ` (DestinationRule ${rule})` : '';
}

function diffClusters(before: JsonObject, after: JsonObject): string[] {
  const was = byKey(safely(() => clustersOf(before), []), (cluster) => text(field(cluster, 'name')));
  const now = byKey(safely(() => clustersOf(after), []), (cluster) => text(field(cluster, 'name')));
  const changes: string[] = [];
  for (const [name, cluster] of now) {
    const old = was.get(name);
    if (old === undefined) changes.push(`cluster ${name} added${clusterNote(cluster)}`);
    else {
      const fields = changedFields(old, cluster);
      if (fields.length > 0) changes.push(`cluster ${name} changed: ${fields.join(', ')}`);
    }
  }
  for (const [name, cluster] of was) if (!now.has(name)) changes.push(`cluster ${name} removed${clusterNote(cluster)}`);
  return changes;
}

function listenerKey(listener: JsonObject): string {
  return text(field(listener, 'name')) || `${listenerAddress(listener)}:${listenerPort(listener)}`;
}

function chainSummary(listener: JsonObject): Map<string, string> {
  const chains = new Map<string, string>();
  const all = [...list(field(listener, 'filter_chains')), ...(isObject(field(listener, 'default_filter_chain')) ? [field(listener, 'default_filter_chain') as Json] : [])];
  // Chains are told apart by name where Istio names them (several can share a match, e.g. ALL).
  for (const chain of all) chains.set(text(field(chain, 'name')) || describeChainMatch(field(chain, 'filter_chain_match')), chainDestination(chain));
  return chains;
}

function diffListeners(before: JsonObject, after: JsonObject): string[] {
  const was = byKey(safely(() => listenersOf(before), []), listenerKey);
  const now = byKey(safely(() => listenersOf(after), []), listenerKey);
  const changes: string[] = [];
  for (const [name, listener] of now) {
    const old = was.get(name);
    const where = `${listenerAddress(listener)}:${listenerPort(listener)}`;
    if (old === undefined) {
      const destinations = [...new Set(chainSummary(listener).values())];
      changes.push(`listener ${name} (${where}) added: ${destinations.join('; ')}`);
      continue;
    }
    const wasChains = chainSummary(old);
    const nowChains = chainSummary(listener);
    const described: string[] = [];
    for (const [match, destination] of nowChains) {
      const previous = wasChains.get(match);
      if (previous === undefined) described.push(`listener ${name}: new chain ${match} → ${destination}`);
      else if (previous !== destination) described.push(`listener ${name}: chain ${match} now goes to ${destination} (was ${previous})`);
    }
    for (const [match, destination] of wasChains) if (!nowChains.has(match)) described.push(`listener ${name}: chain ${match} → ${destination} removed`);
    const fields = changedFields(old, listener).map((key) => (key === 'filter_chains' ? 'its filter chains' : key));
    if (described.length === 0 && fields.length > 0) described.push(`listener ${name}: same destinations, settings changed in ${fields.join(', ')}`);
    changes.push(...described);
  }
  for (const [name, listener] of was) if (!now.has(name)) changes.push(`listener ${name} (${listenerAddress(listener)}:${listenerPort(listener)}) removed`);
  return changes;
}

/** Each cluster's endpoints as `address → "locality, STATUS"`. */
function endpointsByCluster(dump: JsonObject): Map<string, Map<string, { locality: string; status: string }>> {
  const clusters = new Map<string, Map<string, { locality: string; status: string }>>();
  for (const assignment of loadAssignmentsOf(dump)) {
    const endpoints = new Map<string, { locality: string; status: string }>();
    for (const locality of list(field(assignment, 'endpoints'))) {
      const where = localityText(field(locality, 'locality'));
      for (const lbEndpoint of list(field(locality, 'lb_endpoints'))) endpoints.set(endpointAddresses(lbEndpoint).join(','), { locality: where, status: endpointStatus(lbEndpoint) });
    }
    clusters.set(text(field(assignment, 'cluster_name')), endpoints);
  }
  return clusters;
}

/** "2 added in us-east/zone1: a, b": endpoints of one cluster, grouped by locality. */
function grouped(what: string, cluster: string, addresses: readonly string[], localityOf: (address: string) => string): string[] {
  const groups = new Map<string, string[]>();
  for (const address of addresses) groups.set(localityOf(address), [...(groups.get(localityOf(address)) ?? []), address]);
  return [...groups].map(([locality, members]) => `endpoints of ${cluster}: ${members.length} ${what}${locality ? ` in ${locality}` : ''}: ${members.join(', ')}`);
}

function diffEndpoints(before: JsonObject, after: JsonObject): string[] {
  const was = endpointsByCluster(before);
  const now = endpointsByCluster(after);
  const changes: string[] = [];
  for (const cluster of new Set([...was.keys(), ...now.keys()])) {
    const old = was.get(cluster) ?? new Map<string, { locality: string; status: string }>();
    const current = now.get(cluster) ?? new Map<string, { locality: string; status: string }>();
    const added = [...current.keys()].filter((address) => !old.has(address));
    const removed = [...old.keys()].filter((address) => !current.has(address));
    changes.push(...grouped('added', cluster, added, (address) => current.get(address)?.locality ?? ''));
    changes.push(...grouped('removed', cluster, removed, (address) => old.get(address)?.locality ?? ''));
    for (const [address, state] of current) {
      const previous = old.get(address);
      if (previous && previous.status !== state.status) changes.push(`endpoints of ${cluster}: ${address} is now ${state.status} (was ${previous.status})`);
    }
  }
  return changes;
}

export function diffDumps(before: JsonObject, after: JsonObject): DiffSection[] {
  const sections: DiffSection[] = [];
  const has = (name: Parameters<typeof findSection>[1]) => findSection(before, name) !== undefined || findSection(after, name) !== undefined;
  if (has('RoutesConfigDump')) sections.push({ kind: 'routes', changes: diffRoutes(before, after) });
  if (has('ClustersConfigDump')) sections.push({ kind: 'clusters', changes: diffClusters(before, after) });
  if (has('ListenersConfigDump')) sections.push({ kind: 'listeners', changes: diffListeners(before, after) });
  if (has('EndpointsConfigDump')) sections.push({ kind: 'endpoints', changes: diffEndpoints(before, after) });
  return sections;
}

const TITLES: Record<DiffSection['kind'], string> = { routes: 'Routes', clusters: 'Clusters', listeners: 'Listeners', endpoints: 'Endpoints' };

/** The diff as lines: each kind with its changes, or that nothing changed. */
export function diffLines(sections: readonly DiffSection[]): string[] {
  if (sections.every((section) => section.changes.length === 0)) return ['No change in routes, clusters, listeners or endpoints.'];
  return sections.flatMap((section) => (section.changes.length === 0 ? [`${TITLES[section.kind]}: no change`] : [`${TITLES[section.kind]}:`, ...section.changes.map((change) => `  ${change}`)]));
}
