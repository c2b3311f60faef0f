/**
 * The engine and the diagnosis of a failed step: when it runs (a failed step that touches a cluster, in a
 * lesson with `clusters:`, unless `diagnose: false`), what it is given, the events it leaves, and that it
 * never fails a run. A hook stands in for the workshop's own diagnosis, except in the last test.
 */
import { describe, expect, it } from 'vitest';
import type { StepDiagnosisRequest } from '../../src/diagnosis/diagnose.js';
import type { EngineEvent, EventOf, LikelyCause } from '../../src/engine/events.js';
import { runLesson, type EngineHooks, type RunLessonOptions } from '../../src/engine/run-lesson.js';
import { HEADER, lessonFromYaml, tempDir } from '../helpers/lessons.js';

const CAUSE: LikelyCause = { kind: 'image-pull', title: 'The image cannot be pulled (ImagePullBackOff): example/app:1, for sample/app-1 on kind-cluster1', next: 'mesh-workshop prefetch' };

/** A diagnose hook that records what it is asked and answers with `causes`. */
function stubDiagnosis(causes: LikelyCause[] = [CAUSE]) {
  const requests: StepDiagnosisRequest[] = [];
  const diagnose: NonNullable<EngineHooks['diagnose']> = (request) => {
    requests.push(request);
    request.onStart?.({ looking: ['pods', 'events', 'proxies'], clusters: ['kind-cluster1'], namespaces: ['sample', 'istio-system'], timeLimitMs: 10_000 });
    request.onProgress?.(1, 2);
    request.onProgress?.(2, 2);
    return Promise.resolve({ causes, summary: { clusters: [{ context: 'kind-cluster1', state: 'answered' }], namespaces: ['sample', 'istio-system'], commands: 2, stoppedByTimeLimit: 0, refused: 0, missingTools: [] } });
  };
  return { requests, diagnose };
}

const CLUSTER_LESSON = `${HEADER}clusters: [cluster1]\n`;

async function run(yaml: string, options: Partial<RunLessonOptions> = {}, header = CLUSTER_LESSON) {
  const events: EngineEvent[] = [];
  const outcome = await runLesson({ lesson: lessonFromYaml(header + yaml), home: tempDir('mw-home-'), emit: (e) => events.push(e), killGraceMs: 200, ...options });
  const of = <T extends EngineEvent['type']>(type: T) => events.filter((e): e is EventOf<T> => e.type === type);
  return { outcome, events, of };
}

const FAILING_KUBECTL_STEP = `
steps:
  - id: deploy
    title: Deploy
    run: echo "would run kubectl --context $CTX_CLUSTER1 -n sample apply"; exit 1
  - id: later
    title: Later
    run: echo later
`;

describe('the diagnosis of a failed step', () => {
  it('runs after the failure is reported, and its events come before the lesson ends', async () => {
    const stub = stubDiagnosis();
    const { outcome, events } = await run(FAILING_KUBECTL_STEP, { hooks: { diagnose: stub.diagnose } });
    expect(outcome.status).toBe('failed');
    expect(events.map((e) => e.type)).toEqual(['lesson-started', 'step-started', 'output', 'step-finished', 'step-diagnosis-started', 'step-diagnosis-progress', 'step-diagnosis-progress', 'step-diagnosis', 'lesson-finished']);
    const diagnosis = events.find((e): e is EventOf<'step-diagnosis'> => e.type === 'step-diagnosis');
    expect(diagnosis).toMatchObject({ stepId: 'deploy', causes: [CAUSE], facts: { commands: 2 } });
    expect(diagnosis?.durationMs).toBeGreaterThanOrEqual(0);
    expect(events.find((e) => e.type === 'step-diagnosis-started')).toEqual({ type: 'step-diagnosis-started', stepId: 'deploy', looking: ['pods', 'events', 'proxies'], clusters: ['kind-cluster1'], namespaces: ['sample', 'istio-system'], timeLimitMs: 10_000 });
    // It is given the step as it ran: its environment (the workshop kubeconfig, the role contexts) and folder.
    const [request] = stub.requests;
    expect(request?.step.id).toBe('deploy');
    expect(request?.failedChecks).toEqual([]);
    expect(request?.env.KUBECONFIG).toMatch(/kubeconfig$/);
    expect(request?.env.CTX_CLUSTER1).toBe('kind-cluster1');
    expect(request?.lesson.clusters).toEqual(['cluster1']);
  });

  it('is given only the checks that failed', async () => {
    const stub = stubDiagnosis();
    await run(
      `
steps:
  - id: check
    title: Check
    run: echo "pods of $CTX_CLUSTER1"
    check:
      - contains: pods
      - run: echo "kubectl -n sample get pods"
        contains: Running
`,
      { hooks: { diagnose: stub.diagnose } },
    );
    expect(stub.requests[0]?.failedChecks).toEqual([{ run: 'echo "kubectl -n sample get pods"', contains: 'Running' }]);
  });

  it('comes before the learner is asked what to do after the failure', async () => {
    const stub = stubDiagnosis();
    const order: string[] = [];
    await run(FAILING_KUBECTL_STEP, {
      hooks: { diagnose: stub.diagnose },
      emit: (e) => order.push(e.type),
      interaction: {
        afterFailure: () => {
          order.push('asked');
          return Promise.resolve('leave');
        },
      },
    });
    expect(order.indexOf('step-diagnosis')).toBeLessThan(order.indexOf('asked'));
  });

  it('for a task, after its checks fail', async () => {
    const stub = stubDiagnosis();
    const { of } = await run(
      `
steps:
  - id: label
    title: Label the namespace
    task: true
    check:
      - run: kubectl --context "$CTX_CLUSTER1" get namespace sample -o json 2>/dev/null || echo no-cluster
        contains: istio-injection
    solution: echo labelled
`,
      { hooks: { diagnose: stub.diagnose } },
    );
    expect(of('step-diagnosis').map((e) => e.stepId)).toEqual(['label']);
    expect(stub.requests[0]?.failedChecks).toHaveLength(1);
  });

  it('a diagnosis that breaks says it found nothing, and the run ends as it would', async () => {
    const { outcome, of } = await run(FAILING_KUBECTL_STEP, {
      hooks: {
        diagnose: (request) => {
          request.onStart?.({ looking: ['pods'], clusters: [], namespaces: [], timeLimitMs: 1 });
          return Promise.reject(new Error('broken'));
        },
      },
    });
    expect(outcome.status).toBe('failed');
    expect(of('step-diagnosis')).toEqual([{ type: 'step-diagnosis', stepId: 'deploy', causes: [], durationMs: expect.any(Number) as number }]);
    expect(of('lesson-finished')).toHaveLength(1);
  });
});

describe('no diagnosis', () => {
  it.each([
    ['when turned off (diagnose: false)', FAILING_KUBECTL_STEP, { diagnose: false }, CLUSTER_LESSON],
    ['for a lesson without clusters:, whatever its steps run', FAILING_KUBECTL_STEP, {}, HEADER],
    ['for a step that touches no cluster', '\nsteps:\n  - id: local\n    title: Local\n    run: curl -s http://127.0.0.1:1/ || exit 3\n', {}, CLUSTER_LESSON],
    ['for a step that passed', '\nsteps:\n  - id: ok\n    title: OK\n    run: echo "$CTX_CLUSTER1"\n', {}, CLUSTER_LESSON],
    ['for a step refused before it ran (the context guard)', '\nsteps:\n  - id: other\n    title: Other\n    run: kubectl --context prod get pods\n', {}, CLUSTER_LESSON],
    ['for a wrong answer', '\nsteps:\n  - id: q\n    title: Q\n    quiz:\n      question: Which?\n      choices: [a, b]\n      answer: 1\n      explanation: Because.\n', { interaction: { answerQuiz: () => Promise.resolve(2) } }, CLUSTER_LESSON],
  ] as const)('%s', async (_what, yaml, options, header) => {
    const stub = stubDiagnosis();
    const { events } = await run(yaml, { hooks: { diagnose: stub.diagnose }, ...options }, header);
    expect(stub.requests).toEqual([]);
    expect(events.some((e) => e.type.startsWith('step-diagnosis'))).toBe(false);
  });

  it('for a step that was cancelled', async () => {
    const stub = stubDiagnosis();
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    const { outcome, events } = await run('\nsteps:\n  - id: wait\n    title: Wait\n    run: echo "$CTX_CLUSTER1"; sleep 30\n', { hooks: { diagnose: stub.diagnose }, signal: controller.signal });
    expect(outcome.status).toBe('cancelled');
    expect(events.some((e) => e.type.startsWith('step-diagnosis'))).toBe(false);
  });
});

describe("the workshop's own diagnosis (no hook)", () => {
  it("a lesson whose cluster is not up: the kubeconfig has no context, and no kubectl is run to find that out", async () => {
    // The step's own kubectl fails at once (no such context), or is not found: either way the step fails.
    const { of } = await run('\nsteps:\n  - id: pods\n    title: Pods\n    run: kubectl --context "$CTX_CLUSTER1" -n sample get pods\n', { diagnosisTimeLimitMs: 5000 });
    const [diagnosis] = of('step-diagnosis');
    expect(diagnosis?.causes.find((cause) => cause.kind === 'context-missing')).toEqual({ kind: 'context-missing', title: 'The workshop kubeconfig has no context kind-cluster1: cluster1 is not up', next: 'mesh-workshop cluster up cluster1' });
    expect(diagnosis?.facts?.clusters).toEqual([{ context: 'kind-cluster1', state: 'context-missing' }]);
    expect(diagnosis?.facts?.namespaces).toEqual(['sample', 'istio-system']);
    expect(diagnosis?.durationMs).toBeLessThan(5000);
  });
});
