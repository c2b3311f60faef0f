// The route table a learner reads after applying a VirtualService (`istioctl proxy-config routes`): which
// hosts, which matches, which VirtualService, and the 404 a virtual host without routes answers with.
import { describe, expect, it } from 'vitest';
import { routeRows } from '../../../src/views/proxy-config/routes.js';
import { parseDump, type JsonObject } from '../../../src/views/proxy-config/dump.js';

const HEADER = ['NAME', 'VHOST NAME', 'DOMAINS', 'MATCH', 'VIRTUAL SERVICE'];
const vs = (name: string, namespace: string) => ({ filter_metadata: { istio: { config: `/apis/networking.istio.io/v1/namespaces/${namespace}/virtual-service/${name}` } } });
const routesDump = (routeConfigs: unknown[], staticConfigs: unknown[] = []): JsonObject =>
  parseDump(
    JSON.stringify({
      configs: [
        {
          '@type': 'type.googleapis.com/envoy.admin.v3.RoutesConfigDump',
          dynamic_route_configs: routeConfigs.map((route_config) => ({ route_config })),
          static_route_configs: staticConfigs.map((route_config) => ({ route_config })),
        },
      ],
    }),
  );

const reviews = {
  name: '9080',
  virtual_hosts: [
    {
      name: 'reviews.default.svc.cluster.local:9080',
      domains: ['reviews.default.svc.cluster.local', 'reviews.default.svc.cluster.local:9080', 'reviews', 'reviews:9080'],
      routes: [
        { match: { prefix: '/api' }, route: { cluster: 'outbound|9080|v2|reviews.default.svc.cluster.local' }, metadata: vs('reviews', 'default') },
        { match: { prefix: '/' }, route: { cluster: 'outbound|9080|v1|reviews.default.svc.cluster.local' }, metadata: vs('reviews', 'default') },
      ],
    },
    { name: 'allow_any', domains: ['*'], routes: [{ match: { prefix: '/' }, route: { cluster: 'PassthroughCluster' } }] },
    { name: 'blackhole:9080', domains: ['*'], routes: [] },
  ],
};

describe('the route table', () => {
  it('one row per route, with hosts, match and VirtualService; no PassthroughCluster route; a 404 row for a host without routes', () => {
    expect(routeRows(routesDump([reviews]))).toEqual([
      HEADER,
      ['9080', 'reviews.default.svc.cluster.local:9080', 'reviews.default.svc.cluster.local, reviews', '/api*', 'reviews.default'],
      ['9080', 'reviews.default.svc.cluster.local:9080', 'reviews.default.svc.cluster.local, reviews', '/*', 'reviews.default'],
      ['9080', 'blackhole:9080', '*', '/*', '404'],
    ]);
  });

  it('hides a route to PassthroughCluster but shows the others of the same host', () => {
    const mixed = { name: '80', virtual_hosts: [{ name: 'h', domains: ['*'], routes: [{ match: { prefix: '/' }, route: { cluster: 'PassthroughCluster' } }, { match: { path: '/health' }, route: { cluster: 'outbound|80||h' } }] }] };
    expect(routeRows(routesDump([mixed])).slice(1)).toEqual([['80', 'h', '*', '/health', '']]);
  });

  it('a host whose only route goes to PassthroughCluster shows no row and no 404', () => {
    const passthrough = { name: '80', virtual_hosts: [{ name: 'allow_any', domains: ['*'], routes: [{ match: { prefix: '/' }, route: { cluster: 'PassthroughCluster' } }] }] };
    expect(routeRows(routesDump([passthrough]))).toEqual([HEADER]);
  });

  it('orders route configs by number, not as text, static ones too', () => {
    const named = (name: string) => ({ name, virtual_hosts: [{ name: 'v', domains: ['*'], routes: [] }] });
    expect(routeRows(routesDump([named('9080'), named('80')], [named('15010')])).slice(1).map((row) => row[0])).toEqual(['80', '9080', '15010']);
  });

  it('--name shows one route config', () => {
    const other = { name: '80', virtual_hosts: [{ name: 'x', domains: ['*'], routes: [] }] };
    expect(routeRows(routesDump([reviews, other]), { name: '80' })).toEqual([HEADER, ['80', 'x', '*', '/*', '404']]);
    expect(routeRows(routesDump([reviews, other]), { name: '443' })).toEqual([HEADER]);
  });

  it('without --verbose: one row per route config with its number of virtual hosts', () => {
    expect(routeRows(routesDump([reviews]), { verbose: false })).toEqual([['NAME', 'VIRTUAL HOSTS'], ['9080', '3']]);
    expect(routeRows(routesDump([reviews]), { verbose: false }, true)).toEqual([['NAME', 'VIRTUAL HOSTS'], ['route/9080', '3']]);
  });

  it('in `proxy-config all`, names each route config route/<name>', () => {
    expect(routeRows(routesDump([reviews]), {}, true)[1]?.[0]).toBe('route/9080');
  });
});

describe('route matches, as istioctl words them', () => {
  const matchOf = (match: unknown): string | undefined => routeRows(routesDump([{ name: '80', virtual_hosts: [{ name: 'h', domains: ['*'], routes: [{ match, route: { cluster: 'c' } }] }] }]))[1]?.[3];

  it('a prefix with a star, a separated prefix, an exact path, a regular expression', () => {
    expect(matchOf({ prefix: '/get' })).toBe('/get*');
    expect(matchOf({ path_separated_prefix: '/get' })).toBe('PathPrefix:/get');
    expect(matchOf({ path: '/get' })).toBe('/get');
    expect(matchOf({ safe_regex: { regex: '/g.t' } })).toBe('regex /g.t');
    expect(matchOf({ safe_regex: null })).toBe('');
  });

  it('several conditions together, and none for a match on headers only', () => {
    expect(matchOf({ prefix: '/a', path: '/b', safe_regex: { regex: '.*' } })).toBe('/a* /b regex .*');
    expect(matchOf({ headers: [{ name: 'end-user' }] })).toBe('');
  });
});

describe('domains, as istioctl shortens them', () => {
  const domainsOf = (domains: string[]): string | undefined => routeRows(routesDump([{ name: '80', virtual_hosts: [{ name: 'h', domains, routes: [] }] }]))[1]?.[2];

  it('a single domain as it is, port and all', () => {
    expect(domainsOf(['reviews:9080'])).toBe('reviews:9080');
    expect(domainsOf([])).toBe('');
  });

  it('drops ported duplicates and .svc spellings of a shorter name', () => {
    expect(domainsOf(['reviews.default.svc.cluster.local', 'reviews.default.svc.cluster.local:9080', 'reviews.default'])).toBe('reviews.default');
    expect(domainsOf(['reviews.default.svc', 'reviews.default'])).toBe('reviews.default');
    expect(domainsOf(['a.svc.cluster.local', 'b'])).toBe('a.svc.cluster.local, b');
  });

  it('keeps an IPv6 address in brackets, drops it with a port', () => {
    expect(domainsOf(['[fd00:10::1]', '[fd00:10::1]:80', 'reviews'])).toBe('[fd00:10::1], reviews');
    expect(domainsOf(['fd00:10::1', '[fd00::1]', 'reviews'])).toBe('reviews');
  });

  it('shows two and counts the rest', () => {
    expect(domainsOf(['a', 'b'])).toBe('a, b');
    expect(domainsOf(['a', 'b', 'c'])).toBe('a, b + 1 more...');
    expect(domainsOf(['a', 'b', 'c', 'd'])).toBe('a, b + 2 more...');
  });
});
