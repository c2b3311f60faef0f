/** `istioctl proxy-config clusters`: service, port, subset, direction, type and DestinationRule of each cluster. */
import { clustersOf, field, ProxyConfigError, text, type JsonObject } from './dump.js';
import { goSortSlice } from './go-sort.js';
import { istioConfigName } from './istio-metadata.js';
import { goAtoi } from './routes.js';

export interface ClusterFilter {
  fqdn?: string;
  port?: number;
  subset?: string;
  direction?: string;
}

export interface SubsetKey {
  direction: string;
  subset: string;
  fqdn: string;
  port: number;
}

/**
 * Istio's cluster names `direction|port|subset|fqdn` (or the DNS SRV form `outbound_.80_.v1_.host`),
 * as pilot's ParseSubsetKey reads them: whatever is missing stays empty, a bad port is 0.
 */
export function parseSubsetKey(name: string): SubsetKey {
  const separator = name.startsWith('outbound_') || name.startsWith('inbound_') ? '_.' : '|';
  const parts: string[] = [];
  let rest = name;
  for (let index = 0; index < 3; index++) {
    const at = rest.indexOf(separator);
    if (at < 0) break;
    parts.push(rest.slice(0, at));
    rest = rest.slice(at + separator.length);
  }
  const [direction = '', port = '', subset = ''] = parts;
  return {
    direction,
    port: parts.length >= 2 ? (goAtoi(port) ?? 0) : 0,
    subset: parts.length >= 3 ? subset : '',
    fqdn: parts.length === 3 && !rest.includes(separator) ? rest : '',
  };
}

/** The sort key istioctl uses for clusters and load assignments; plain names sort as an fqdn alone. */
export function clusterKey(name: string): SubsetKey {
  return name.split('|').length > 3 ? parseSubsetKey(name) : { direction: '', subset: '', fqdn: name, port: 0 };
}

export function clusterKeyLess(a: string, b: string): boolean {
  const i = clusterKey(a);
  const j = clusterKey(b);
  if (i.fqdn !== j.fqdn) return i.fqdn < j.fqdn;
  if (i.subset !== j.subset) return i.subset < j.subset;
  if (i.port !== j.port) return i.port < j.port;
  return i.direction < j.direction;
}

function matches(name: string, filter: ClusterFilter): boolean {
  if (filter.fqdn && !name.includes(filter.fqdn)) return false;
  if (filter.direction && !name.includes(filter.direction)) return false;
  if (filter.subset && !name.includes(filter.subset)) return false;
  if (filter.port && !name.includes(`|${filter.port}|`)) return false;
  return true;
}

export function selectClusters(dump: JsonObject, filter: ClusterFilter = {}): JsonObject[] {
  const clusters = clustersOf(dump);
  if (clusters.length === 0) throw new ProxyConfigError('no clusters found');
  return goSortSlice(clusters, (a, b) => clusterKeyLess(text(field(a, 'name')), text(field(b, 'name')))).filter((cluster) => matches(text(field(cluster, 'name')), filter));
}

/** Header and rows; `configType` (for `all`) adds the `cluster/<name>` NAME column. */
export function clusterRows(dump: JsonObject, filter: ClusterFilter = {}, configType = false): string[][] {
  const header = ['SERVICE FQDN', 'PORT', 'SUBSET', 'DIRECTION', 'TYPE', 'DESTINATION RULE'];
  const rows: string[][] = [configType ? ['NAME', ...header] : header];
  for (const cluster of selectClusters(dump, filter)) {
    const name = text(field(cluster, 'name'));
    // An absent type is proto's zero value: STATIC (custom cluster types included).
    const type = text(field(cluster, 'type')) || 'STATIC';
    const rule = istioConfigName(cluster);
    if (name.split('|').length > 3) {
      const key = parseSubsetKey(name);
      const cells = [key.fqdn, String(key.port), key.subset || '-', key.direction, type, rule];
      rows.push(configType ? [`cluster/${name}`, ...cells] : cells);
    } else if (configType && name.length > 0) {
      // As istioctl does: the prefixed name shows in both columns.
      rows.push([`cluster/${name}`, `cluster/${name}`, '-', '-', '-', type, rule]);
    } else rows.push([name, '-', '-', '-', type, rule]);
  }
  return rows;
}
