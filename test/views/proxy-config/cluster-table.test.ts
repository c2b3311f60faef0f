// The cluster table a learner reads after a DestinationRule (`istioctl proxy-config clusters`): each Envoy
// cluster as service, port, subset and direction, in istioctl's order, with istioctl's filters.
import { describe, expect, it } from 'vitest';
import { clusterRows } from '../../../src/views/proxy-config/clusters.js';
import { parseDump, type JsonObject } from '../../../src/views/proxy-config/dump.js';

const HEADER = ['SERVICE FQDN', 'PORT', 'SUBSET', 'DIRECTION', 'TYPE', 'DESTINATION RULE'];
const dr = (name: string, namespace: string) => ({ filter_metadata: { istio: { config: `/apis/networking.istio.io/v1/namespaces/${namespace}/destination-rule/${name}` } } });
const clustersDump = (dynamic: unknown[], statics: unknown[] = []): JsonObject =>
  parseDump(
    JSON.stringify({
      configs: [
        {
          '@type': 'type.googleapis.com/envoy.admin.v3.ClustersConfigDump',
          dynamic_active_clusters: dynamic.map((cluster) => ({ cluster })),
          static_clusters: statics.map((cluster) => ({ cluster })),
        },
      ],
    }),
  );

const clusters = [
  { name: 'outbound|9080|v2|reviews.default.svc.cluster.local', type: 'EDS', metadata: dr('reviews', 'default') },
  { name: 'BlackHoleCluster', type: 'STATIC' },
  { name: 'outbound|9080|v1|reviews.default.svc.cluster.local', type: 'EDS', metadata: dr('reviews', 'default') },
  { name: 'inbound|9080||', type: 'ORIGINAL_DST' },
  { name: 'outbound|443||istiod.istio-system.svc.cluster.local', type: 'EDS' },
  { name: 'outbound|15010||istiod.istio-system.svc.cluster.local', type: 'EDS' },
  { name: 'outbound|9080||reviews.default.svc.cluster.local', type: 'EDS' },
];

describe('the cluster table', () => {
  it('service, port, subset (- when none), direction, type and DestinationRule, sorted by service, subset, port', () => {
    expect(clusterRows(clustersDump(clusters, [{ name: 'agent' }]))).toEqual([
      HEADER,
      ['', '9080', '-', 'inbound', 'ORIGINAL_DST', ''],
      ['BlackHoleCluster', '-', '-', '-', 'STATIC', ''],
      ['agent', '-', '-', '-', 'STATIC', ''],
      ['istiod.istio-system.svc.cluster.local', '443', '-', 'outbound', 'EDS', ''],
      ['istiod.istio-system.svc.cluster.local', '15010', '-', 'outbound', 'EDS', ''],
      ['reviews.default.svc.cluster.local', '9080', '-', 'outbound', 'EDS', ''],
      ['reviews.default.svc.cluster.local', '9080', 'v1', 'outbound', 'EDS', 'reviews.default'],
      ['reviews.default.svc.cluster.local', '9080', 'v2', 'outbound', 'EDS', 'reviews.default'],
    ]);
  });

  it('orders the directions of one service, subset and port', () => {
    const both = [{ name: 'outbound|80||a.svc' }, { name: 'inbound|80||a.svc' }];
    expect(clusterRows(clustersDump(both)).slice(1).map((row) => row[3])).toEqual(['inbound', 'outbound']);
    const many = ['outbound', 'inbound-vip', 'inbound', 'outbound', 'outbound-vip', 'inbound'].map((direction, index) => ({ name: `${direction}|80|${index % 2 === 0 ? 'v2' : 'v1'}|a.svc` }));
    expect(clusterRows(clustersDump(many)).slice(1).map((row) => `${row[2]} ${row[3]}`)).toEqual(['v1 inbound', 'v1 inbound-vip', 'v1 outbound', 'v2 inbound', 'v2 outbound', 'v2 outbound-vip']);
  });

  it('orders the subsets of one service, and services before subsets', () => {
    const subsets = ['v3', 'v1', 'canary', 'v2', '', 'blue'].map((subset) => ({ name: `outbound|80|${subset}|b.svc` }));
    expect(clusterRows(clustersDump([...subsets, { name: 'outbound|80|v9|a.svc' }])).slice(1).map((row) => `${row[0]} ${row[2]}`)).toEqual([
      'a.svc v9',
      'b.svc -',
      'b.svc blue',
      'b.svc canary',
      'b.svc v1',
      'b.svc v2',
      'b.svc v3',
    ]);
  });

  it('orders ports as numbers', () => {
    const ports = ['9080', '80', '15010', '443', '8080'].map((port) => ({ name: `outbound|${port}||a.svc` }));
    expect(clusterRows(clustersDump(ports)).slice(1).map((row) => row[1])).toEqual(['80', '443', '8080', '9080', '15010']);
  });

  it('shows the DNS SRV spelling of a cluster name as a name, as istioctl does', () => {
    expect(clusterRows(clustersDump([{ name: 'outbound_.9080_.v1_.reviews.default.svc.cluster.local', type: 'EDS' }])).slice(1)).toEqual([
      ['outbound_.9080_.v1_.reviews.default.svc.cluster.local', '-', '-', '-', 'EDS', ''],
    ]);
  });

  it('a name with fewer than three bars is a name, not a service', () => {
    expect(clusterRows(clustersDump([{ name: 'outbound|80|a.svc', type: 'EDS' }])).slice(1)).toEqual([['outbound|80|a.svc', '-', '-', '-', 'EDS', '']]);
  });

  it('in `proxy-config all`, a cluster without a name keeps its empty name, as istioctl prints it', () => {
    expect(clusterRows(clustersDump([{ type: 'STATIC' }]), {}, true)[1]).toEqual(['', '-', '-', '-', 'STATIC', '']);
  });

  it('in `proxy-config all`, names each cluster cluster/<name>', () => {
    expect(clusterRows(clustersDump([clusters[0], clusters[1]]), {}, true)).toEqual([
      ['NAME', ...HEADER],
      ['cluster/BlackHoleCluster', 'cluster/BlackHoleCluster', '-', '-', '-', 'STATIC', ''],
      ['cluster/outbound|9080|v2|reviews.default.svc.cluster.local', 'reviews.default.svc.cluster.local', '9080', 'v2', 'outbound', 'EDS', 'reviews.default'],
    ]);
  });
});

describe('cluster filters, as istioctl applies them', () => {
  const rows = (filter: Parameters<typeof clusterRows>[1]) => clusterRows(clustersDump(clusters), filter).slice(1).map((row) => `${row[0]} ${row[1]} ${row[2]} ${row[3]}`);

  it('--fqdn: names that contain it', () => {
    expect(rows({ fqdn: 'istiod' })).toEqual(['istiod.istio-system.svc.cluster.local 443 - outbound', 'istiod.istio-system.svc.cluster.local 15010 - outbound']);
  });

  it('--port: the port between bars', () => {
    expect(rows({ port: 443 })).toEqual(['istiod.istio-system.svc.cluster.local 443 - outbound']);
    expect(rows({ port: 90 })).toEqual([]);
  });

  it('--subset and --direction', () => {
    expect(rows({ subset: 'v1' })).toEqual(['reviews.default.svc.cluster.local 9080 v1 outbound']);
    expect(rows({ direction: 'inbound' })).toEqual([' 9080 - inbound']);
  });

  it('all the filters together', () => {
    expect(rows({ fqdn: 'reviews', port: 9080, subset: 'v2', direction: 'outbound' })).toEqual(['reviews.default.svc.cluster.local 9080 v2 outbound']);
    expect(rows({ fqdn: 'reviews', port: 9080, subset: 'v3', direction: 'outbound' })).toEqual([]);
  });

  it('a dump without clusters says so', () => {
    expect(() => clusterRows(clustersDump([]))).toThrow('no clusters found');
  });
});
