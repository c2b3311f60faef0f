// The endpoint table a learner reads when traffic fails (`istioctl proxy-config endpoints`): each host, its
// health and outlier verdict, sorted and filtered as istioctl does.
import { describe, expect, it } from 'vitest';
import { endpointRows, endpointsOutput, parseClusters } from '../../../src/views/proxy-config/endpoints.js';

const host = (address: unknown, health?: unknown) => ({ address, ...(health === undefined ? {} : { health_status: health }) });
const socket = (address: string, port_value?: number) => ({ socket_address: { address, ...(port_value === undefined ? {} : { port_value }) } });
const clusters = parseClusters(
  JSON.stringify({
    cluster_statuses: [
      null,
      'not a cluster',
      {
        name: 'outbound|9080||reviews.default.svc.cluster.local',
        host_statuses: [
          host(socket('10.0.0.9', 9080), { eds_health_status: 'HEALTHY' }),
          host(socket('10.0.0.10', 9080), { eds_health_status: 'UNHEALTHY', failed_outlier_check: true }),
          host(socket('10.0.0.9', 80), { eds_health_status: 'HEALTHY', failed_outlier_check: false }),
        ],
      },
      { name: 'sds-grpc', host_statuses: [host({ pipe: { path: '/var/run/sds' } })] },
      { name: 'outbound|80||a.default.svc.cluster.local', host_statuses: [host(socket('10.0.0.9', 9080), { eds_health_status: 'DRAINING' }), host(socket('10.0.0.11'))] },
    ],
  }),
);

describe('the endpoint table', () => {
  it('one row per host: address and port, health, outlier verdict, cluster; sorted by address, port, cluster', () => {
    expect(endpointRows(clusters)).toEqual([
      ['ENDPOINT', 'STATUS', 'OUTLIER CHECK', 'CLUSTER'],
      ['10.0.0.10:9080', 'UNHEALTHY', 'FAILED', 'outbound|9080||reviews.default.svc.cluster.local'],
      ['10.0.0.11', 'UNKNOWN', 'OK', 'outbound|80||a.default.svc.cluster.local'],
      ['10.0.0.9:80', 'HEALTHY', 'OK', 'outbound|9080||reviews.default.svc.cluster.local'],
      ['10.0.0.9:9080', 'DRAINING', 'OK', 'outbound|80||a.default.svc.cluster.local'],
      ['10.0.0.9:9080', 'HEALTHY', 'OK', 'outbound|9080||reviews.default.svc.cluster.local'],
      ['unix:///var/run/sds', 'UNKNOWN', 'OK', 'sds-grpc'],
    ]);
  });

  it('filters by address without port, port, cluster and status, names in any case', () => {
    const endpoints = (filter: Parameters<typeof endpointRows>[1]) => endpointRows(clusters, filter).slice(1).map((row) => `${row[0]} ${row[3]}`);
    expect(endpoints({ address: '10.0.0.9', port: 9080 })).toEqual(['10.0.0.9:9080 outbound|80||a.default.svc.cluster.local', '10.0.0.9:9080 outbound|9080||reviews.default.svc.cluster.local']);
    expect(endpoints({ address: 'UNIX:///var/run/SDS' })).toEqual(['unix:///var/run/sds sds-grpc']);
    expect(endpoints({ cluster: 'OUTBOUND|80||A.default.svc.cluster.local' })).toEqual(['10.0.0.11 outbound|80||a.default.svc.cluster.local', '10.0.0.9:9080 outbound|80||a.default.svc.cluster.local']);
    expect(endpoints({ status: 'draining' })).toEqual(['10.0.0.9:9080 outbound|80||a.default.svc.cluster.local']);
    expect(endpoints({ status: 'unknown', cluster: 'sds-grpc' })).toEqual(['unix:///var/run/sds sds-grpc']);
    expect(endpoints({ port: 0 })).toHaveLength(6);
  });

  it('-o json keeps a cluster whole when one of its hosts matches', () => {
    expect(JSON.parse(endpointsOutput(clusters, { status: 'DRAINING' }, 'json'))).toEqual([
      {
        name: 'outbound|80||a.default.svc.cluster.local',
        hostStatuses: [
          { address: { socketAddress: { address: '10.0.0.9', portValue: 9080 } }, healthStatus: { edsHealthStatus: 'DRAINING' } },
          { address: { socketAddress: { address: '10.0.0.11' } } },
        ],
      },
    ]);
  });
});
