/**
 * `istioctl proxy-config secret`: one row per certificate the proxy holds (warming secrets first, then
 * active ones, in dump order), read from the first PEM block of each. VALID CERT depends on the clock, so
 * the caller passes `now`.
 */
import { X509Certificate } from 'node:crypto';
import { at, field, findSection, list, ProxyConfigError, requireSection, text, type Json, type JsonObject } from './dump.js';
import { jsonpbOutput, unpackAny } from './jsonpb.js';
import { unmarshalAny } from './proto-any.js';
import { tabwrite } from './tabwriter.js';

export interface SecretItem {
  name: string;
  /** WARMING or ACTIVE. */
  state: string;
  /** `CA` or `Cert Chain`; empty when there is no certificate or it does not parse. */
  type: string;
  valid: boolean;
  serialNumber: string;
  notAfter: string;
  notBefore: string;
  /** The SPIFFE trust domain given by the validator config, else the last `spiffe://` URI SAN's host. */
  trustDomain: string;
}

export interface SecretOptions {
  now: Date;
  /** For `proxy-config all`: names printed as `secret/<name>`. */
  configType?: boolean;
}

const SPIFFE_VALIDATOR = 'type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.SPIFFECertValidatorConfig';

/** An inline DataSource's bytes (base64 in JSON); empty when it has none. */
function inlineBytes(source: Json | undefined): Buffer {
  return Buffer.from(text(field(source, 'inline_bytes')), 'base64');
}

/** Go's pem.Decode: the first PEM block, as DER. */
function firstPemBlock(data: Buffer): Buffer | undefined {
  const block = /-----BEGIN ([^\r\n]*)-----\r?\n([\s\S]*?)-----END \1-----/.exec(data.toString('latin1'));
  return block ? Buffer.from((block[2] ?? '').replace(/\s+/g, ''), 'base64') : undefined;
}

/** RFC 3339 in UTC without fractions, as Go's time.RFC3339 prints a certificate date. */
function rfc3339(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The host of the last `spiffe://` URI SAN (Node lists them as `URI:…`, quoted when they hold commas). */
function spiffeTrustDomain(certificate: X509Certificate): string {
  let trustDomain = '';
  for (const match of (certificate.subjectAltName ?? '').matchAll(/(?:^|, )URI:("(?:[^"\\]|\\.)*"|[^,]*)/g)) {
    const raw = match[1] ?? '';
    const uri = raw.startsWith('"') ? (JSON.parse(raw) as string) : raw;
    try {
      const url = new URL(uri);
      if (url.protocol === 'spiffe:') trustDomain = url.host;
    } catch {
      // Go skips URIs it cannot parse; so does this.
    }
  }
  return trustDomain;
}

/** `%032x` of the serial: lowercase hex, zero-padded to 32 digits. */
function serialHex(serial: string): string {
  const negative = serial.startsWith('-');
  const digits = serial.replace(/^-/, '').replace(/^0+(?=.)/, '').toLowerCase();
  return negative ? `-${digits.padStart(31, '0')}` : digits.padStart(32, '0');
}

function buildItem(name: string, state: string, data: Buffer, givenTrustDomain: string, now: Date): SecretItem {
  const empty: SecretItem = { name, state, type: '', valid: false, serialNumber: '', notAfter: '', notBefore: '', trustDomain: '' };
  const der = data.length > 0 ? firstPemBlock(data) : undefined;
  if (!der) return empty;
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(der);
  } catch {
    return empty; // istioctl logs the parse error at debug level and shows an empty row
  }
  const notBefore = new Date(certificate.validFrom);
  const notAfter = new Date(certificate.validTo);
  return {
    name,
    state,
    type: certificate.ca ? 'CA' : 'Cert Chain',
    valid: now > notBefore && now < notAfter,
    serialNumber: serialHex(certificate.serialNumber),
    notAfter: rfc3339(notAfter),
    notBefore: rfc3339(notBefore),
    // A trust domain from the SPIFFE validator is kept; the certificate's own is the fallback.
    trustDomain: givenTrustDomain || spiffeTrustDomain(certificate),
  };
}

function itemsOf(entry: Json, state: string, now: Date): SecretItem[] {
  const name = text(field(entry, 'name'));
  let secret: JsonObject;
  try {
    secret = unmarshalAny(field(entry, 'secret'), 'envoy.extensions.transport_sockets.tls.v3.Secret');
  } catch (error) {
    // istioctl says "warming" for active secrets too.
    throw new ProxyConfigError(`failed building warming secret ${name}: ${(error as Error).message}`);
  }
  const chain = inlineBytes(at(secret, 'tls_certificate', 'certificate_chain'));
  if (chain.length > 0) return [buildItem(name, state, chain, '', now)];
  const trustedCa = inlineBytes(at(secret, 'validation_context', 'trusted_ca'));
  if (trustedCa.length > 0) return [buildItem(name, state, trustedCa, '', now)];
  // A SPIFFE validator (trust-domain federation) carries one bundle per trust domain, named after the inner secret.
  const validator = at(secret, 'validation_context', 'custom_validator_config', 'typed_config');
  if (field(validator, '@type') === SPIFFE_VALIDATOR) {
    return list(field(validator, 'trust_domains')).map((domain) =>
      buildItem(text(field(secret, 'name')), state, inlineBytes(field(domain, 'trust_bundle')), text(field(domain, 'name')), now),
    );
  }
  return [buildItem(name, state, Buffer.alloc(0), '', now)];
}

/**
 * The secret items, warming ones first (state WARMING), then active ones (ACTIVE). istioctl means to show
 * UNINITIALIZED for `version_info: uninitialized`, but sets it on a copy, so it never shows; nor here.
 */
export function secretItems(dump: JsonObject, now: Date): SecretItem[] {
  const section = requireSection(dump, 'SecretsConfigDump');
  return [
    ...list(field(section, 'dynamic_warming_secrets')).flatMap((entry) => itemsOf(entry, 'WARMING', now)),
    ...list(field(section, 'dynamic_active_secrets')).flatMap((entry) => itemsOf(entry, 'ACTIVE', now)),
  ];
}

/** Header and rows; TRUST DOMAIN only when every item has one (trust-domain federation). */
export function secretRows(items: readonly SecretItem[], configType = false): string[][] {
  const withTrustDomain = items.every((item) => item.trustDomain !== '');
  const header = ['RESOURCE NAME', 'TYPE', 'STATUS', 'VALID CERT', 'SERIAL NUMBER', 'NOT AFTER', 'NOT BEFORE'];
  const rows = items.map((item) => [
    configType ? `secret/${item.name}` : item.name,
    item.type,
    item.state,
    String(item.valid),
    item.serialNumber,
    item.notAfter,
    item.notBefore,
    ...(withTrustDomain ? [item.trustDomain] : []),
  ]);
  return [withTrustDomain ? [...header, 'TRUST DOMAIN'] : header, ...rows];
}

/** What `istioctl proxy-config secret` prints (and the SECRET part of `all`). */
export function secretSummary(dump: JsonObject, options: SecretOptions): string {
  const section = requireSection(dump, 'SecretsConfigDump');
  if (list(field(section, 'dynamic_active_secrets')).length === 0 && list(field(section, 'dynamic_warming_secrets')).length === 0) {
    return 'No active or warming secrets found.\n';
  }
  const items = secretItems(dump, options.now);
  if (items.length === 0) return 'No secret items to show.\n';
  return tabwrite(secretRows(items, options.configType), 5);
}

/**
 * `pc secret -o json|yaml`: the whole SecretsConfigDump (no filters), as istioctl prints it through
 * protomarshal: camelCase fields, 4-space indent; YAML converted from that JSON.
 */
export function secretDumpOutput(dump: JsonObject, format: 'json' | 'yaml'): string {
  const section = findSection(dump, 'SecretsConfigDump');
  if (!section) throw new ProxyConfigError("sidecar doesn't support secrets: config dump has no configuration type type.googleapis.com/envoy.admin.v3.SecretsConfigDump");
  return jsonpbOutput(unpackAny(section), format);
}
