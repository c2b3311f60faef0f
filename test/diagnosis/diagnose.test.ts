/**
 * The two ways in: a failed step's diagnosis (what the engine calls) and a whole lesson's (what a support
 * bundle keeps), against a workshop home whose kubeconfig points at a loopback API server.
 */
import { mkdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { workshopKubeconfig } from '../../src/cluster/kubeconfig.js';
import { diagnoseLesson, diagnoseStep, diagnosisSummary, type DiagnosisPlan } from '../../src/diagnosis/diagnose.js';
import { startFakeKubeApi, writeKubeconfig, type FakeKubeApi } from '../helpers/fake-kube-api.js';
import { HEADER, lessonFromYaml, tempDir } from '../helpers/lessons.js';
import { binDir, fixture, KUBECTL } from './gathering.js';

const LESSON = `${HEADER}clusters: [cluster1]
steps:
  - id: deploy
    title: Deploy
    run: kubectl --context "$CTX_CLUSTER1" -n sample apply -f app.yaml
    check:
      - run: kubectl --context "$CTX_CLUSTER1" -n sample get pods
        contains: Running
  - id: ns
    title: Namespace
    run: kubectl --context "$CTX_CLUSTER1" label namespace outside istio-injection=disabled
`;

async function homeWithCluster(): Promise<{ home: string; api: FakeKubeApi; env: Record<string, string> }> {
  const api = await startFakeKubeApi({ pods: { sample: fixture('kube/pods-image-pull.json') }, namespaces: { sample: fixture('kube/namespace-sample-plain.json') } });
  const home = tempDir('mw-home-');
  mkdirSync(home, { recursive: true });
  writeKubeconfig(workshopKubeconfig(home), { 'kind-cluster1': api.url });
  return { home, api, env: { KUBECONFIG: workshopKubeconfig(home), PATH: binDir(), HOME: home, CTX_CLUSTER1: 'kind-cluster1' } };
}

describe.skipIf(!KUBECTL)('diagnoseStep and diagnoseLesson', () => {
  it("a failed step: says what it will look at first, then finds the cause in the step's namespaces", async () => {
    const { home, api, env } = await homeWithCluster();
    try {
      const loaded = lessonFromYaml(LESSON);
      const step = loaded.lesson.steps[0]!;
      const plans: DiagnosisPlan[] = [];
      const diagnosis = await diagnoseStep({ home, lesson: loaded.lesson, step, failedChecks: [], env, cwd: loaded.dir, onStart: (plan) => plans.push(plan) });
      expect(plans).toEqual([{ looking: ['pods', 'events', 'proxies'], clusters: ['kind-cluster1'], namespaces: ['sample', 'istio-system'], timeLimitMs: 10_000 }]);
      expect(diagnosis.causes[0]?.kind).toBe('image-pull');
      expect(diagnosisSummary(diagnosis)).toEqual({ clusters: [{ context: 'kind-cluster1', state: 'answered' }], namespaces: ['sample', 'istio-system'], commands: expect.any(Number) as number, stoppedByTimeLimit: 0, refused: 0, missingTools: ['istioctl'] });
    } finally {
      await api.close();
    }
  });

  it('a whole lesson, for a support bundle: every namespace its steps name, as JSON-able data', async () => {
    const { home, api, env } = await homeWithCluster();
    try {
      const diagnosis = await diagnoseLesson(home, lessonFromYaml(LESSON), { env, timeLimitMs: 8000 });
      expect(diagnosis.facts.namespaces).toEqual(['sample', 'outside', 'istio-system']);
      expect(JSON.parse(JSON.stringify(diagnosis))).toEqual(diagnosis);
      expect(diagnosis.facts.commands.length).toBeGreaterThan(5);
      expect(diagnosis.causes.map((cause) => cause.kind)).toContain('image-pull');
    } finally {
      await api.close();
    }
  });

  it('a lesson without clusters: only the engine is looked at', async () => {
    const diagnosis = await diagnoseLesson(tempDir('mw-home-'), lessonFromYaml(`${HEADER}steps:\n  - id: a\n    title: A\n    run: echo hi\n`), { env: { PATH: binDir(), HOME: tempDir() } });
    expect(diagnosis.facts.clusters).toEqual([]);
    expect(diagnosis.facts.commands.map((command) => command.command)).toEqual(["docker info --format '{{json .}}'"]);
    expect(diagnosis.causes).toEqual([]);
  });
});
