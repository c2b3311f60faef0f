// The listener table (`istioctl proxy-config listeners`): where a sidecar accepts traffic, what each filter
// chain matches and where it sends it, in istioctl's words and order.
import { describe, expect, it } from 'vitest';
import { parseDump, type JsonObject } from '../../../src/views/proxy-config/dump.js';
import { listenerRows } from '../../../src/views/proxy-config/listeners.js';

const HTTP = 'envoy.filters.network.http_connection_manager';
const TCP = 'envoy.filters.network.tcp_proxy';
const listenersDump = (dynamic: unknown[], statics: unknown[] = []): JsonObject =>
  parseDump(
    JSON.stringify({
      configs: [
        {
          '@type': 'type.googleapis.com/envoy.admin.v3.ListenersConfigDump',
          dynamic_listeners: dynamic.map((listener) => ({ active_state: { listener } })),
          static_listeners: statics.map((listener) => ({ listener })),
        },
      ],
    }),
  );
const socket = (address: string, port_value: number) => ({ socket_address: { address, port_value } });
const rds = (name: string) => ({ name: HTTP, typed_config: { rds: { route_config_name: name } } });
const tcp = (cluster: string) => ({ name: TCP, typed_config: { cluster } });
const chain = (filters: unknown[], filter_chain_match?: unknown) => ({ filters, ...(filter_chain_match === undefined ? {} : { filter_chain_match }) });

const virtualOutbound = {
  name: 'virtualOutbound',
  address: socket('0.0.0.0', 15001),
  filter_chains: [chain([tcp('BlackHoleCluster')], { prefix_ranges: [{ address_prefix: '10.96.0.1', prefix_len: 32 }] })],
  default_filter_chain: chain([tcp('PassthroughCluster')]),
};
const reviews = { name: '0.0.0.0_9080', address: socket('0.0.0.0', 9080), filter_chains: [chain([rds('9080')], { application_protocols: ['http/1.0', 'http/1.1', 'h2c'] }), chain([tcp('outbound|9080||reviews.default.svc.cluster.local')])] };
const mysql = { name: '10.96.0.20_3306', address: socket('10.96.0.20', 3306), additional_addresses: [{ address: socket('fd00::20', 3306) }], filter_chains: [chain([tcp('outbound|3306||mysql.default.svc.cluster.local')])] };

describe('the listener table', () => {
  it('one row per filter chain: addresses, port, match and destination, listeners by port', () => {
    expect(listenerRows(listenersDump([virtualOutbound, reviews, mysql]))).toEqual([
      ['ADDRESSES', 'PORT', 'MATCH', 'DESTINATION'],
      ['10.96.0.20,fd00::20', '3306', 'ALL', 'Cluster: outbound|3306||mysql.default.svc.cluster.local'],
      ['0.0.0.0', '9080', 'App: HTTP', 'Route: 9080'],
      ['0.0.0.0', '9080', 'ALL', 'Cluster: outbound|9080||reviews.default.svc.cluster.local'],
      ['0.0.0.0', '15001', 'ALL', 'PassthroughCluster'],
      ['0.0.0.0', '15001', 'Addr: 10.96.0.1/32', 'Non-HTTP/Non-TCP'],
    ]);
  });

  it('without --verbose: one row per listener with its type', () => {
    const httpOnly = { name: 'h', address: socket('0.0.0.0', 80), filter_chains: [chain([rds('80')])] };
    const none = { name: 'n', address: socket('0.0.0.0', 81), filter_chains: [chain([tcp('BlackHoleCluster')])] };
    expect(listenerRows(listenersDump([virtualOutbound, reviews, mysql, httpOnly, none]), { verbose: false })).toEqual([
      ['ADDRESSES', 'PORT', 'TYPE'],
      ['0.0.0.0', '80', 'HTTP'],
      ['0.0.0.0', '81', 'UNKNOWN'],
      ['10.96.0.20,fd00::20', '3306', 'TCP'],
      ['0.0.0.0', '9080', 'HTTP+TCP'],
      ['0.0.0.0', '15001', 'TCP'],
    ]);
  });

  it('orders listeners on one port by address, then by type', () => {
    const on = (address: string, filters: unknown[]) => ({ name: address, address: socket(address, 80), filter_chains: [chain(filters)] });
    const rows = listenerRows(listenersDump([on('10.0.0.2', [tcp('b')]), on('10.0.0.1', [tcp('a')])]), { verbose: false });
    expect(rows.slice(1).map((row) => row[0])).toEqual(['10.0.0.1', '10.0.0.2']);
    const typed = listenerRows(listenersDump([{ ...on('10.0.0.1', [tcp('a')]), name: 'tcp' }, { ...on('10.0.0.1', [rds('80')]), name: 'http' }]), { verbose: false });
    expect(typed.slice(1).map((row) => row[2])).toEqual(['HTTP', 'TCP']);
  });

  it('a pipe listener shows its path and port 0', () => {
    const pipe = { name: 'sds', address: { pipe: { path: '/var/run/sds' } }, filter_chains: [chain([tcp('sds-grpc')])] };
    expect(listenerRows(listenersDump([], [pipe])).slice(1)).toEqual([['/var/run/sds', '0', 'ALL', 'Cluster: sds-grpc']]);
  });

  it('in `proxy-config all`, names each listener listener/<name>', () => {
    expect(listenerRows(listenersDump([mysql]), {}, true)[1]?.[0]).toBe('listener/10.96.0.20_3306');
    expect(listenerRows(listenersDump([mysql]), { verbose: false }, true)).toEqual([
      ['NAME', 'ADDRESSES', 'PORT', 'TYPE'],
      ['listener/10.96.0.20_3306', '10.96.0.20,fd00::20', '3306', 'TCP'],
    ]);
  });
});

describe('where a chain sends traffic', () => {
  const destination = (filters: unknown[]): string | undefined => listenerRows(listenersDump([{ name: 'l', address: socket('0.0.0.0', 80), filter_chains: [chain(filters)] }]))[1]?.[3];

  it('an HTTP manager: its RDS route, or HTTP when it names none', () => {
    expect(destination([rds('http.8080')])).toBe('Route: http.8080');
    expect(destination([{ name: HTTP, typed_config: {} }])).toBe('HTTP');
  });

  it('an inline route to one cluster for everything prints the cluster', () => {
    const inline = (route_config: unknown) => [{ name: HTTP, typed_config: { route_config } }];
    expect(destination(inline({ virtual_hosts: [{ domains: ['*'], routes: [{ match: { prefix: '/' }, route: { cluster: 'inbound|9080||' } }] }] }))).toBe('Cluster: inbound|9080||');
    expect(destination(inline({ virtual_hosts: [{ domains: ['*'], routes: [{ match: { prefix: '/' }, route: { cluster: 'PassthroughCluster' } }] }] }))).toBe('PassthroughCluster');
  });

  it('any other inline route lists each host and its matches', () => {
    const inline = (route_config: unknown) => [{ name: HTTP, typed_config: { route_config } }];
    expect(destination(inline({ virtual_hosts: [{ domains: ['*'], routes: [{ match: { prefix: '/stats' }, route: { cluster: 'c' } }] }] }))).toBe('Inline Route: /stats*');
    expect(
      destination(inline({ virtual_hosts: [{ domains: ['a', 'b'], routes: [{ match: { path: '/x' } }, { match: { prefix: '/' } }] }, { domains: ['*'], routes: [{ match: { prefix: '/' }, route: { cluster: 'c' } }] }] })),
    ).toBe('Inline Route: a/b /x, /*; /*');
    expect(destination(inline({ virtual_hosts: [{ domains: ['*'], routes: [{ match: { prefix: '/' } }, { match: { prefix: '/' }, route: { cluster: 'c' } }] }] }))).toBe('Inline Route: /*, /*');
    expect(destination(inline({ virtual_hosts: [{ domains: ['x'], routes: [{ match: { prefix: '/' }, route: { cluster: 'c' } }] }] }))).toBe('Inline Route: x /*');
    expect(destination(inline({ virtual_hosts: [{ domains: ['*'], routes: [{ match: { prefix: '/' } }] }] }))).toBe('Inline Route: /*');
  });

  it('a TCP proxy: its cluster, skipping one to BlackHoleCluster', () => {
    expect(destination([tcp('BlackHoleCluster'), tcp('outbound|3306||mysql')])).toBe('Cluster: outbound|3306||mysql');
    expect(destination([tcp('BlackHoleCluster')])).toBe('Non-HTTP/Non-TCP');
    expect(destination([{ name: 'envoy.filters.network.rbac' }])).toBe('Non-HTTP/Non-TCP');
  });

  it('the first HTTP or TCP filter decides', () => {
    expect(destination([{ name: 'istio.metadata_exchange' }, tcp('c1'), rds('r')])).toBe('Cluster: c1');
    expect(destination([rds('r'), tcp('c1')])).toBe('Route: r');
  });

  it('chains of one listener in reverse order of destination, as istioctl sorts them', () => {
    const rows = listenerRows(listenersDump([{ name: 'l', address: socket('0.0.0.0', 80), filter_chains: [chain([tcp('a')]), chain([tcp('c')]), chain([tcp('b')])] }]));
    expect(rows.slice(1).map((row) => row[3])).toEqual(['Cluster: c', 'Cluster: b', 'Cluster: a']);
  });
});

describe('chain matches, as istioctl words them', () => {
  const match = (filter_chain_match: unknown): string | undefined => listenerRows(listenersDump([{ name: 'l', address: socket('0.0.0.0', 80), filter_chains: [chain([tcp('c')], filter_chain_match)] }]))[1]?.[2];

  it('names the ALPN lists Istio uses, and prints any other', () => {
    expect(match({ application_protocols: ['http/1.0', 'http/1.1', 'h2c', 'istio-http/1.0', 'istio-http/1.1', 'istio-h2'] })).toBe('App: HTTP TLS');
    expect(match({ application_protocols: ['istio', 'istio-http/1.0', 'istio-http/1.1', 'istio-h2'] })).toBe('App: Istio HTTP Plain');
    expect(match({ application_protocols: ['istio-peer-exchange', 'istio'] })).toBe('App: TCP TLS');
    expect(match({ application_protocols: ['http/1.0', 'http/1.1', 'h2c'] })).toBe('App: HTTP');
    expect(match({ application_protocols: ['http/1.1', 'http/1.0', 'h2c'] })).toBe('App: http/1.1,http/1.0,h2c');
    expect(match({ application_protocols: ['http/1.0', 'http/1.1'] })).toBe('App: http/1.0,http/1.1');
  });

  it('SNI, transport, addresses and port, in that order', () => {
    expect(match({ server_names: ['reviews.default.svc.cluster.local'], transport_protocol: 'tls', destination_port: 9080 })).toBe('SNI: reviews.default.svc.cluster.local; Trans: tls; Addr: *:9080');
    expect(match({ prefix_ranges: [{ address_prefix: '10.0.0.1', prefix_len: 32 }, { address_prefix: '10.0.0.0', prefix_len: { value: 8 } }], destination_port: { value: 80 } })).toBe('Addr: 10.0.0.1/32,10.0.0.0/8:80');
    expect(match({ prefix_ranges: [{ address_prefix: '0.0.0.0' }] })).toBe('Addr: 0.0.0.0/0');
    expect(match({ destination_port: {} })).toBe('Addr: *:0');
    expect(match({ transport_protocol: 'raw_buffer' })).toBe('Trans: raw_buffer');
    expect(match({})).toBe('ALL');
  });
});

describe('listener filters', () => {
  const addresses = (filter: Parameters<typeof listenerRows>[1]) => listenerRows(listenersDump([virtualOutbound, reviews, mysql]), { ...filter, verbose: false }).slice(1).map((row) => `${row[0]}:${row[1]}`);

  it('--address matches the listener address or an additional one, in any case', () => {
    expect(addresses({ address: '10.96.0.20' })).toEqual(['10.96.0.20,fd00::20:3306']);
    expect(addresses({ address: 'FD00::20' })).toEqual(['10.96.0.20,fd00::20:3306']);
    expect(addresses({ address: '10.96.0.2' })).toEqual([]);
  });

  it('--port and --type (any case)', () => {
    expect(addresses({ port: 9080 })).toEqual(['0.0.0.0:9080']);
    expect(addresses({ type: 'http+tcp' })).toEqual(['0.0.0.0:9080']);
    expect(addresses({ type: 'TCP' })).toEqual(['10.96.0.20,fd00::20:3306', '0.0.0.0:15001']);
  });

  it('a dump without listeners says so', () => {
    expect(() => listenerRows(listenersDump([]))).toThrow('no listeners found');
  });
});
