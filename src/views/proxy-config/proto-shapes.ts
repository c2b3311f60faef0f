/**
 * Which Envoy/Istio proto fields are `google.protobuf.Struct` values or proto maps. A config dump is JSON
 * without its .proto descriptors, yet both printers need this: protojson (json-output.ts) and jsonpb
 * (jsonpb.ts) keep map and Struct keys as written and sort them, and jsonpb indents a Struct differently.
 * One table, so the two printers cannot disagree; add a field here when a dump shows one.
 */

/** A Struct's keys are data all the way down; a map's keys are data over message (or scalar) values. */
export type FieldShape = 'struct' | 'map of structs' | 'map' | 'message';

/** Fields by protojson (lowerCamelCase) name, whatever message holds them. */
const SHAPES = new Map<string, FieldShape>([
  ['filterMetadata', 'map of structs'], // core.Metadata (cluster, listener, route, lb endpoint metadata…)
  ['jsonFormat', 'struct'], // SubstitutionFormatString / FileAccessLog: JSON access-log format
  ['defaultSubset', 'struct'], // Cluster.LbSubsetConfig, load_balancing_policies Subset
  ['transportSocketMatchCriteria', 'struct'], // HealthCheck
  ['staticLayer', 'struct'], // Bootstrap RuntimeLayer
  ['typedFilterMetadata', 'map'], // core.Metadata: map<string, Any>
  ['typedExtensionProtocolOptions', 'map'], // Cluster: map<string, Any>
  ['typedPerFilterConfig', 'map'], // RouteConfiguration, VirtualHost, Route, ClusterWeight: map<string, Any>
  ['certificateProviderInstances', 'map'], // Bootstrap: map<string, TypedExtensionConfig>
  ['namedEndpoints', 'map'], // ClusterLoadAssignment: map<string, Endpoint>
  ['keyValues', 'map'], // wasm EnvironmentVariables: map<string, string>
  ['dimensions', 'map'], // Istio stats filter MetricConfig: map<string, string> (label names hold `_`)
  ['providers', 'map'], // jwt_authn JwtAuthentication: map<string, JwtProvider>
  ['requirementMap', 'map'], // jwt_authn JwtAuthentication: map<string, JwtRequirement>
  ['sourceCodes', 'map'], // Lua: map<string, DataSource>
  ['contextExtensions', 'map'], // ext_authz CheckSettings: map<string, string>
]);

/** Names too common to trust alone, as `<field holding the message>.<field>`. */
const SHAPES_UNDER = new Map<string, FieldShape>([
  ['node.metadata', 'struct'], // core.Node (elsewhere `metadata` is core.Metadata or a MetadataMatcher)
  ['userAgentBuildVersion.metadata', 'struct'], // core.BuildVersion
  ['transportSocketMatches.match', 'struct'], // Cluster.TransportSocketMatch (elsewhere `match` is a RouteMatch…)
  ['rules.policies', 'map'], // RBAC filter: policy names hold `_`
  ['shadowRules.policies', 'map'],
  ['exactMatchMap.map', 'map'], // xds Matcher trees (filter_chain_matcher, RBAC matcher)
  ['prefixMatchMap.map', 'map'],
  ['channelArgs.args', 'map'], // GrpcService.GoogleGrpc.ChannelArgs: map<string, Value>
]);

/** `Any` message types whose `value` is a Struct (or Value): protojson's well-known types, and TypedStruct. */
const STRUCT_VALUE_TYPES = new Set(['google.protobuf.Struct', 'google.protobuf.Value', 'google.protobuf.ListValue', 'udpa.type.v1.TypedStruct', 'xds.type.v3.TypedStruct']);

/**
 * The shape of field `name` (lowerCamelCase) in a message held by field `holder` (lowerCamelCase; for a
 * list item or a map value, the list or map field; `''` at the top), where `typeUrl` is that message's
 * own `@type` if it is an Any. Unknown fields are messages (or scalars, which print the same either way).
 */
export function fieldShape(name: string, holder: string, typeUrl: string | undefined): FieldShape {
  // An Any's type URL may have any prefix before the last `/`; the message name follows it.
  if (name === 'value' && typeUrl !== undefined && STRUCT_VALUE_TYPES.has(typeUrl.slice(typeUrl.lastIndexOf('/') + 1))) return 'struct';
  return SHAPES.get(name) ?? SHAPES_UNDER.get(`${holder}.${name}`) ?? 'message';
}
