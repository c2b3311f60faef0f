/**
 * Which failures the workshop diagnoses, and where it looks: read from the step's scripts with the same
 * shell reader as the context guard (quotes, `$(…)`, loops and wrappers such as `env` and `sudo` are read
 * as bash reads them). Pure: no command runs here.
 *
 * The rule for "touches a cluster": one of the step's scripts runs kubectl, istioctl, kind or helm (a
 * `curl` in a pod goes through `kubectl exec`), or names a role's context (`$CTX_CLUSTER1`). A step that
 * only runs curl on this machine, or echo, is not diagnosed: nothing in the clusters explains its failure.
 *
 * Where it looks: the namespaces the failed part of the step names (`-n X`, `--namespace X`, `-nX`, and
 * the namespace a `kubectl … namespace X` command is about), `default` when one of its cluster commands
 * names none, and always `istio-system`. The failed part is the failed checks' scripts when checks failed
 * (a passing check's namespace explains nothing), else every script of the step. Clusters: the roles whose
 * `$CTX_…` it names, or all of the lesson's `clusters:` when it names none.
 */
import { literal, programName, unwrap } from '../cluster/command-forms.js';
import { roleVariable } from '../cluster/kubeconfig-settings.js';
import { ShellReader, type Word } from '../cluster/shell-words.js';
import type { Check, Step } from '../lesson/schema.js';
import { stepScripts } from '../lesson/steps.js';

const CLUSTER_PROGRAMS = new Set(['kubectl', 'istioctl', 'kind', 'helm']);
const SHELLS = new Set(['bash', 'sh', 'zsh', 'dash', 'ksh']);
const CONTEXT_VARIABLE = /\$\{?CTX_[A-Z0-9_]+/;
/** A Kubernetes namespace name (an RFC 1123 label). */
const NAMESPACE = /^[a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?$/;
/** What says the failed part is about sidecars: their container, their 2/2 READY, their config. */
const SIDECAR_WORDS = /istio-proxy|sidecar|\b2\/2\b|proxy-config|proxy-status|istioctl\s+(?:pc|ps)\b/i;
/** How many namespaces are looked at besides istio-system (each costs a few commands). */
const MAX_NAMESPACES = 4;
const MAX_DEPTH = 4;

/** The commands a script runs (its words after wrappers such as `env`, `sudo`, `timeout`), nested scripts included. */
function commandsOf(script: string, depth = 0): Word[][] {
  if (depth > MAX_DEPTH) return [];
  const reader = new ShellReader(new Map());
  let found: Word[][] = [];
  try {
    for (const command of reader.commands(script)) {
      const invocation = unwrap(command.words);
      const words = invocation.words;
      if (invocation.script) for (const text of invocation.script.values) found = found.concat(commandsOf(text, depth + 1));
      const name = programName(words[0]);
      if (name !== undefined && SHELLS.has(name)) {
        const at = words.findIndex((word) => literal(word) === '-c');
        const text = at > 0 ? literal(words[at + 1]) : undefined;
        if (text !== undefined) found = found.concat(commandsOf(text, depth + 1));
      }
      if (words.length > 0) found.push(words);
    }
    for (const nested of reader.nested) found = found.concat(commandsOf(nested, depth + 1));
  } catch {
    // A script the reader cannot follow names nothing it can be sure of.
  }
  return found;
}

/** Whether the step's scripts reach a cluster: a cluster tool runs, or a role's context is named. */
export function touchesCluster(step: Step): boolean {
  return stepScripts(step).some((script) => CONTEXT_VARIABLE.test(script) || commandsOf(script).some((words) => CLUSTER_PROGRAMS.has(programName(words[0]) ?? '')));
}

/** The known values of a word (a loop's values too), each a namespace name. */
function namespaceValues(word: Word | undefined): string[] {
  if (!word || word.dynamic) return [];
  return word.values.filter((value) => NAMESPACE.test(value));
}

/** `-n X`, `-nX`, `--namespace X`, `--namespace=X`; `all` when `-A`/`--all-namespaces`; undefined when none. */
function namespaceFlag(args: readonly Word[]): string[] | 'all' | undefined {
  for (let index = 0; index < args.length; index++) {
    const text = literal(args[index]);
    if (text === '--') break;
    if (text === '-A' || text === '--all-namespaces') return 'all';
    if (text === '-n' || text === '--namespace') return namespaceValues(args[index + 1]);
    const word = args[index] as Word;
    const inline = word.values.filter((value) => /^(?:-n|--namespace=)./.test(value)).map((value) => value.replace(/^(?:-n|--namespace=)/, ''));
    if (!word.dynamic && inline.length > 0) return inline.filter((value) => NAMESPACE.test(value));
  }
  return undefined;
}

/** The namespace a `kubectl VERB namespace X` command is about (create, label, get…). */
function namespaceOperand(args: readonly Word[]): string[] {
  const at = args.findIndex((word) => ['namespace', 'namespaces', 'ns'].includes(literal(word) ?? ''));
  if (at < 0) return [];
  const next = args[at + 1];
  return next && !next.values.some((value) => value.startsWith('-')) ? namespaceValues(next) : [];
}

export interface DiagnosisScope {
  /** The lesson's roles to look at (cluster1 …). */
  roles: string[];
  /** The namespaces to look at, istio-system last. */
  namespaces: string[];
  expectsSidecar: boolean;
}

/** What to look at for a failed step: see the module's header. `failedChecks` empty: the command itself failed. */
export function diagnosisScope(step: Step, failedChecks: readonly Check[], lessonClusters: readonly string[]): DiagnosisScope {
  const ownScripts = failedChecks.map((check) => check.run ?? step.run).filter((script): script is string => script !== undefined);
  const scripts = ownScripts.length > 0 ? ownScripts : stepScripts(step);
  const roles = lessonClusters.filter((role) => scripts.some((script) => new RegExp(`\\$\\{?${roleVariable(role)}\\b`).test(script)));
  const namespaces = new Set<string>();
  let unnamed = false;
  for (const words of scripts.flatMap((script) => commandsOf(script))) {
    const name = programName(words[0]);
    if (name !== 'kubectl' && name !== 'istioctl' && name !== 'helm') continue;
    const args = words.slice(1);
    const operand = name === 'kubectl' ? namespaceOperand(args) : [];
    const flag = namespaceFlag(args);
    for (const value of [...operand, ...(Array.isArray(flag) ? flag : [])]) namespaces.add(value);
    if (flag === undefined && operand.length === 0) unnamed = true;
  }
  if (unnamed) namespaces.add('default');
  namespaces.delete('istio-system');
  const sidecarText = failedChecks.length > 0 ? JSON.stringify(failedChecks) : JSON.stringify({ run: step.run, check: step.check });
  return {
    roles: roles.length > 0 ? roles : [...lessonClusters],
    namespaces: [...[...namespaces].slice(0, MAX_NAMESPACES), 'istio-system'],
    expectsSidecar: SIDECAR_WORDS.test(sidecarText),
  };
}

/** The namespaces every step of a lesson names (for a whole lesson's diagnosis: a support bundle). */
export function lessonScope(steps: readonly Step[], lessonClusters: readonly string[]): DiagnosisScope {
  const scopes = steps.filter(touchesCluster).map((step) => diagnosisScope(step, [], lessonClusters));
  const namespaces = [...new Set(scopes.flatMap((scope) => scope.namespaces).filter((name) => name !== 'istio-system'))];
  return { roles: [...lessonClusters], namespaces: [...namespaces.slice(0, MAX_NAMESPACES), 'istio-system'], expectsSidecar: scopes.some((scope) => scope.expectsSidecar) };
}
