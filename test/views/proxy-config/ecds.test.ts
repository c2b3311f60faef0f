import { describe, expect, it } from 'vitest';
import { parseDump, ProxyConfigError } from '../../../src/views/proxy-config/dump.js';
import { ecdsOutput, ecdsRows } from '../../../src/views/proxy-config/ecds.js';
import { istioctlFixture, trimmed } from '../../helpers/istioctl-fixtures.js';

const dir = 'writer/envoy/configdump/testdata/ecds';
const dump = parseDump(istioctlFixture(`${dir}/configdump.json`));
const golden = (name: string): string => trimmed(istioctlFixture(`${dir}/${name}`));
const ecdsDump = (filters: unknown[]): ReturnType<typeof parseDump> => ({ configs: [{ '@type': 'type.googleapis.com/envoy.admin.v3.EcdsConfigDump', ecds_filters: filters }] }) as ReturnType<typeof parseDump>;

describe('proxy-config ecds', () => {
  it('X1: the table, every ECDS section merged, sorted by type URL then name', () => {
    expect(trimmed(ecdsOutput(dump))).toBe(golden('output.txt'));
  });

  it('X2: -o yaml', () => {
    expect(trimmed(ecdsOutput(dump, 'yaml'))).toBe(golden('output.yaml'));
  });

  it('X3: -o json, as upstream\'s test re-indents protojson\'s output', () => {
    expect(trimmed(ecdsOutput(dump, 'json'))).toBe(golden('output.json'));
  });

  it('fails without an ECDS section, and on a filter that is not a TypedExtensionConfig', () => {
    expect(() => ecdsOutput({ configs: [] })).toThrow(new ProxyConfigError('config dump has no configuration type type.googleapis.com/envoy.admin.v3.EcdsConfigDump'));
    expect(() => ecdsRows(ecdsDump([{ last_updated: '2023-12-23T13:46:00.701Z' }]))).toThrow('failed to retrieve TypedExtensionConfig: proto: invalid nil source message');
    expect(() => ecdsRows(ecdsDump([{ ecds_filter: { '@type': 'type.googleapis.com/envoy.config.listener.v3.Listener' } }]))).toThrow(
      'failed to retrieve TypedExtensionConfig: proto: mismatched message type: got "envoy.config.core.v3.TypedExtensionConfig", want "envoy.config.listener.v3.Listener"',
    );
  });

  it('sections with no filters print an empty dump', () => {
    expect(ecdsOutput(ecdsDump([]), 'json')).toBe('{}\n');
    expect(ecdsOutput(ecdsDump([]))).toBe('ECDS NAME     TYPE\n');
  });
});
