import { describe, expect, it } from 'vitest';
import { ProxyConfigError } from '../../../src/views/proxy-config/dump.js';
import { endpointRows, endpointsOutput, parseClusters, selectClusterStatuses } from '../../../src/views/proxy-config/endpoints.js';
import { istioctlFixture, trimmed } from '../../helpers/istioctl-fixtures.js';

// The only goldens for `pc endpoints` (Envoy's /clusters?format=json) are from 2020; see the fixtures README.
const dir = '_history/285c0509f9f4/writer/envoy/clusters/testdata';
const clusters = parseClusters(istioctlFixture(`${dir}/clusters.json`));
const golden = (name: string): string => trimmed(istioctlFixture(`${dir}/${name}`));
const policy = 'outbound|15014||istio-policy.istio-system.svc.cluster.local';

describe('proxy-config endpoints (/clusters)', () => {
  it('H1: the table of every host, sorted by address, port and cluster', () => {
    expect(trimmed(endpointsOutput(clusters))).toBe(golden('clustersummary.txt'));
  });

  it.each([
    ['H2 --cluster', { cluster: policy }],
    ['H3 --address', { address: '172.17.0.14' }],
    ['H4 --port', { port: 15014 }],
    ['H5 --status (any case)', { status: 'unhealthy' }],
  ])('%s: the one matching host', (_, filter) => {
    expect(trimmed(endpointsOutput(clusters, filter))).toBe(golden('clustersummaryfiltered.txt'));
  });

  it('H6: -o json prints every ClusterStatus whole, in Envoy order, with protojson names', () => {
    expect(trimmed(endpointsOutput(clusters, {}, 'json'))).toBe(golden('clustersnofiltered.txt'));
  });

  it.each([
    ['--cluster', { cluster: policy }],
    ['--address', { address: '172.17.0.14' }],
    ['--port', { port: 15014 }],
    ['--status', { status: 'unhealthy' }],
  ])('H7 %s -o json: the matching ClusterStatus', (_, filter) => {
    expect(trimmed(endpointsOutput(clusters, filter, 'json'))).toBe(golden('clusterfiltered.txt'));
  });

  it('H8: a matched cluster is printed with all its hosts', () => {
    expect(trimmed(endpointsOutput(clusters, { cluster: 'outbound|9080||reviews.default.svc.cluster.local' }, 'json'))).toBe(golden('clustermultihostsfiltered.txt'));
  });

  it('-o yaml is the YAML of the same messages', () => {
    const yaml = endpointsOutput(clusters, { cluster: policy }, 'yaml');
    expect(yaml).toMatch(/^- addedViaApi: true\n {2}hostStatuses:\n {2}- address:\n/);
    expect(yaml).toContain('      edsHealthStatus: UNHEALTHY\n');
  });

  it('names pipes unix://, internal addresses envoy://, and anything else unknown', () => {
    const hosts = parseClusters(
      JSON.stringify({
        cluster_statuses: [
          {
            name: 'inbound-vip|80|http|reviews.default.svc.cluster.local',
            host_statuses: [
              { address: { envoy_internal_address: { server_listener_name: 'connect_originate', endpoint_id: '10.0.0.7:9080' } } },
              { address: {}, health_status: { eds_health_status: 'DRAINING', failed_outlier_check: true } },
            ],
          },
        ],
      }),
    );
    expect(endpointRows(hosts).slice(1)).toEqual([
      ['envoy://connect_originate/10.0.0.7:9080', 'UNKNOWN', 'OK', 'inbound-vip|80|http|reviews.default.svc.cluster.local'],
      ['unknown', 'DRAINING', 'FAILED', 'inbound-vip|80|http|reviews.default.svc.cluster.local'],
    ]);
    expect(selectClusterStatuses(hosts, { address: 'ENVOY://connect_originate/10.0.0.7:9080' })).toHaveLength(1);
    expect(selectClusterStatuses(hosts, { port: 9080 })).toHaveLength(0);
  });

  it('no match prints the header alone and an empty JSON list', () => {
    expect(endpointsOutput(clusters, { port: 1 })).toBe('ENDPOINT     STATUS     OUTLIER CHECK     CLUSTER\n');
    expect(endpointsOutput(clusters, { port: 1 }, 'json')).toBe('[]\n');
  });

  it('fails as istioctl does when the file is not /clusters JSON', () => {
    expect(() => parseClusters('not json')).toThrow(ProxyConfigError);
    expect(() => parseClusters('not json')).toThrow(/^error unmarshalling config dump response from Envoy: /);
  });
});
