/**
 * `istioctl proxy-config bootstrap`: the BootstrapConfigDump as jsonpb JSON (the default `-o json`), as
 * YAML, or (`-o short`) the Istio/Envoy version summary (reference §4.7).
 */
import { at, field, isObject, ProxyConfigError, requireSection, type Json, type JsonObject } from './dump.js';
import { jsonpbOutput, unpackAny } from './jsonpb.js';
import { tabwrite } from './tabwriter.js';

export type BootstrapOutput = 'json' | 'yaml' | 'short';

/** What `pc bootstrap -o <output>` prints for a parsed config dump (with its trailing newline). */
export function bootstrapOutput(dump: JsonObject, output: BootstrapOutput = 'json'): string {
  switch (output) {
    case 'short':
      return bootstrapSummary(dump);
    case 'json':
    case 'yaml':
      return bootstrapDump(dump, output);
    default:
      throw new ProxyConfigError(`output format "${String(output)}" not supported`);
  }
}

/** `-o json|yaml`: the BootstrapConfigDump section, unpacked from its Any. */
export function bootstrapDump(dump: JsonObject, output: 'json' | 'yaml' = 'json'): string {
  return jsonpbOutput(unpackAny(requireSection(dump, 'BootstrapConfigDump')), output);
}

/** A Struct field's string value, as Go's `GetStringValue()` reads it (non-strings read as ""). */
function structString(struct: Json | undefined, key: string): string | undefined {
  if (!isObject(struct) || !(key in struct)) return undefined;
  const value = struct[key];
  return typeof value === 'string' ? value : '';
}

/** `-o short`: Istio version, Istio proxy SHA and Envoy version, aligned by a padding-1 tabwriter. */
export function bootstrapSummary(dump: JsonObject): string {
  const node = at(requireSection(dump, 'BootstrapConfigDump'), 'bootstrap', 'node');
  const metadata = field(node, 'metadata');
  const istioVersion = structString(metadata, 'ISTIO_VERSION') ?? '';
  const proxySha = structString(metadata, 'ISTIO_PROXY_SHA') ?? '';

  const rows: string[][] = [];
  if (istioVersion) rows.push(['Istio Version:', istioVersion]);
  // `istio-proxy:<sha>` → `<sha>`: Go keeps the second `:`-separated part.
  if (proxySha) rows.push(['Istio Proxy Version:', proxySha.split(':')[1] ?? proxySha]);
  rows.push(['Envoy Version:', envoyVersion(field(node, 'user_agent_build_version'))]);
  return tabwrite(rows, 1);
}

function envoyVersion(build: Json | undefined): string {
  const version = field(build, 'version');
  const number = (name: string): number => {
    const value = field(version, name);
    return typeof value === 'number' ? value : 0;
  };
  const metadata = field(build, 'metadata');
  const suffix = (prefix: string, key: string): string => {
    const value = structString(metadata, key);
    return value === undefined ? '' : `${prefix}${value}`;
  };
  return `${number('major_number')}.${number('minor_number')}.${number('patch')}${suffix('-', 'build.label')}${suffix('/', 'revision.status')}${suffix('/', 'build.type')}${suffix('/', 'ssl.version')}`;
}
