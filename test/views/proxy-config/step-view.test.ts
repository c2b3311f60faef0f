// Every kind a lesson's view can name renders from what its istioctl command prints (fixtures), and bad
// input becomes a line saying why, never an exception that would take the screen down.
import { describe, expect, it } from 'vitest';
import { renderStepView } from '../../../src/views/proxy-config/step-view.js';
import { istioctlFixture, trimmed } from '../../helpers/istioctl-fixtures.js';

const WHOLE_DUMP = istioctlFixture('proxyconfig/testdata/config_dump.json');

describe('renderStepView', () => {
  it.each([
    ['proxy-config/cluster', /^SERVICE FQDN +PORT +SUBSET +DIRECTION +TYPE +DESTINATION RULE$/],
    ['proxy-config/listener', /^ADDRESSES PORT {2}MATCH DESTINATION$/],
    ['proxy-config/route', /^NAME +VHOST NAME +DOMAINS +MATCH +VIRTUAL SERVICE$/],
    ['proxy-config/eds', /^NAME +STATUS +LOCALITY +CLUSTER$/],
    ['proxy-config/secret', /^RESOURCE NAME +TYPE +STATUS +VALID CERT +SERIAL NUMBER +NOT AFTER +NOT BEFORE$/],
    ['proxy-config/bootstrap', /^Istio Version: +1\.21\.0-1226$/],
    ['proxy-config/all', /^------ BOOTSTRAP INFO ------$/],
  ] as const)('%s from a whole config dump', (kind, header) => {
    expect(renderStepView(kind, { output: WHOLE_DUMP }).lines[0]).toMatch(header);
  });

  it('ecds, and endpoints from Envoy\'s /clusters JSON (what `pc endpoints -o json` reads)', () => {
    const ecds = renderStepView('proxy-config/ecds', { output: istioctlFixture('writer/envoy/configdump/testdata/ecds/configdump.json') });
    expect(ecds.lines.join('\n')).toBe(trimmed(istioctlFixture('writer/envoy/configdump/testdata/ecds/output.txt')));
    const clusters = istioctlFixture('_history/285c0509f9f4/writer/envoy/clusters/testdata/clusters.json');
    const endpoints = renderStepView({ kind: 'proxy-config/endpoint', status: 'unhealthy' }, { output: clusters });
    expect(endpoints.lines.join('\n')).toBe(trimmed(istioctlFixture('_history/285c0509f9f4/writer/envoy/clusters/testdata/clustersummaryfiltered.txt')));
  });

  it('says why when there is nothing to show', () => {
    expect(renderStepView('proxy-config/endpoint', { output: 'upstream connect error' }).lines[0]).toMatch(/^\(nothing to show: the step's output is not JSON/);
    expect(renderStepView('proxy-config/cluster', { output: '{"configs": []}' }).lines).toEqual(['(nothing to show: config dump has no configuration type type.googleapis.com/envoy.admin.v3.ClustersConfigDump)']);
    expect(renderStepView({ kind: 'proxy-config/diff', snapshot: 'x' }, { error: 'the snapshot before the step failed (exit code 1): no such pod' }).lines).toEqual(['(nothing to show: the snapshot before the step failed (exit code 1): no such pod)']);
  });
});
