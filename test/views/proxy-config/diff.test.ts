// The before/after diff of two config dumps, in words: istioctl's compare testdata and pairs built from fixtures.
import { describe, expect, it } from 'vitest';
import { diffDumps, diffLines, routeDestination } from '../../../src/views/proxy-config/diff.js';
import { parseDump, type JsonObject } from '../../../src/views/proxy-config/dump.js';
import { istioctlFixture } from '../../helpers/istioctl-fixtures.js';

const dumpOf = (file: string): JsonObject => parseDump(istioctlFixture(file));
const clone = (dump: JsonObject): JsonObject => JSON.parse(JSON.stringify(dump)) as JsonObject;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any;

describe('diffDumps', () => {
  it('istioctl compare testdata: the renamed port shows as a cluster and a route replaced, the listeners as settings', () => {
    const lines = diffLines(diffDumps(dumpOf('writer/compare/testdata/configdump.json'), dumpOf('writer/compare/testdata/configdump_diff.json')));
    expect(lines).toEqual([
      'Routes:',
      '  route inbound-vip|9999|http|reviews-v3.default.svc.cluster.local added, with virtual host inbound|http|9080',
      '  route inbound-vip|9080|http|reviews-v3.default.svc.cluster.local removed',
      'Clusters:',
      '  cluster inbound-vip|9999|http|ratings.default.svc.cluster.local added',
      '  cluster inbound-vip|9080|http|ratings.default.svc.cluster.local removed',
      'Listeners:',
      '  listener connect_terminate: same destinations, settings changed in its filter chains',
      '  listener main_internal: same destinations, settings changed in its filter chains',
    ]);
  });

  it('the same dump on both sides: nothing changed', () => {
    const dump = dumpOf('writer/compare/testdata/configdump.json');
    expect(diffLines(diffDumps(dump, clone(dump)))).toEqual(['No change in routes, clusters, listeners or endpoints.']);
  });

  it('a Gateway bound to a VirtualService: the blackhole virtual host is replaced by the service\'s', () => {
    const after = dumpOf('writer/envoy/configdump/testdata/routes/istio-gateway-http-route-prefix/configdump.json');
    const before = clone(after) as Loose;
    // Before the VirtualService existed, istiod gave the gateway's route a catch-all host with no routes.
    before.configs[0].dynamic_route_configs[0].route_config.virtual_hosts = [{ name: 'blackhole:8080', domains: ['*'] }];
    expect(diffLines(diffDumps(before, after))).toEqual(['Routes:', '  route http.8080: virtual host blackhole:8080 replaced by httpbin.example.com:80, served by VirtualService httpbin.default']);
  });

  it('a traffic split: the route\'s new destinations with their weights', () => {
    const before = dumpOf('writer/envoy/configdump/testdata/routes/istio-gateway-http-route-prefix/configdump.json') as Loose;
    const after = clone(before) as Loose;
    const route = after.configs[0].dynamic_route_configs[0].route_config.virtual_hosts[0].routes[0];
    const was = routeDestination(route);
    route.route = { weighted_clusters: { clusters: [{ name: 'outbound|8000|v1|httpbin.default.svc.cluster.local', weight: 50 }, { name: 'outbound|8000|v2|httpbin.default.svc.cluster.local', weight: 50 }] } };
    expect(diffLines(diffDumps(before, after))).toEqual([
      'Routes:',
      `  route http.8080, virtual host httpbin.example.com:80: /get* now goes to outbound|8000|v1|httpbin.default.svc.cluster.local 50%, outbound|8000|v2|httpbin.default.svc.cluster.local 50% (was ${was})`,
    ]);
  });

  it('endpoints: added and removed ones grouped by locality, health changes named', () => {
    const before = dumpOf('writer/envoy/configdump/testdata/endpoint/configdump.json') as Loose;
    const after = clone(before) as Loose;
    const section = after.configs.find((config: Loose) => config['@type'].endsWith('EndpointsConfigDump'));
    const assignment = section.dynamic_endpoint_configs.find((entry: Loose) => entry.endpoint_config.cluster_name === 'outbound|9080||details.default.svc.cluster.local').endpoint_config;
    const [first] = assignment.endpoints[0].lb_endpoints;
    // A second cluster's endpoints come up in another zone; the first one starts failing.
    assignment.endpoints.push({ locality: { region: 'us-west', zone: 'zone2' }, lb_endpoints: [{ endpoint: { address: { socket_address: { address: '10.20.0.5', port_value: 9080 } } }, health_status: 'HEALTHY' }, { endpoint: { address: { socket_address: { address: '10.20.0.6', port_value: 9080 } } }, health_status: 'HEALTHY' }] });
    first.health_status = 'UNHEALTHY';
    expect(diffLines(diffDumps(before, after)).filter((line) => line.includes('details'))).toEqual([
      '  endpoints of outbound|9080||details.default.svc.cluster.local: 2 added in us-west/zone2: 10.20.0.5:9080, 10.20.0.6:9080',
      '  endpoints of outbound|9080||details.default.svc.cluster.local: 10.244.0.190:9080 is now UNHEALTHY (was HEALTHY)',
    ]);
  });
});
