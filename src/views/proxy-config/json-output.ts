/**
 * istioctl's `-o json` and `-o yaml` for the proxy-config commands that print Envoy messages (routes,
 * clusters, listeners, eds, endpoints, ecds). istioctl unpacks each message and prints it with Go's
 * protojson, re-indents that with `json.MarshalIndent(…, "", "    ")`, and for YAML feeds the JSON to
 * sigs.k8s.io/yaml (go-yaml v2). Envoy's dump already holds protojson-shaped values in proto field
 * order, so reproducing that comes down to:
 *
 * - field names in lowerCamelCase (the dump may spell them snake_case);
 * - keys of proto maps and of `google.protobuf.Struct` values kept as written but sorted, as protojson
 *   sorts map entries (which fields those are is listed in proto-shapes.ts, since the dump carries no schema);
 * - the message's own `@type` dropped, nested `Any` values keeping theirs, printed first;
 * - empty lists left out (protojson never prints an empty repeated field);
 * - Go's JSON escaping (`<`, `>`, `&`, U+2028, U+2029) and go-yaml v2's quoting, key order and numbers.
 *
 * Pure: values in, text out.
 */
import { Document, Scalar, visit, type Pair, type Tags } from 'yaml';
import { goFormatFloat, goJsonString, goStringCompare } from '../../go-text.js';
import { isObject, type Json, type JsonObject } from './dump.js';
import { fieldShape } from './proto-shapes.js';

/**
 * A JSON value whose objects are Maps: a plain object would list integer-like keys (`"80"`, `"9080"`)
 * first, whatever order protojson gave them.
 */
export type OrderedJson = null | boolean | number | string | OrderedJson[] | Map<string, OrderedJson>;

export type MessageFormat = 'json' | 'yaml';

/** protoc's JSON name: each `_` dropped and the next character upper-cased (`port_value` → `portValue`). */
function jsonName(name: string): string {
  return name.replace(/_+(.?)/g, (_, next: string) => next.toUpperCase());
}

/** protojson sorts map entries by key with Go's string order. */
function byKey<T>([a]: [string, T], [b]: [string, T]): number {
  return goStringCompare(a, b);
}

function structValue(value: Json): OrderedJson {
  if (Array.isArray(value)) return value.map(structValue);
  if (!isObject(value)) return value;
  return new Map(Object.entries(value).sort(byKey).map(([key, child]) => [key, structValue(child)]));
}

/** A message, a list of messages, or a scalar, in a field named `holder`. */
function messageValue(value: Json, holder: string): OrderedJson {
  if (Array.isArray(value)) return value.map((item) => messageValue(item, holder));
  return isObject(value) ? message(value, holder, true) : value;
}

function mapValue(value: Json, holder: string): OrderedJson {
  if (!isObject(value)) return messageValue(value, holder);
  return new Map(Object.entries(value).sort(byKey).map(([key, child]) => [key, messageValue(child, holder)]));
}

/** A field's value as protojson prints it, or undefined where protojson prints nothing (an empty list or map). */
function fieldValue(name: string, value: Json, holder: string, typeUrl: Json | undefined): OrderedJson | undefined {
  if (Array.isArray(value) && value.length === 0) return undefined;
  const shape = fieldShape(name, holder, typeof typeUrl === 'string' ? typeUrl : undefined);
  if (shape === 'struct') return structValue(value);
  if (isObject(value) && Object.keys(value).length === 0 && shape !== 'message') return undefined;
  if (shape === 'map of structs') return structValue(value);
  return shape === 'map' ? mapValue(value, name) : messageValue(value, name);
}

function message(object: JsonObject, holder: string, keepType: boolean): Map<string, OrderedJson> {
  const out = new Map<string, OrderedJson>();
  const typeUrl = object['@type'];
  if (keepType && typeof typeUrl === 'string') out.set('@type', typeUrl);
  for (const [key, value] of Object.entries(object)) {
    if (key === '@type') continue;
    const name = jsonName(key);
    const converted = fieldValue(name, value, holder, typeUrl);
    if (converted !== undefined) out.set(name, converted);
  }
  return out;
}

/**
 * One unpacked message (a Cluster, a ClusterLoadAssignment, an admin ClusterStatus, an EcdsConfigDump…)
 * as protojson prints it: its own `@type` dropped, names in lowerCamelCase, maps and Structs sorted.
 */
export function protoMessage(value: Json): OrderedJson {
  return isObject(value) ? message(value, '', false) : messageValue(value, '');
}

// ---- JSON: encoding/json's MarshalIndent ----

/**
 * `json.MarshalIndent(value, "", "    ")`, without a final newline. Numbers print as JSON.stringify does,
 * as Go's do. Plain objects print in their own key order (integer-like keys first); Maps as they are.
 */
export function goJson(value: OrderedJson | Json, indent = ''): string {
  const inner = `${indent}    `;
  if (value instanceof Map || isObject(value)) {
    const entries: [string, OrderedJson | Json][] = value instanceof Map ? [...value] : Object.entries(value);
    if (entries.length === 0) return '{}';
    return `{\n${entries.map(([key, child]) => `${inner}${goJsonString(key)}: ${goJson(child, inner)}`).join(',\n')}\n${indent}}`;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((child) => `${inner}${goJson(child, inner)}`).join(',\n')}\n${indent}]`;
  }
  return typeof value === 'string' ? goJsonString(value) : JSON.stringify(value);
}

// ---- YAML: sigs.k8s.io/yaml JSONToYAML (go-yaml v2) ----

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

/** strconv.ParseInt(s, 0, 64) or ParseUint(s, 0, 64) succeeds: decimal, 0x, 0b, 0o or leading-0 octal, in range. */
function goParsesAsInteger(text: string): boolean {
  const match = /^([+-]?)(?:0[xX]([0-9a-fA-F]+)|0[bB]([01]+)|0[oO]([0-7]+)|0([0-7]*)|([1-9][0-9]*))$/.exec(text);
  if (!match) return false;
  const [, sign, hex, binary, octal, legacyOctal, decimal] = match;
  const magnitude =
    hex !== undefined ? BigInt(`0x${hex}`) : binary !== undefined ? BigInt(`0b${binary}`) : octal !== undefined ? BigInt(`0o${octal}`) : decimal !== undefined ? BigInt(decimal) : BigInt(`0o0${legacyOctal ?? ''}`);
  if (sign === '-') return -magnitude >= INT64_MIN;
  return sign === '+' ? magnitude <= INT64_MAX : magnitude <= UINT64_MAX;
}

/** strconv.ParseFloat succeeds on a decimal literal: it fails on overflow (±Inf), not on underflow. */
function goParsesAsFloat(text: string): boolean {
  return /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/.test(text) && Number.isFinite(Number(text));
}

function daysIn(month: number, year: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** go-yaml v2's parseTimestamp: time.Parse with `2006-1-2T15:4:5.999999999Z07:00` (also `t`), `2006-1-2 15:4:5.999999999` or `2006-1-2`. */
function goParsesAsTimestamp(text: string): boolean {
  const match = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:([Tt ])(\d{1,2}):(\d{1,2}):(\d{1,2})(?:[.,]\d+)?(Z|[+-]\d\d:\d\d)?)?$/.exec(text);
  if (!match) return false;
  const [year, month, day, hour, minute, second] = [1, 2, 3, 5, 6, 7].map((index) => Number(match[index] ?? 0)) as [number, number, number, number, number, number];
  const separator = match[4];
  const zone = match[8];
  if (month < 1 || month > 12 || day < 1 || day > daysIn(month, year)) return false;
  if (separator === undefined) return true;
  if (hour > 23 || minute > 59 || second > 59) return false;
  // The T/t layouts need a zone (Go accepts offsets up to 24:60); the space layout has none.
  if (separator === ' ') return zone === undefined;
  return zone === 'Z' || (zone !== undefined && Number(zone.slice(1, 3)) <= 24 && Number(zone.slice(4, 6)) <= 60);
}

/** Strings go-yaml v2 would read back as something else, so it quotes them (yaml.v2 resolve() and isBase60Float). */
const NOT_STRINGS = new Set(
  'y Y yes Yes YES true True TRUE on On ON n N no No NO false False FALSE off Off OFF ~ null Null NULL .nan .NaN .NAN .inf .Inf .INF +.inf +.Inf +.INF -.inf -.Inf -.INF'.split(' ').concat(''),
);

export function goYamlNeedsQuotes(text: string): boolean {
  if (NOT_STRINGS.has(text)) return true;
  const first = text[0] ?? '';
  if (first === '.') return goParsesAsFloat(text);
  if (/[-+0-9]/.test(first)) {
    if (goParsesAsTimestamp(text)) return true;
    const plain = text.replaceAll('_', '');
    if (goParsesAsInteger(plain) || goParsesAsFloat(plain)) return true;
    return /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/.test(text); // base-60 float, quoted for YAML 1.1 readers
  }
  return false;
}

/**
 * go-yaml v2 reads a JSON number back as an int when it can, else as a float64 it prints with
 * strconv.FormatFloat(f, 'g', -1, 64): exponent form below 1e-4 or from 1e6 (`1.5e+06`, `1e-05`).
 */
function goYamlNumber(value: number): string {
  const json = JSON.stringify(value);
  if (/^-?\d+$/.test(json) && BigInt(json) >= INT64_MIN && BigInt(json) <= UINT64_MAX) return json;
  return goFormatFloat(value);
}

/** go-yaml v2's map key order (sorter.go): digit runs compare as numbers, a non-letter sorts before a letter. */
export function goYamlKeyLess(a: string, b: string): boolean {
  const ar = [...a];
  const br = [...b];
  const isLetter = (c: string): boolean => /\p{L}/u.test(c);
  const isDigit = (c: string | undefined): boolean => c !== undefined && /\p{Nd}/u.test(c);
  const digitValue = (c: string): bigint => BigInt((c.codePointAt(0) ?? 48) - 48);
  for (let i = 0; i < ar.length && i < br.length; i++) {
    const x = ar[i] as string;
    const y = br[i] as string;
    if (x === y) continue;
    const xl = isLetter(x);
    const yl = isLetter(y);
    if (xl && yl) return (x.codePointAt(0) ?? 0) < (y.codePointAt(0) ?? 0);
    if (xl || yl) return yl;
    let an = 0n;
    let bn = 0n;
    if (x === '0' || y === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]); j--) {
        if (ar[j] !== '0') {
          an = 1n;
          bn = 1n;
          break;
        }
      }
    }
    let ai = i;
    for (; ai < ar.length && isDigit(ar[ai]); ai++) an = an * 10n + digitValue(ar[ai] as string);
    let bi = i;
    for (; bi < br.length && isDigit(br[bi]); bi++) bn = bn * 10n + digitValue(br[bi] as string);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return (x.codePointAt(0) ?? 0) < (y.codePointAt(0) ?? 0);
  }
  return ar.length < br.length;
}

function comparePairs(a: Pair, b: Pair): number {
  const x = String((a.key as Scalar).value);
  const y = String((b.key as Scalar).value);
  return goYamlKeyLess(x, y) ? -1 : goYamlKeyLess(y, x) ? 1 : 0;
}

const GO_NUMBER_TAG = {
  identify: (value: unknown) => typeof value === 'number',
  default: true,
  tag: 'tag:yaml.org,2002:float',
  resolve: (source: string) => Number(source),
  stringify: ({ value }: Scalar) => goYamlNumber(value as number),
};

/** Insertion-ordered maps must stay plain YAML maps, not `!!omap`s. */
const ORDERED_TAGS = new Set(['tag:yaml.org,2002:omap', 'tag:yaml.org,2002:pairs', 'tag:yaml.org,2002:set']);

/**
 * The 1.1 schema without its resolvers: whether a string needs quotes is go-yaml's call (goYamlNeedsQuotes),
 * and the npm package's own 1.1 tests disagree with it at the edges (`<<`, `0o17`, some timestamps).
 */
function goTags(tags: Tags): Tags {
  const kept = tags.filter((tag) => typeof tag === 'object' && !ORDERED_TAGS.has(tag.tag));
  return [GO_NUMBER_TAG, ...kept.map((tag) => (typeof tag === 'object' ? { ...tag, test: undefined } : tag))];
}

/**
 * sigs.k8s.io/yaml's JSONToYAML of the JSON `goJson` prints: keys sorted as go-yaml sorts them, 2-space
 * indent, lists not indented under their key, strings double-quoted when they would read back as
 * another type and single-quoted when YAML syntax needs quotes. Ends in a newline.
 *
 * Known gap: go-yaml v2 folds plain and quoted strings that run past column 80 at a space; this keeps
 * them on one line (npm `yaml` folds differently, so lineWidth 0 is the closer match).
 */
export function goYaml(value: OrderedJson | Json): string {
  const doc = new Document(value, { version: '1.1', sortMapEntries: comparePairs, customTags: goTags });
  visit(doc, {
    Scalar(_, node) {
      if (typeof node.value === 'string' && goYamlNeedsQuotes(node.value)) node.type = Scalar.QUOTE_DOUBLE;
    },
  });
  return doc.toString({ indentSeq: false, lineWidth: 0, singleQuote: true });
}

/** What istioctl prints for an already-converted value: `fmt.Fprintln` of the JSON or YAML. */
export function printConverted(value: OrderedJson | Json, format: MessageFormat): string {
  return format === 'yaml' ? `${goYaml(value)}\n` : `${goJson(value)}\n`;
}

/** `-o json` of routes/clusters/listeners/eds/endpoints: the array of messages, then a newline. */
export function protoJsonArray(messages: readonly Json[]): string {
  return printConverted(messages.map(protoMessage), 'json');
}

/** `-o yaml` of the same: the YAML of that array, then the newline Fprintln adds. */
export function protoYamlArray(messages: readonly Json[]): string {
  return printConverted(messages.map(protoMessage), 'yaml');
}

/** Either of the two, by `-o` value. */
export function protoArrayOutput(messages: readonly Json[], format: MessageFormat): string {
  return printConverted(messages.map(protoMessage), format);
}
