/**
 * Runs a lesson: each planned step's command, its captures and its checks (polled where asked), emitting
 * events as it goes. It knows nothing of how they are shown. A failed step stops the run, since later
 * steps build on it; cleanup steps, when asked for, still run.
 */
import { QUESTION_FOR_A_LEARNER } from './skip-reasons.js';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync, type WriteStream } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { captureValue } from '../checks/capture.js';
import { checkLabel, evaluateCheck, exitCodeMeaning, searchesWhole, type Observed, type Verdict } from '../checks/evaluate.js';
import { MissingVariableError, scriptVars, type Vars } from '../checks/templating.js';
import { formatDuration, parseDuration } from '../lesson/duration.js';
import type { LoadedLesson } from '../lesson/load.js';
import type { Check, Quiz, Step } from '../lesson/schema.js';
import { DOWNLOAD_VARIABLES, RESERVED_VARIABLES } from '../lesson/vocabulary.js';
import { allSteps, diffSnapshot, stepChecks, stepScripts, taskOf } from '../lesson/steps.js';
import { contextsWith, workshopKubeconfig } from '../cluster/kubeconfig-settings.js';
import { clusterEnvironment } from '../cluster/step-environment.js';
import { contextRefusal } from '../cluster/context-guard.js';
import type { StepDiagnosisRequest } from '../diagnosis/diagnose.js';
import { touchesCluster } from '../diagnosis/scope.js';
import { buildEnvironment } from './environment.js';
import type { DiagnosisSummary, EventSink, LikelyCause, Phase, StepOutline, StepStatus, TaskDoneBy } from './events.js';
import { OutputTail } from './output-buffers.js';
import { outlineOf, planSteps, type PlanOptions } from './plan.js';
import { runShell, type ShellResult } from './run-shell.js';
import { ensureWorkspace } from '../workspace/workspace.js';

export interface Interaction {
  /** Asked before each step runs; not called in unattended (--yes) runs. */
  confirmStep?(outline: StepOutline, index: number, total: number): Promise<'run' | 'skip' | 'quit'>;
  /** The learner's choice (counting from 1), or undefined to skip the question. */
  answerQuiz?(quiz: Quiz, stepId: string): Promise<number | undefined>;
  /**
   * Asked when a step failed (its failure already reported): run it again, skip it, stop, or leave it failed
   * (which ends the lesson, as unattended). The line-by-line mode offers hints and the solution meanwhile.
   */
  afterFailure?(outline: StepOutline): Promise<'retry' | 'skip' | 'quit' | 'leave'>;
  /**
   * A task waits for the learner: check their work, run the solution for them ("do it for me"), skip, stop,
   * or leave it (failed after a failed check: the lesson ends, as unattended). Asked again after each failed
   * check (`attempt` counts them). Without it (run --yes, verify) the solution runs, then the checks.
   */
  awaitTask?(outline: StepOutline, attempt: number, where: TaskPlace): Promise<TaskChoice>;
}

/** Where a task is done: the values captured so far (for a shell the learner opens meanwhile) and the workspace. */
export interface TaskPlace {
  vars: Readonly<Record<string, string>>;
  workspace: string;
}

/** check: the learner's work as it is; apply: their file applied (the task's `apply`), then checked; solve: the solution run. */
export type TaskChoice = 'check' | 'apply' | 'solve' | 'skip' | 'quit' | 'leave';

export interface EngineHooks {
  /** Environment from the cluster layer: KUBECONFIG, PATH with the pinned tools, context names. */
  environment?(): Record<string, string> | Promise<Record<string, string>>;
  /** A reason to refuse a command before it runs (the context guard), or undefined to allow it. */
  refuse?(script: string, step: Step): string | undefined;
  /**
   * Looks for the cause of a failed step that touches a cluster (in a lesson with `clusters:`). Default: the
   * workshop's own (src/diagnosis: read-only commands within a time limit). Undefined: nothing to say.
   */
  diagnose?(request: StepDiagnosisRequest): Promise<{ causes: LikelyCause[]; summary?: DiagnosisSummary } | undefined>;
}

/** The workshop's own diagnosis, as the engine's hook; loaded only when a step has failed. */
async function workshopDiagnosis(request: StepDiagnosisRequest): Promise<{ causes: LikelyCause[]; summary: DiagnosisSummary }> {
  const { diagnoseStep, diagnosisSummary } = await import('../diagnosis/diagnose.js');
  const diagnosis = await diagnoseStep(request);
  return { causes: diagnosis.causes, summary: diagnosisSummary(diagnosis) };
}

export interface RunLessonOptions extends PlanOptions {
  lesson: LoadedLesson;
  /** The state directory: logs and scratch space go below it. */
  home: string;
  emit: EventSink;
  /** Values captured earlier (from saved progress). */
  vars?: Vars;
  interaction?: Interaction;
  hooks?: EngineHooks;
  signal?: AbortSignal;
  defaultStepTimeoutMs?: number;
  defaultCheckTimeoutMs?: number;
  killGraceMs?: number;
  /**
   * Look for the cause of a failed step that touches a cluster (see EngineHooks.diagnose). On unless false;
   * a lesson without `clusters:` is never diagnosed.
   */
  diagnose?: boolean;
  /** The diagnosis's time limit (default 10 s). */
  diagnosisTimeLimitMs?: number;
}

export interface LessonOutcome {
  status: 'passed' | 'failed' | 'cancelled';
  vars: Record<string, string>;
  steps: { id: string; phase: Phase; status: StepStatus; doneBy?: TaskDoneBy }[];
}

const DEFAULT_STEP_TIMEOUT_MS = 5 * 60_000;
const DEFAULT_CHECK_TIMEOUT_MS = 30_000;
const DEFAULT_RETRY_INTERVAL_MS = 1000;
const TAIL_FOR_REPORTS = 40;
/** How far the step log may fall behind the command before reading waits for it (run-shell.ts). */
const LOG_BUFFER_BYTES = 4 * 1024 * 1024;

interface StepContext {
  step: Step;
  env: Record<string, string>;
  cwd: string;
  log: WriteStream;
  tail: OutputTail;
  vars: Record<string, string>;
  /**
   * Where this step's commands spill output beyond what checks keep in memory, for the checks that search it
   * whole: a folder made when the first such command runs, removed when the step ends.
   */
  spill?: { dir?: string; files: number };
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

function runStamp(): string {
  return new Date().toISOString().replace(/[:.]/g, '-');
}

function closeLog(log: WriteStream): Promise<void> {
  return new Promise((resolve) => log.end(resolve));
}

export async function runLesson(given: RunLessonOptions): Promise<LessonOutcome> {
  const lesson = given.lesson.lesson;
  const logDir = path.join(given.home, 'logs', lesson.id, runStamp());
  mkdirSync(logDir, { recursive: true });
  // What happened, beside the step logs, for a support bundle: every event but the output, which the logs hold.
  const eventLog = createWriteStream(path.join(logDir, 'events.jsonl'));
  eventLog.on('error', () => {});
  const emit: EventSink = (event) => {
    if (event.type !== 'output') eventLog.write(`${JSON.stringify({ at: new Date().toISOString(), ...event })}\n`);
    given.emit(event);
  };
  const options: RunLessonOptions = { ...given, emit };
  const { lesson: loaded, signal } = options;
  const plan = planSteps(lesson, options);
  const lessonTmp = path.join(options.home, 'tmp', lesson.id);
  mkdirSync(lessonTmp, { recursive: true });
  const workspace = ensureWorkspace(options.home, lesson.id);
  // The workshop kubeconfig, the role contexts (CTX_CLUSTER1 …) and the pinned tools first on PATH.
  const provided = { ...clusterEnvironment(options.home), ...((await options.hooks?.environment?.()) ?? {}) };
  const contexts = await contextsStepsMayName(options.home);
  const vars: Record<string, string> = { ...options.vars };
  const started = performance.now();
  const results: LessonOutcome['steps'] = [];

  emit({ type: 'lesson-started', lessonId: lesson.id, title: lesson.title, steps: plan.map(outlineOf), logDir });

  let stopped: 'failed' | 'cancelled' | undefined;
  for (const [index, planned] of plan.entries()) {
    const { step, phase } = planned;
    // After a failure only cleanup runs; after a cancel nothing does.
    if (stopped === 'cancelled' || (stopped === 'failed' && phase !== 'cleanup')) continue;
    const logFile = path.join(logDir, `${String(index + 1).padStart(2, '0')}-${step.id}.log`);
    const { id: _id, ...outline } = outlineOf(planned);
    emit({ type: 'step-started', stepId: step.id, index, total: plan.length, ...outline, ...(step.run ? { logFile } : {}) });

    // Restarted once the learner has answered: a step's time is its run, not the learner's thinking.
    let stepStarted = performance.now();
    type Extra = { exitCode?: number | null; reason?: string; tail?: string[]; doneBy?: TaskDoneBy };
    const record = (status: StepStatus, doneBy?: TaskDoneBy): void => {
      results.push({ id: step.id, phase, status, ...(doneBy ? { doneBy } : {}) });
      if (status === 'failed' && !stopped) stopped = 'failed';
      if (status === 'cancelled') stopped = 'cancelled';
    };
    const report = (status: StepStatus, extra: Extra = {}): void => {
      emit({
        type: 'step-finished',
        stepId: step.id,
        status,
        durationMs: performance.now() - stepStarted,
        exitCode: extra.exitCode ?? null,
        ...(extra.reason === undefined ? {} : { reason: extra.reason }),
        tail: extra.tail ?? [],
        ...(step.run || step.task ? { logFile } : {}),
        ...(extra.doneBy ? { doneBy: extra.doneBy } : {}),
      });
    };
    const finish = (status: StepStatus, extra: Extra = {}): void => {
      report(status, extra);
      record(status, extra.doneBy);
    };

    // An optional step runs when asked for by name (the TUI's key) or with --optional.
    if (step.optional && options.optional !== true && options.only === undefined) {
      finish('skipped', { reason: 'optional: include it with --optional, or run it from the workshop' });
      continue;
    }

    const choice = options.interaction?.confirmStep ? await options.interaction.confirmStep(outlineOf(planned), index, plan.length) : 'run';
    if (choice === 'quit') {
      finish('cancelled', { reason: 'stopped by the learner' });
      continue;
    }
    if (choice === 'skip') {
      finish('skipped', { reason: 'skipped by the learner' });
      continue;
    }
    stepStarted = performance.now();

    if (step.quiz) {
      // Unattended, a question is only checked for a well-formed answer key (lint says so too, for authors).
      if (step.quiz.answer > step.quiz.choices.length) {
        finish('failed', { reason: `the question's answer key names choice ${step.quiz.answer}, and there are ${step.quiz.choices.length}` });
        continue;
      }
      const answer = await options.interaction?.answerQuiz?.(step.quiz, step.id);
      stepStarted = performance.now();
      if (answer === undefined) {
        finish('skipped', { reason: options.interaction?.answerQuiz ? 'skipped by the learner' : QUESTION_FOR_A_LEARNER });
      } else {
        const correct = answer === step.quiz.answer;
        emit({ type: 'quiz-answered', stepId: step.id, quiz: step.quiz, answer, correct });
        finish(correct ? 'passed' : 'failed', correct ? {} : { reason: `answer ${answer} is not the right one` });
      }
      continue;
    }

    const prepared = prepareStep(step, { loaded, home: options.home, lessonTmp, workspace, provided, vars, contexts, hooks: options.hooks });
    if ('refusal' in prepared) {
      finish('failed', { reason: prepared.refusal });
      continue;
    }

    if (step.task !== undefined) {
      const restart = (): void => {
        emit({ type: 'step-started', stepId: step.id, index, total: plan.length, ...outline, logFile });
      };
      await doTask({ step, outline: outlineOf(planned), prepared, logFile, vars, options, report, finish, record, restart, restartClock: () => (stepStarted = performance.now()) });
      if (signal?.aborted && !stopped) stopped = 'cancelled';
      continue;
    }

    for (let attempt = 1; ; attempt++) {
      // Each attempt's output goes to the same log, after the one before.
      const context: StepContext = { step, env: prepared.env, cwd: prepared.cwd, log: createWriteStream(logFile, { flags: attempt === 1 ? 'w' : 'a', highWaterMark: LOG_BUFFER_BYTES }), tail: new OutputTail(TAIL_FOR_REPORTS), vars };
      let outcome: StepOutcome;
      try {
        outcome = await runStep(context, options);
      } finally {
        await closeLog(context.log);
      }
      const extra: Extra = { exitCode: outcome.exitCode, tail: context.tail.toArray(), ...(outcome.reason ? { reason: outcome.reason } : {}) };
      const afterFailure = options.interaction?.afterFailure;
      if (outcome.status !== 'failed' || !afterFailure || signal?.aborted) {
        finish(outcome.status, extra);
        await diagnoseFailure(step, outcome, prepared, options);
        break;
      }
      report('failed', extra);
      // The likely causes come before the question: they are what the learner decides with.
      await diagnoseFailure(step, outcome, prepared, options);
      const next = await afterFailure(outlineOf(planned));
      if (next === 'retry') {
        emit({ type: 'step-started', stepId: step.id, index, total: plan.length, ...outline, ...(step.run ? { logFile } : {}) });
        stepStarted = performance.now();
        continue;
      }
      if (next === 'leave') record('failed');
      else finish(next === 'skip' ? 'skipped' : 'cancelled', { reason: next === 'skip' ? 'skipped by the learner after it failed' : 'stopped by the learner' });
      break;
    }
    if (signal?.aborted && !stopped) stopped = 'cancelled';
  }

  const count = (status: StepStatus): number => results.filter((result) => result.status === status).length;
  const status = stopped ?? (count('failed') > 0 ? 'failed' : 'passed');
  emit({
    type: 'lesson-finished',
    lessonId: lesson.id,
    status,
    passed: count('passed'),
    failed: count('failed'),
    skipped: count('skipped'),
    durationMs: performance.now() - started,
  });
  // Not waited for: the caller records progress at once (the file is complete when the process ends).
  eventLog.end();
  return { status, vars, steps: results };
}

/**
 * bash would expand a variable nobody captured to nothing and run on with an empty name; stop before that
 * and say which step provides it (a --from run past the capturing step, with no saved value, does this).
 */
/** What a step is prepared with: the lesson, the state directory, and what earlier steps and the cluster layer provide. */
interface StepPreparation {
  loaded: LoadedLesson;
  home: string;
  lessonTmp: string;
  workspace: string;
  provided: Readonly<Record<string, string>>;
  vars: Readonly<Record<string, string>>;
  contexts: readonly string[];
  hooks: EngineHooks | undefined;
}

/**
 * Everything checked before a step's command may run, in the order a learner can act on: a variable the
 * lesson may not set, one no earlier step captured, a pinned download not fetched yet, then the step's
 * environment, then the context guard on its scripts. The first refusal, or the environment and folder
 * the step runs with.
 */
function prepareStep(step: Step, preparation: StepPreparation): { refusal: string } | { env: Record<string, string>; cwd: string } {
  const { loaded, provided, vars } = preparation;
  const refusal = reservedVariable(step, loaded) ?? uncapturedVariable(step, loaded.lesson, vars) ?? missingDownload(step, provided);
  if (refusal) return { refusal };
  let env: Record<string, string>;
  try {
    env = buildEnvironment({
      home: preparation.home,
      lessonDir: loaded.dir,
      lessonTmp: preparation.lessonTmp,
      workspace: preparation.workspace,
      provided,
      vars,
      ...(loaded.lesson.env ? { lessonEnv: loaded.lesson.env } : {}),
      ...(step.env ? { stepEnv: step.env } : {}),
      ...(loaded.lesson.learnerHome ? { learnerHome: true } : {}),
    });
  } catch (error) {
    if (!(error instanceof MissingVariableError)) throw error;
    return { refusal: error.message };
  }
  // A task is the learner's work: it and its checks run where the learner works.
  const cwd = step.task !== undefined ? preparation.workspace : step.cwd ? path.resolve(loaded.dir, step.cwd) : loaded.dir;
  const refused = guardRefusal(step, env, cwd, preparation.contexts, preparation.hooks);
  return refused ? { refusal: refused } : { env, cwd };
}

function uncapturedVariable(step: Step, lesson: LoadedLesson['lesson'], vars: Readonly<Record<string, string>>): string | undefined {
  const capturedBy = new Map<string, string>();
  for (const other of allSteps(lesson)) {
    for (const name of Object.keys(other.capture ?? {})) if (!capturedBy.has(name)) capturedBy.set(name, other.id);
  }
  for (const name of stepScripts(step).flatMap(scriptVars)) {
    const provider = capturedBy.get(name);
    if (provider !== undefined && provider !== step.id && vars[name] === undefined) {
      return `\${${name}} has no value yet: step '${provider}' captures it; run that step first (--from ${provider})`;
    }
  }
  return undefined;
}

/** A step that uses a pinned download (the release's samples, the VM package) before it is fetched would fail on an empty path. */
function missingDownload(step: Step, provided: Readonly<Record<string, string>>): string | undefined {
  const used = new Set(stepScripts(step).flatMap(scriptVars));
  const missing = Object.entries(DOWNLOAD_VARIABLES).find(([name]) => used.has(name) && provided[name] === undefined);
  if (!missing) return undefined;
  const [name, tool] = missing;
  return `this step uses \${${name}} (${tool}), which is not downloaded yet: run \`mesh-workshop tools install ${tool}\``;
}

function reservedVariable(step: Step, loaded: LoadedLesson): string | undefined {
  for (const env of [loaded.lesson.env, step.env]) {
    const reserved = Object.keys(env ?? {}).find((name) => RESERVED_VARIABLES.includes(name));
    if (reserved) return `${reserved} is set by the workshop and cannot be changed by a lesson`;
  }
  return undefined;
}

/** The context guard over every script of the step (its command and its checks'), then any hook's. */
function guardRefusal(step: Step, env: Record<string, string>, cwd: string, contexts: readonly string[], hooks: EngineHooks | undefined): string | undefined {
  for (const script of stepScripts(step)) {
    // The learner's own KUBECONFIG as it was when the workshop started (the step's is the workshop's).
    const reason = contextRefusal(script, { kubeconfig: env.KUBECONFIG ?? '', contexts, env, cwd, ...(process.env.KUBECONFIG ? { learnerKubeconfig: process.env.KUBECONFIG } : {}) }) ?? hooks?.refuse?.(script, step);
    if (reason) return reason;
  }
  return undefined;
}

interface TaskRun {
  step: Step;
  outline: StepOutline;
  prepared: { env: Record<string, string>; cwd: string };
  logFile: string;
  vars: Record<string, string>;
  options: RunLessonOptions;
  report(status: StepStatus, extra?: { exitCode?: number | null; reason?: string; tail?: string[]; doneBy?: TaskDoneBy }): void;
  finish(status: StepStatus, extra?: { exitCode?: number | null; reason?: string; tail?: string[]; doneBy?: TaskDoneBy }): void;
  record(status: StepStatus, doneBy?: TaskDoneBy): void;
  /** A new attempt begins: the step shows as running again. */
  restart(): void;
  restartClock(): void;
}

/**
 * A task: the learner's work is checked when they say so, or the solution runs first (asked for, or
 * unattended). The checks run their own commands: a task has no command whose output they could read.
 */
async function doTask(run: TaskRun): Promise<void> {
  const { step, options } = run;
  const awaitTask = options.interaction?.awaitTask;
  for (let attempt = 1; ; attempt++) {
    const choice: TaskChoice = awaitTask ? await awaitTask(run.outline, attempt, { vars: { ...run.vars }, workspace: run.prepared.cwd }) : 'solve';
    run.restartClock();
    // Another go shows as running again; a stop, a skip or leaving it failed does not.
    if (attempt > 1 && (choice === 'check' || choice === 'apply' || choice === 'solve')) run.restart();
    if (choice === 'quit') return run.finish('cancelled', { reason: 'stopped by the learner' });
    if (choice === 'skip') return run.finish('skipped', { reason: attempt > 1 ? 'skipped by the learner after it failed' : 'skipped by the learner' });
    if (choice === 'leave') return run.record('failed');
    const doneBy: TaskDoneBy = choice !== 'solve' ? 'learner' : awaitTask ? 'help' : 'unattended';
    const script = choice === 'solve' ? step.solution : choice === 'apply' ? taskOf(step)?.apply : undefined;
    if (choice !== 'check' && script === undefined) return run.finish('failed', { reason: choice === 'solve' ? 'this task has no solution for the workshop to run' : 'this task has no apply command: apply your file from the shell (s)' });
    const context: StepContext = {
      step: { ...step, run: script },
      env: run.prepared.env,
      cwd: run.prepared.cwd,
      log: createWriteStream(run.logFile, { flags: attempt === 1 ? 'w' : 'a' }),
      tail: new OutputTail(TAIL_FOR_REPORTS),
      vars: run.vars,
    };
    if (choice === 'check') context.log.write(`# checking the learner's work (attempt ${attempt})\n`);
    let outcome: StepOutcome;
    try {
      outcome = await runStep(context, options);
    } finally {
      await closeLog(context.log);
    }
    const extra = { exitCode: outcome.exitCode, tail: context.tail.toArray(), ...(outcome.reason ? { reason: outcome.reason } : {}) };
    // The solution's run is the workshop's doing even when a check then fails: reports say it ran.
    const marked = outcome.status === 'passed' || choice === 'solve' ? { ...extra, doneBy } : extra;
    if (outcome.status !== 'failed' || !awaitTask || options.signal?.aborted) {
      run.finish(outcome.status, marked);
      await diagnoseFailure(step, outcome, run.prepared, options);
      return;
    }
    run.report('failed', marked);
    await diagnoseFailure(step, outcome, run.prepared, options);
  }
}

interface StepOutcome {
  status: StepStatus;
  exitCode: number | null;
  reason?: string;
  /** The checks that failed (none when the command itself failed). */
  failedChecks?: Check[];
  /** It failed because the workshop kubeconfig was changed: nothing in the clusters explains that. */
  breach?: boolean;
}

/**
 * After a failed step that touches a cluster, in a lesson with `clusters:`: the likely causes, found by the
 * diagnose hook (the workshop's own unless `diagnose: false`), as events. Never fails the run.
 */
async function diagnoseFailure(step: Step, outcome: StepOutcome, prepared: { env: Record<string, string>; cwd: string }, options: RunLessonOptions): Promise<void> {
  const lesson = options.lesson.lesson;
  if (outcome.status !== 'failed' || outcome.breach || options.diagnose === false || options.signal?.aborted) return;
  if (!lesson.clusters?.length || !touchesCluster(step)) return;
  const { emit } = options;
  const stepId = step.id;
  const started = performance.now();
  const diagnose = options.hooks?.diagnose ?? workshopDiagnosis;
  let announced = false;
  let result: Awaited<ReturnType<typeof diagnose>>;
  try {
    result = await diagnose({
      home: options.home,
      lesson,
      step,
      failedChecks: outcome.failedChecks ?? [],
      env: prepared.env,
      cwd: prepared.cwd,
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.diagnosisTimeLimitMs === undefined ? {} : { timeLimitMs: options.diagnosisTimeLimitMs }),
      onStart: (plan) => {
        announced = true;
        emit({ type: 'step-diagnosis-started', stepId, ...plan });
      },
      onProgress: (done, of) => emit({ type: 'step-diagnosis-progress', stepId, done, of }),
    });
  } catch {
    // A diagnosis that breaks says nothing rather than end the run; a screen that was told it started hears it ended.
    result = undefined;
  }
  if (!result && !announced) return;
  const causes = (result?.causes ?? []).map(({ kind, title, detail, next }) => ({ kind, title, ...(detail === undefined ? {} : { detail }), next }));
  emit({ type: 'step-diagnosis', stepId, causes, ...(result?.summary ? { facts: result.summary } : {}), durationMs: performance.now() - started });
}

/** A diff view's snapshot: the config dump as text, or why there is none (it is run quietly, into the log). */
async function snapshot(context: StepContext, options: RunLessonOptions, script: string, when: string): Promise<{ text: string } | { error: string }> {
  context.log.write(`\n# proxy-config snapshot ${when} the step\n`);
  const result = await runCommand(context, options, script, options.defaultCheckTimeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS, { origin: 'check', quiet: true });
  if (result.exitCode !== 0) return { error: `the snapshot ${when} the step failed (exit code ${String(result.exitCode)}): ${result.stderr.trim().split('\n').slice(-2).join(' ')}` };
  if (result.truncated) return { error: `the snapshot ${when} the step was too large to keep in memory; the whole of it is in the log` };
  return { text: result.stdout };
}

/**
 * Reading the workshop kubeconfig needs the YAML parser, loaded only once the file exists (kind writes it with
 * the first cluster): a lesson without clusters, and every run before the first, starts without it.
 */
const kubeconfigExists = (home: string): boolean => existsSync(workshopKubeconfig(home));

/** Every role's context, and whatever else the workshop kubeconfig holds. */
async function contextsStepsMayName(home: string): Promise<string[]> {
  return kubeconfigExists(home) ? (await import('../cluster/kubeconfig.js')).allowedContexts(home) : contextsWith(home, []);
}

/** The workshop kubeconfig put right if something foreign got into it, and what to say; undefined when it is as it should be (or not there). */
async function kubeconfigBreach(home: string): Promise<string | undefined> {
  if (!kubeconfigExists(home)) return undefined;
  const { keepKubeconfigTheWorkshops, kubeconfigBreachMessage } = await import('../cluster/kubeconfig-integrity.js');
  const verdict = keepKubeconfigTheWorkshops(home);
  return verdict.ok ? undefined : kubeconfigBreachMessage(verdict, home);
}

async function runStep(context: StepContext, options: RunLessonOptions): Promise<StepOutcome> {
  context.spill = { files: 0 };
  try {
    return await runStepWithin(context, options);
  } finally {
    if (context.spill.dir !== undefined) rmSync(context.spill.dir, { recursive: true, force: true });
  }
}

/** A new spill file in the step's folder (made on first use); none outside a step. */
function spillFile(context: StepContext): { spillFile?: string } {
  const spill = context.spill;
  if (!spill) return {};
  spill.dir ??= mkdtempSync(path.join(os.tmpdir(), 'mesh-workshop-output-'));
  return { spillFile: path.join(spill.dir, String(++spill.files)) };
}

async function runStepWithin(context: StepContext, options: RunLessonOptions): Promise<StepOutcome> {
  // Changed outside the workshop since the last step (a shell, an editor): put right before anything runs.
  const changedBefore = await kubeconfigBreach(options.home);
  if (changedBefore) return { status: 'failed', exitCode: null, reason: `before this step, ${changedBefore}`, breach: true };
  const snapshotCommand = diffSnapshot(context.step);
  const before = snapshotCommand === undefined ? undefined : await snapshot(context, options, snapshotCommand, 'before');
  const ran = await runStepItself(context, options);
  // What the guard could not read (a python one-liner, a script piped into bash) is caught here.
  const changed = await kubeconfigBreach(options.home);
  const outcome = changed ? { ...ran, status: 'failed' as const, reason: `this step changed what it may not: ${changed}`, breach: true } : ran;
  const view = context.step.view;
  if (view !== undefined && outcome.status !== 'cancelled') {
    if (snapshotCommand !== undefined && before) {
      const after = await snapshot(context, options, snapshotCommand, 'after');
      const payload = 'error' in before ? before : 'error' in after ? after : { before: before.text, after: after.text };
      options.emit({ type: 'step-view', stepId: context.step.id, view, payload });
    } else if (typeof view === 'object' || view.startsWith('proxy-config/')) {
      const payload = outcome.observed?.truncated ? { error: "the step's output was too large to keep in memory; the whole of it is in the log" } : { output: outcome.observed?.stdout ?? '' };
      options.emit({ type: 'step-view', stepId: context.step.id, view, payload });
    }
  }
  return outcome;
}

async function runStepItself(context: StepContext, options: RunLessonOptions): Promise<StepOutcome & { observed?: Observed }> {
  const { step } = context;
  const stepTimeout = step.timeout === undefined ? (options.defaultStepTimeoutMs ?? DEFAULT_STEP_TIMEOUT_MS) : parseDuration(step.timeout);
  // Kept whole on disk only when a check searches this very output (the others read its beginning and end).
  const searched = stepChecks(step).some((check) => check.run === undefined && searchesWhole(check));
  const result = step.run === undefined ? undefined : await runCommand(context, options, step.run, stepTimeout, { origin: 'step', searched });
  const exitCode = result?.exitCode ?? null;
  if (result?.cancelled || options.signal?.aborted) return { status: 'cancelled', exitCode, reason: 'cancelled' };
  if (result?.timedOut) return { status: 'failed', exitCode, reason: `timed out after ${formatDuration(stepTimeout)}; everything it started was stopped` };

  const observed: Observed = result ?? { stdout: '', stderr: '', all: '', exitCode: 0 };
  // A command that failed fails its step at once, unless the step judges the exit code itself (a failure on
  // purpose): its checks would only wait out their retries on a cluster the command never changed.
  const checks = stepChecks(step);
  if (result !== undefined && exitCode !== 0 && !checks.some((check) => 'exitCode' in check && check.run === undefined)) {
    return { status: 'failed', exitCode, reason: `the command ended with exit code ${String(exitCode)}${exitCodeMeaning(exitCode)}`, observed };
  }
  for (const [name, capture] of Object.entries(step.capture ?? {})) {
    const captured = captureValue(capture, observed);
    if ('error' in captured) return { status: 'failed', exitCode, reason: `could not capture ${name}: ${captured.error}` };
    context.vars[name] = captured.value;
    // The step's own checks run scripts too, and they read $NAME from the environment.
    context.env[name] = captured.value;
    options.emit({ type: 'variable-captured', stepId: step.id, name, value: captured.value });
  }

  // No checks: the command's own success decides (a failure returned above).
  if (checks.length === 0) return { status: 'passed', exitCode, observed };
  const failedChecks: Check[] = [];
  for (const [checkIndex, check] of checks.entries()) {
    const verdict = await pollCheck(context, options, check, checkIndex, observed);
    if (options.signal?.aborted) return { status: 'cancelled', exitCode, reason: 'cancelled' };
    if (!verdict.passed) failedChecks.push(check);
  }
  return failedChecks.length === 0 ? { status: 'passed', exitCode, observed } : { status: 'failed', exitCode, reason: 'a check failed', observed, failedChecks };
}

/** How a command's output is used: shown (unless quiet), and searched whole by a check (then also kept on disk). */
interface CommandUse {
  origin: 'step' | 'check';
  quiet?: boolean;
  searched?: boolean;
}

async function runCommand(context: StepContext, options: RunLessonOptions, script: string, timeoutMs: number, { origin, quiet = false, searched = false }: CommandUse): Promise<ShellResult> {
  return runShell({
    script,
    cwd: context.cwd,
    env: context.env,
    timeoutMs,
    log: context.log,
    ...(searched ? spillFile(context) : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.killGraceMs === undefined ? {} : { killGraceMs: options.killGraceMs }),
    onOutput: (stream, text) => {
      if (quiet) return;
      if (origin === 'step') context.tail.push(text);
      options.emit({ type: 'output', stepId: context.step.id, stream, origin, text });
    },
  });
}

/** Produce what a check reads: the step's output on the first try, else a fresh run of the command it reads. */
async function observeForCheck(context: StepContext, options: RunLessonOptions, check: Check, checkIndex: number, attempt: number, stepObserved: Observed): Promise<Observed> {
  const script = check.run ?? context.step.run;
  const repeat = 'distribution' in check ? (check.distribution.count ?? 1) : 1;
  const reuseStepOutput = check.run === undefined && attempt === 1 && repeat === 1;
  if (reuseStepOutput || script === undefined) return stepObserved;
  const timeoutMs = check.timeout === undefined ? (options.defaultCheckTimeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS) : parseDuration(check.timeout);
  // The step log holds the check's own runs too, marked so they can be told apart from the step's output.
  context.log.write(`\n# ${check.run === undefined ? 'step command again' : 'check command'}, for check ${checkLabel(check)} (attempt ${attempt}${repeat > 1 ? `, ${repeat} runs` : ''})\n`);
  const parts: ShellResult[] = [];
  for (let run = 0; run < repeat && !options.signal?.aborted; run++) {
    parts.push(await runCommand(context, options, script, timeoutMs, { origin: 'check', searched: searchesWhole(check) }));
    if (repeat > 1) {
      // The histogram so far: the TUI shows a traffic split converging as the answers come back.
      const { histogram } = evaluateCheck(check, combined(parts), context.vars);
      if (histogram) options.emit({ type: 'check-progress', stepId: context.step.id, checkIndex, histogram, runs: run + 1, of: repeat });
    }
  }
  return combined(parts);
}

/** Several runs of one command read as one output, failing if any run failed. */
function combined(parts: readonly ShellResult[]): Observed {
  const failed = parts.find((part) => part.exitCode !== 0);
  // One run is read as it is: a search reads all of it (a distribution, the only check that repeats, does not).
  if (parts.length === 1 && parts[0]) return parts[0];
  return {
    stdout: parts.map((part) => part.stdout).join(''),
    stderr: parts.map((part) => part.stderr).join(''),
    all: parts.map((part) => part.all).join(''),
    exitCode: failed ? failed.exitCode : (parts[0]?.exitCode ?? 0),
    truncated: parts.some((part) => part.truncated),
  };
}

/** Evaluate a check, polling per its retry and stable settings. */
async function pollCheck(context: StepContext, options: RunLessonOptions, check: Check, checkIndex: number, stepObserved: Observed): Promise<Verdict> {
  const { emit, signal } = options;
  const stepId = context.step.id;
  const baseInterval = check.retry?.interval === undefined ? DEFAULT_RETRY_INTERVAL_MS : parseDuration(check.retry.interval);
  const backoff = check.retry?.backoff ?? 1;
  const stable = check.stable ?? 1;
  const timeoutMs = Math.max(check.retry ? parseDuration(check.retry.timeout) : 0, (stable - 1) * baseInterval);
  const deadline = performance.now() + timeoutMs;
  emit({ type: 'check-started', stepId, checkIndex, label: checkLabel(check) });

  let consecutive = 0;
  for (let attempt = 1; ; attempt++) {
    const observed = await observeForCheck(context, options, check, checkIndex, attempt, stepObserved);
    let verdict = evaluateCheck(check, observed, context.vars);
    consecutive = verdict.passed ? consecutive + 1 : 0;
    const wait = baseInterval * backoff ** (attempt - 1);
    const done = consecutive >= stable || signal?.aborted === true || performance.now() + wait > deadline;
    if (done) {
      if (verdict.passed && consecutive < stable) {
        verdict = { ...verdict, passed: false, explanation: `passed ${consecutive} time(s) in a row, but ${stable} are needed: the result is not stable yet` };
      }
      emit({ type: 'check-result', stepId, checkIndex, verdict, attempts: attempt, exitCode: observed.exitCode });
      return verdict;
    }
    emit({ type: 'check-attempt', stepId, checkIndex, attempt, passed: verdict.passed, actual: verdict.actual, retryInMs: wait, retryAt: Date.now() + wait });
    await sleep(wait, signal);
  }
}
