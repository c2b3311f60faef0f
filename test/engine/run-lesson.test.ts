import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { outputLines, type EngineEvent, type EventOf } from '../../src/engine/events.js';
import { runLesson, type RunLessonOptions } from '../../src/engine/run-lesson.js';
import { planSteps } from '../../src/engine/plan.js';
import { HEADER, lessonFromYaml, tempDir } from '../helpers/lessons.js';

async function run(yaml: string, options: Partial<RunLessonOptions> = {}) {
  const events: EngineEvent[] = [];
  const outcome = await runLesson({ lesson: lessonFromYaml(HEADER + yaml), home: tempDir('mw-home-'), emit: (e) => events.push(e), killGraceMs: 200, ...options });
  const of = <T extends EngineEvent['type']>(type: T) => events.filter((e): e is EventOf<T> => e.type === type);
  return { outcome, events, of };
}

describe('runLesson', () => {
  it('emits the lesson, step, output, check and finish events in order', async () => {
    const { outcome, events } = await run(`
steps:
  - id: greet
    title: Greet
    run: echo hello
    check: { contains: hello }
`);
    expect(outcome.status).toBe('passed');
    expect(events.map((e) => e.type)).toEqual(['lesson-started', 'step-started', 'output', 'check-started', 'check-result', 'step-finished', 'lesson-finished']);
    expect(events[2]).toEqual({ type: 'output', stepId: 'greet', stream: 'stdout', origin: 'step', text: 'hello' });
  });

  it('captures a value and hands it to later commands as an environment variable and to checks as ${NAME}', async () => {
    const { outcome, of } = await run(`
steps:
  - id: make
    title: Make a name
    run: echo "pod/helloworld-v1-abc created"
    capture:
      POD: { regex: 'pod/(\\S+)' }
    check: { exitCode: 0 }
  - id: use
    title: Use it
    run: echo "describing $POD; quoted '\${POD}'"
    check: { contains: "describing \${POD}" }
`);
    expect(outcome.status).toBe('passed');
    expect(outcome.vars).toEqual({ POD: 'helloworld-v1-abc' });
    expect(of('variable-captured')).toEqual([{ type: 'variable-captured', stepId: 'make', name: 'POD', value: 'helloworld-v1-abc' }]);
    expect(of('output')[1]?.text).toBe("describing helloworld-v1-abc; quoted 'helloworld-v1-abc'");
  });

  it('fails a step whose capture finds nothing, and runs no later step', async () => {
    const { outcome, of } = await run(`
steps:
  - id: make
    title: Make
    run: echo nothing here
    capture: { IP: { regex: 'ip=(\\S+)' } }
  - id: later
    title: Later
    run: echo later
`);
    expect(outcome.status).toBe('failed');
    expect(of('step-finished').map((e) => [e.stepId, e.status, e.reason])).toEqual([['make', 'failed', 'could not capture IP: no match for /ip=(\\S+)/']]);
  });

  it('polls a check until it passes, reporting each attempt', async () => {
    const { outcome, of } = await run(`
steps:
  - id: wait
    title: Wait
    run: date +%s%N > "$LESSON_TMP/t0"
    check:
      run: 'if [ $(( ($(date +%s%N) - $(cat "$LESSON_TMP/t0")) / 1000000 )) -ge 700 ]; then echo ready; else echo waiting; fi'
      equals: ready
      retry: { timeout: 10s, interval: 200ms }
`);
    expect(outcome.status).toBe('passed');
    const attempts = of('check-attempt');
    expect(attempts.length).toBeGreaterThanOrEqual(2);
    expect(attempts.every((a) => !a.passed && a.retryInMs === 200)).toBe(true);
    expect(of('check-result')[0]?.attempts).toBe(attempts.length + 1);
  });

  it('gives up when the retry time runs out, with the last verdict', async () => {
    const started = Date.now();
    const { outcome, of } = await run(`
steps:
  - id: never
    title: Never
    check: { run: echo waiting, equals: ready, retry: { timeout: 600ms, interval: 200ms } }
`);
    expect(outcome.status).toBe('failed');
    expect(Date.now() - started).toBeLessThan(3000);
    expect(of('check-result')[0]?.verdict).toMatchObject({ passed: false, actual: 'waiting' });
  });

  it('requires N passes in a row with stable, so a flapping check fails', async () => {
    const { outcome, of } = await run(`
steps:
  - id: flap
    title: Flap
    run: echo 0 > "$LESSON_TMP/n"
    check:
      run: 'n=$(( $(cat "$LESSON_TMP/n") + 1 )); echo $n > "$LESSON_TMP/n"; if [ $((n % 2)) -eq 1 ]; then echo up; else echo down; fi'
      equals: up
      retry: { timeout: 1s, interval: 100ms }
      stable: 2
`);
    expect(outcome.status).toBe('failed');
    expect(of('check-result')[0]?.verdict.passed).toBe(false);
  });

  it('runs a distribution command count times', async () => {
    const { outcome, of } = await run(`
steps:
  - id: split
    title: Split
    run: 'n=$(( $(cat "$LESSON_TMP/c" 2>/dev/null || echo 0) + 1 )); echo $n > "$LESSON_TMP/c"; echo "Hello version: v$(( n % 2 + 1 ))"'
    check:
      distribution: { count: 20, extract: 'version: (v\\d)', expect: { v1: 50, v2: 50 }, tolerance: 5 }
`);
    expect(outcome.status).toBe('passed');
    const verdict = of('check-result')[0]?.verdict;
    expect(verdict?.histogram?.samples).toBe(20);
    expect(verdict?.histogram?.bars.map((b) => b.count)).toEqual([10, 10]);
    // The histogram converges in view: one progress event per call, the last one the whole count.
    const progress = of('check-progress');
    expect(progress.map((p) => p.runs)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(progress[0]?.histogram.samples).toBe(1);
    expect(progress.at(-1)?.histogram.bars.map((b) => b.count)).toEqual([10, 10]);
  });

  it('stops a step at its timeout and says so', async () => {
    const { outcome, of } = await run(`
steps:
  - id: hang
    title: Hang
    run: sleep 30
    timeout: 300ms
`);
    expect(outcome.status).toBe('failed');
    expect(of('step-finished')[0]?.reason).toBe('timed out after 300ms; everything it started was stopped');
  });

  it('is cancelled by its signal: the running step ends and no later step runs', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    const started = Date.now();
    const { outcome, of } = await run(`
steps:
  - id: long
    title: Long
    run: sleep 30 & sleep 30; wait
  - id: after
    title: After
    run: echo after
`, { signal: controller.signal });
    expect(Date.now() - started).toBeLessThan(2500);
    expect(outcome.status).toBe('cancelled');
    expect(of('step-finished').map((e) => [e.stepId, e.status])).toEqual([['long', 'cancelled']]);
    expect(of('lesson-finished')[0]?.status).toBe('cancelled');
  });

  it('points KUBECONFIG at the workshop kubeconfig whatever the user has, with the role contexts and pinned tools', async () => {
    const previous = process.env.KUBECONFIG;
    process.env.KUBECONFIG = '/home/someone/.kube/config';
    try {
      const home = tempDir('mw-home-');
      const { of } = await run(`
steps:
  - id: env
    title: Env
    run: echo "$KUBECONFIG"; echo "$LESSON_DIR" | grep -c 00-test; echo "$CTX_CLUSTER1 $CTX_CLUSTER2"; echo "\${PATH%%:*}"
`, { home });
      // The role contexts, and the pinned tools' folder first on PATH.
      expect(of('output').flatMap(outputLines)).toEqual([`${home}/kubeconfig`, '1', 'kind-cluster1 kind-cluster2', `${home}/cache/tools/bin`]);
    } finally {
      if (previous === undefined) delete process.env.KUBECONFIG;
      else process.env.KUBECONFIG = previous;
    }
  });

  it('refuses a lesson that sets KUBECONFIG, and a command the guard refuses', async () => {
    const own = await run(`
steps:
  - id: sneaky
    title: Sneaky
    env: { KUBECONFIG: /root/.kube/config }
    run: kubectl get pods
`);
    expect(own.of('step-finished')[0]?.reason).toBe('KUBECONFIG is set by the workshop and cannot be changed by a lesson');
    expect(own.of('output')).toEqual([]);
    // The context guard reads every script of the step before any of it runs: nothing is started.
    const marker = path.join(tempDir('mw-guard-'), 'ran');
    const guarded = await run(`
steps:
  - id: foreign
    title: Foreign
    run: touch ${marker}; for c in $CTX_CLUSTER1 prod-cluster; do kubectl --context "$c" get pods; done
  - id: foreign-check
    title: A check that names a foreign kubeconfig
    run: touch ${marker}
    check: { run: 'bash -c "KUBECONFIG=~/.kube/config kubectl get pods"', exitCode: 0 }
`, { from: 'foreign', to: 'foreign' });
    expect(guarded.of('step-finished')[0]).toMatchObject({ status: 'failed' });
    expect(guarded.of('step-finished')[0]?.reason).toMatch(/^refused before running: `kubectl --context "\$c" get pods` names the context 'prod-cluster', which is not one of the workshop's \(kind-cluster1, kind-cluster2, kind-cluster3\)/);
    expect(guarded.of('output')).toEqual([]);
    expect(existsSync(marker)).toBe(false);
    const check = await run(`
steps:
  - id: foreign-check
    title: A check that names a foreign kubeconfig
    run: touch ${marker}
    check: { run: 'bash -c "KUBECONFIG=~/.kube/config kubectl get pods"', exitCode: 0 }
`);
    expect(check.of('step-finished')[0]?.reason).toMatch(/^refused before running: .*points at the kubeconfig .*\.kube\/config, not the workshop's own/);
    expect(existsSync(marker)).toBe(false);
  });

  it('skips an optional step unless asked for it (by --optional, or by running that step alone)', async () => {
    const yaml = `
steps:
  - { id: core, title: Core, run: 'echo core' }
  - { id: extra, title: Extra, optional: true, run: 'echo extra' }
`;
    const skipped = await run(yaml);
    expect(skipped.of('step-finished').map((e) => [e.stepId, e.status, e.reason])).toEqual([['core', 'passed', undefined], ['extra', 'skipped', 'optional: include it with --optional, or run it from the workshop']]);
    expect(skipped.outcome.status).toBe('passed');
    const included = await run(yaml, { optional: true });
    expect(included.of('step-finished').map((e) => [e.stepId, e.status])).toEqual([['core', 'passed'], ['extra', 'passed']]);
    const alone = await run(yaml, { only: 'extra' });
    expect(alone.of('step-finished').map((e) => [e.stepId, e.status])).toEqual([['extra', 'passed']]);
  });

  it('runs cleanup after a failure when asked, and nothing else', async () => {
    const { outcome, of } = await run(`
steps:
  - { id: one, title: One, run: 'exit 1' }
  - { id: two, title: Two, run: 'echo two' }
cleanup:
  - { id: tidy, title: Tidy, run: 'echo tidy' }
`, { cleanup: true });
    expect(outcome.status).toBe('failed');
    expect(of('step-finished').map((e) => [e.stepId, e.status])).toEqual([['one', 'failed'], ['tidy', 'passed']]);
  });

  it('asks before each step and answers quizzes through the interaction', async () => {
    const asked: string[] = [];
    const { outcome, of } = await run(`
steps:
  - { id: a, title: A, run: 'echo a' }
  - { id: b, title: B, run: 'echo b' }
  - id: q
    title: Q
    quiz: { question: 'Which?', choices: [x, y], answer: 2, explanation: 'Because.' }
`, {
      interaction: {
        confirmStep: async (outline) => {
          asked.push(outline.id);
          return outline.id === 'b' ? 'skip' : 'run';
        },
        answerQuiz: async () => 2,
      },
    });
    expect(asked).toEqual(['a', 'b', 'q']);
    expect(outcome.status).toBe('passed');
    expect(of('step-finished').map((e) => e.status)).toEqual(['passed', 'skipped', 'passed']);
    expect(of('quiz-answered')[0]).toMatchObject({ answer: 2, correct: true });
  });

  it('writes the complete output of each step to its log file', async () => {
    const { of } = await run(`
steps:
  - id: many
    title: Many
    run: seq 1 100000
`);
    const log = of('step-finished')[0]?.logFile;
    expect(log).toBeDefined();
    const text = readFileSync(log ?? '', 'utf8');
    expect(text).toBe(`${Array.from({ length: 100_000 }, (_, i) => i + 1).join('\n')}\n`);
    expect(of('step-finished')[0]?.tail.at(-1)).toBe('100000');
  });
});

describe('planSteps', () => {
  const lesson = lessonFromYaml(`${HEADER}
setup: [{ id: prep, title: Prep, run: 'true' }]
steps:
  - { id: apply-gateway, title: A, run: 'true' }
  - { id: apply-route, title: B, run: 'true' }
  - { id: check-route, title: C, run: 'true' }
cleanup: [{ id: tidy, title: T, run: 'true' }]
`).lesson;
  it('runs setup, then the chosen steps, then cleanup when asked', () => {
    expect(planSteps(lesson, { from: 'apply-route' }).map((p) => p.step.id)).toEqual(['prep', 'apply-route', 'check-route']);
    expect(planSteps(lesson, { to: 'apply-route', setup: false, cleanup: true }).map((p) => p.step.id)).toEqual(['apply-gateway', 'apply-route', 'tidy']);
  });
  it('runs one step of any phase alone (the TUI runs setup and cleanup steps by key too)', () => {
    expect(planSteps(lesson, { only: 'prep' }).map((p) => [p.step.id, p.phase])).toEqual([['prep', 'setup']]);
    expect(planSteps(lesson, { only: 'apply-route' }).map((p) => [p.step.id, p.phase])).toEqual([['apply-route', 'steps']]);
    expect(planSteps(lesson, { only: 'tidy' }).map((p) => [p.step.id, p.phase])).toEqual([['tidy', 'cleanup']]);
    expect(() => planSteps(lesson, { only: 'tid' })).toThrow("step tid: no such step (did you mean 'tidy'?)");
  });
  it('names an unknown step with a suggestion', () => {
    expect(() => planSteps(lesson, { from: 'apply-rout' })).toThrow("--from apply-rout: no such step (did you mean 'apply-route'?); steps are: apply-gateway, apply-route, check-route");
    expect(() => planSteps(lesson, { from: 'check-route', to: 'apply-gateway' })).toThrow('--to apply-gateway comes before --from check-route');
  });
});

describe('runLesson with a value captured and used in the same step', () => {
  it("gives it to the step's own check scripts as an environment variable", async () => {
    const { outcome, of } = await run(`
steps:
  - id: expose
    title: Expose, then call the address
    run: "echo 'external IP: 172.18.0.6'"
    capture: { LB_IP: { regex: 'external IP: (\\S+)' } }
    check:
      - run: echo "calling [$LB_IP]"
        equals: calling [172.18.0.6]
`);
    expect(of('check-result')[0]?.verdict).toMatchObject({ passed: true });
    expect(outcome.status).toBe('passed');
  });
});

describe('runLesson when the command itself fails', () => {
  it("fails the step at once with the exit code's meaning, without waiting out its checks' retries", async () => {
    const started = performance.now();
    const { outcome, of } = await run(`
steps:
  - id: install
    title: Install with a tool that is missing
    run: no-such-tool-mesh-workshop install
    check:
      - run: echo waiting
        equals: ready
        retry: { timeout: 30s, interval: 1s }
`);
    expect(outcome.status).toBe('failed');
    expect(of('step-finished')[0]?.reason).toBe('the command ended with exit code 127: a command was not found (is the tool installed and on your PATH?)');
    expect(of('check-result')).toEqual([]);
    expect(performance.now() - started).toBeLessThan(10_000);
  });
  it('still runs the checks of a step that judges the exit code itself (a failure on purpose)', async () => {
    const { outcome, of } = await run(`
steps:
  - id: fail-on-purpose
    title: Connect where nothing listens
    run: "echo 'curl: (7) Failed to connect'; exit 7"
    check:
      - exitCode: nonzero
      - contains: Failed to connect
`);
    expect(outcome.status).toBe('passed');
    expect(of('check-result').map((event) => event.verdict.passed)).toEqual([true, true]);
  });
});

describe('runLesson before the Istio release is downloaded', () => {
  it("refuses a step that uses ${ISTIO_DIR} with the command that fetches it, before anything runs", async () => {
    const { outcome, of } = await run(`
steps:
  - id: samples
    title: Apply a sample
    run: echo "kubectl apply -f $ISTIO_DIR/samples/httpbin/httpbin.yaml"
  - id: plain
    title: No release needed
    run: echo fine
`);
    expect(outcome.status).toBe('failed');
    expect(of('step-finished').map((event) => [event.stepId, event.status])).toEqual([['samples', 'failed']]);
    expect(of('output')).toEqual([]);
    expect(of('step-finished')[0]?.reason).toBe('this step uses ${ISTIO_DIR} (istio-release), which is not downloaded yet: run `mesh-workshop tools install istio-release`');
  });
  it('names the VM package the same way', async () => {
    const { of } = await run(`
steps:
  - id: copy-package
    title: Copy the package into the VM
    run: docker cp "$ISTIO_SIDECAR_DEB" vm:/tmp/istio-sidecar.deb
`);
    expect(of('step-finished')[0]?.reason).toBe('this step uses ${ISTIO_SIDECAR_DEB} (istio-sidecar.deb), which is not downloaded yet: run `mesh-workshop tools install istio-sidecar.deb`');
  });
});

describe('runLesson with a variable nobody captured yet', () => {
  it('stops before bash expands it to nothing, and names the step that captures it', async () => {
    const { outcome, of } = await run(`
steps:
  - id: find-pod
    title: Find the pod
    run: echo "pod/helloworld-v1-abc"
    capture: { POD: { regex: 'pod/(\\S+)' } }
  - id: logs
    title: Read its logs
    run: echo "kubectl logs $POD"
`, { from: 'logs' });
    expect(outcome.status).toBe('failed');
    expect(of('step-finished')[0]?.reason).toBe("${POD} has no value yet: step 'find-pod' captures it; run that step first (--from find-pod)");
    expect(of('output')).toEqual([]);
  });
});
