/**
 * JSON as golang/protobuf's `jsonpb.Marshaler{Indent: "    "}` prints a message: istioctl uses it for
 * `pc bootstrap`, `pc secret -o json`, `proxy-status -o json` and the proxy-status diff.
 *
 * Without the .proto descriptors a JSON message cannot say which objects are messages, which are proto
 * maps and which are `google.protobuf.Struct`, and jsonpb prints them differently:
 *
 * - message fields are renamed to lowerCamelCase and keep their order (Envoy and protojson already write
 *   proto field order); `@type` (an Any) comes first;
 * - map and Struct keys are printed as they are, sorted;
 * - a Struct is indented one level deeper than it should be (fields at key indent + 8, `}` at key
 *   indent + 4), because jsonpb's Struct case hands its map to the generic map printer one level down;
 * - an empty message prints as `{`, an empty line, `}`; empty repeated fields and maps are left out.
 *
 * So the caller names the map and Struct fields with a small path schema (`JsonpbSchema`); everything
 * else is a message. `ENVOY_JSONPB` covers the Envoy/Istio fields istioctl meets.
 */
import { camel, isObject, type Json, type JsonObject } from './dump.js';
// json-output imports goJsonString from here; neither module uses the other while loading, so the cycle is harmless.
import { goYaml } from './json-output.js';

/**
 * Where maps and Structs are, as `/`-separated path suffixes. A path is the chain of proto field names
 * (snake_case) from the printed message, skipping array indexes; a map key is one segment (`*` matches
 * any one segment); an Any adds a segment `@<message full name>` after its field, so
 * `@udpa.type.v1.TypedStruct/value` names the Struct inside a TypedStruct whatever field holds it.
 */
export interface JsonpbSchema {
  /** Fields (or map values) that are `google.protobuf.Struct`. */
  readonly structs: readonly string[];
  /** Fields that are proto maps; their values are messages unless `structs` says `<map>/*`. */
  readonly maps: readonly string[];
}

/** The Envoy and Istio fields istioctl prints that are Structs or maps (add one when a dump shows it). */
export const ENVOY_JSONPB: JsonpbSchema = {
  structs: [
    'node/metadata', // core.v3.Node
    'user_agent_build_version/metadata', // core.v3.BuildVersion
    'filter_metadata/*', // core.v3.Metadata
    'transport_socket_matches/match', // cluster.v3.Cluster.TransportSocketMatch
    'lb_subset_config/default_subset', // cluster.v3.Cluster.LbSubsetConfig
    'layers/static_layer', // bootstrap.v3.RuntimeLayer
    '@udpa.type.v1.TypedStruct/value',
    '@xds.type.v3.TypedStruct/value',
  ],
  maps: ['filter_metadata', 'typed_filter_metadata', 'typed_extension_protocol_options', 'typed_per_filter_config', 'certificate_provider_instances'],
};

const INDENT = '    ';
const WELL_KNOWN_JSON = { 'google.protobuf.Struct': 'struct', 'google.protobuf.Value': 'value', 'google.protobuf.ListValue': 'list' } as const;
type Kind = 'message' | (typeof WELL_KNOWN_JSON)[keyof typeof WELL_KNOWN_JSON];

/** `message` as jsonpb prints it with a 4-space indent (no trailing newline, as Go returns it). */
export function jsonpbString(message: JsonObject, schema: JsonpbSchema = ENVOY_JSONPB): string {
  return new Printer(schema).marshal('message', message, [], '');
}

/**
 * What istioctl prints for a jsonpb-marshalled message with `-o json|yaml` (`pc bootstrap`, `proxy-status`):
 * the JSON, or sigs.k8s.io/yaml's conversion of it, then the newline of Go's Fprintln.
 */
export function jsonpbOutput(message: JsonObject, format: 'json' | 'yaml', schema: JsonpbSchema = ENVOY_JSONPB): string {
  const json = jsonpbString(message, schema);
  return format === 'yaml' ? `${goYaml(JSON.parse(json) as Json)}\n` : `${json}\n`;
}

/** The message inside an Any-typed object: what Go gets from `UnmarshalTo`, i.e. without `@type`. */
export function unpackAny(any: JsonObject): JsonObject {
  return Object.fromEntries(Object.entries(any).filter(([key]) => key !== '@type'));
}

/** A string as Go's encoding/json writes it: HTML-safe, so `<`, `>`, `&`, U+2028 and U+2029 are escaped. */
export function goJsonString(value: string): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Go compares strings by bytes; for UTF-8 that is code point order (UTF-16 order differs above U+FFFF). */
function goStringCompare(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = (x[i] as string).codePointAt(0)! - (y[i] as string).codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

function snake(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

function scalar(value: Json): string {
  return typeof value === 'string' ? goJsonString(value) : JSON.stringify(value);
}

/**
 * Each method mirrors the jsonpb function it is named after, with the same `indent` argument, so the odd
 * indentation of Struct, Value and ListValue falls out exactly as Go produces it instead of being patched.
 */
class Printer {
  constructor(private readonly schema: JsonpbSchema) {}

  private matches(patterns: readonly string[], path: readonly string[]): boolean {
    return patterns.some((pattern) => {
      const want = pattern.split('/');
      if (want.length > path.length) return false;
      const tail = path.slice(path.length - want.length);
      return want.every((segment, i) => segment === '*' || segment === tail[i]);
    });
  }

  private kindAt(path: readonly string[]): Kind {
    return this.matches(this.schema.structs, path) ? 'struct' : 'message';
  }

  /** jsonpb marshalMessage: `indent` is where the closing brace of a plain message goes. */
  marshal(kind: Kind, value: Json, path: readonly string[], indent: string): string {
    switch (kind) {
      case 'struct':
        return isObject(value) ? this.map(value, path, indent, () => 'value') : scalar(value);
      case 'list':
        return Array.isArray(value) ? this.list(value, path, indent, 'value') : scalar(value);
      case 'value':
        // A Value hands its struct/list to marshalSingularValue, which adds one more level.
        if (isObject(value)) return this.marshal('struct', value, path, indent + INDENT);
        if (Array.isArray(value)) return this.marshal('list', value, path, indent + INDENT);
        return scalar(value);
      case 'message':
        return isObject(value) ? this.message(value, path, indent) : scalar(value);
    }
  }

  private message(object: JsonObject, path: readonly string[], indent: string): string {
    const typeUrl = object['@type'];
    const messageName = typeof typeUrl === 'string' ? typeUrl.slice(typeUrl.lastIndexOf('/') + 1) : undefined;
    const here = messageName === undefined ? path : [...path, `@${messageName}`];
    const wellKnown = messageName === undefined ? undefined : (WELL_KNOWN_JSON as Readonly<Record<string, Kind | undefined>>)[messageName];
    const lines: string[] = [];
    if (typeof typeUrl === 'string') lines.push(`${indent}${INDENT}"@type": ${goJsonString(typeUrl)}`);
    if (wellKnown) {
      // marshalAny for a well-known type: {"@type": …, "value": <the JSON form>}.
      lines.push(`${indent}${INDENT}"value": ${this.marshal(wellKnown, object['value'] ?? null, here, indent + INDENT)}`);
    } else {
      for (const [name, value] of Object.entries(object)) {
        // protojson reads null as "not set" and jsonpb leaves unset fields (and empty lists/maps) out.
        if (name === '@type' || value === null || (Array.isArray(value) && value.length === 0)) continue;
        const fieldPath = [...here, snake(name)];
        if (this.matches(this.schema.maps, fieldPath) && isObject(value) && Object.keys(value).length === 0) continue;
        lines.push(`${indent}${INDENT}"${camel(name)}": ${this.field(value, fieldPath, indent)}`);
      }
    }
    return `{\n${lines.join(',\n')}\n${indent}}`;
  }

  /** jsonpb marshalValue for a message field whose key sits at `indent` + one level. */
  private field(value: Json, path: readonly string[], indent: string): string {
    if (Array.isArray(value)) return this.list(value, path, indent, this.kindAt(path));
    if (isObject(value) && this.matches(this.schema.maps, path)) {
      return this.map(value, path, indent, (key) => this.kindAt([...path, key]));
    }
    return this.singular(this.kindAt(path), value, path, indent);
  }

  private singular(kind: Kind, value: Json, path: readonly string[], indent: string): string {
    return isObject(value) || Array.isArray(value) ? this.marshal(kind, value, path, indent + INDENT) : scalar(value);
  }

  private list(items: Json[], path: readonly string[], indent: string, kind: Kind): string {
    const body = items.map((item) => `\n${indent}${INDENT}${INDENT}${this.singular(kind, item, path, indent + INDENT)}`);
    return `[${body.join(',')}\n${indent}${INDENT}]`;
  }

  private map(object: JsonObject, path: readonly string[], indent: string, kindOf: (key: string) => Kind): string {
    const keys = Object.keys(object).sort(goStringCompare);
    const body = keys.map((key) => `\n${indent}${INDENT}${INDENT}${goJsonString(key)}: ${this.singular(kindOf(key), object[key] ?? null, [...path, key], indent + INDENT)}`);
    return `{${body.join(',')}\n${indent}${INDENT}}`;
  }
}
