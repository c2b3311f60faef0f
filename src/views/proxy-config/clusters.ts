/** `istioctl proxy-config clusters`: service, port, subset, direction, type and DestinationRule of each cluster. */
import { goAtoi } from '../../go-text.js';
import { clustersOf, field, ProxyConfigError, text, type JsonObject } from './dump.js';
import { goSortSlice } from './go-sort.js';
import { istioConfigName } from './istio-metadata.js';

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
    // pilot's `port, _ = strconv.Atoi(…)`: 0 on a syntax error, clamped out of range.
    port: parts.length >= 2 ? Number(goAtoi(port)[0]) : 0,
    subset: parts.length >= 3 ? subset : '',
    fqdn: parts.length === 3 && !rest.includes(separator) ? rest : '',
  };
}

/** The sort key istioctl uses for clusters and load assignments; plain names sort as an fqdn alone. */
/** Whether istioctl reads a name as a subset key: more than three `|`-separated parts. */
function isSubsetKey(name: string): boolean {
  let bars = 0;
  for (let at = name.indexOf('|'); at >= 0 && bars < 3; at = name.indexOf('|', at + 1)) bars++;
  return bars >= 3;
}

export function clusterKey(name: string): SubsetKey {
  return isSubsetKey(name) ? parseSubsetKey(name) : { direction: '', subset: '', fqdn: name, port: 0 };
}

/** Items in istioctl's cluster order (fqdn, subset, port, direction), each name parsed once. */
export function sortByClusterName<T>(items: readonly T[], nameOf: (item: T) => string): T[] {
  // Go's order must come from Go's algorithm (ties included), but its comparisons can be cheap: each
  // distinct name gets its rank in key order once (a native sort of distinct names is exact), and
  // pdqsort then compares ranks, which answer every "less" exactly as the keys would.
  const names = items.map(nameOf);
  const distinct = [...new Set(names)].map((name) => ({ name, key: clusterKey(name) }));
  distinct.sort((a, b) => (keyLess(a.key, b.key) ? -1 : keyLess(b.key, a.key) ? 1 : 0));
  const rank = new Map<string, number>();
  distinct.forEach((entry, index) => {
    const previous = distinct[index - 1];
    // Names with equal keys (possible only for odd names) share a rank, so they stay ties.
    rank.set(entry.name, previous && !keyLess(previous.key, entry.key) ? (rank.get(previous.name) ?? index) : index);
  });
  const keyed = items.map((item, index) => ({ item, rank: rank.get(names[index] ?? '') ?? 0 }));
  return goSortSlice(keyed, (a, b) => a.rank < b.rank).map((entry) => entry.item);
}

function keyLess(i: SubsetKey, j: SubsetKey): boolean {
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
  // Sorted whole, then filtered, as istioctl does: Go's sort is not stable, so the order of ties depends on it.
  return sortByClusterName(clusters, (cluster) => text(field(cluster, 'name'))).filter((cluster) => matches(text(field(cluster, 'name')), filter));
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
    if (isSubsetKey(name)) {
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
