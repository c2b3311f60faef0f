// `istioctl proxy-status` against istioctl's goldens (README cases P1–P6, L1, L2).
import { describe, expect, it } from 'vitest';
import { ProxyConfigError, type JsonObject } from '../../../src/views/proxy-config/dump.js';
import { humanDuration, legacyProxyStatus, parseDiscoveryResponses, proxyStatus, type ProxyStatusFormat } from '../../../src/views/proxy-config/proxy-status.js';
import { istioctlFixture, trimmed } from '../../helpers/istioctl-fixtures.js';

const responses = (name: string) => parseDiscoveryResponses(istioctlFixture(`_derived/writer/pilot/${name}.json`));
const golden = (file: string) => trimmed(istioctlFixture(file));

describe('proxyStatus (istioctl ≥ 1.27)', () => {
  it('P1: several istiods, table = multiXdsStatusMultiPilot.txt (trim)', () => {
    expect(trimmed(proxyStatus(responses('multi-pilot')))).toBe(golden('writer/pilot/testdata/multiXdsStatusMultiPilot.txt'));
  });

  it('P2: one istiod, two proxies, table = multiXdsStatusSinglePilot.txt (trim)', () => {
    expect(trimmed(proxyStatus(responses('single-pilot')))).toBe(golden('writer/pilot/testdata/multiXdsStatusSinglePilot.txt'));
  });

  it('P3: -v 1 = multiXdsStatusMultiPilot_verbose.txt (trim)', () => {
    expect(trimmed(proxyStatus(responses('single-proxy'), { verbosity: 1, now: new Date('2026-01-01T00:00:00Z') }))).toBe(golden('writer/pilot/testdata/multiXdsStatusMultiPilot_verbose.txt'));
  });

  it('P4: -o json = multiXdsStatusSinglePilot.json (trim)', () => {
    expect(trimmed(proxyStatus(responses('single-proxy'), { output: 'json' }))).toBe(golden('writer/pilot/testdata/multiXdsStatusSinglePilot.json'));
  });

  it('P5: -o yaml = multiXdsStatusSinglePilot.yaml (trim)', () => {
    expect(trimmed(proxyStatus(responses('single-proxy'), { output: 'yaml' }))).toBe(golden('writer/pilot/testdata/multiXdsStatusSinglePilot.yaml'));
  });

  it('P6: -n foo -o yaml = multiXdsStatusSingleNamespace.yaml (trim)', () => {
    expect(trimmed(proxyStatus(responses('single-namespace'), { output: 'yaml', namespace: 'foo' }))).toBe(golden('writer/pilot/testdata/multiXdsStatusSingleNamespace.yaml'));
  });

  it('-n filters the table too', () => {
    const lines = proxyStatus(responses('single-namespace'), { namespace: 'bar' }).trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^proxy2 /);
  });

  it('-v 1 appends the age of lastUpdated from the injected clock', () => {
    const response = responses('single-proxy') as Record<string, JsonObject>;
    const text = JSON.stringify(response).replace('"configStatus":"STALE"', '"configStatus":"STALE","lastUpdated":"2025-12-31T23:55:00Z"');
    const table = proxyStatus(JSON.parse(text) as Record<string, JsonObject>, { verbosity: 1, now: new Date('2026-01-01T00:00:00Z') });
    expect(table.split('\n')[1]).toMatch(/^proxy1 +cluster1 +STALE \(5m\) +SYNCED /);
  });

  it('an older istiod\'s xdsConfig list is read like genericXdsConfigs', () => {
    const legacy: Record<string, JsonObject> = { istiod1: { resources: [{ '@type': 'type.googleapis.com/envoy.service.status.v3.ClientConfig', node: { id: 'p1', metadata: { CLUSTER_ID: 'c1' } }, xdsConfig: [{ status: 'SYNCED', clusterConfig: {} }, { status: 'NOT_SENT', routeConfig: {} }] }] } };
    expect(proxyStatus(legacy).split('\n')[1]).toMatch(/^p1 +c1 +MISSING +2 \(CDS,RDS\)$/);
  });
});

describe('legacyProxyStatus (istioctl ≤ 1.26)', () => {
  it('L1: several istiods = 1.26.0 multiXdsStatusMultiPilot.txt (trim)', () => {
    expect(trimmed(legacyProxyStatus(responses('multi-pilot')))).toBe(golden('_history/1.26.0/writer/pilot/testdata/multiXdsStatusMultiPilot.txt'));
  });

  it('L2: one istiod = 1.26.0 multiXdsStatusSinglePilot.txt (trim)', () => {
    expect(trimmed(legacyProxyStatus(responses('single-pilot')))).toBe(golden('_history/1.26.0/writer/pilot/testdata/multiXdsStatusSinglePilot.txt'));
  });
});

describe('failures and details', () => {
  it('a resource that is not a ClientConfig fails as Any.UnmarshalTo does', () => {
    const bad = { istiod1: { resources: [{ '@type': 'type.googleapis.com/envoy.config.cluster.v3.Cluster', name: 'x' }] } };
    const message = 'could not unmarshal ClientConfig: proto: mismatched message type: got "envoy.service.status.v3.ClientConfig", want "envoy.config.cluster.v3.Cluster"';
    expect(() => proxyStatus(bad)).toThrow(new ProxyConfigError(`failed to setup status print: ${message}`));
    expect(() => legacyProxyStatus(bad)).toThrow(new ProxyConfigError(message));
    expect(() => proxyStatus(bad, { output: 'json', namespace: 'foo' })).toThrow(new ProxyConfigError(message));
  });

  it('malformed input is a ProxyConfigError, and so is an unknown -o', () => {
    expect(() => parseDiscoveryResponses('{"istiod1": [1]}')).toThrow(new ProxyConfigError('the response of istiod1 is not a JSON object'));
    expect(() => parseDiscoveryResponses('not json')).toThrow(ProxyConfigError);
    expect(() => proxyStatus(responses('single-proxy'), { output: 'wide' as ProxyStatusFormat })).toThrow('output format "wide" not supported');
  });

  it('an unreadable control plane identifier shows as INVALID', () => {
    const response = { istiod1: { resources: [], controlPlane: { identifier: '{"ID": 3}' } } };
    const withProxy = { ...response.istiod1, resources: [{ '@type': 'type.googleapis.com/envoy.service.status.v3.ClientConfig', node: { id: 'p' } }] };
    expect(proxyStatus({ istiod1: withProxy }).split('\n')[1]).toMatch(/^p +INVALID +0$/);
  });

  it('humanDuration follows kubectl\'s AGE steps', () => {
    const s = 1000;
    expect([90 * s, 150 * s, 600 * s, 7 * 3600 * s + 60 * s, 30 * 3600 * s, 50 * 3600 * s, 400 * 86400 * s, 3 * 365 * 86400 * s].map(humanDuration)).toEqual(['90s', '2m30s', '10m', '7h1m', '30h', '2d2h', '400d', '3y']);
  });
});
