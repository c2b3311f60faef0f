// proxy-config and proxy-status through the built CLI on istioctl's fixtures: piped, the tables are
// istioctl's text (compared as upstream compares them); errors name the file or the missing section.
import { describe, expect, it } from 'vitest';
import { mw } from '../helpers/cli.js';
import { ISTIOCTL_FIXTURES, istioctlFixture, trimmed } from '../helpers/istioctl-fixtures.js';
import { HEADER, tempDir, writeLesson } from '../helpers/lessons.js';
import { ROUTE_VIEW_FILES, ROUTE_VIEW_STEPS } from '../helpers/route-view-lesson.js';

const at = (relative: string): string => `${ISTIOCTL_FIXTURES}/${relative}`;

describe('a step view in `mesh-workshop run`', () => {
  it('draws the table under the step (the tables load only for a lesson that has views)', () => {
    const pack = tempDir('mw-view-pack-');
    writeLesson(pack, '01-view', HEADER + ROUTE_VIEW_STEPS, ROUTE_VIEW_FILES);
    const { status, stdout } = mw(['--lessons', pack, 'run', 'test', '--yes']);
    expect(status).toBe(0);
    expect(stdout).toContain('      istioctl proxy-config route:\n        NAME          VHOST NAME                 DOMAINS                 MATCH     VIRTUAL SERVICE\n');
  });
});

describe('mesh-workshop proxy-config and proxy-status', () => {
  it.each([
    [['proxy-config', 'routes'], 'writer/envoy/configdump/testdata/routes/istio-gateway-http-route-prefix/configdump.json', 'writer/envoy/configdump/testdata/routes/istio-gateway-http-route-prefix/output.txt'],
    [['pc', 'eds', '--port', '8080'], 'writer/envoy/configdump/testdata/endpoint/configdump.json', 'writer/envoy/configdump/testdata/endpoint/portfilter_output.txt'],
    [['pc', 'eds', '-o', 'yaml'], 'writer/envoy/configdump/testdata/endpoint/configdump.json', 'writer/envoy/configdump/testdata/endpoint/emptyfilter_output.yaml'],
    [['pc', 'endpoints', '--status', 'unhealthy'], '_history/285c0509f9f4/writer/envoy/clusters/testdata/clusters.json', '_history/285c0509f9f4/writer/envoy/clusters/testdata/clustersummaryfiltered.txt'],
    [['pc', 'bootstrap', '-o', 'short'], 'writer/envoy/configdump/testdata/configdump.json', 'writer/envoy/configdump/testdata/versionsummary.txt'],
    [['pc', 'ecds'], 'writer/envoy/configdump/testdata/ecds/configdump.json', 'writer/envoy/configdump/testdata/ecds/output.txt'],
    [['proxy-status'], '_derived/writer/pilot/multi-pilot.json', 'writer/pilot/testdata/multiXdsStatusMultiPilot.txt'],
    [['ps', '--legacy'], '_derived/writer/pilot/single-pilot.json', '_history/1.26.0/writer/pilot/testdata/multiXdsStatusSinglePilot.txt'],
  ])('%j -f %s prints the golden', (args, input, golden) => {
    const { status, stdout, stderr } = mw([...args, '-f', at(input)]);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(trimmed(stdout)).toBe(trimmed(istioctlFixture(golden)));
  });

  it('proxy-config all is byte for byte istioctl\'s, and reads standard input with -f -', () => {
    const dump = istioctlFixture('proxyconfig/testdata/config_dump.json');
    // The secrets' VALID CERT column is judged now: the fixture's ROOTCA is valid until 2033.
    expect(mw(['pc', 'all', '-f', '-', '--with-headers'], { input: dump }).stdout).toBe(istioctlFixture('proxyconfig/testdata/config_dump_summary_withheaders.txt'));
  });

  it('proxy-config diff says what changed between two dumps', () => {
    const { status, stdout } = mw(['pc', 'diff', '--before', at('writer/compare/testdata/configdump.json'), '--after', at('writer/compare/testdata/configdump_diff.json')]);
    expect(status).toBe(0);
    expect(stdout.split('\n').slice(0, 3)).toEqual(['Routes:', '  route inbound-vip|9999|http|reviews-v3.default.svc.cluster.local added, with virtual host inbound|http|9080', '  route inbound-vip|9080|http|reviews-v3.default.svc.cluster.local removed']);
  });

  it.each([
    [['pc', 'routes', '-f', '/nonexistent/dump.json'], 'mesh-workshop: proxy-config routes: cannot read /nonexistent/dump.json: no such file\n'],
    [['pc', 'routes'], 'mesh-workshop: proxy-config routes: which file? Give --file FILE (or --file - for standard input)\n'],
    [['pc', 'clusters', '-f', at('writer/envoy/configdump/testdata/routes/empty-gateway/configdump.json')], 'mesh-workshop: proxy-config clusters: config dump has no configuration type type.googleapis.com/envoy.admin.v3.ClustersConfigDump\n'],
    [['pc', 'routez'], expect.stringMatching(/^mesh-workshop: unknown kind 'routez'; usage: mesh-workshop proxy-config /)],
    [['pc', 'routes', '-o', 'wide', '-f', at('writer/envoy/configdump/testdata/configdump.json')], 'mesh-workshop: -o wide: choose one of short, json, yaml\n'],
  ])('%j fails plainly', (args, message) => {
    const { status, stderr } = mw(args);
    expect(stderr).toEqual(message);
    expect(status).toBe(2);
  });

  it('--verbose=false as istioctl spells it', () => {
    const { stdout } = mw(['pc', 'routes', '--verbose=false', '-f', at('writer/envoy/configdump/testdata/routes/istio-gateway-http-route-prefix/configdump.json')]);
    expect(stdout.split('\n')[0]).toMatch(/^NAME +VIRTUAL HOSTS$/);
  });
});
