/**
 * The diagnosis of a failed step: when a step that touches a cluster fails, the workshop looks, read-only
 * and within a time limit (10 s), for what in the clusters explains it, and names the likely causes, each
 * with one thing to do. The engine calls diagnoseStep (run-lesson.ts, after a failed step of a lesson with
 * `clusters:`); the TUI and the reporters show the causes under the failure.
 *
 * Layout:
 * - scope.ts: which steps are diagnosed (touchesCluster) and where to look (roles, namespaces) — pure;
 * - gather.ts: the read-only commands, through the context guard, within the time limit;
 * - parse.ts: kubectl, istioctl and docker output into facts (facts.ts) — pure;
 * - rules.ts: facts into ranked causes — pure;
 * - this file: the two ways in, and the summary the engine's event carries.
 *
 * For a support bundle: `diagnoseLesson(home, loaded, options)` gathers the facts for a whole lesson (its
 * `clusters:` roles, the namespaces any of its steps names, istio-system) and returns a `Diagnosis`:
 * `{ causes, facts, durationMs }`, plain JSON-able data (JSON.stringify it as it is). `facts.commands`
 * lists each command with its outcome (ok, failed, timed-out, refused, missing, skipped) and time.
 * Options: `timeLimitMs` (default 10 s), `signal` (stops it; what came back is judged), `onProgress`,
 * `env` (default: the environment a step of the lesson runs with) and `platform`.
 */
import { allowedContexts, kubeconfigContexts, roleContexts, workshopKubeconfig } from '../cluster/kubeconfig.js';
import { clusterEnvironment } from '../cluster/step-environment.js';
import { stepHome } from '../engine/environment.js';
import type { DiagnosisSummary } from '../engine/events.js';
import type { LoadedLesson } from '../lesson/load.js';
import type { Check, Lesson, Step } from '../lesson/schema.js';
import { allSteps } from '../lesson/steps.js';
import type { Diagnosis, DiagnosisFacts } from './facts.js';
import { DIAGNOSIS_TIME_LIMIT_MS, gatherFacts } from './gather.js';
import { likelyCauses } from './rules.js';
import { diagnosisScope, lessonScope, type DiagnosisScope } from './scope.js';

export type { Cause, Diagnosis, DiagnosisFacts } from './facts.js';
export { touchesCluster } from './scope.js';
export { DIAGNOSIS_TIME_LIMIT_MS } from './gather.js';

/** What the diagnosis looks at, in the words a screen shows while it looks. */
export const LOOKING_AT = ['pods', 'events', 'proxies'] as const;

/** What a diagnosis is about to look at, for a screen to say so before the first answer. */
export interface DiagnosisPlan {
  looking: string[];
  clusters: string[];
  namespaces: string[];
  timeLimitMs: number;
}

export interface StepDiagnosisRequest {
  home: string;
  lesson: Lesson;
  step: Step;
  /** The checks that failed; empty when the command itself failed (or timed out). */
  failedChecks: readonly Check[];
  /** The step's environment and folder: the diagnosis runs its commands as the step ran its own. */
  env: Readonly<Record<string, string>>;
  cwd: string;
  signal?: AbortSignal;
  timeLimitMs?: number;
  onStart?(plan: DiagnosisPlan): void;
  onProgress?(done: number, of: number): void;
}

interface RunOptions {
  home: string;
  lessonId: string;
  scope: DiagnosisScope;
  env: Readonly<Record<string, string>>;
  cwd: string;
  signal?: AbortSignal | undefined;
  timeLimitMs?: number | undefined;
  platform?: NodeJS.Platform | undefined;
  onStart?: ((plan: DiagnosisPlan) => void) | undefined;
  onProgress?: ((done: number, of: number) => void) | undefined;
}

async function run(options: RunOptions): Promise<Diagnosis> {
  const started = performance.now();
  const roles = roleContexts(options.home);
  const clusters = options.scope.roles.map((role) => ({ role, context: roles[role] ?? `kind-${role}` }));
  const timeLimitMs = options.timeLimitMs ?? DIAGNOSIS_TIME_LIMIT_MS;
  options.onStart?.({ looking: [...LOOKING_AT], clusters: clusters.map((cluster) => cluster.context), namespaces: options.scope.namespaces, timeLimitMs });
  let inKubeconfig: string[];
  try {
    inKubeconfig = kubeconfigContexts(options.env.KUBECONFIG ?? workshopKubeconfig(options.home));
  } catch {
    // An unreadable kubeconfig holds no context the diagnosis can use: each cluster is then "not up".
    inKubeconfig = [];
  }
  const facts: DiagnosisFacts = await gatherFacts({
    lessonId: options.lessonId,
    clusters,
    namespaces: options.scope.namespaces,
    expectsSidecar: options.scope.expectsSidecar,
    env: options.env,
    cwd: options.cwd,
    allowedContexts: allowedContexts(options.home),
    kubeconfigContexts: inKubeconfig,
    timeLimitMs,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(options.platform ? { platform: options.platform } : {}),
    ...(process.env.KUBECONFIG ? { learnerKubeconfig: process.env.KUBECONFIG } : {}),
  });
  return { causes: likelyCauses(facts), facts, durationMs: performance.now() - started };
}

/** The diagnosis of one failed step (the engine's, see run-lesson.ts). */
export function diagnoseStep(request: StepDiagnosisRequest): Promise<Diagnosis> {
  return run({
    home: request.home,
    lessonId: request.lesson.id,
    scope: diagnosisScope(request.step, request.failedChecks, request.lesson.clusters ?? []),
    env: request.env,
    cwd: request.cwd,
    signal: request.signal,
    timeLimitMs: request.timeLimitMs,
    onStart: request.onStart,
    onProgress: request.onProgress,
  });
}

export interface LessonDiagnosisOptions {
  timeLimitMs?: number;
  signal?: AbortSignal;
  onProgress?(done: number, of: number): void;
  /** The commands' environment; default: a step's (the workshop kubeconfig, the pinned tools first on PATH, the workshop's HOME). */
  env?: Readonly<Record<string, string>>;
  platform?: NodeJS.Platform;
}

/** The environment a lesson's steps run with, as far as the diagnosis needs it. */
function lessonEnvironment(home: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) if (value !== undefined) env[name] = value;
  return { ...env, ...clusterEnvironment(home), HOME: stepHome(home) };
}

/**
 * The facts and likely causes for a whole lesson, as JSON-able data: for a support bundle (see the header).
 * A lesson without `clusters:` is looked at for the Docker engine only.
 */
export function diagnoseLesson(home: string, loaded: LoadedLesson, options: LessonDiagnosisOptions = {}): Promise<Diagnosis> {
  const lesson = loaded.lesson;
  return run({
    home,
    lessonId: lesson.id,
    scope: lessonScope(allSteps(lesson), lesson.clusters ?? []),
    env: options.env ?? lessonEnvironment(home),
    cwd: loaded.dir,
    signal: options.signal,
    timeLimitMs: options.timeLimitMs,
    platform: options.platform,
    onProgress: options.onProgress,
  });
}

/** What the engine's `step-diagnosis` event says of the facts: where it looked, and what stopped it. */
export function diagnosisSummary(diagnosis: Diagnosis): DiagnosisSummary {
  const { facts } = diagnosis;
  const count = (...outcomes: string[]): number => facts.commands.filter((command) => outcomes.includes(command.outcome)).length;
  return {
    clusters: facts.clusters.map((cluster) => ({ context: cluster.context, state: cluster.state, ...(cluster.problem ? { problem: cluster.problem } : {}) })),
    namespaces: facts.namespaces,
    commands: count('ok', 'failed'),
    stoppedByTimeLimit: count('timed-out', 'skipped'),
    refused: count('refused'),
    missingTools: facts.missingTools,
  };
}
