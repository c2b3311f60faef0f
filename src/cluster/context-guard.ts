/**
 * The context guard: before a step runs, its scripts are read (see shell-words.ts) for anything that could
 * point a command at a cluster other than the workshop's: `--context`, `--kubeconfig`, `KUBECONFIG=`,
 * `kubectl config use-context`, istioctl's `-c`, helm's `--kube-context`, an API server given directly,
 * also inside `bash -c`, `eval`, `$(…)`, pipes and loops. Anything it finds is refused before the step runs.
 *
 * A context name only known at run time (`for c in …` over captured values) is let through: KUBECONFIG
 * is always the workshop's own file, which holds only workshop contexts, so kubectl cannot reach another
 * cluster by name. A kubeconfig path only known at run time is refused: that one could lead anywhere.
 */
import path from 'node:path';
import { ShellReader, type Scope, type SimpleCommand, type Word } from './shell-words.js';

export interface GuardPolicy {
  /** The workshop's kubeconfig: the only one commands may use. */
  kubeconfig: string;
  /** The contexts commands may name (the workshop's, and any the learner allowed explicitly). */
  contexts: readonly string[];
  /** The step's environment, to resolve `$CTX_CLUSTER1` and the like. */
  env: Readonly<Record<string, string>>;
  /** Where relative paths are resolved from (the step's working directory). */
  cwd: string;
}

const SHELLS = new Set(['bash', 'sh', 'zsh', 'dash', 'ksh']);
/** Commands that run the command after them; the count is how many of their own words take a value. */
const WRAPPERS: Record<string, { valued: RegExp; positional: number }> = {
  env: { valued: /^-(?:u|C|S|-unset|-chdir)$/, positional: 0 },
  sudo: { valued: /^-(?:u|g|C|D|h|p|r|t|U)$/, positional: 0 },
  command: { valued: /^$/, positional: 0 },
  exec: { valued: /^-a$/, positional: 0 },
  nohup: { valued: /^$/, positional: 0 },
  time: { valued: /^$/, positional: 0 },
  nice: { valued: /^-n$/, positional: 0 },
  stdbuf: { valued: /^-[ioe]$/, positional: 0 },
  timeout: { valued: /^-(?:s|k|-signal|-kill-after)$/, positional: 1 },
  watch: { valued: /^-(?:n|d|-interval)$/, positional: 0 },
  xargs: { valued: /^-(?:I|n|P|L|s|d|E|a)$/, positional: 0 },
};
const MAX_DEPTH = 8;

function shown(word: Word): string {
  return word.raw.length > 60 ? `${word.raw.slice(0, 57)}…` : word.raw;
}

class Refusal extends Error {}

interface Found {
  flag: string;
  value: Word;
}

/** `--name value`, `--name=value` and short forms, as this program's flags. */
function flagValues(args: readonly Word[], names: readonly string[]): Found[] {
  const found: Found[] = [];
  for (let index = 0; index < args.length; index++) {
    const arg = args[index];
    if (!arg || arg.dynamic) continue;
    for (const value of arg.values) {
      if (value === '--') return found;
      for (const name of names) {
        if (value === name && args[index + 1]) found.push({ flag: name, value: args[index + 1] as Word });
        else if (value.startsWith(`${name}=`)) found.push({ flag: name, value: { values: [value.slice(name.length + 1)], dynamic: false, raw: arg.raw.slice(name.length + 1) } });
      }
    }
  }
  return found;
}

class Guard {
  private readonly allowed: Set<string>;
  private readonly kubeconfig: string;

  constructor(private readonly policy: GuardPolicy) {
    this.allowed = new Set(policy.contexts);
    this.kubeconfig = path.resolve(policy.kubeconfig);
  }

  script(text: string, scope: Scope, depth: number): void {
    if (depth > MAX_DEPTH) throw new Refusal(`scripts nested more than ${MAX_DEPTH} deep cannot be checked`);
    const reader = new ShellReader(scope);
    const commands = reader.commands(text);
    for (const command of commands) this.command(command, scope, depth);
    for (const nested of reader.nested) this.script(nested, scope, depth + 1);
  }

  private kubeconfigPath(value: Word, where: string): void {
    if (value.dynamic) throw new Refusal(`${where} sets a kubeconfig that is only known when the step runs (${shown(value)}); steps use the workshop's own kubeconfig, already in $KUBECONFIG`);
    for (const option of value.values) {
      for (const file of option.split(':')) {
        if (file === '') continue;
        if (path.resolve(this.policy.cwd, file) !== this.kubeconfig) {
          throw new Refusal(`${where} points at the kubeconfig ${file}, not the workshop's own (${this.kubeconfig}); the workshop never touches your other clusters. Steps already have the workshop kubeconfig in $KUBECONFIG`);
        }
      }
    }
  }

  private context(value: Word, where: string): void {
    // Only known at run time: the workshop kubeconfig holds only workshop contexts, so it cannot escape.
    if (value.dynamic) return;
    for (const name of value.values) {
      if (!this.allowed.has(name)) {
        const known = [...this.allowed].join(', ');
        throw new Refusal(`${where} names the context '${name}', which is not one of the workshop's (${known}). Lessons name clusters as \${CTX_CLUSTER1}, \${CTX_CLUSTER2}; to use a cluster of your own, allow it first: mesh-workshop context allow ${name}`);
      }
    }
  }

  private assignment(word: Word, where: string): void {
    if (/^KUBECONFIG=/.test(word.raw)) this.kubeconfigPath({ ...word, values: word.values.map((value) => value.slice('KUBECONFIG='.length)), raw: word.raw.slice('KUBECONFIG='.length) }, where);
  }

  private command(command: SimpleCommand, scope: Scope, depth: number): void {
    let words = command.words;
    const line = words.map((word) => word.raw).join(' ');
    const where = `\`${line.length > 80 ? `${line.slice(0, 77)}…` : line}\``;
    // export KUBECONFIG=…, KUBECONFIG=… alone, or as a prefix of the command.
    if (['export', 'declare', 'local', 'readonly'].includes(words[0]?.raw ?? '')) words = words.slice(1).filter((word) => !word.raw.startsWith('-'));
    for (;;) {
      while (words[0] && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0].raw)) {
        this.assignment(words[0], where);
        words = words.slice(1);
      }
      const program = words[0];
      if (!program || program.dynamic) return;
      const name = path.basename(program.values[0] ?? '');
      const wrapper = WRAPPERS[name];
      if (!wrapper) break;
      // The wrapped command starts after the wrapper's own options (and, for timeout, its duration).
      let index = 1;
      let positional = wrapper.positional;
      while (index < words.length) {
        const raw = words[index]?.raw ?? '';
        if (wrapper.valued.test(raw)) index += 2;
        else if (raw.startsWith('-') && raw !== '-') index += 1;
        else if (name === 'env' && /^[A-Za-z_][A-Za-z0-9_]*=/.test(raw)) break;
        else if (positional > 0) {
          positional--;
          index += 1;
        } else break;
      }
      words = words.slice(index);
    }
    const program = words[0];
    if (!program) return;
    const name = path.basename(program.values[0] ?? '');
    const args = words.slice(1);

    for (const found of flagValues(args, ['--kubeconfig'])) this.kubeconfigPath(found.value, where);

    if (SHELLS.has(name)) {
      const dashC = args.findIndex((arg) => !arg.dynamic && arg.values.some((value) => /^-[a-z]*c[a-z]*$/.test(value)));
      if (dashC >= 0) {
        const body = args[dashC + 1];
        if (!body) return;
        if (body.dynamic) throw new Refusal(`${where} runs a script only known when the step runs; the workshop cannot check which cluster it would talk to`);
        for (const value of body.values) this.script(value, new Map(scope), depth + 1);
      }
      for (const heredoc of command.heredocs) this.script(heredoc, new Map(scope), depth + 1);
      return;
    }
    if (name === 'eval') {
      if (args.some((arg) => arg.dynamic)) throw new Refusal(`${where} evaluates text only known when the step runs; the workshop cannot check which cluster it would talk to`);
      this.script(args.map((arg) => arg.values[0] ?? '').join(' '), new Map(scope), depth + 1);
      return;
    }
    if (name === 'kubectl' || name === 'oc') {
      for (const found of flagValues(args, ['--context'])) this.context(found.value, where);
      const server = flagValues(args, ['--server', '-s'])[0];
      if (server) throw new Refusal(`${where} gives an API server directly (${server.flag} ${shown(server.value)}); steps reach clusters only through the workshop kubeconfig`);
      const plain = args.filter((arg) => !arg.raw.startsWith('-'));
      if (plain[0]?.raw === 'config' && plain[1]?.raw === 'use-context' && plain[2]) this.context(plain[2], where);
      return;
    }
    if (name === 'istioctl') {
      for (const found of flagValues(args, ['--context'])) this.context(found.value, where);
      for (const found of flagValues(args, ['-c'])) this.kubeconfigPath(found.value, where);
      return;
    }
    if (name === 'helm') {
      for (const found of flagValues(args, ['--kube-context'])) this.context(found.value, where);
      const server = flagValues(args, ['--kube-apiserver'])[0];
      if (server) throw new Refusal(`${where} gives an API server directly (--kube-apiserver); steps reach clusters only through the workshop kubeconfig`);
      return;
    }
    if (name === 'kubectx' && args[0] && !args[0].raw.startsWith('-')) this.context(args[0], where);
  }
}

/** Why the script must not run, or undefined when nothing in it leaves the workshop's clusters. */
export function contextRefusal(script: string, policy: GuardPolicy): string | undefined {
  const scope: Scope = new Map(Object.entries(policy.env).map(([name, value]) => [name, [value]]));
  try {
    new Guard(policy).script(script, scope, 0);
    return undefined;
  } catch (error) {
    if (error instanceof Refusal) return `refused before running: ${error.message}`;
    throw error;
  }
}
