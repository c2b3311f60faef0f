/**
 * Gathers the facts a diagnosis judges: read-only commands only (`kubectl get … -o json`, `kubectl logs`,
 * `istioctl proxy-status`, `istioctl analyze`, `docker info`, `docker inspect`), each one passed through the
 * context guard first, exactly as a step's commands are (contextRefusal with the workshop kubeconfig and
 * its contexts), and all of them within one time limit. A command still running at the limit is ended
 * (its whole process group); what came back before is judged all the same.
 *
 * A cluster is first asked one thing (its first namespace); only one that answers is asked the rest, in
 * parallel, a few commands at a time. A context the workshop kubeconfig does not hold is not asked at all:
 * its absence is the fact. A tool that is not installed is a fact too, and is not tried again.
 */
import { runTool, type ToolResult } from '../cluster/exec.js';
import { contextRefusal } from '../cluster/context-guard.js';
import { parseDockerInfo } from '../cluster/docker-engine.js';
import { LOAD_BALANCER_CONTAINER } from '../cluster/kind-clusters.js';
import type { ClusterFacts, CommandRecord, DiagnosisFacts, LogFact } from './facts.js';
import { clean, parseAnalyze, parseContainerState, parseEvents, parseIstiod, parseLoadBalancers, parseNamespace, parsePods, parseProxyStatus } from './parse.js';
import { followUps } from './rules.js';

/** The whole diagnosis's time, unless the caller gives another. */
export const DIAGNOSIS_TIME_LIMIT_MS = 10_000;
/** Commands running at once: enough to finish in time, few enough not to load a laptop running kind. */
const CONCURRENCY = 6;

export interface GatherOptions {
  lessonId: string;
  /** The clusters to look at: each role and its context. */
  clusters: readonly { role: string; context: string }[];
  /** The namespaces to look at (istio-system among them). */
  namespaces: readonly string[];
  expectsSidecar: boolean;
  /** The environment the commands run with: a step's (KUBECONFIG the workshop's, PATH with the pinned tools first). */
  env: Readonly<Record<string, string>>;
  cwd: string;
  /** The contexts the guard allows (the workshop's, and any the learner allowed on purpose). */
  allowedContexts: readonly string[];
  /** The contexts the workshop kubeconfig holds: a role whose context is not among them is not up. */
  kubeconfigContexts: readonly string[];
  timeLimitMs?: number;
  signal?: AbortSignal;
  /** After each command ends: how many have ended, of how many are known so far (more may follow). */
  onProgress?(done: number, of: number): void;
  platform?: NodeJS.Platform;
  /** The learner's KUBECONFIG as it was when the workshop started (the guard refuses it). */
  learnerKubeconfig?: string;
}

/** A word as bash would need it quoted, for the guard's reading and for the record. */
function quote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The last line of a tool's complaint, for a fact. */
function lastLine(text: string): string {
  return clean(text).trim().split('\n').filter(Boolean).at(-1) ?? '';
}

/** A kubectl failure that means the cluster did not answer (rather than "not found" or "forbidden"). */
function unanswered(result: ToolResult): boolean {
  if (result.timedOut || result.aborted) return true;
  return !/\((?:NotFound|Forbidden)\)/.test(result.stderr);
}

class Commands {
  readonly records: CommandRecord[] = [];
  readonly missing = new Set<string>();
  private running = 0;
  private readonly queue: (() => void)[] = [];
  private done = 0;
  private known = 0;
  private readonly deadline: number;
  private readonly limit = new AbortController();
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly options: GatherOptions) {
    const timeLimit = options.timeLimitMs ?? DIAGNOSIS_TIME_LIMIT_MS;
    this.deadline = performance.now() + timeLimit;
    // At the limit every command still running is ended: what it printed so far is not used.
    this.timer = setTimeout(() => this.limit.abort(), timeLimit);
    options.signal?.addEventListener('abort', () => this.limit.abort(), { once: true });
    if (options.signal?.aborted) this.limit.abort();
  }

  get expired(): boolean {
    return this.limit.signal.aborted;
  }

  close(): void {
    clearTimeout(this.timer);
  }

  private async slot(): Promise<void> {
    if (this.running < CONCURRENCY) {
      this.running++;
      return;
    }
    await new Promise<void>((resolve) => this.queue.push(resolve));
  }

  private release(): void {
    const next = this.queue.shift();
    if (next) next();
    else this.running--;
  }

  /** Runs one read-only command after the guard has read it; undefined when it did not run or ran out of time. */
  async run(program: string, args: readonly string[]): Promise<ToolResult | undefined> {
    const command = [program, ...args].map(quote).join(' ');
    this.known++;
    const started = performance.now();
    const record = (outcome: CommandRecord['outcome'], note?: string): void => {
      this.records.push({ command, outcome, ms: Math.round(performance.now() - started), ...(note ? { note } : {}) });
      this.done++;
      this.options.onProgress?.(this.done, this.known);
    };
    const { env, cwd } = this.options;
    const refusal = contextRefusal(command, { kubeconfig: env.KUBECONFIG ?? '', contexts: this.options.allowedContexts, env, cwd, ...(this.options.learnerKubeconfig ? { learnerKubeconfig: this.options.learnerKubeconfig } : {}) });
    if (refusal) {
      record('refused', refusal);
      return undefined;
    }
    if (this.missing.has(program)) {
      record('missing', `${program} is not installed`);
      return undefined;
    }
    await this.slot();
    try {
      const remaining = this.deadline - performance.now();
      if (this.expired || remaining <= 0) {
        record('skipped', 'the time limit was reached first');
        return undefined;
      }
      const result = await runTool(program, args, { env, timeoutMs: Math.max(1, Math.ceil(remaining)), signal: this.limit.signal });
      if (result.missing) {
        this.missing.add(program);
        record('missing', `${program} is not installed`);
        return undefined;
      }
      if (result.timedOut || result.aborted) {
        record('timed-out', this.options.signal?.aborted ? 'stopped' : 'ended at the time limit');
        return result;
      }
      record(result.code === 0 ? 'ok' : 'failed', result.code === 0 ? undefined : lastLine(result.stderr) || `exit code ${String(result.code)}`);
      return result;
    } finally {
      this.release();
    }
  }

  /** Whether a result is one the facts can be read from (it ran to its end). */
  static finished(result: ToolResult | undefined): result is ToolResult {
    return result !== undefined && !result.timedOut && !result.aborted;
  }
}

function emptyCluster(role: string, context: string, state: ClusterFacts['state'], problem?: string): ClusterFacts {
  return { role, context, state, ...(problem ? { problem } : {}), namespaces: [], pods: [], events: [], analyze: [], logs: [] };
}

/** Everything one answering cluster is asked, once its first namespace came back. */
async function askCluster(commands: Commands, facts: ClusterFacts, options: GatherOptions, first: ToolResult): Promise<void> {
  const context = ['--context', facts.context];
  const [firstNamespace, ...otherNamespaces] = options.namespaces;
  const namespace = (name: string, result: ToolResult | undefined): void => {
    const fact = Commands.finished(result) ? parseNamespace(name, result.stdout, result.stderr) : undefined;
    if (fact) facts.namespaces.push(fact);
  };
  namespace(firstNamespace ?? 'istio-system', first);
  const workload = options.namespaces.filter((name) => name !== 'istio-system');
  await Promise.all([
    ...otherNamespaces.map(async (name) => namespace(name, await commands.run('kubectl', [...context, 'get', 'namespace', name, '-o', 'json']))),
    ...options.namespaces.map(async (name) => {
      const result = await commands.run('kubectl', [...context, '-n', name, 'get', 'pods', '-o', 'json']);
      if (Commands.finished(result) && result.code === 0) facts.pods.push(...(parsePods(result.stdout) ?? []));
    }),
    ...options.namespaces.map(async (name) => {
      const result = await commands.run('kubectl', [...context, '-n', name, 'get', 'events', '--field-selector', 'type=Warning', '-o', 'json']);
      if (Commands.finished(result) && result.code === 0) facts.events.push(...(parseEvents(result.stdout) ?? []));
    }),
    (async () => {
      const result = await commands.run('kubectl', [...context, 'get', 'services', '-A', '-o', 'json']);
      const services = Commands.finished(result) && result.code === 0 ? parseLoadBalancers(result.stdout) : undefined;
      if (services) facts.services = services;
    })(),
    (async () => {
      const result = await commands.run('kubectl', [...context, '-n', 'istio-system', 'get', 'deployment', 'istiod', '-o', 'json']);
      const istiod = Commands.finished(result) ? parseIstiod(result.stdout, result.stderr) : undefined;
      if (istiod) facts.istiod = istiod;
    })(),
    (async () => {
      const result = await commands.run('istioctl', [...context, 'proxy-status', '-v', '1']);
      const proxies = Commands.finished(result) && result.code === 0 ? parseProxyStatus(result.stdout) : undefined;
      if (proxies) facts.proxies = proxies;
    })(),
    // analyze exits 79 when it found errors: its messages are on stdout either way.
    ...workload.map(async (name) => {
      const result = await commands.run('istioctl', [...context, 'analyze', '-n', name]);
      if (Commands.finished(result)) facts.analyze.push(...parseAnalyze(result.stdout));
    }),
  ]);
}

async function lookAtCluster(commands: Commands, role: string, context: string, options: GatherOptions): Promise<ClusterFacts> {
  if (!options.kubeconfigContexts.includes(context)) return emptyCluster(role, context, 'context-missing');
  const first = await commands.run('kubectl', ['--context', context, 'get', 'namespace', options.namespaces[0] ?? 'istio-system', '-o', 'json']);
  if (!first) {
    const record = commands.records.find((entry) => entry.command.includes(`--context ${context} `) && entry.outcome === 'refused');
    return record ? emptyCluster(role, context, 'refused', record.note) : emptyCluster(role, context, 'unreachable', commands.missing.has('kubectl') ? 'kubectl is not installed' : 'not asked: the time limit was reached first');
  }
  if (first.code !== 0 && unanswered(first)) {
    const problem = first.timedOut || first.aborted ? 'it did not answer within the time limit' : lastLine(first.stderr);
    return emptyCluster(role, context, /context "[^"]*" does not exist/.test(first.stderr) ? 'context-missing' : 'unreachable', problem);
  }
  const facts = emptyCluster(role, context, 'answered');
  await askCluster(commands, facts, options, first);
  return facts;
}

async function engineFacts(commands: Commands): Promise<DiagnosisFacts['engine']> {
  const result = await commands.run('docker', ['info', '--format', '{{json .}}']);
  if (commands.missing.has('docker')) return { reachable: false, problem: 'the docker command is not installed' };
  if (!Commands.finished(result)) return undefined;
  const engine = parseDockerInfo(result.stdout, result.stderr, result.code);
  return { reachable: engine.reachable, ...(engine.problem ? { problem: clean(engine.problem) } : {}), ...(engine.memoryBytes ? { memoryBytes: engine.memoryBytes } : {}), ...(engine.cpus ? { cpus: engine.cpus } : {}) };
}

/** Gathers the facts for the given clusters and namespaces, within the time limit. */
export async function gatherFacts(options: GatherOptions): Promise<DiagnosisFacts> {
  const commands = new Commands(options);
  try {
    const [engine, clusters] = await Promise.all([engineFacts(commands), Promise.all(options.clusters.map(({ role, context }) => lookAtCluster(commands, role, context, options)))]);
    const facts: DiagnosisFacts = {
      platform: options.platform ?? process.platform,
      lessonId: options.lessonId,
      ...(engine ? { engine } : {}),
      missingTools: [],
      expectsSidecar: options.expectsSidecar,
      namespaces: [...options.namespaces],
      clusters,
      commands: commands.records,
      timeLimitMs: options.timeLimitMs ?? DIAGNOSIS_TIME_LIMIT_MS,
    };
    // Second round, with what is left of the time: what a rule needs once the first facts are in.
    await Promise.all(
      followUps(facts).map(async (follow) => {
        if (follow.kind === 'load-balancer') {
          const result = await commands.run('docker', ['inspect', '-f', '{{.State.Status}}', LOAD_BALANCER_CONTAINER]);
          const state = Commands.finished(result) ? parseContainerState(result.stdout, result.stderr, result.code) : undefined;
          if (state) facts.loadBalancer = state;
          return;
        }
        const result = await commands.run('kubectl', ['--context', follow.context, '-n', follow.namespace, 'logs', follow.pod, '-c', follow.container, '--previous', '--tail', '5']);
        if (!Commands.finished(result) || result.code !== 0) return;
        const log: LogFact = { namespace: follow.namespace, pod: follow.pod, container: follow.container, lines: clean(result.stdout).split('\n').filter((line) => line.trim() !== '').slice(-5) };
        clusters.find((cluster) => cluster.context === follow.context)?.logs.push(log);
      }),
    );
    facts.missingTools = [...commands.missing].filter((tool) => tool !== 'docker' || facts.engine === undefined);
    return facts;
  } finally {
    commands.close();
  }
}
