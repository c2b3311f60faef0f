// The one table of Struct and map fields, and both printers reading it (so they cannot drift apart again).
import { describe, expect, it } from 'vitest';
import { goJson, protoMessage } from '../../../src/views/proxy-config/json-output.js';
import { jsonpbString } from '../../../src/views/proxy-config/jsonpb.js';
import { fieldShape } from '../../../src/views/proxy-config/proto-shapes.js';

describe('fieldShape', () => {
  it('knows fields by name, by holder and name, and the value of a Struct-carrying Any', () => {
    expect(fieldShape('filterMetadata', 'metadata', undefined)).toBe('map of structs');
    expect(fieldShape('certificateProviderInstances', '', undefined)).toBe('map');
    expect(fieldShape('metadata', 'userAgentBuildVersion', undefined)).toBe('struct');
    expect(fieldShape('metadata', 'cluster', undefined)).toBe('message');
    expect(fieldShape('value', 'typedConfig', 'type.googleapis.com/xds.type.v3.TypedStruct')).toBe('struct');
    expect(fieldShape('value', 'typedConfig', 'type.googleapis.com/envoy.config.core.v3.Node')).toBe('message');
  });
});

describe('both printers use it', () => {
  const matcher = { exact_match_map: { map: { '80': { action: {} }, '15021': { action: {} } } } };

  it('jsonpb sorts a map json-output listed first (Go string order, not JS integer-key order)', () => {
    expect(jsonpbString(matcher).indexOf('"15021"')).toBeLessThan(jsonpbString(matcher).indexOf('"80"'));
  });

  it('json-output keeps the keys of a Struct jsonpb listed first', () => {
    const node = { user_agent_build_version: { metadata: { b_key: 1, a_key: 2 } } };
    expect(goJson(protoMessage(node))).toContain('"a_key": 2,\n');
  });
});
