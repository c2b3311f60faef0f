import { describe, expect, it } from 'vitest';
import { parseDump, ProxyConfigError } from '../../../src/views/proxy-config/dump.js';
import { secretItems, secretSummary } from '../../../src/views/proxy-config/secrets.js';
import { istioctlFixture } from '../../helpers/istioctl-fixtures.js';

const dir = 'writer/envoy/configdump/testdata/secret';
// The goldens hold VALID CERT as of their recording: `default` expired, ROOTCA valid until 2033.
const now = new Date('2026-01-01T00:00:00Z');
const secretsDump = (secrets: object): ReturnType<typeof parseDump> => ({ configs: [{ '@type': 'type.googleapis.com/envoy.admin.v3.SecretsConfigDump', ...secrets }] });

describe('proxy-config secret', () => {
  it('S1: warming then active secrets, byte for byte', () => {
    expect(secretSummary(parseDump(istioctlFixture(`${dir}/istio/config_dump.json`)), { now })).toBe(istioctlFixture(`${dir}/istio/output`));
  });

  it('S2: a SPIFFE validator gives one ROOTCA row per trust domain, and a TRUST DOMAIN column', () => {
    expect(secretSummary(parseDump(istioctlFixture(`${dir}/spire/config_dump.json`)), { now })).toBe(istioctlFixture(`${dir}/spire/output`));
  });

  it('VALID CERT follows the clock', () => {
    const dump = parseDump(istioctlFixture(`${dir}/istio/config_dump.json`));
    const valid = (at: string): boolean[] => secretItems(dump, new Date(at)).map((item) => item.valid);
    expect(valid('2023-05-15T12:00:00Z')).toEqual([false, true, true]);
    expect(valid('2034-01-01T00:00:00Z')).toEqual([false, false, false]);
  });

  it('`all` names them secret/<name>: the SECRET block of the A1 golden', () => {
    const golden = istioctlFixture('proxyconfig/testdata/config_dump_summary.txt');
    const block = golden.slice(golden.indexOf('RESOURCE NAME'), golden.indexOf('\n\n', golden.indexOf('RESOURCE NAME')) + 1);
    expect(secretSummary(parseDump(istioctlFixture('proxyconfig/testdata/config_dump.json')), { now, configType: true })).toBe(block);
  });

  it('says so when there are no secrets, and fails without a secrets section', () => {
    expect(secretSummary(secretsDump({}), { now })).toBe('No active or warming secrets found.\n');
    expect(() => secretSummary({ configs: [] }, { now })).toThrow(new ProxyConfigError('config dump has no configuration type type.googleapis.com/envoy.admin.v3.SecretsConfigDump'));
  });

  it('a secret that is not a tls Secret fails as istioctl does', () => {
    const dump = secretsDump({ dynamic_active_secrets: [{ name: 'odd', secret: { '@type': 'type.googleapis.com/google.protobuf.Empty' } }] });
    expect(() => secretSummary(dump, { now })).toThrow(
      'failed building warming secret odd: proto: mismatched message type: got "envoy.extensions.transport_sockets.tls.v3.Secret", want "google.protobuf.Empty"',
    );
  });

  it('a certificate that does not parse leaves the row empty and not valid', () => {
    const garbage = Buffer.from('-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----\n').toString('base64');
    const dump = secretsDump({
      dynamic_active_secrets: [{ name: 'bad', secret: { '@type': 'type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.Secret', tls_certificate: { certificate_chain: { inline_bytes: garbage } } } }],
    });
    expect(secretItems(dump, now)).toEqual([{ name: 'bad', state: 'ACTIVE', type: '', valid: false, serialNumber: '', notAfter: '', notBefore: '', trustDomain: '' }]);
  });
});

describe('secret -o json|yaml', () => {
  it('prints the whole SecretsConfigDump with protojson names, as the SPIRE docs read it with jq', async () => {
    const { secretDumpOutput } = await import('../../../src/views/proxy-config/secrets.js');
    const { parseDump } = await import('../../../src/views/proxy-config/dump.js');
    const dump = parseDump(istioctlFixture('writer/envoy/configdump/testdata/secret/istio/config_dump.json'));
    const json = JSON.parse(secretDumpOutput(dump, 'json')) as { dynamicActiveSecrets?: { name?: string; secret?: { tlsCertificate?: { certificateChain?: { inlineBytes?: string } } } }[] };
    expect(json.dynamicActiveSecrets?.[0]?.name).toBe('default');
    expect(json.dynamicActiveSecrets?.[0]?.secret?.tlsCertificate?.certificateChain?.inlineBytes).toMatch(/^LS0tLS1CRUdJTi/);
    expect(secretDumpOutput(dump, 'yaml')).toMatch(/^dynamicActiveSecrets:\n- lastUpdated:/);
    expect(() => secretDumpOutput(parseDump('{"configs":[]}'), 'json')).toThrow("sidecar doesn't support secrets: config dump has no configuration type type.googleapis.com/envoy.admin.v3.SecretsConfigDump");
  });
});
