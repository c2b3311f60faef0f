/**
 * What goes into a support bundle, each read by its own source with its own time limit. A source that
 * fails (a missing tool, a cluster that does not answer, a command the context guard refuses, a timeout)
 * is recorded as such, with why, and the others are read all the same. Nothing here redacts: bundle.ts
 * redacts every file, these included, before it enters the archive.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { contextRefusal } from '../cluster/context-guard.js';
import { runTool, type ToolResult } from '../cluster/exec.js';
import { allowedContexts, CLUSTER_ROLES, kubeconfigContexts, roleContexts, workshopKubeconfig } from '../cluster/kubeconfig.js';
import { stepPath } from '../cluster/toolchain.js';
import { stepHome } from '../engine/environment.js';
import { parseProgress } from '../progress/progress-format.js';

/** One file for the archive, before redaction. */
export interface BundleFile {
  /** Its path inside the bundle's folder. */
  name: string;
  text: string;
  mtime?: Date;
}

export type SourceStatus = 'ok' | 'failed' | 'timed out' | 'missing' | 'refused' | 'skipped';

/** What one source gave: where it is in the bundle, or what went wrong and why. */
export interface SourceRecord {
  what: string;
  /** The file it wrote in the bundle (also when it failed: its output is kept, whatever there was). */
  file?: string;
  command?: string;
  status: SourceStatus;
  why?: string;
  ms?: number;
}

export interface Gathered {
  files: BundleFile[];
  sources: SourceRecord[];
}

/** Runs a program; tests pass their own. Same contract as the cluster layer's runTool. */
export type CommandRunner = (program: string, args: readonly string[], options: { env: Record<string, string | undefined>; timeoutMs: number }) => Promise<ToolResult>;

export const defaultRunner: CommandRunner = (program, args, options) => runTool(program, args, options);

/** Each source's time limit, in milliseconds. */
export interface SourceLimits {
  /** A tool's version command. */
  version: number;
  /** The doctor: docker info, kind get clusters, ports, disk. */
  doctor: number;
  /** One `kubectl get` (kubectl's own --request-timeout is a little shorter). */
  kubectl: number;
  /** `istioctl proxy-status`, which reaches istiod through a port-forward. */
  istioctl: number;
  /** istiod's log lines. */
  logs: number;
  /** The diagnosis. */
  diagnosis: number;
  /** Everything read from one cluster together: what is left is skipped once it is spent. */
  cluster: number;
}

export const DEFAULT_LIMITS: SourceLimits = { version: 10_000, doctor: 60_000, kubectl: 30_000, istioctl: 30_000, logs: 30_000, diagnosis: 30_000, cluster: 90_000 };

/** A file's text kept whole up to this; longer, its last part (a log's end says most). */
const MAX_FILE_BYTES = 4 * 1024 * 1024;
const ISTIOD_LOG_LINES = 300;
const RUNNER_GRACE_MS = 5000;

/** The Istio resources a lesson makes, fully named (a Gateway API gateway is another kind). */
export const ISTIO_RESOURCES = [
  'virtualservices.networking.istio.io',
  'destinationrules.networking.istio.io',
  'gateways.networking.istio.io',
  'serviceentries.networking.istio.io',
  'sidecars.networking.istio.io',
  'envoyfilters.networking.istio.io',
  'workloadentries.networking.istio.io',
  'workloadgroups.networking.istio.io',
  'peerauthentications.security.istio.io',
  'requestauthentications.security.istio.io',
  'authorizationpolicies.security.istio.io',
  'telemetries.telemetry.istio.io',
];

/** `text` cut to its last `max` bytes, saying so at the top, or as it is. */
export function lastPart(text: string, max = MAX_FILE_BYTES): string {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= max) return text;
  const kept = bytes.subarray(bytes.length - max).toString('utf8').replace(/^[^\n]*\n/, '');
  return `[${bytes.length - Buffer.byteLength(kept)} bytes before this were left out; the bundle keeps the last ${Math.round(max / 1024)} KiB]\n${kept}`;
}

/** A word as bash reads it: bare when it is safe, else in single quotes. */
export function shellWord(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

export interface CommandContext {
  home: string;
  run: CommandRunner;
  limits: SourceLimits;
  /** The learner's own KUBECONFIG from when the workshop started, for the guard. */
  learnerKubeconfig?: string;
}

/**
 * The environment every command gets, as a step's: the steps' PATH (the pinned tools first), the workshop's
 * kubeconfig, and the workshop's HOME, so nothing under the learner's (~/.kube, its cache) is read or written.
 */
function commandEnv(home: string): Record<string, string | undefined> {
  const own = stepHome(home);
  mkdirSync(own, { recursive: true });
  const dockerConfig = process.env.DOCKER_CONFIG ?? (existsSync(path.join(os.homedir(), '.docker')) ? path.join(os.homedir(), '.docker') : undefined);
  return { ...process.env, PATH: stepPath(home), KUBECONFIG: workshopKubeconfig(home), HOME: own, ...(dockerConfig ? { DOCKER_CONFIG: dockerConfig } : {}) };
}

/** The contexts the guard allows: the workshop's, or only the roles' when its kubeconfig cannot be read. */
function guardContexts(home: string): string[] {
  try {
    return allowedContexts(home);
  } catch {
    return Object.values(roleContexts(home));
  }
}

/** The outcome of one command, as a file's text and a record. */
async function runSource(context: CommandContext, what: string, file: string, argv: readonly [string, ...string[]], timeoutMs: number): Promise<{ file: BundleFile; record: SourceRecord; result?: ToolResult }> {
  const [program, ...args] = argv;
  const command = argv.map(shellWord).join(' ');
  const env = commandEnv(context.home);
  // The context guard reads it as it reads a step: only the workshop's kubeconfig and contexts.
  const refusal = contextRefusal(command, {
    kubeconfig: env.KUBECONFIG ?? '',
    contexts: guardContexts(context.home),
    env: { KUBECONFIG: env.KUBECONFIG ?? '' },
    cwd: context.home,
    ...(context.learnerKubeconfig ? { learnerKubeconfig: context.learnerKubeconfig } : {}),
  });
  if (refusal) return { file: { name: file, text: `$ ${command}\n${refusal}\n` }, record: { what, file, command, status: 'refused', why: refusal } };
  const started = performance.now();
  // The runner ends the program at the limit; a runner that does not answer is given up on a little later.
  const outcome = await withinLimit(() => context.run(program, args, { env, timeoutMs }), timeoutMs + RUNNER_GRACE_MS);
  const result: ToolResult = 'value' in outcome ? outcome.value : 'timedOut' in outcome ? { code: null, stdout: '', stderr: '', timedOut: true } : { code: null, stdout: '', stderr: outcome.error };
  const ms = Math.round(performance.now() - started);
  const output = `${result.stdout}${result.stderr && result.stdout ? '\n' : ''}${result.stderr}`;
  if (result.missing) {
    const why = `${program} is not on the PATH the steps use (the workshop's tools first); 'mesh-workshop tools install' fetches the pinned one`;
    return { file: { name: file, text: `$ ${command}\n${why}\n` }, record: { what, file, command, status: 'missing', why, ms }, result };
  }
  if (result.timedOut) {
    const why = `no answer within ${duration(timeoutMs)}`;
    return { file: { name: file, text: lastPart(`${output}\n[stopped: ${why}]\n`) }, record: { what, file, command, status: 'timed out', why, ms }, result };
  }
  if (result.code !== 0) {
    // The last line: kubectl logs its retries first and sums up at the end.
    const why = `exit ${result.code ?? 'by a signal'}: ${lastLine(result.stderr) || lastLine(result.stdout) || 'no message'}`;
    return { file: { name: file, text: lastPart(`$ ${command}\n${output}`) }, record: { what, file, command, status: 'failed', why, ms }, result };
  }
  return { file: { name: file, text: lastPart(result.stdout || result.stderr) }, record: { what, file, command, status: 'ok', ms }, result };
}

/** `300ms`, `30s`. */
function duration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)}ms` : `${Math.round(ms / 1000)}s`;
}

function lastLine(text: string): string {
  return text.trim().split('\n').at(-1)?.trim().slice(0, 300) ?? '';
}

/** The version commands, each tool's own. */
export const VERSION_COMMANDS: readonly { tool: string; argv: readonly [string, ...string[]] }[] = [
  { tool: 'node', argv: [process.execPath, '--version'] },
  { tool: 'kubectl', argv: ['kubectl', 'version', '--client'] },
  { tool: 'istioctl', argv: ['istioctl', 'version', '--remote=false'] },
  { tool: 'kind', argv: ['kind', 'version'] },
  { tool: 'docker', argv: ['docker', 'version'] },
];

/** versions.txt: the workshop, the operating system, then each tool's answer (or that it is missing). */
export async function gatherVersions(context: CommandContext, workshopVersion: string): Promise<Gathered> {
  const results = await Promise.all(VERSION_COMMANDS.map(async ({ tool, argv }) => ({ tool, ...(await runSource(context, `${tool} version`, 'versions.txt', argv, context.limits.version)) })));
  const sections = results.map(({ tool, file, record }) => {
    const body = record.status === 'ok' ? `$ ${record.command ?? ''}\n${file.text.trimEnd()}` : file.text.trimEnd();
    return `== ${tool}: ${record.status === 'ok' ? 'ok' : `${record.status} (${record.why ?? ''})`}\n${body}`;
  });
  const text = [`mesh-workshop ${workshopVersion}`, `node running it: ${process.version} (${process.execPath})`, `system: ${os.type()} ${os.release()} ${process.arch}`, '', ...sections.flatMap((section) => [section, ''])].join('\n');
  return { files: [{ name: 'versions.txt', text }], sources: results.map(({ record }) => record) };
}

/** With a time limit: the value, or why there is none. */
export async function withinLimit<T>(work: () => Promise<T> | T, ms: number): Promise<{ value: T } | { timedOut: true } | { error: string }> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<{ timedOut: true }>((resolve) => {
    timer = setTimeout(() => resolve({ timedOut: true }), ms);
  });
  try {
    return await Promise.race([Promise.resolve().then(work).then((value) => ({ value })), limit]);
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}

/** A JSON source (the doctor, the diagnosis): its file, or why it is not there. */
export async function gatherJson(what: string, file: string, work: () => Promise<unknown> | unknown, ms: number): Promise<Gathered> {
  const started = performance.now();
  const outcome = await withinLimit(work, ms);
  const elapsed = Math.round(performance.now() - started);
  if ('value' in outcome) return { files: [{ name: file, text: `${JSON.stringify(outcome.value, null, 2)}\n` }], sources: [{ what, file, status: 'ok', ms: elapsed }] };
  if ('timedOut' in outcome) return { files: [], sources: [{ what, status: 'timed out', why: `no answer within ${duration(ms)}`, ms: elapsed }] };
  return { files: [], sources: [{ what, status: 'failed', why: outcome.error, ms: elapsed }] };
}

/** The lesson's last run folder (logs/<lesson>/<run stamp>/), if it has one. */
export function lastRunDir(home: string, lessonId: string): string | undefined {
  const dir = path.join(home, 'logs', lessonId);
  let runs: string[];
  try {
    runs = readdirSync(dir, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
  } catch {
    return undefined;
  }
  // Run stamps are ISO times with - for : and ., so their names sort by time.
  const last = runs.sort().at(-1);
  return last === undefined ? undefined : path.join(dir, last);
}

/** The last run's step logs and events, and the lesson's progress (which steps passed, values captured). */
export function gatherLessonFiles(home: string, lessonId: string): Gathered {
  const files: BundleFile[] = [];
  const sources: SourceRecord[] = [];
  const runDir = lastRunDir(home, lessonId);
  if (!runDir) {
    sources.push({ what: 'the last run: step logs and events', status: 'missing', why: `no run of '${lessonId}' is logged in ${path.join(home, 'logs', lessonId)}` });
  } else {
    const run = path.basename(runDir);
    const names = readdirSync(runDir, { withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => entry.name).sort();
    for (const name of names) {
      const file = path.join(runDir, name);
      try {
        files.push({ name: `lesson/last-run/${name}`, text: lastPart(readFileSync(file, 'utf8')), mtime: statSync(file).mtime });
      } catch (error) {
        sources.push({ what: `step log ${name}`, status: 'failed', why: `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` });
      }
    }
    const logs = names.filter((name) => name.endsWith('.log'));
    sources.push({ what: `step logs of the run ${run}`, file: 'lesson/last-run/', status: logs.length > 0 ? 'ok' : 'missing', ...(logs.length > 0 ? {} : { why: `${runDir} holds no step log` }) });
    const events = names.find((name) => /^events.*\.jsonl?$/.test(name));
    sources.push(events ? { what: `events of the run ${run}`, file: `lesson/last-run/${events}`, status: 'ok' } : { what: `events of the run ${run}`, status: 'missing', why: `${runDir} holds no events file; lesson/progress.json has each step's result` });
  }
  const progressFile = path.join(home, 'progress.json');
  try {
    const parsed = parseProgress(JSON.parse(readFileSync(progressFile, 'utf8')) as unknown);
    if ('problem' in parsed) sources.push({ what: 'progress', status: 'failed', why: `${progressFile}: ${parsed.problem}` });
    else {
      const progress = { lastLesson: parsed.lastLesson ?? null, lesson: lessonId, ...(parsed.lessons[lessonId] ?? { note: 'no progress saved for this lesson' }) };
      files.push({ name: 'lesson/progress.json', text: `${JSON.stringify(progress, null, 2)}\n` });
      sources.push({ what: 'progress', file: 'lesson/progress.json', status: 'ok' });
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    sources.push({ what: 'progress', status: code === 'ENOENT' ? 'missing' : 'failed', why: code === 'ENOENT' ? `${progressFile} does not exist` : `${progressFile}: ${code ?? (error as Error).message}` });
  }
  return { files, sources };
}

/** The workshop kubeconfig, whole (redaction takes its credentials out). */
export function gatherKubeconfig(home: string): Gathered {
  const file = workshopKubeconfig(home);
  try {
    return { files: [{ name: 'kubeconfig.yaml', text: readFileSync(file, 'utf8'), mtime: statSync(file).mtime }], sources: [{ what: 'the workshop kubeconfig', file: 'kubeconfig.yaml', status: 'ok' }] };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { files: [], sources: [{ what: 'the workshop kubeconfig', status: code === 'ENOENT' ? 'missing' : 'failed', why: code === 'ENOENT' ? `${file} does not exist: no cluster has been made ('mesh-workshop cluster up')` : `${file}: ${code ?? (error as Error).message}` }] };
  }
}

/** Whether a failed command says the cluster itself did not answer (so the rest would not either). */
function unreachable(result: ToolResult | undefined): boolean {
  if (!result) return false;
  return result.timedOut === true || /Unable to connect|connection refused|was refused|i\/o timeout|no such host|deadline exceeded|dial tcp|no route to host|TLS handshake timeout|the server has asked for the client to provide credentials/i.test(result.stderr);
}

/** What is read from each cluster, in order: a cheap one first, to learn whether it answers at all. */
function clusterCommands(contextName: string): { what: string; file: string; argv: readonly [string, ...string[]]; limit: keyof SourceLimits }[] {
  const kubectl = (...args: string[]): readonly [string, ...string[]] => ['kubectl', '--context', contextName, ...args, '--request-timeout=20s'];
  return [
    { what: 'pods', file: 'pods.txt', argv: kubectl('get', 'pods', '-A', '-o', 'wide'), limit: 'kubectl' },
    { what: 'pods (YAML)', file: 'pods.yaml', argv: kubectl('get', 'pods', '-A', '-o', 'yaml'), limit: 'kubectl' },
    { what: 'services', file: 'services.yaml', argv: kubectl('get', 'services', '-A', '-o', 'yaml'), limit: 'kubectl' },
    { what: 'events', file: 'events.txt', argv: kubectl('get', 'events', '-A', '--sort-by=.lastTimestamp'), limit: 'kubectl' },
    { what: 'Istio resources', file: 'istio-resources.yaml', argv: kubectl('get', ISTIO_RESOURCES.join(','), '-A', '-o', 'yaml'), limit: 'kubectl' },
    { what: 'istioctl proxy-status', file: 'proxy-status.txt', argv: ['istioctl', '--context', contextName, 'proxy-status'], limit: 'istioctl' },
    { what: `istiod's last ${ISTIOD_LOG_LINES} log lines`, file: 'istiod.log', argv: kubectl('logs', '-n', 'istio-system', '-l', 'app=istiod', `--tail=${ISTIOD_LOG_LINES}`, '--prefix', '--timestamps'), limit: 'logs' },
  ];
}

/**
 * Each lesson cluster (the roles cluster1 … cluster3, as `context list` maps them): pods, services, events,
 * Istio resources, proxy-status and istiod's log, in clusters/<role>/. A role the lesson uses whose context
 * is not in the workshop kubeconfig is recorded as not made; one the lesson does not use, and that does not
 * exist, is left out quietly. Contexts the learner allowed but gave no role are not read: they are theirs.
 */
export async function gatherClusters(context: CommandContext, lessonClusters: readonly string[]): Promise<Gathered> {
  const kubeconfig = workshopKubeconfig(context.home);
  let present: string[];
  try {
    present = kubeconfigContexts(kubeconfig);
  } catch (error) {
    return { files: [], sources: [{ what: 'clusters', status: 'failed', why: (error as Error).message }] };
  }
  const roles = roleContexts(context.home);
  const results = await Promise.all(
    CLUSTER_ROLES.map(async (role): Promise<Gathered> => {
      const contextName = roles[role] ?? `kind-${role}`;
      const what = `${role} (context ${contextName})`;
      if (!present.includes(contextName)) {
        if (!lessonClusters.includes(role)) return { files: [], sources: [] };
        const why = existsSync(kubeconfig) ? `${kubeconfig} has no context ${contextName}: the cluster has not been made ('mesh-workshop cluster up')` : `${kubeconfig} does not exist: no cluster has been made ('mesh-workshop cluster up')`;
        return { files: [], sources: [{ what, status: 'skipped', why }] };
      }
      return gatherCluster(context, role, contextName);
    }),
  );
  const sources = results.flatMap((result) => result.sources);
  if (sources.length === 0) sources.push({ what: 'clusters', status: 'skipped', why: `the lesson uses none, and ${kubeconfig} has no context of a lesson cluster (${CLUSTER_ROLES.map((role) => roles[role] ?? role).join(', ')})` });
  return { files: results.flatMap((result) => result.files), sources };
}

async function gatherCluster(context: CommandContext, role: string, contextName: string): Promise<Gathered> {
  const files: BundleFile[] = [];
  const sources: SourceRecord[] = [];
  const started = performance.now();
  let silent: string | undefined;
  for (const command of clusterCommands(contextName)) {
    const file = `clusters/${role}/${command.file}`;
    const what = `${role}: ${command.what}`;
    const spent = performance.now() - started;
    if (silent) {
      sources.push({ what, file, command: command.argv.map(shellWord).join(' '), status: 'skipped', why: silent });
      continue;
    }
    if (spent >= context.limits.cluster) {
      sources.push({ what, file, command: command.argv.map(shellWord).join(' '), status: 'skipped', why: `the ${duration(context.limits.cluster)} for this cluster were spent` });
      continue;
    }
    const timeout = Math.min(context.limits[command.limit], context.limits.cluster - spent);
    const outcome = await runSource(context, what, file, command.argv, timeout);
    files.push(outcome.file);
    sources.push(outcome.record);
    if (outcome.record.status !== 'ok' && outcome.record.status !== 'missing' && files.length === 1 && unreachable(outcome.result)) {
      silent = `the cluster did not answer the first command (clusters/${role}/${command.file} says how)`;
    }
  }
  return { files, sources };
}
