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
 * So which fields are maps and Structs comes from proto-shapes.ts, the table json-output.ts uses too;
 * everything else is a message.
 */
import { goJsonString, goStringCompare } from '../../go-text.js';
import { camel, isObject, type Json, type JsonObject } from './dump.js';
import { goYaml } from './json-output.js';
import { fieldShape, type FieldShape } from './proto-shapes.js';

const INDENT = '    ';
const WELL_KNOWN_JSON = { 'google.protobuf.Struct': 'struct', 'google.protobuf.Value': 'value', 'google.protobuf.ListValue': 'list' } as const;
type Kind = 'message' | (typeof WELL_KNOWN_JSON)[keyof typeof WELL_KNOWN_JSON];

/** `message` as jsonpb prints it with a 4-space indent (no trailing newline, as Go returns it). */
export function jsonpbString(message: JsonObject): string {
  return new Printer().marshal('message', message, '', '');
}

/**
 * What istioctl prints for a jsonpb-marshalled message with `-o json|yaml` (`pc bootstrap`, `proxy-status`):
 * the JSON, or sigs.k8s.io/yaml's conversion of it, then the newline of Go's Fprintln.
 */
export function jsonpbOutput(message: JsonObject, format: 'json' | 'yaml'): string {
  const json = jsonpbString(message);
  return format === 'yaml' ? `${goYaml(JSON.parse(json) as Json)}\n` : `${json}\n`;
}

/** The message inside an Any-typed object: what Go gets from `UnmarshalTo`, i.e. without `@type`. */
export function unpackAny(any: JsonObject): JsonObject {
  return Object.fromEntries(Object.entries(any).filter(([key]) => key !== '@type'));
}

function scalar(value: Json): string {
  return typeof value === 'string' ? goJsonString(value) : JSON.stringify(value);
}

/**
 * Each method mirrors the jsonpb function it is named after, with the same `indent` argument, so the odd
 * indentation of Struct, Value and ListValue falls out exactly as Go produces it instead of being patched.
 * `holder` is the field holding the value (for list items and map values, the list or map field), which is
 * what fieldShape needs to tell a field's shape.
 */
class Printer {
  /** jsonpb marshalMessage: `indent` is where the closing brace of a plain message goes. */
  marshal(kind: Kind, value: Json, holder: string, indent: string): string {
    switch (kind) {
      case 'struct':
        return isObject(value) ? this.map(value, holder, indent, 'value') : scalar(value);
      case 'list':
        return Array.isArray(value) ? this.list(value, holder, indent, 'value') : scalar(value);
      case 'value':
        // A Value hands its struct/list to marshalSingularValue, which adds one more level.
        if (isObject(value)) return this.marshal('struct', value, holder, indent + INDENT);
        if (Array.isArray(value)) return this.marshal('list', value, holder, indent + INDENT);
        return scalar(value);
      case 'message':
        return isObject(value) ? this.message(value, holder, indent) : scalar(value);
    }
  }

  private message(object: JsonObject, holder: string, indent: string): string {
    const typeUrl = typeof object['@type'] === 'string' ? object['@type'] : undefined;
    const messageName = typeUrl?.slice(typeUrl.lastIndexOf('/') + 1);
    const wellKnown = messageName === undefined ? undefined : (WELL_KNOWN_JSON as Readonly<Record<string, Kind | undefined>>)[messageName];
    const lines: string[] = [];
    if (typeUrl !== undefined) lines.push(`${indent}${INDENT}"@type": ${goJsonString(typeUrl)}`);
    if (wellKnown) {
      // marshalAny for a well-known type: {"@type": …, "value": <the JSON form>}.
      lines.push(`${indent}${INDENT}"value": ${this.marshal(wellKnown, object['value'] ?? null, holder, indent + INDENT)}`);
    } else {
      for (const [key, value] of Object.entries(object)) {
        // protojson reads null as "not set" and jsonpb leaves unset fields (and empty lists/maps) out.
        if (key === '@type' || value === null || (Array.isArray(value) && value.length === 0)) continue;
        const name = camel(key);
        const shape = fieldShape(name, holder, typeUrl);
        const isMap = shape === 'map' || shape === 'map of structs';
        if (isMap && isObject(value) && Object.keys(value).length === 0) continue;
        lines.push(`${indent}${INDENT}"${name}": ${this.field(value, name, shape, indent)}`);
      }
    }
    return `{\n${lines.join(',\n')}\n${indent}}`;
  }

  /** jsonpb marshalValue for message field `name` whose key sits at `indent` + one level. */
  private field(value: Json, name: string, shape: FieldShape, indent: string): string {
    const kind: Kind = shape === 'struct' ? 'struct' : 'message';
    if (Array.isArray(value)) return this.list(value, name, indent, kind);
    if (isObject(value) && (shape === 'map' || shape === 'map of structs')) {
      return this.map(value, name, indent, shape === 'map of structs' ? 'struct' : 'message');
    }
    return this.singular(kind, value, name, indent);
  }

  private singular(kind: Kind, value: Json, holder: string, indent: string): string {
    return isObject(value) || Array.isArray(value) ? this.marshal(kind, value, holder, indent + INDENT) : scalar(value);
  }

  private list(items: Json[], holder: string, indent: string, kind: Kind): string {
    const body = items.map((item) => `\n${indent}${INDENT}${INDENT}${this.singular(kind, item, holder, indent + INDENT)}`);
    return `[${body.join(',')}\n${indent}${INDENT}]`;
  }

  /** A proto map or a Struct's fields: keys as written, sorted; every value of the same `kind`. */
  private map(object: JsonObject, holder: string, indent: string, kind: Kind): string {
    const keys = Object.keys(object).sort(goStringCompare);
    const body = keys.map((key) => `\n${indent}${INDENT}${INDENT}${goJsonString(key)}: ${this.singular(kind, object[key] ?? null, holder, indent + INDENT)}`);
    return `{${body.join(',')}\n${indent}${INDENT}}`;
  }
}
