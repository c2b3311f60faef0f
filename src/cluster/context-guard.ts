/**
 * The context guard: before a step runs, its scripts are read (see shell-words.ts) for anything that could
 * point a command at a cluster other than the workshop's: `--context`, `--kubeconfig`, `KUBECONFIG=`,
 * `kubectl config use-context`, istioctl's `-c`, helm's `--kube-context`, an API server given directly, a
 * wrapper that drops KUBECONFIG, the learner's own kubeconfig read or written by any command, and the
 * workshop's kubeconfig written by anything but its own tools; also inside `bash -c`, `eval`, `$(…)`,
 * functions, traps, pipes, loops and wrappers (see command-forms.ts). Anything it finds is refused
 * before the step runs.
 *
 * A context, a kubeconfig or a kubeconfig entry given as a value only known at run time is refused too:
 * only a value the guard can see is one it can check. What the guard cannot read at all (a script file,
 * `make`, a program that reads a kubeconfig path from elsewhere) meets the backstop: every step runs with
 * KUBECONFIG set to the workshop's own file, which holds only workshop contexts.
 */
import os from 'node:os';
import path from 'node:path';
import { literal, localWords, unwrap } from './command-forms.js';
import { isWorkshopKubeconfig, learnersKubeconfigIn, writesWorkshopKubeconfig, type KubeconfigFiles } from './kubeconfig-files.js';
import { MAX_VALUES } from './shell-flow.js';
import { ShellReader, type Binding, type Scope, type SimpleCommand, type Word } from './shell-words.js';

export interface GuardPolicy {
  /** The workshop's kubeconfig: the only one commands may use. */
  kubeconfig: string;
  /** The contexts commands may name (the workshop's, and any the learner allowed explicitly). */
  contexts: readonly string[];
  /** The step's environment, to resolve `$CTX_CLUSTER1`, `$HOME` and the like. */
  env: Readonly<Record<string, string>>;
  /** Where relative paths are resolved from (the step's working directory). */
  cwd: string;
  /**
   * The learner's own KUBECONFIG as their environment had it before the workshop set its own (the
   * engine passes `process.env.KUBECONFIG` from start-up): one path, or several separated by ':'.
   * Optional: ~/.kube, /etc/kubernetes/*.conf and the other usual places are refused without it; with
   * it, the files it names are refused too. Relative entries are taken from the process's directory.
   */
  learnerKubeconfig?: string;
}

const SHELLS = new Set(['bash', 'sh', 'zsh', 'dash', 'ksh', 'ash', 'mksh']);
/** Programs that only print their words: a path among them is text (`echo "your ~/.kube/config stays yours"`). */
const PRINTS_ONLY = new Set(['echo', 'printf']);
/** Programs whose here-document is code that can open files. */
const INTERPRETERS = /^(?:python[0-9.]*|node|perl|ruby|php)$/;
const DECLARES = new Set(['export', 'declare', 'local', 'readonly', 'typeset']);
const MAX_DEPTH = 8;

/**
 * The flags by which a Kubernetes client is pointed somewhere; a client without one of them leaves it out.
 * `--kubeconfig` is not among them: it is checked for every program (see `run`).
 */
interface ClientFlags {
  context?: readonly string[];
  /** Other flags that name a kubeconfig (istioctl's -c). */
  kubeconfig?: readonly string[];
  /** An API server given directly. */
  server?: readonly string[];
  /** A cluster or user entry of the kubeconfig, picked by name. */
  entries?: readonly string[];
}
const KUBECTL: ClientFlags = { context: ['--context'], server: ['--server', '-s'], entries: ['--cluster', '--user'] };
const CLIENTS = new Map<string, ClientFlags>([
  ['kubectl', KUBECTL],
  ['oc', KUBECTL],
  ['kubecolor', KUBECTL],
  // istioctl's --cluster filters Envoy clusters and its --server goes into a remote secret: neither connects.
  ['istioctl', { context: ['--context'], kubeconfig: ['-c'] }],
  ['helm', { context: ['--kube-context'], server: ['--kube-apiserver'] }],
  ['k9s', { context: ['--context'], entries: ['--cluster', '--user'] }],
  ['stern', { context: ['--context'] }],
  // Clients all the same: without the workshop's KUBECONFIG they fall back to the learner's (see `run`).
  ['kind', {}],
  ['kubectx', {}],
]);
/** A program only known at run time may be any client: the flags that mean the same to all of them. */
const ANY_CLIENT: ClientFlags = { context: ['--context', '--kube-context'], server: ['--kube-apiserver'] };
/**
 * kubectl's global flags that take a value, to tell a flag's value from a subcommand. (`--server` and `-s`
 * are refused wherever they are, so they need no place here.)
 */
const KUBECTL_VALUED = new Set(['--as', '--as-group', '--as-uid', '--cache-dir', '--certificate-authority', '--client-certificate', '--client-key', '--cluster', '--context', '--kubeconfig', '--kuberc', '-n', '--namespace', '--password', '--profile', '--profile-output', '--request-timeout', '--tls-server-name', '--token', '--user', '--username', '-v', '--v', '--vmodule', '--log-backtrace-at', '--log-dir', '--log-file', '--log-file-max-size', '--log-flush-frequency', '--stderrthreshold']);
/** `kubectl config` subcommands that change clusters, users or context names in the kubeconfig. */
const CONFIG_CHANGES = new Set(['set-cluster', 'set-credentials', 'set', 'unset', 'delete-cluster', 'delete-context', 'delete-user', 'rename-context']);

const ALLOW_ON_PURPOSE = 'To use a cluster of your own, allow it first: mesh-workshop context allow NAME';
const FALLS_BACK = "so it would fall back to your own kubeconfig (~/.kube/config); steps work on the workshop's clusters only";
const UNREADABLE = "the workshop cannot check which cluster it would talk to";

function shown(word: Word): string {
  return word.raw.length > 60 ? `${word.raw.slice(0, 57)}…` : word.raw;
}

class Refusal extends Error {}

interface Found {
  flag: string;
  value: Word;
}

/** The value after a flag given as `--name=value` or `-nvalue` (short names): the rest of the word. */
function inlineValue(arg: Word, joined: string): Word | undefined {
  const strip = (value: string): string => value.slice(joined.length).replace(/^=/, '');
  const values = arg.values.filter((value) => value.startsWith(joined) && value.length > joined.length).map(strip);
  // `--kubeconfig="$X"`: the value is only known at run time, but the flag is plain to see.
  const open = arg.dynamic && (arg.prefix ?? '').startsWith(joined);
  if (values.length === 0 && !open) return undefined;
  return { values, dynamic: open, raw: strip(arg.raw) };
}

/** `--name value`, `--name=value`, and for short names `-n value` and `-nvalue`, up to `--`. */
function flagValues(args: readonly Word[], names: readonly string[] | undefined): Found[] {
  const found: Found[] = [];
  if (names === undefined) return found;
  for (let index = 0; index < args.length; index++) {
    const arg = args[index] as Word;
    if (literal(arg) === '--') break;
    for (const name of names) {
      const next = args[index + 1];
      if (arg.values.includes(name) && next) found.push({ flag: name, value: next });
      const inline = inlineValue(arg, name.startsWith('--') ? `${name}=` : name);
      if (inline) found.push({ flag: name, value: inline });
    }
  }
  return found;
}

/** kubectl's words that are neither flags nor their values: its subcommand and operands. */
function kubectlOperands(args: readonly Word[]): Word[] {
  const operands: Word[] = [];
  for (let index = 0; index < args.length; index++) {
    const word = args[index] as Word;
    const text = literal(word) ?? word.raw;
    if (text === '--') break;
    if (text.startsWith('-')) index += KUBECTL_VALUED.has(text) ? 1 : 0;
    else operands.push(word);
  }
  return operands;
}

/** Where a command is, for the checks of what it runs. */
interface Site {
  command: SimpleCommand;
  /** The reader of the script it is in (what the script assigns, for a trap's code). */
  reader: ShellReader;
  depth: number;
  /** The command as written, for messages. */
  where: string;
  /** The variables as the command sees them, its own prefix assignments included. */
  scope: Scope;
}

/** The scope a command's own prefix assignments make for the scripts it runs (`C=x bash -c '…$C'`). */
function withAssignments(scope: Scope, assignments: readonly Word[]): Scope {
  const copy = new Map(scope);
  for (const word of assignments) {
    const name = /^([A-Za-z_]\w*)=/.exec(word.raw)?.[1];
    if (name) copy.set(name, { values: word.values.map((value) => value.slice(name.length + 1)), dynamic: word.dynamic });
  }
  return copy;
}

class Guard {
  private readonly allowed: Set<string>;
  private readonly files: KubeconfigFiles;
  /** `alias k=kubectl`: a command named k runs what the alias says, followed by its words. */
  private readonly aliases = new Map<string, string>();

  constructor(policy: GuardPolicy) {
    this.allowed = new Set(policy.contexts);
    const workshop = path.resolve(policy.kubeconfig);
    const learners = (policy.learnerKubeconfig ?? '').split(path.delimiter).filter(Boolean).map((file) => path.resolve(file));
    this.files = { workshop, home: policy.env.HOME ?? os.homedir(), learners: learners.filter((file) => file !== workshop), cwd: path.resolve(policy.cwd) };
  }

  script(text: string, scope: Scope, depth: number): void {
    if (depth > MAX_DEPTH) throw new Refusal(`scripts nested more than ${MAX_DEPTH} deep cannot be checked`);
    const reader = new ShellReader(scope);
    const commands = reader.commands(text);
    for (const command of commands) this.command(command, reader, depth);
    for (const nested of reader.nestedScripts) this.script(nested.text, nested.scope, depth + 1);
  }

  /** A command line given as one word (`bash -c "…"`, `eval`, a trap): each text it can be is read. */
  private commandLine(body: Binding, scope: Scope, depth: number, where: string, does = 'runs a script'): void {
    for (const value of body.values) this.script(value, new Map(scope), depth + 1);
    if (body.dynamic) throw new Refusal(`${where} ${does} only known when the step runs; ${UNREADABLE}`);
  }

  private command(command: SimpleCommand, reader: ShellReader, depth: number): void {
    const line = [...command.words, ...command.redirects].map((part) => part.raw).join(' ');
    const where = `\`${line.length > 80 ? `${line.slice(0, 77)}…` : line}\``;
    let words = command.words;
    if (DECLARES.has(literal(words[0]) ?? '')) {
      this.declaration(words, where);
      words = words.slice(1).filter((word) => !/^[-+]/.test(word.raw));
    }
    const invocation = unwrap(words);
    for (const assignment of invocation.assignments) this.assignment(assignment, where);
    for (const assignment of invocation.assignments) this.arrayWords(assignment, command.scope, depth);
    const scope = withAssignments(command.scope, invocation.assignments);
    if (invocation.script) this.commandLine(invocation.script, scope, depth, where);
    if (invocation.words[0]) this.run(invocation.words, { command, reader, depth, where, scope }, invocation.dropsKubeconfig);
    this.learnersFiles(invocation.assignments, where);
    this.redirects(command, where);
  }

  /**
   * `ARGS=(--context prod)`: an array's words may become a command's (`kubectl "${ARGS[@]}"`, where the guard
   * cannot follow them), so they are checked as the words of a client only known at run time.
   */
  private arrayWords(word: Word, scope: Scope, depth: number): void {
    const inside = /^[A-Za-z_]\w*\+?=\((.*)\)$/s.exec(word.raw)?.[1];
    if (inside !== undefined) this.script(`"$MESH_WORKSHOP_ARRAY" ${inside}`, scope, depth + 1);
  }

  /** `export -n KUBECONFIG`, `declare +x KUBECONFIG`: the commands after it would not get the workshop's. */
  private declaration(words: readonly Word[], where: string): void {
    const unexports = words.some((word) => /^(?:-[a-z]*n|\+[a-z]*x)/.test(literal(word) ?? ''));
    if (unexports && words.some((word) => literal(word) === 'KUBECONFIG')) throw new Refusal(`${where} takes KUBECONFIG away from the commands after it, ${FALLS_BACK}. ${ALLOW_ON_PURPOSE}`);
  }

  /** The command a command line finally runs (after wrappers), `drops` telling how a wrapper took KUBECONFIG away. */
  private run(words: readonly Word[], site: Site, drops: string | undefined): void {
    const program = words[0] as Word;
    const args = words.slice(1);
    const names = program.values.map((value) => path.basename(value));
    const clients = [...names.flatMap((name) => CLIENTS.get(name) ?? []), ...(program.dynamic ? [ANY_CLIENT] : [])];
    for (const found of flagValues(args, ['--kubeconfig'])) this.kubeconfigPath(found.value, site.where, false);
    for (const client of clients) this.client(client, args, site.where);
    if (names.some((name) => name === 'kubectl' || name === 'oc')) this.kubectlSubcommand(args, site.where);
    if (names.includes('kubectx') && args[0] && !args[0].raw.startsWith('-')) this.context(args[0], site.where);
    const runsScripts = names.some((name) => SHELLS.has(name) || name === 'eval' || name === 'source' || name === '.');
    if (drops && (clients.length > 0 || runsScripts)) {
      throw new Refusal(`${site.where} runs ${names[0] ?? 'a program only known at run time'} without the workshop's KUBECONFIG (${drops} drops it), ${FALLS_BACK}. ${ALLOW_ON_PURPOSE}`);
    }
    if (names.includes('unset') && args.some((arg) => literal(arg) === 'KUBECONFIG') && !args.some((arg) => literal(arg) === '-f')) {
      throw new Refusal(`${site.where} takes KUBECONFIG away from the commands after it, ${FALLS_BACK}. ${ALLOW_ON_PURPOSE}`);
    }
    // Code first (`bash -c "…"`): a refusal from inside it says more than one about its text as a word.
    for (const name of names) this.runsCode(name, args, site);
    this.paths(words, names, program.dynamic, site);
    const alias = this.aliases.get(literal(program) ?? '');
    if (alias !== undefined) this.script(`${alias} ${args.map((arg) => arg.raw).join(' ')}`, site.scope, site.depth + 1);
  }

  /** Programs whose words are code: shells, eval, source, trap, alias. */
  private runsCode(name: string, args: readonly Word[], site: Site): void {
    const { depth, where, scope } = site;
    if (SHELLS.has(name)) this.shell(args, site);
    else if (name === 'eval') this.commandLine(evaluated(args), scope, depth, where, 'evaluates text');
    else if ((name === 'source' || name === '.') && args[0]) {
      const file = args[0];
      // A file of the lesson's is not read here, as `bash file.sh` is not; a stream or a substitution is unknown.
      if (file.dynamic || file.values.some((value) => /^\/(?:dev|proc)\//.test(value))) throw new Refusal(`${where} runs a script only known when the step runs; ${UNREADABLE}`);
    } else if (name === 'trap') this.trap(args, site);
    else if (name === 'alias') this.alias(args, site);
  }

  /** `trap 'code' EXIT`: the code runs when the signal comes, after anything the script assigns. */
  private trap(args: readonly Word[], site: Site): void {
    const operands = literal(args[0]) === '--' ? args.slice(1) : args;
    // With one operand it lists or resets traps, running nothing. (Code that is `-` or an option, `trap -p
    // EXIT`, is read as well: a word alone that way runs nothing either.)
    if (operands.length < 2) return;
    this.commandLine(operands[0] as Word, site.reader.later(site.command.scope), site.depth, site.where);
  }

  private alias(args: readonly Word[], site: Site): void {
    for (const arg of args) {
      const match = /^([^=]+)=/.exec(arg.values[0] ?? '');
      if (!match?.[1]) continue;
      const value: Word = { ...arg, values: arg.values.map((text) => text.slice(text.indexOf('=') + 1)) };
      this.commandLine(value, site.scope, site.depth, site.where);
      this.aliases.set(match[1], value.values[0] ?? '');
    }
  }

  /** A shell runs `-c`'s text, a here-document, a here-string, a file, or whatever comes in on stdin. */
  private shell(args: readonly Word[], site: Site): void {
    const { command, depth, where, scope } = site;
    const dashC = args.findIndex((arg) => /^-[a-zA-Z]*c[a-zA-Z]*$/.test(literal(arg) ?? ''));
    if (dashC >= 0) {
      const body = args[dashC + 1];
      if (body) this.commandLine(body, scope, depth, where);
      return;
    }
    for (const heredoc of command.heredocs) this.script(heredoc, new Map(scope), depth + 1);
    const herestrings = command.redirects.filter((redirect) => redirect.op === '<<<');
    for (const redirect of herestrings) this.commandLine(redirect.target, scope, depth, where);
    if (command.heredocs.length > 0 || herestrings.length > 0 || hasScriptFile(args)) return;
    const fromFile = command.redirects.find((redirect) => redirect.op === '<');
    // `bash < file.sh` is a file like `bash file.sh`; `bash < <(curl …)` and `curl … | bash` are not known here.
    if (fromFile ? fromFile.target.dynamic : command.piped) throw new Refusal(`${where} runs a script only known when the step runs; ${UNREADABLE}`);
  }

  private client(flags: ClientFlags, args: readonly Word[], where: string): void {
    for (const found of flagValues(args, flags.context)) this.context(found.value, where);
    for (const found of flagValues(args, flags.kubeconfig)) this.kubeconfigPath(found.value, where, false);
    const server = flagValues(args, flags.server)[0];
    if (server) throw new Refusal(`${where} gives an API server directly (${server.flag} ${shown(server.value)}); steps reach clusters only through the workshop kubeconfig`);
    for (const found of flagValues(args, flags.entries)) {
      // A name the guard can read is an entry of the workshop kubeconfig, which holds only workshop clusters.
      const entry = found.flag === '--user' ? 'user' : 'cluster';
      if (found.value.dynamic) throw new Refusal(`${where} picks a kubeconfig ${entry} only known when the step runs (${found.flag} ${shown(found.value)}); steps reach the workshop's clusters by their contexts, \${CTX_CLUSTER1}, \${CTX_CLUSTER2}`);
    }
  }

  /** `kubectl config …` (wherever it comes after global flags) and the kubectx plugin, `kubectl ctx NAME`. */
  private kubectlSubcommand(args: readonly Word[], where: string): void {
    const operands = kubectlOperands(args);
    if (literal(operands[0]) === 'ctx' && operands[1] && !operands[1].raw.startsWith('-')) this.context(operands[1], where);
    const at = operands.findIndex((word) => literal(word) === 'config');
    if (at < 0) return;
    const verb = literal(operands[at + 1]) ?? '';
    const operand = operands[at + 2];
    // Whatever --context says: these act on the kubeconfig, not on a cluster.
    if ((verb === 'use-context' || verb === 'use' || verb === 'set-context') && operand) this.context(operand, where);
    if (CONFIG_CHANGES.has(verb)) {
      throw new Refusal(`${where} changes the workshop kubeconfig (kubectl config ${verb}), which only the workshop changes: a cluster or user added there would escape this check. ${ALLOW_ON_PURPOSE}`);
    }
  }

  private kubeconfigPath(value: Word, where: string, isVariable: boolean): void {
    for (const option of value.values) {
      const files = option.split(':');
      for (const file of files) {
        if (file === '') continue;
        if (path.resolve(this.files.cwd, file) !== this.files.workshop) {
          throw new Refusal(`${where} points at the kubeconfig ${file}, not the workshop's own (${this.files.workshop}); the workshop never touches your other clusters. Steps already have the workshop kubeconfig in $KUBECONFIG`);
        }
      }
      // KUBECONFIG set but empty is as good as unset: kubectl reads ~/.kube/config.
      if (isVariable && files.every((file) => file === '')) throw new Refusal(`${where} sets KUBECONFIG empty, ${FALLS_BACK}. ${ALLOW_ON_PURPOSE}`);
    }
    if (value.dynamic) throw new Refusal(`${where} sets a kubeconfig that is only known when the step runs (${shown(value)}); steps use the workshop's own kubeconfig, already in $KUBECONFIG`);
  }

  private context(value: Word, where: string): void {
    const known = [...this.allowed].join(', ');
    for (const name of value.values) {
      if (!this.allowed.has(name)) {
        throw new Refusal(`${where} names the context '${name}', which is not one of the workshop's (${known}). Lessons name clusters as \${CTX_CLUSTER1}, \${CTX_CLUSTER2}; to use a cluster of your own, allow it first: mesh-workshop context allow ${name}`);
      }
    }
    if (value.dynamic) {
      throw new Refusal(`${where} names a context only known when the step runs (${shown(value)}), so it cannot be checked against the workshop's (${known}). Lessons name clusters as \${CTX_CLUSTER1}, \${CTX_CLUSTER2}; to use a cluster of your own, allow it first: mesh-workshop context allow NAME`);
    }
  }

  /** `KUBECONFIG=…`, helm's `HELM_KUBECONTEXT=…` and `HELM_KUBEAPISERVER=…`, alone or before a command. */
  private assignment(word: Word, where: string): void {
    const match = /^([A-Za-z_]\w*)(\+?)=/.exec(word.raw);
    if (!match?.[1]) return;
    const at = (text: string): string => text.slice(text.indexOf('=') + 1);
    const value: Word = { ...word, values: word.values.map(at), raw: word.raw.slice(match[0].length) };
    if (match[1] === 'KUBECONFIG') this.kubeconfigPath(value, where, match[2] !== '+');
    if (match[1] === 'HELM_KUBECONTEXT') this.context(value, where);
    if (match[1] === 'HELM_KUBEAPISERVER') throw new Refusal(`${where} gives an API server directly (HELM_KUBEAPISERVER); steps reach clusters only through the workshop kubeconfig`);
  }

  /** The learner's kubeconfig in any word (not what a program only prints), and the workshop's written into. */
  private paths(words: readonly Word[], names: readonly string[], dynamic: boolean, { command, where }: Site): void {
    const prints = !dynamic && names.length > 0 && names.every((name) => PRINTS_ONLY.has(name));
    if (!prints) this.learnersFiles(localWords(words, names.some((name) => CLIENTS.has(name))), where);
    if (names.some((name) => INTERPRETERS.test(name))) this.learnersFiles(command.heredocs.map((text) => ({ values: [text], dynamic: false, raw: '' })), where);
    const name = names[0] ?? '';
    if (names.length === 1 && writesWorkshopKubeconfig(name, words.slice(1), this.files)) throw this.writesWorkshop(where);
  }

  private learnersFiles(words: readonly Word[], where: string): void {
    for (const word of words) {
      // Bash expands a glob only where nothing quotes it: `grep '.*' x` is a pattern, not ~/.k*.
      const globs = !/['"\\]/.test(word.raw);
      const texts = [...word.values.map((text) => ({ text, globs })), { text: word.raw, globs: false }];
      for (const { text, globs: expands } of texts) {
        const file = learnersKubeconfigIn(text, this.files, expands);
        if (file !== undefined) {
          throw new Refusal(`${where} uses your own kubeconfig (${file}): steps work on the workshop's clusters only, and your kubeconfig stays yours. To use one of your contexts on purpose, allow it first: mesh-workshop context allow NAME`);
        }
      }
    }
  }

  /** `< ~/.kube/config`, `> "$KUBECONFIG"`: a redirection reads or writes a file as a command's words do. */
  private redirects(command: SimpleCommand, where: string): void {
    for (const { op, target } of command.redirects) {
      // A here-string is text. (`>&2` names a file descriptor, which is neither kubeconfig: `2` is no such path.)
      if (op === '<<<') continue;
      this.learnersFiles([target], where);
      if (op.includes('>') && target.values.some((value) => isWorkshopKubeconfig(value, this.files))) throw this.writesWorkshop(where);
    }
  }

  private writesWorkshop(where: string): Refusal {
    return new Refusal(`${where} writes into the workshop kubeconfig (${this.files.workshop}), which only the workshop changes (kind, and kubectl config for the workshop's own contexts): a cluster added there would escape this check. ${ALLOW_ON_PURPOSE}`);
  }
}

/** What `eval` runs: its words joined by spaces, for each combination of their values (a space first is no matter). */
function evaluated(args: readonly Word[]): Binding {
  let texts = [''];
  for (const arg of args) {
    texts = texts.flatMap((text) => arg.values.map((value) => `${text} ${value}`));
    if (texts.length > MAX_VALUES) return { values: [], dynamic: true };
  }
  const dynamic = args.some((arg) => arg.dynamic);
  return { values: dynamic ? [] : texts, dynamic };
}

/** A shell's first operand (not an option, not the value of -o/-O) is the script file it runs. */
function hasScriptFile(args: readonly Word[]): boolean {
  for (let index = 0; index < args.length; index++) {
    const word = args[index] as Word;
    const text = literal(word) ?? word.raw;
    if (/^[-+][oO]$/.test(text)) index++;
    else if (text === '-s' || text === '-') return false;
    else if (!/^[-+]/.test(text)) return true;
  }
  return false;
}

/** Why the script must not run, or undefined when nothing in it leaves the workshop's clusters. */
export function contextRefusal(script: string, policy: GuardPolicy): string | undefined {
  const scope: Scope = new Map(Object.entries(policy.env).map(([name, value]) => [name, { values: [value], dynamic: false }]));
  try {
    new Guard(policy).script(script, scope, 0);
    return undefined;
  } catch (error) {
    if (error instanceof Refusal) return `refused before running: ${error.message}`;
    throw error;
  }
}
