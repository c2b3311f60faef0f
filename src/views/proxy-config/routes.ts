/** `istioctl proxy-config routes`: one row per route of each virtual host (verbose, the default), or per route config. */
import { goAtoi } from '../../go-text.js';
import { at, field, list, ProxyConfigError, routeConfigsOf, text, type Json, type JsonObject } from './dump.js';
import { goSortSlice } from './go-sort.js';
import { istioConfigName } from './istio-metadata.js';

export interface RouteFilter {
  /** Exact route-config name (`--name`). */
  name?: string;
  /** One row per route (default true), or one per route config with its virtual-host count. */
  verbose?: boolean;
}

/** Route configs as istioctl orders them: numeric names ascending, any other name "equal" to all. */
export function sortedRouteConfigs(dump: JsonObject): JsonObject[] {
  const configs = routeConfigsOf(dump);
  if (configs.length === 0) throw new ProxyConfigError('no routes found');
  // Names converted once, not on every comparison; a name Atoi rejects (out of int64 range too) compares false.
  const keyed = configs.map((config) => {
    const [number, ok] = goAtoi(text(field(config, 'name')));
    return { config, number: ok ? number : undefined };
  });
  return goSortSlice(keyed, (a, b) => a.number !== undefined && b.number !== undefined && a.number < b.number).map((entry) => entry.config);
}

export function selectRoutes(dump: JsonObject, filter: RouteFilter = {}): JsonObject[] {
  return sortedRouteConfigs(dump).filter((config) => !filter.name || text(field(config, 'name')) === filter.name);
}

/** The domains worth showing: no ported duplicates, no `.svc` spellings of a shorter name, at most two. */
export function describeRouteDomains(domains: readonly string[]): string {
  if (domains.length === 0) return '';
  if (domains.length === 1) return domains[0] ?? '';
  const withoutPort = domains.filter((domain) => !domain.includes(':') || ((domain.match(/:/g)?.length ?? 0) > 2 && domain.endsWith(']')));
  const unique = new Set(withoutPort);
  const expanded = (domain: string): boolean =>
    ['.svc.cluster.local', '.svc'].some((suffix) => domain.endsWith(suffix) && unique.has(domain.slice(0, -suffix.length)));
  const kept = withoutPort.filter((domain) => !expanded(domain));
  return kept.length > 2 ? `${kept.slice(0, 2).join(', ')} + ${kept.length - 2} more...` : kept.join(', ');
}

/** A route match as istioctl words it: `/get*`, `PathPrefix:/get`, an exact path, `regex …`. */
export function describeMatch(match: Json | undefined): string {
  const conditions: string[] = [];
  const prefix = text(field(match, 'prefix'));
  if (prefix) conditions.push(`${prefix}*`);
  const separated = text(field(match, 'path_separated_prefix'));
  if (separated) conditions.push(`PathPrefix:${separated}`);
  const exact = text(field(match, 'path'));
  if (exact) conditions.push(exact);
  const regex = field(match, 'safe_regex');
  if (regex !== undefined && regex !== null) conditions.push(`regex ${text(field(regex, 'regex'))}`);
  return conditions.join(' ');
}

function isPassthrough(route: Json): boolean {
  return text(at(route, 'route', 'cluster')) === 'PassthroughCluster';
}

/** Header and rows; `configType` (for `all`) names each route config `route/<name>`. */
export function routeRows(dump: JsonObject, filter: RouteFilter = {}, configType = false): string[][] {
  const verbose = filter.verbose ?? true;
  const rows: string[][] = [verbose ? ['NAME', 'VHOST NAME', 'DOMAINS', 'MATCH', 'VIRTUAL SERVICE'] : ['NAME', 'VIRTUAL HOSTS']];
  for (const config of selectRoutes(dump, filter)) {
    const name = configType ? `route/${text(field(config, 'name'))}` : text(field(config, 'name'));
    const vhosts = list(field(config, 'virtual_hosts'));
    if (!verbose) {
      rows.push([name, String(vhosts.length)]);
      continue;
    }
    for (const vhost of vhosts) {
      const vhostName = text(field(vhost, 'name'));
      const domains = describeRouteDomains(list(field(vhost, 'domains')).map((domain) => text(domain)));
      const routes = list(field(vhost, 'routes'));
      for (const route of routes) {
        if (!isPassthrough(route)) rows.push([name, vhostName, domains, describeMatch(field(route, 'match')), istioConfigName(route)]);
      }
      if (routes.length === 0) rows.push([name, vhostName, domains, '/*', '404']);
    }
  }
  return rows;
}
