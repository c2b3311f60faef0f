/**
 * The likely causes of a failed step in each report: under the failure in the plain one, in the failure's
 * text in JUnit, as they are in JSON lines. The engine runs a lesson with a cluster; a diagnose hook stands
 * in for the clusters.
 */
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { EngineHooks } from '../../src/engine/run-lesson.js';
import { runLesson } from '../../src/engine/run-lesson.js';
import type { LikelyCause } from '../../src/engine/events.js';
import { jsonLinesReporter } from '../../src/report/json-lines.js';
import { junitReporter } from '../../src/report/junit.js';
import { plainReporter } from '../../src/report/plain.js';
import type { Reporter } from '../../src/report/reporter.js';
import { HEADER, lessonFromYaml, tempDir } from '../helpers/lessons.js';

const LESSON = `${HEADER}clusters: [cluster1]
steps:
  - id: pods
    title: Pods run
    run: echo "pods on $CTX_CLUSTER1"
    check:
      - contains: Running
    explain: The pods are not running yet.
`;

const CAUSES: LikelyCause[] = [
  { kind: 'crash-loop', title: 'Container app of pod sample/crasher-1 keeps crashing (CrashLoopBackOff, last exit code 1 (Error)) on kind-cluster1', detail: 'its last lines:\nreading /etc/app/config.yaml\nconfig: no such file', next: 'kubectl --context kind-cluster1 -n sample logs crasher-1 -c app --previous' },
  { kind: 'tool-missing', title: 'istioctl is not installed here', next: 'mesh-workshop tools install istioctl' },
];

function hook(causes: LikelyCause[], stopped = 0): EngineHooks['diagnose'] {
  return (request) => {
    request.onStart?.({ looking: ['pods', 'events', 'proxies'], clusters: ['kind-cluster1'], namespaces: ['sample', 'istio-system'], timeLimitMs: 10_000 });
    return Promise.resolve({ causes, summary: { clusters: [{ context: 'kind-cluster1', state: 'answered' }], namespaces: ['sample', 'istio-system'], commands: 9, stoppedByTimeLimit: stopped, refused: 0, missingTools: ['istioctl'] } });
  };
}

async function report(make: (out: { write(text: string): void }) => Reporter, causes = CAUSES, stopped = 0): Promise<string> {
  let text = '';
  const reporter = make({ write: (chunk: string) => (text += chunk) });
  const diagnose = hook(causes, stopped);
  await runLesson({ lesson: lessonFromYaml(LESSON), home: tempDir('mw-home-'), emit: (e) => reporter.handle(e), ...(diagnose ? { hooks: { diagnose } } : {}) });
  reporter.finish();
  return text.replace(/ +\d+(\.\d+)?(ms|s)\b/g, ' T').replace(/\/tmp\/mw-home-[^/]+\/logs\/test\/[^/]+\//g, 'LOGS/');
}

describe('the likely causes in reports', () => {
  it('plain: under the failure, after saying it looks, numbered, each with its detail and next', async () => {
    const text = await report(plainReporter);
    expect(text.split('\n').slice(1, -2)).toEqual([
      '  ✗ pods  Pods run T  FAILED',
      '      ✗ contains "Running"',
      '        expected: Running',
      '        actual:   pods on kind-cluster1',
      '        why:      the output does not contain "Running"',
      '      next: The pods are not running yet.',
      '      log:  LOGS/01-pods.log',
      '      looking for the cause… (pods, events, proxies)',
      '      likely causes, most likely first (found in T):',
      '        1. Container app of pod sample/crasher-1 keeps crashing (CrashLoopBackOff, last exit code 1 (Error)) on kind-cluster1',
      '           its last lines:',
      '           reading /etc/app/config.yaml',
      '           config: no such file',
      '           next: kubectl --context kind-cluster1 -n sample logs crasher-1 -c app --previous',
      '        2. istioctl is not installed here',
      '           next: mesh-workshop tools install istioctl',
    ]);
  });

  it('plain: when nothing is found, it says where it looked, and what the time limit cut short', async () => {
    const text = await report(plainReporter, [], 3);
    expect(text).toContain('      no likely cause found in the clusters (pods, events, proxies), T; the time limit cut short 3 of its lookups\n');
  });

  it("JUnit: in the failure's text, after the failed checks", async () => {
    const xml = await report(junitReporter);
    const parsed = new XMLParser({ ignoreAttributes: false }).parse(xml) as { testsuites: { testsuite: { testcase: { failure: { '#text': string } } } } };
    const failure = parsed.testsuites.testsuite.testcase.failure['#text'];
    expect(failure).toContain('contains "Running"\n  expected: Running');
    expect(failure).toContain('likely causes, most likely first (found in T):\n  1. Container app of pod sample/crasher-1 keeps crashing');
    expect(failure).toContain('     next: mesh-workshop tools install istioctl');
  });

  it('JSON lines: the events as they are', async () => {
    const lines = (await report(jsonLinesReporter)).trim().split('\n').map((line) => JSON.parse(line) as { type: string; causes?: unknown; looking?: unknown; facts?: unknown });
    expect(lines.find((line) => line.type === 'step-diagnosis-started')?.looking).toEqual(['pods', 'events', 'proxies']);
    const diagnosis = lines.find((line) => line.type === 'step-diagnosis');
    expect(diagnosis?.causes).toEqual(CAUSES);
    expect(diagnosis?.facts).toMatchObject({ commands: 9, missingTools: ['istioctl'] });
  });
});
