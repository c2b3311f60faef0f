import { describe, expect, it } from 'vitest';
import { parseDump } from '../../../src/views/proxy-config/dump.js';
import { selectLoadAssignments } from '../../../src/views/proxy-config/eds.js';
import { goJson, goYaml, goYamlKeyLess, goYamlNeedsQuotes, protoJsonArray, protoMessage, protoYamlArray } from '../../../src/views/proxy-config/json-output.js';
import { istioctlFixture, trimmed } from '../../helpers/istioctl-fixtures.js';

const dir = 'writer/envoy/configdump/testdata/endpoint';
const dump = parseDump(istioctlFixture(`${dir}/configdump.json`));
const golden = (name: string): string => trimmed(istioctlFixture(`${dir}/${name}`));

describe('EDS -o json|yaml (the ClusterLoadAssignments, filtered and sorted)', () => {
  it('E3: pc eds -o json', () => {
    expect(trimmed(protoJsonArray(selectLoadAssignments(dump)))).toBe(golden('emptyfilter_output.json'));
  });

  it('E4: pc eds -o yaml', () => {
    expect(trimmed(protoYamlArray(selectLoadAssignments(dump)))).toBe(golden('emptyfilter_output.yaml'));
  });

  it('E5: pc eds --port 8080 -o json', () => {
    expect(trimmed(protoJsonArray(selectLoadAssignments(dump, { port: 8080 })))).toBe(golden('portfilter_output.json'));
  });

  it('E6: pc eds --port 8080 -o yaml', () => {
    expect(trimmed(protoYamlArray(selectLoadAssignments(dump, { port: 8080 })))).toBe(golden('portfilter_output.yaml'));
  });

  it('leaves out a locality\'s lb_endpoints once the filter empties them, as protojson leaves out empty lists', () => {
    const dump2 = parseDump(
      JSON.stringify({
        configs: [
          {
            '@type': 'type.googleapis.com/envoy.admin.v3.EndpointsConfigDump',
            dynamic_endpoint_configs: [
              {
                endpoint_config: {
                  '@type': 'type.googleapis.com/envoy.config.endpoint.v3.ClusterLoadAssignment',
                  cluster_name: 'outbound|80||a',
                  endpoints: [
                    { locality: { zone: 'z1' }, lb_endpoints: [{ endpoint: { address: { socket_address: { address: '10.0.0.1', port_value: 80 } } } }] },
                    { locality: { zone: 'z2' }, lb_endpoints: [{ endpoint: { address: { socket_address: { address: '10.0.0.2', port_value: 8080 } } } }] },
                  ],
                },
              },
            ],
          },
        ],
      }),
    );
    expect(protoYamlArray(selectLoadAssignments(dump2, { port: 80 }))).toBe(
      ['- clusterName: outbound|80||a', '  endpoints:', '  - lbEndpoints:', '    - endpoint:', '        address:', '          socketAddress:', '            address: 10.0.0.1', '            portValue: 80', '    locality:', '      zone: z1', '  - locality:', '      zone: z2', '', ''].join('\n'),
    );
  });

  it('a dump without an EDS section prints an empty list', () => {
    expect(protoJsonArray(selectLoadAssignments({ configs: [] }))).toBe('[]\n');
    expect(protoYamlArray([])).toBe('[]\n\n');
  });
});

describe('protojson shape of a message', () => {
  const cluster = {
    '@type': 'type.googleapis.com/envoy.config.cluster.v3.Cluster',
    name: 'outbound|9080||reviews',
    transport_socket_matches: [{ name: 'tlsMode-istio', match: { tlsMode: 'istio' } }],
    metadata: { filter_metadata: { istio: { services: [{ host: 'reviews', name_space: 'x' }] }, 'envoy.lb': { canary: true } } },
    typed_extension_protocol_options: { 'envoy.extensions.upstreams.http.v3.HttpProtocolOptions': { '@type': 'type.googleapis.com/envoy.extensions.upstreams.http.v3.HttpProtocolOptions', explicit_http_config: { http2_protocol_options: {} } } },
    circuit_breakers: { thresholds: [] },
    load_assignment: { endpoints: [{ locality: {}, lb_endpoints: [] }] },
  };

  it('renames fields, keeps map and Struct keys but sorts them, drops the own @type and empty lists', () => {
    expect(goJson(protoMessage(cluster))).toBe(
      JSON.stringify(
        {
          name: 'outbound|9080||reviews',
          transportSocketMatches: [{ name: 'tlsMode-istio', match: { tlsMode: 'istio' } }],
          metadata: { filterMetadata: { 'envoy.lb': { canary: true }, istio: { services: [{ host: 'reviews', name_space: 'x' }] } } },
          typedExtensionProtocolOptions: {
            'envoy.extensions.upstreams.http.v3.HttpProtocolOptions': { '@type': 'type.googleapis.com/envoy.extensions.upstreams.http.v3.HttpProtocolOptions', explicitHttpConfig: { http2ProtocolOptions: {} } },
          },
          circuitBreakers: {},
          loadAssignment: { endpoints: [{ locality: {} }] },
        },
        null,
        4,
      ),
    );
  });

  it('sorts map keys as strings, integer-like ones included', () => {
    const matcher = { matcher_tree: { exact_match_map: { map: { '9080': { action: {} }, '15001': { action: {} } } } } };
    const json = goJson(protoMessage(matcher));
    expect(json.indexOf('"15001"')).toBeLessThan(json.indexOf('"9080"'));
    expect(json).toContain('"matcherTree": {\n        "exactMatchMap": {\n            "map": {');
  });

  it('escapes <, > and & as Go does', () => {
    expect(goJson(protoMessage({ name: 'a<b>&c' }))).toBe('{\n    "name": "a\\u003cb\\u003e\\u0026c"\n}');
  });
});

describe('go-yaml v2 details', () => {
  it('double-quotes strings that would read back as another type', () => {
    for (const text of ['', 'yes', 'N', 'off', '~', '1605', '1.20', '0x1F', '0o17', '017', '1_000', '.5', '-.inf', '1e3', '2022-12-08T11:03:53.361Z', '2022-1-2', '2024-02-29', '0000-02-29', '2022-12-08 09:07:09.5', '1:20', '190:20:30.15']) {
      expect(goYamlNeedsQuotes(text), text).toBe(true);
    }
    for (const text of ['2022-12-08T09:07:09Z/10', '2022-13-01', '2022-02-30', '1900-02-29', '2022-12-08T09:07:09', '1.2.3', 'HEALTHY', 'v1', '08x', '0x', '<<', '9223372036854775808x']) {
      expect(goYamlNeedsQuotes(text), text).toBe(false);
    }
    expect(goYaml(new Map([['a', '1605'], ['b', '@x'], ['c', '2022-12-08T09:07:09Z/10']]))).toBe('a: "1605"\nb: \'@x\'\nc: 2022-12-08T09:07:09Z/10\n');
  });

  it('orders keys with digit runs as numbers and non-letters first', () => {
    const keys = ['b10', 'b9', 'a', 'A', '_x', 'ISTIOD', 'ISTIO_VERSION'];
    expect(keys.sort((x, y) => (goYamlKeyLess(x, y) ? -1 : goYamlKeyLess(y, x) ? 1 : 0))).toEqual(['_x', 'A', 'ISTIO_VERSION', 'ISTIOD', 'a', 'b9', 'b10']);
    expect(goYamlKeyLess('ISTIO_VERSION', 'ISTIOD')).toBe(true);
    expect(goYamlKeyLess('b9', 'b10')).toBe(true);
    expect(goYamlKeyLess('_x', 'a')).toBe(true);
  });

  it('prints floats as Go formats a float64, ints as they are', () => {
    expect(goYaml(new Map<string, number>([['a', 140], ['b', 0.5], ['c', 1234567.5], ['d', 0.00001], ['e', 1e21]]))).toBe('a: 140\nb: 0.5\nc: 1.2345675e+06\nd: 1e-05\ne: 1e+21\n');
  });
});
