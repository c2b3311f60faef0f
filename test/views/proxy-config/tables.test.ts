// Routes, clusters, listeners and EDS tables against istioctl's goldens (test/fixtures/istioctl/README.md).
import { describe, expect, it } from 'vitest';
import { clusterRows, parseSubsetKey } from '../../../src/views/proxy-config/clusters.js';
import { parseDump, ProxyConfigError } from '../../../src/views/proxy-config/dump.js';
import { endpointConfigRows } from '../../../src/views/proxy-config/eds.js';
import { describeChainMatch, listenerRows } from '../../../src/views/proxy-config/listeners.js';
import { describeRouteDomains, routeRows } from '../../../src/views/proxy-config/routes.js';
import { tabwrite } from '../../../src/views/proxy-config/tabwriter.js';
import { istioctlFixture, trimmed } from '../../helpers/istioctl-fixtures.js';

const dumpOf = (file: string) => parseDump(istioctlFixture(file));
const ROUTES = 'writer/envoy/configdump/testdata/routes';
const EDS = 'writer/envoy/configdump/testdata/endpoint';

describe('proxy-config routes (R1–R3, compared trimmed as upstream does)', () => {
  it.each(['empty-gateway', 'istio-gateway-http-route-prefix', 'k8s-gateway-http-route-path-prefix'])('%s', (name) => {
    const table = tabwrite(routeRows(dumpOf(`${ROUTES}/${name}/configdump.json`)), 5);
    expect(trimmed(table)).toBe(trimmed(istioctlFixture(`${ROUTES}/${name}/output.txt`)));
  });

  it('keeps the trailing spaces of an empty last column, as istioctl prints them', () => {
    const table = tabwrite(routeRows(dumpOf(`${ROUTES}/empty-gateway/configdump.json`)), 5);
    expect(table.split('\n')[1]).toBe('         backend        *           /healthz/ready*        ');
  });

  it('shortens domain lists as istioctl does', () => {
    expect(describeRouteDomains([])).toBe('');
    expect(describeRouteDomains(['reviews.default.svc.cluster.local:9080'])).toBe('reviews.default.svc.cluster.local:9080');
    expect(describeRouteDomains(['reviews.default.svc.cluster.local', 'reviews.default.svc.cluster.local:9080', 'reviews', 'reviews:9080', 'reviews.default.svc', 'reviews.default', 'reviews.default:9080', '10.96.0.10', '10.96.0.10:9080'])).toBe('reviews, reviews.default + 1 more...');
    expect(describeRouteDomains(['a:80', 'b:80'])).toBe('');
    expect(describeRouteDomains(['[fd00:10:96::7fc7]', '[fd00:10:96::7fc7]:8090'])).toBe('[fd00:10:96::7fc7]');
  });

  it('the summary without --verbose, the --name filter, and the errors istioctl gives', () => {
    const dump = dumpOf(`${ROUTES}/istio-gateway-http-route-prefix/configdump.json`);
    expect(routeRows(dump, { verbose: false })).toEqual([['NAME', 'VIRTUAL HOSTS'], ['http.8080', '1'], ['', '1'], ['', '1']]);
    expect(routeRows(dump, { name: 'http.8080' }).slice(1).map((row) => row[3])).toEqual(['/get*']);
    expect(() => routeRows(parseDump('{"configs":[]}'))).toThrow(new ProxyConfigError('config dump has no configuration type type.googleapis.com/envoy.admin.v3.RoutesConfigDump'));
    expect(() => routeRows(parseDump('{"configs":[{"@type":"type.googleapis.com/envoy.admin.v3.RoutesConfigDump"}]}'))).toThrow('no routes found');
  });
});

describe('proxy-config eds (E1, E2)', () => {
  it('every endpoint, sorted as clusters are (E1)', () => {
    expect(trimmed(tabwrite(endpointConfigRows(dumpOf(`${EDS}/configdump.json`)), 5))).toBe(trimmed(istioctlFixture(`${EDS}/emptyfilter_output.txt`)));
  });
  it('--port 8080 (E2)', () => {
    expect(trimmed(tabwrite(endpointConfigRows(dumpOf(`${EDS}/configdump.json`), { port: 8080 }), 5))).toBe(trimmed(istioctlFixture(`${EDS}/portfilter_output.txt`)));
  });
  it('a dump without EDS prints the header alone', () => {
    expect(endpointConfigRows(parseDump('{"configs":[]}'))).toEqual([['NAME', 'STATUS', 'LOCALITY', 'CLUSTER']]);
  });
});

describe('cluster names and listener matches', () => {
  it('parses Istio cluster names like pilot does', () => {
    expect(parseSubsetKey('outbound|80|v1|reviews.default.svc.cluster.local')).toEqual({ direction: 'outbound', port: 80, subset: 'v1', fqdn: 'reviews.default.svc.cluster.local' });
    expect(parseSubsetKey('inbound-vip|8000|http|httpbin.default.svc.cluster.local')).toMatchObject({ direction: 'inbound-vip', port: 8000, subset: 'http' });
    expect(parseSubsetKey('outbound_.80_.v1_.reviews.default.svc.cluster.local')).toEqual({ direction: 'outbound', port: 80, subset: 'v1', fqdn: 'reviews.default.svc.cluster.local' });
    expect(parseSubsetKey('outbound|x|a|b|c')).toEqual({ direction: 'outbound', port: 0, subset: 'a', fqdn: '' });
  });
  it('words filter-chain matches as istioctl does', () => {
    expect(describeChainMatch(undefined)).toBe('ALL');
    expect(describeChainMatch({ server_names: ['a', 'b'], transport_protocol: 'tls', application_protocols: ['istio-peer-exchange', 'istio'] })).toBe('SNI: a,b; Trans: tls; App: TCP TLS');
    expect(describeChainMatch({ application_protocols: ['h2'], prefix_ranges: [{ address_prefix: '10.0.0.1', prefix_len: 32 }], destination_port: 9080 })).toBe('App: h2; Addr: 10.0.0.1/32:9080');
    expect(describeChainMatch({ destination_port: 15001 })).toBe('Addr: *:15001');
  });
  it('the tables need their sections, and say so as istioctl does', () => {
    expect(() => clusterRows(parseDump('{"configs":[]}'))).toThrow('config dump has no configuration type type.googleapis.com/envoy.admin.v3.ClustersConfigDump');
    expect(() => listenerRows(parseDump('{"configs":[{"@type":"type.googleapis.com/envoy.admin.v3.ListenersConfigDump"}]}'))).toThrow('no listeners found');
  });
});

describe('proxy-config all (A1, A2: byte for byte, secrets judged at a fixed clock)', () => {
  const dump = dumpOf('proxyconfig/testdata/config_dump.json');
  const now = new Date('2026-01-01T00:00:00Z');
  it('every section, config types named (A1)', async () => {
    const { allSummary } = await import('../../../src/views/proxy-config/all.js');
    expect(allSummary(dump, { now })).toBe(istioctlFixture('proxyconfig/testdata/config_dump_summary.txt'));
  });
  it('with --with-headers (A2)', async () => {
    const { allSummary } = await import('../../../src/views/proxy-config/all.js');
    expect(allSummary(dump, { now, withHeaders: true })).toBe(istioctlFixture('proxyconfig/testdata/config_dump_summary_withheaders.txt'));
  });
});
