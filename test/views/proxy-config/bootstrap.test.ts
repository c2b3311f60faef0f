// `pc bootstrap` against istioctl's goldens (README cases B1, B2), and the jsonpb printer it relies on.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { goJsonString } from '../../../src/go-text.js';
import { bootstrapOutput, type BootstrapOutput } from '../../../src/views/proxy-config/bootstrap.js';
import { parseDump, ProxyConfigError } from '../../../src/views/proxy-config/dump.js';
import { jsonpbString } from '../../../src/views/proxy-config/jsonpb.js';
import { istioctlFixture, trimmed } from '../../helpers/istioctl-fixtures.js';

const dump = () => parseDump(istioctlFixture('writer/envoy/configdump/testdata/configdump.json'));

describe('bootstrapOutput', () => {
  it('B1: pc bootstrap -f configdump.json (default -o json) = bootstrapdump.json (trim)', () => {
    expect(trimmed(bootstrapOutput(dump()))).toBe(trimmed(istioctlFixture('writer/envoy/configdump/testdata/bootstrapdump.json')));
  });

  it('B2: pc bootstrap -f configdump.json -o short = versionsummary.txt (trim)', () => {
    expect(trimmed(bootstrapOutput(dump(), 'short'))).toBe(trimmed(istioctlFixture('writer/envoy/configdump/testdata/versionsummary.txt')));
  });

  it('-o yaml carries the same data as -o json, in sigs.k8s.io/yaml form', () => {
    const yaml = bootstrapOutput(dump(), 'yaml');
    expect(parse(yaml)).toEqual(JSON.parse(bootstrapOutput(dump())));
    // Not a YAML 1.1 number (two dots), so plain, unlike "1.20" in the proxy-status goldens.
    expect(yaml).toContain('\n      ISTIO_VERSION: 1.10.0\n');
  });

  it('a dump without a bootstrap section fails with istioctl\'s words', () => {
    const noBootstrap = parseDump(istioctlFixture('writer/compare/testdata/configdump.json'));
    for (const output of ['json', 'short'] as const) {
      expect(() => bootstrapOutput(noBootstrap, output)).toThrow(new ProxyConfigError('config dump has no configuration type type.googleapis.com/envoy.admin.v3.BootstrapConfigDump'));
    }
  });

  it('an unknown output format is refused as istioctl refuses it', () => {
    expect(() => bootstrapOutput(dump(), 'wide' as BootstrapOutput)).toThrow('output format "wide" not supported');
  });
});

describe('jsonpbString', () => {
  it('indents a Struct inside a Struct, a list inside a Struct and a Struct in an Any as jsonpb does', () => {
    const struct = { nested: { list: [1, { deep: true }] } };
    expect(jsonpbString({ node: { metadata: struct }, extra: { '@type': 'type.googleapis.com/google.protobuf.Struct', value: { b: null, a: 'x' } } })).toBe(
      [
        '{',
        '    "node": {',
        '        "metadata": {',
        '                "nested": {',
        '                            "list": [',
        '                                        1,',
        '                                        {',
        '                                                    "deep": true',
        '                                                }',
        '                                    ]',
        '                        }',
        '            }',
        '    },',
        '    "extra": {',
        '        "@type": "type.googleapis.com/google.protobuf.Struct",',
        '        "value": {',
        '                "a": "x",',
        '                "b": null',
        '            }',
        '    }',
        '}',
      ].join('\n'),
    );
  });

  it('renames message fields but not map keys, sorts map keys, prints empty messages with a blank line and drops empty lists', () => {
    const cluster = { '@type': 'type.googleapis.com/envoy.config.cluster.v3.Cluster', metadata: { filter_metadata: { 'z.b': {}, 'a.transport_socket_match': { some_key: 1 } } }, eds_config: { ads: {} }, hosts: [] };
    expect(jsonpbString({ cluster })).toBe(
      [
        '{',
        '    "cluster": {',
        '        "@type": "type.googleapis.com/envoy.config.cluster.v3.Cluster",',
        '        "metadata": {',
        '            "filterMetadata": {',
        '                "a.transport_socket_match": {',
        '                        "some_key": 1',
        '                    },',
        '                "z.b": {',
        '                    }',
        '            }',
        '        },',
        '        "edsConfig": {',
        '            "ads": {',
        '',
        '            }',
        '        }',
        '    }',
        '}',
      ].join('\n'),
    );
  });

  it('escapes <, > and & as Go\'s encoding/json does', () => {
    expect(goJsonString('a<b>&c "q"\u2028')).toBe('"a\\u003cb\\u003e\\u0026c \\"q\\"\\u2028"');
  });
});
