// The `istioctl proxy-status <pod>` diff against istioctl's compare tests (README cases C1, C2).
import { describe, expect, it } from 'vitest';
import { proxyStatusDiff, rfc1123, unifiedDiff } from '../../../src/views/proxy-config/compare.js';
import { parseDump, ProxyConfigError, type JsonObject } from '../../../src/views/proxy-config/dump.js';
import { istioctlFixture } from '../../helpers/istioctl-fixtures.js';

const dumpOf = (file: string) => parseDump(istioctlFixture(`writer/compare/testdata/${file}`));

describe('proxyStatusDiff', () => {
  it('C1: the same dump on both sides: Clusters, Listeners and Routes Match (substring)', () => {
    const output = proxyStatusDiff(dumpOf('configdump.json'), dumpOf('configdump.json'));
    for (const expected of ['Clusters Match', 'Listeners Match', 'Routes Match']) expect(output).toContain(expected);
    expect(output).not.toContain('---');
  });

  it('C2: configdump.json vs configdump_diff.json: all three Don\'t Match (substring), with the RDS load time in UTC', () => {
    const output = proxyStatusDiff(dumpOf('configdump.json'), dumpOf('configdump_diff.json'), { timeZone: 'UTC' });
    for (const expected of ["Clusters Don't Match", "Listeners Don't Match", "Routes Don't Match (RDS last loaded at Mon, 04 Mar 2024 08:37:44 UTC)"]) expect(output).toContain(expected);
    expect(output).toContain('--- Istiod Clusters\n+++ Envoy Clusters\n@@ -1,24 +1,14 @@\n');
    expect(output).toContain('-                "name": "inbound-vip|9080|http|ratings.default.svc.cluster.local",\n+                "name": "inbound-vip|9999|http|ratings.default.svc.cluster.local",\n');
    expect(output).toContain('-                                        "useRemoteAddress": false,\n');
  });

  it('a side without a section diffs istioctl\'s error text instead of JSON', () => {
    const istiod = dumpOf('configdump.json');
    const noClusters = { configs: (istiod['configs'] as JsonObject[]).filter((config) => !String(config['@type']).endsWith('ClustersConfigDump')) };
    const output = proxyStatusDiff(noClusters, istiod);
    expect(output).toContain("Clusters Don't Match\n--- Istiod Clusters\n+++ Envoy Clusters\n");
    expect(output).toContain('\n-config dump has no configuration type type.googleapis.com/envoy.admin.v3.ClustersConfigDump\n');
    expect(output).toContain('Listeners Match');
  });

  it('an Envoy dump without routes fails as istioctl does', () => {
    const istiod = dumpOf('configdump.json');
    const noRoutes = { configs: (istiod['configs'] as JsonObject[]).filter((config) => !String(config['@type']).endsWith('RoutesConfigDump')) };
    expect(() => proxyStatusDiff(istiod, noRoutes)).toThrow(new ProxyConfigError('config dump has no configuration type type.googleapis.com/envoy.admin.v3.RoutesConfigDump'));
  });
});

describe('unifiedDiff and rfc1123', () => {
  it('prints hunks as Python difflib / go-difflib do', () => {
    expect(unifiedDiff('a\nb\nc\nd\ne', 'a\nB\nc\nd\ne\nf', 'x', 'y', 1)).toBe('--- x\n+++ y\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n@@ -5 +5,2 @@\n e\n+f\n');
    expect(unifiedDiff('same', 'same', 'x', 'y', 7)).toBe('');
  });

  it('formats the load time in the given zone, falling back to UTC for an unknown one', () => {
    const loaded = new Date('2024-03-04T08:37:44.866Z');
    expect(rfc1123(loaded, 'America/New_York')).toBe('Mon, 04 Mar 2024 03:37:44 EST');
    expect(rfc1123(loaded, 'Not/AZone')).toBe('Mon, 04 Mar 2024 08:37:44 UTC');
  });
});
