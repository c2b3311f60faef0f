/**
 * `istioctl proxy-config ecds`: the extension configs Envoy got over ECDS (Istio's Wasm plugins and
 * telemetry filters). Unlike the other sections, every EcdsConfigDump in the dump counts.
 */
import { field, list, ProxyConfigError, requireSection, sections, text, type JsonObject } from './dump.js';
import { goSortSlice } from './go-sort.js';
import { printConverted, protoMessage, type MessageFormat } from './json-output.js';
import { unmarshalAny } from './proto-any.js';
import { tabwrite } from './tabwriter.js';

const TYPE_URL_PREFIX = 'type.googleapis.com/';

/** All ECDS sections merged into one EcdsConfigDump, as istioctl merges them. */
export function ecdsDump(dump: JsonObject): JsonObject {
  requireSection(dump, 'EcdsConfigDump'); // none at all is istioctl's "config dump has no configuration type" error
  return { ecds_filters: sections(dump, 'EcdsConfigDump').flatMap((section) => list(field(section, 'ecds_filters'))) };
}

/** The TypedExtensionConfigs, sorted by their config's type URL, then name. */
export function ecdsConfigs(dump: JsonObject): JsonObject[] {
  const configs = list(field(ecdsDump(dump), 'ecds_filters')).map((filter) => {
    try {
      return unmarshalAny(field(filter, 'ecds_filter'), 'envoy.config.core.v3.TypedExtensionConfig');
    } catch (error) {
      throw new ProxyConfigError(`failed to retrieve TypedExtensionConfig: ${(error as Error).message}`);
    }
  });
  const typeUrl = (config: JsonObject): string => text(field(field(config, 'typed_config'), '@type'));
  return goSortSlice(configs, (a, b) => (typeUrl(a) === typeUrl(b) ? text(field(a, 'name')) < text(field(b, 'name')) : typeUrl(a) < typeUrl(b)));
}

/** Header and rows: name, and the config's type without `type.googleapis.com/` (empty when it has none). */
export function ecdsRows(dump: JsonObject): string[][] {
  return [
    ['ECDS NAME', 'TYPE'],
    ...ecdsConfigs(dump).map((config) => {
      const typeUrl = text(field(field(config, 'typed_config'), '@type'));
      return [text(field(config, 'name')), typeUrl.startsWith(TYPE_URL_PREFIX) ? typeUrl.slice(TYPE_URL_PREFIX.length) : typeUrl];
    }),
  ];
}

/**
 * What `istioctl proxy-config ecds -o <format>` prints. For json, istioctl prints protojson's own indent,
 * whose spacing Go randomizes on purpose; this prints it the way upstream's test normalizes it
 * (`json.MarshalIndent` with 4 spaces), which is the same JSON.
 */
export function ecdsOutput(dump: JsonObject, format: 'short' | MessageFormat = 'short'): string {
  return format === 'short' ? tabwrite(ecdsRows(dump), 5) : printConverted(protoMessage(ecdsDump(dump)), format);
}
