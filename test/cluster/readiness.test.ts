// What the home screen says of the machine, and of each lesson's needs, from the doctor's facts.
import { describe, expect, it } from 'vitest';
import { doctorFindings, type MachineFacts } from '../../src/cluster/doctor.js';
import { machineReadiness } from '../../src/cluster/readiness.js';
import { READY_MACHINE } from '../helpers/machine.js';

// Ready, with cluster1 created and the tools in the workshop cache.
const ready: MachineFacts = { ...READY_MACHINE, tools: [{ tool: 'kind', pinned: 'v0.33.0', from: 'cache', using: '/h/bin/kind' }, { tool: 'istioctl', pinned: '1.31.1', from: 'cache', using: '/h/bin/istioctl' }], kindClusters: ['cluster1'] };

describe('machineReadiness', () => {
  it('a ready machine: one line, and a lesson lacks only the clusters not created yet', () => {
    const verdict = machineReadiness(ready, doctorFindings(ready), '/nonexistent');
    expect(verdict).toMatchObject({ summary: '✓ This machine is ready for every lesson.', ready: true });
    expect(verdict.missingFor({ clusters: ['cluster1'], tools: ['kind', 'kubectl', 'istioctl'] })).toEqual([]);
    expect(verdict.missingFor({ clusters: ['cluster1', 'cluster2', 'cluster3'], tools: [] })).toEqual(['cluster2, cluster3 (mesh-workshop cluster up)']);
    expect(verdict.missingFor({ clusters: [], tools: ['jq'] })).toEqual(['jq']);
  });

  it('no engine and a missing tool: named in the summary, and for each lesson that needs them', () => {
    const facts: MachineFacts = { ...ready, docker: { reachable: false, problem: 'Cannot connect to the Docker daemon' }, tools: [{ tool: 'kind', pinned: 'v0.33.0', from: 'missing' }, ready.tools[1] as MachineFacts['tools'][number]], inotify: { instances: 128 } };
    const verdict = machineReadiness(facts, doctorFindings(facts), '/nonexistent');
    expect(verdict.summary).toBe("✗ 2 problems, 1 warning ('mesh-workshop doctor' has the fixes): Docker engine, kind");
    expect(verdict.ready).toBe(false);
    expect(verdict.missingFor({ clusters: ['cluster1'], tools: ['kind', 'docker'] })).toEqual(['Docker engine', 'kind v0.33.0']);
    // The tour needs nothing, so it lacks nothing.
    expect(verdict.missingFor({ clusters: [], tools: [] })).toEqual([]);
  });

  it('kubectl: any the lessons can use will do (pinned or not); one too old or none is named', () => {
    const pinnedMissing: MachineFacts['tools'][number] = { tool: 'kubectl', pinned: 'v1.36.4', from: 'missing', otherOnPath: { path: '/usr/bin/kubectl', version: 'v1.35.2' } };
    const withKubectl = (kubectl: string | undefined): MachineFacts => {
      const { kubectl: _dropped, ...rest } = ready;
      return { ...rest, tools: [...ready.tools, pinnedMissing], ...(kubectl ? { kubectl } : {}) };
    };
    const needs = { clusters: [], tools: ['kubectl'] };
    const missing = (kubectl: string | undefined) => machineReadiness(withKubectl(kubectl), doctorFindings(withKubectl(kubectl)), '/nonexistent').missingFor(needs);
    expect(missing('v1.35.2')).toEqual([]);
    expect(missing('v1.28.0')).toEqual([]);
    expect(missing('v1.27.16')).toEqual(['kubectl 1.28+']);
    expect(missing(undefined)).toEqual(['kubectl 1.28+']);
  });
});
