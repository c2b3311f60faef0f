/**
 * `istioctl proxy-status` from istiod's answers (reference §7): each istiod's `DiscoveryResponse`, whose
 * resources are Envoy CSDS `ClientConfig`s, one per connected proxy. Input is a map istiod name →
 * DiscoveryResponse JSON (protojson field names). Current table (≥ 1.27), `-v 1`, `-o json|yaml`, `-n`,
 * and the ≤ 1.26 legacy table.
 */
import { at, field, isObject, list, parseDump, ProxyConfigError, text, type Json, type JsonObject } from './dump.js';
import { goSortSlice } from './go-sort.js';
import { jsonpbOutput } from './jsonpb.js';
import { unmarshalAny } from './proto-any.js';
import { tabwrite } from './tabwriter.js';

export type DiscoveryResponses = Readonly<Record<string, JsonObject>>;

export type ProxyStatusFormat = 'table' | 'json' | 'yaml';

export interface ProxyStatusOptions {
  /** `-o`; `table` by default. */
  readonly output?: ProxyStatusFormat;
  /** `-v`; above 0 prints one column per xDS type. */
  readonly verbosity?: number;
  /** `-n`: only proxies whose node metadata NAMESPACE is this. */
  readonly namespace?: string;
  /** The clock for `SYNCED (5m)` ages from `lastUpdated`; without it the ages are left out. */
  readonly now?: Date;
}

const TYPE_PREFIX = 'type.googleapis.com/';
const CLIENT_CONFIG = 'envoy.service.status.v3.ClientConfig';
const CLUSTER_TYPE = `${TYPE_PREFIX}envoy.config.cluster.v3.Cluster`;
const LISTENER_TYPE = `${TYPE_PREFIX}envoy.config.listener.v3.Listener`;
const ENDPOINT_TYPE = `${TYPE_PREFIX}envoy.config.endpoint.v3.ClusterLoadAssignment`;
const ROUTE_TYPE = `${TYPE_PREFIX}envoy.config.route.v3.RouteConfiguration`;
const EXTENSION_TYPE = `${TYPE_PREFIX}envoy.config.core.v3.TypedExtensionConfig`;

/** Istio's GetShortType; other type URLs print in full. */
const SHORT_TYPES: Readonly<Record<string, string>> = {
  [CLUSTER_TYPE]: 'CDS',
  [LISTENER_TYPE]: 'LDS',
  [ROUTE_TYPE]: 'RDS',
  [ENDPOINT_TYPE]: 'EDS',
  [`${TYPE_PREFIX}envoy.extensions.transport_sockets.tls.v3.Secret`]: 'SDS',
  [`${TYPE_PREFIX}istio.networking.nds.v1.NameTable`]: 'NDS',
  [`${TYPE_PREFIX}istio.mesh.v1alpha1.ProxyConfig`]: 'PCDS',
  [EXTENSION_TYPE]: 'ECDS',
  [`${TYPE_PREFIX}istio.workload.Address`]: 'WDS',
  [`${TYPE_PREFIX}istio.workload.Workload`]: 'WDS',
  [`${TYPE_PREFIX}istio.security.Authorization`]: 'WADS',
};

function shortType(typeUrl: string): string {
  return SHORT_TYPES[typeUrl] ?? typeUrl;
}

/** Envoy's ConfigStatus enum; protojson may carry the name or the number. */
const CONFIG_STATUS = ['UNKNOWN', 'SYNCED', 'NOT_SENT', 'STALE', 'ERROR'];
const IGNORED = 'IGNORED';

/** One proxy as the table shows it: type URL → formatted status. */
interface ProxyRow {
  readonly proxyId: string;
  readonly clusterId: string;
  readonly istiodId: string;
  readonly istioVersion: string;
  readonly typeStatus: ReadonlyMap<string, string>;
}

/** Parses the map istiod name → DiscoveryResponse JSON. */
export function parseDiscoveryResponses(source: string): Record<string, JsonObject> {
  const responses = parseDump(source, 'the proxy-status responses');
  for (const [istiod, response] of Object.entries(responses)) {
    if (!isObject(response)) throw new ProxyConfigError(`the response of ${istiod} is not a JSON object`);
  }
  return responses as Record<string, JsonObject>;
}

/** What `istioctl proxy-status [-o table|json|yaml] [-v N] [-n ns]` prints (istioctl ≥ 1.27). */
export function proxyStatus(responses: DiscoveryResponses, options: ProxyStatusOptions = {}): string {
  const output = options.output ?? 'table';
  if (output === 'json' || output === 'yaml') return machineReadable(responses, output, options.namespace);
  if (output !== 'table') throw new ProxyConfigError(`output format "${String(output)}" not supported`);

  let collected: ReturnType<typeof collect>;
  try {
    collected = collect(responses, options);
  } catch (error) {
    if (!(error instanceof ProxyConfigError)) throw error;
    throw new ProxyConfigError(`failed to setup status print: ${error.message}`);
  }
  const { rows, types } = collected;
  if ((options.verbosity ?? 0) > 0) {
    // Every type seen plus the five Istio always serves, in type URL order.
    return perTypeTable(rows, [...new Set([...types, CLUSTER_TYPE, LISTENER_TYPE, ENDPOINT_TYPE, ROUTE_TYPE, EXTENSION_TYPE])].sort());
  }
  return tabwrite(
    [
      ['NAME', 'CLUSTER', 'ISTIOD', 'VERSION', 'SUBSCRIBED TYPES'],
      ...rows.map((row) => {
        const subscribed = types.filter((type) => (row.typeStatus.get(type) ?? IGNORED) !== IGNORED).map(shortType);
        return [row.proxyId, row.clusterId, row.istiodId, row.istioVersion, subscribed.length > 0 ? `${subscribed.length} (${subscribed.join(',')})` : '0'];
      }),
    ],
    5,
  );
}

/** The table of istioctl ≤ 1.26 (`NAME CLUSTER CDS LDS EDS RDS ECDS ISTIOD VERSION`), as most istio.io pages show it. */
export function legacyProxyStatus(responses: DiscoveryResponses, options: Pick<ProxyStatusOptions, 'namespace' | 'now'> = {}): string {
  return perTypeTable(collect(responses, options).rows, [CLUSTER_TYPE, LISTENER_TYPE, ENDPOINT_TYPE, ROUTE_TYPE, EXTENSION_TYPE]);
}

/** `NAME CLUSTER <a status column per type> ISTIOD VERSION`, IGNORED where a proxy did not report the type. */
function perTypeTable(rows: readonly ProxyRow[], columns: readonly string[]): string {
  return tabwrite(
    [
      ['NAME', 'CLUSTER', ...columns.map(shortType), 'ISTIOD', 'VERSION'],
      ...rows.map((row) => [row.proxyId, row.clusterId, ...columns.map((type) => row.typeStatus.get(type) ?? IGNORED), row.istiodId, row.istioVersion]),
    ],
    5,
  );
}

/** `-o json|yaml`: each istiod's DiscoveryResponse (only the namespace's ClientConfigs with `-n`). */
function machineReadable(responses: DiscoveryResponses, output: 'json' | 'yaml', namespace: string | undefined): string {
  // Go walks a map here (random order); input order keeps the output stable.
  return Object.values(responses)
    .map((response) => {
      const shown = namespace ? { ...response, resources: list(field(response, 'resources')).filter((resource) => nodeMetadata(clientConfig(resource)).namespace === namespace) } : response;
      return jsonpbOutput(shown, output);
    })
    .join('');
}

/** The rows (sorted by proxy id, as Go's sort.Slice leaves them) and every type URL seen, core types first. */
function collect(responses: DiscoveryResponses, options: Pick<ProxyStatusOptions, 'namespace' | 'now'>): { rows: ProxyRow[]; types: string[] } {
  const rows: ProxyRow[] = [];
  const seen = new Set<string>();
  for (const response of Object.values(responses)) {
    for (const resource of list(field(response, 'resources'))) {
      const config = clientConfig(resource);
      const metadata = nodeMetadata(config);
      if (options.namespace && metadata.namespace !== options.namespace) continue;
      const typeStatus = new Map<string, string>();
      for (const xds of xdsConfigs(config)) {
        const typeUrl = text(field(xds, 'type_url'));
        seen.add(typeUrl);
        typeStatus.set(typeUrl, formatStatus(xds, options.now));
      }
      rows.push({ proxyId: text(at(config, 'node', 'id')), clusterId: metadata.clusterId, istiodId: controlPlaneId(response), istioVersion: metadata.istioVersion, typeStatus });
    }
  }
  const core = [CLUSTER_TYPE, LISTENER_TYPE, ENDPOINT_TYPE, ROUTE_TYPE];
  const types = [...core.filter((type) => seen.has(type)), ...[...seen].filter((type) => !core.includes(type)).sort()];
  return { rows: goSortSlice(rows, (a, b) => a.proxyId < b.proxyId), types };
}

/** The resource as a ClientConfig; another message type fails as Go's `Any.UnmarshalTo` does. */
function clientConfig(resource: Json): JsonObject {
  try {
    return unmarshalAny(resource, CLIENT_CONFIG);
  } catch (error) {
    throw new ProxyConfigError(`could not unmarshal ClientConfig: ${(error as Error).message}`);
  }
}

/** The node metadata fields istioctl reads (Istio's NodeMetadata rejects a non-string one). */
function nodeMetadata(config: JsonObject): { clusterId: string; istioVersion: string; namespace: string } {
  const metadata = at(config, 'node', 'metadata');
  const read = (key: string): string => {
    const value = isObject(metadata) ? metadata[key] : undefined;
    if (value !== undefined && value !== null && typeof value !== 'string') throw new ProxyConfigError(`could not parse node metadata: ${key} is not a string`);
    return value ?? '';
  };
  return { clusterId: read('CLUSTER_ID'), istioVersion: read('ISTIO_VERSION'), namespace: read('NAMESPACE') };
}

/** `genericXdsConfigs`, or for an older istiod the deprecated per-type `xdsConfig` (status only, no age). */
function xdsConfigs(config: JsonObject): Json[] {
  const generic = list(field(config, 'generic_xds_configs'));
  if (generic.length > 0) return generic;
  const legacyTypes: [string, string][] = [
    ['listener_config', LISTENER_TYPE],
    ['cluster_config', CLUSTER_TYPE],
    ['route_config', ROUTE_TYPE],
    ['endpoint_config', ENDPOINT_TYPE],
  ];
  return list(field(config, 'xds_config')).flatMap((xds) => {
    const typeUrl = legacyTypes.find(([key]) => field(xds, key) !== undefined)?.[1];
    return typeUrl ? [{ type_url: typeUrl, config_status: field(xds, 'status') ?? null }] : [];
  });
}

function formatStatus(xds: Json, now: Date | undefined): string {
  const raw = field(xds, 'config_status');
  const status = typeof raw === 'number' ? (CONFIG_STATUS[raw] ?? String(raw)) : raw === undefined || raw === null ? 'UNKNOWN' : text(raw);
  if (status === 'UNKNOWN') return IGNORED;
  if (status === 'NOT_SENT') return 'NOT SENT';
  const lastUpdated = field(xds, 'last_updated');
  if (typeof lastUpdated !== 'string' || !now) return status;
  const updated = Date.parse(lastUpdated);
  if (Number.isNaN(updated)) throw new ProxyConfigError(`could not unmarshal ClientConfig: bad lastUpdated timestamp "${lastUpdated}"`);
  return `${status} (${humanDuration(now.getTime() - updated)})`;
}

/** k8s.io/apimachinery's duration.HumanDuration (what kubectl prints as AGE), from milliseconds. */
export function humanDuration(milliseconds: number): string {
  const seconds = Math.trunc(milliseconds / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = Math.trunc(seconds / 60);
  if (minutes < 10) return seconds % 60 === 0 ? `${minutes}m` : `${minutes}m${seconds % 60}s`;
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.trunc(minutes / 60);
  if (hours < 8) return minutes % 60 === 0 ? `${hours}h` : `${hours}h${minutes % 60}m`;
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) return hours % 24 === 0 ? `${Math.trunc(hours / 24)}d` : `${Math.trunc(hours / 24)}d${hours % 24}h`;
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24)}d`;
  const days = Math.trunc(hours / 24);
  if (hours < 24 * 365 * 8) return days % 365 === 0 ? `${Math.trunc(days / 365)}y` : `${Math.trunc(days / 365)}y${days % 365}d`;
  return `${Math.trunc(days / 365)}y`;
}

/**
 * The istiod ID from `controlPlane.identifier` (JSON), as istioctl's CpInfo reads it with encoding/json:
 * keys match case-insensitively, a missing control plane is `MISSING`, unreadable JSON `INVALID`.
 */
function controlPlaneId(response: JsonObject): string {
  const controlPlane = field(response, 'control_plane');
  if (!isObject(controlPlane)) return 'MISSING';
  let identity: unknown;
  try {
    identity = JSON.parse(text(field(controlPlane, 'identifier')));
  } catch {
    return 'INVALID';
  }
  if (identity === null) return '';
  if (!isObject(identity)) return 'INVALID';
  const stringField = (object: JsonObject, name: string): string | undefined | false => {
    // encoding/json: the last key that folds to the field name wins; a wrong type is an error.
    const value = Object.entries(object).findLast(([key]) => key.toLowerCase() === name.toLowerCase())?.[1];
    if (value === undefined || value === null) return undefined;
    return typeof value === 'string' ? value : false;
  };
  const info = Object.entries(identity).findLast(([key]) => key.toLowerCase() === 'info')?.[1];
  const infoOk = info === undefined || info === null || (isObject(info) && ['version', 'revision', 'golang_version', 'status', 'tag'].every((name) => stringField(info, name) !== false));
  const id = stringField(identity, 'ID');
  if (id === false || stringField(identity, 'Component') === false || !infoOk) return 'INVALID';
  return id ?? '';
}
