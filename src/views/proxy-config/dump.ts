/**
 * Reading Envoy's config dump (what `istioctl proxy-config all -o json` and the admin `/config_dump`
 * return) the way istioctl does: sections found by `@type` (the last one wins), field names accepted in
 * snake_case and lowerCamelCase alike (Envoy writes one, protojson the other), unknown fields ignored.
 * Pure: text in, plain objects out; no I/O.
 */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

const TYPE_PREFIX = 'type.googleapis.com/envoy.admin.v3.';

export type SectionName = 'BootstrapConfigDump' | 'ClustersConfigDump' | 'ListenersConfigDump' | 'RoutesConfigDump' | 'SecretsConfigDump' | 'EndpointsConfigDump' | 'EcdsConfigDump';

/** An error worded as istioctl words it, so the learner can search for it. */
export class ProxyConfigError extends Error {}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A proto field name as protojson/jsonpb spell it in JSON (lowerCamelCase); camelCase names pass through. */
export function camel(name: string): string {
  let spelled = CAMEL.get(name);
  if (spelled === undefined) {
    spelled = name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
    CAMEL.set(name, spelled);
  }
  return spelled;
}
/** Field names are few and looked up millions of times in a large dump: convert each once. */
const CAMEL = new Map<string, string>();

/** A field by its proto name, whether the dump spells it snake_case or lowerCamelCase. */
export function field(object: unknown, name: string): Json | undefined {
  if (!isObject(object)) return undefined;
  if (name in object) return object[name];
  const other = camel(name);
  return other in object ? object[other] : undefined;
}

/** `field` along a path of proto names. */
export function at(object: unknown, ...path: string[]): Json | undefined {
  let current: unknown = object;
  for (const name of path) current = field(current, name);
  return current as Json | undefined;
}

export function text(value: Json | undefined): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}

export function list(value: Json | undefined): Json[] {
  return Array.isArray(value) ? value : [];
}

export function parseDump(source: string, what = 'the config dump'): JsonObject {
  let data: unknown;
  try {
    data = JSON.parse(source);
  } catch (error) {
    throw new ProxyConfigError(`${what} is not JSON: ${(error as Error).message}`);
  }
  if (!isObject(data)) throw new ProxyConfigError(`${what} is not a JSON object`);
  return data;
}

/** All sections of a type, in dump order. */
export function sections(dump: JsonObject, name: SectionName): JsonObject[] {
  return list(field(dump, 'configs')).filter((config): config is JsonObject => isObject(config) && config['@type'] === `${TYPE_PREFIX}${name}`);
}

/** The section of a type (the last, as istioctl takes), or undefined. */
export function findSection(dump: JsonObject, name: SectionName): JsonObject | undefined {
  return sections(dump, name).at(-1);
}

export function requireSection(dump: JsonObject, name: SectionName): JsonObject {
  const found = findSection(dump, name);
  if (!found) throw new ProxyConfigError(`config dump has no configuration type ${TYPE_PREFIX}${name}`);
  return found;
}

function unwrap(entries: Json | undefined, ...path: string[]): JsonObject[] {
  return list(entries)
    .map((entry) => at(entry, ...path))
    .filter(isObject);
}

/** Clusters: dynamic active ones, then static ones (warming clusters are left out, as istioctl does). */
export function clustersOf(dump: JsonObject): JsonObject[] {
  const section = requireSection(dump, 'ClustersConfigDump');
  return [...unwrap(field(section, 'dynamic_active_clusters'), 'cluster'), ...unwrap(field(section, 'static_clusters'), 'cluster')];
}

/** Listeners: dynamic ones with an active state, then static ones. */
export function listenersOf(dump: JsonObject): JsonObject[] {
  const section = requireSection(dump, 'ListenersConfigDump');
  return [...unwrap(field(section, 'dynamic_listeners'), 'active_state', 'listener'), ...unwrap(field(section, 'static_listeners'), 'listener')];
}

/** Route configurations: dynamic, then static. */
export function routeConfigsOf(dump: JsonObject): JsonObject[] {
  const section = requireSection(dump, 'RoutesConfigDump');
  return [...unwrap(field(section, 'dynamic_route_configs'), 'route_config'), ...unwrap(field(section, 'static_route_configs'), 'route_config')];
}

/** ClusterLoadAssignments; a dump without an EDS section (no ?include_eds) has none. */
export function loadAssignmentsOf(dump: JsonObject): JsonObject[] {
  const section = findSection(dump, 'EndpointsConfigDump');
  if (!section) return [];
  return [...unwrap(field(section, 'dynamic_endpoint_configs'), 'endpoint_config'), ...unwrap(field(section, 'static_endpoint_configs'), 'endpoint_config')];
}
