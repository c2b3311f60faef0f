/**
 * Commands that run another command (env, sudo, timeout, xargs, watch, parallel, su -c …): which command
 * finally runs, so that the context guard judges that one, and what changes on the way. A wrapper that
 * drops KUBECONFIG (`env -i`, `env -u KUBECONFIG`, `sudo` without -E) makes kubectl fall back to the
 * learner's own ~/.kube/config; one that runs its words through a shell (watch, su -c, parallel) runs a
 * command line, read as a script.
 */
import path from 'node:path';
import type { Word } from './shell-words.js';

interface OptionSpec {
  /** Short options that take a value (`-u NAME` or `-uNAME`). */
  short?: string;
  /** Long options that take a value (`--unset NAME` or `--unset=NAME`). */
  long?: readonly string[];
}

interface WrapperSpec extends OptionSpec {
  /** Words of its own after the options (timeout's duration, flock's lock file). */
  operands?: number;
  /** Options whose value is a shell command line (`su -c`, `flock -c`). */
  script?: readonly string[];
  /** It runs a command only when given one with a script option (su's operand is a user). */
  scriptOnly?: boolean;
}

// Options may follow su's user (`su learner -c 'kubectl …'`), and script's log file: read after it too.
const SU: WrapperSpec = { short: 'cgGsw', long: ['command', 'session-command', 'group', 'supp-group', 'shell', 'whitelist-environment'], operands: 1, script: ['-c', '--command', '--session-command'], scriptOnly: true };

const WRAPPERS = new Map<string, WrapperSpec>([
  ['env', { short: 'uCSP', long: ['unset', 'chdir', 'split-string'] }],
  ['sudo', { short: 'ugCDhprtUT', long: ['user', 'group', 'close-from', 'chdir', 'host', 'prompt', 'role', 'type', 'other-user', 'command-timeout'] }],
  ['doas', { short: 'uC' }],
  ['command', {}],
  ['builtin', {}],
  ['nohup', {}],
  ['setsid', {}],
  ['exec', { short: 'a' }],
  ['time', { short: 'fo', long: ['format', 'output'] }],
  ['nice', { short: 'n', long: ['adjustment'] }],
  ['ionice', { short: 'cnpPu', long: ['class', 'classdata', 'pid', 'pgid', 'uid'] }],
  ['stdbuf', { short: 'ioe', long: ['input', 'output', 'error'] }],
  ['timeout', { short: 'sk', long: ['signal', 'kill-after'], operands: 1 }],
  ['xargs', { short: 'IndPLsEa', long: ['max-args', 'max-procs', 'max-lines', 'max-chars', 'delimiter', 'eof', 'arg-file', 'process-slot-var'] }],
  ['watch', { short: 'nq', long: ['interval', 'equexit'] }],
  ['flock', { short: 'wEc', long: ['timeout', 'conflict-exit-code', 'command'], operands: 1, script: ['-c', '--command'] }],
  ['su', SU],
  ['runuser', SU],
  ['script', { short: 'cIOBTEm', long: ['command', 'log-in', 'log-out', 'log-io', 'log-timing', 'logging-format', 'echo'], operands: 1, script: ['-c', '--command'], scriptOnly: true }],
  ['parallel', {
    short: 'jNnIsSdEaCLPW',
    long: ['jobs', 'max-args', 'max-replace-args', 'sshlogin', 'sshloginfile', 'delimiter', 'eof', 'arg-file', 'colsep', 'max-lines', 'max-chars', 'max-procs', 'workdir', 'joblog', 'results', 'tmpdir', 'timeout', 'delay', 'retries', 'halt', 'memfree', 'load', 'basefile', 'return', 'transferfile', 'env', 'tagstring', 'tag-string', 'rpl'],
  }],
]);

const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*\+?=/;

export interface Invocation {
  /** The command that finally runs, its program first; empty when it is a command line (`script`) or none. */
  words: Word[];
  /** `NAME=value` words met on the way (`KUBECONFIG=… sudo -E env A=1 kubectl …`). */
  assignments: Word[];
  /** A shell command line run instead (watch's words, su -c, each of parallel's inputs): its possible texts. */
  script?: Word;
  /** The wrapper that drops KUBECONFIG on the way (`env -i`), when one does and nothing sets it again. */
  dropsKubeconfig?: string;
}

interface Option {
  flag: string;
  value?: Word;
}

/** The word's text when it is one known value. */
export function literal(word: Word | undefined): string | undefined {
  return word && !word.dynamic && word.values.length === 1 ? word.values[0] : undefined;
}

/** A program's name as its word says (`/usr/bin/kubectl` is kubectl), when known. */
export function programName(word: Word | undefined): string | undefined {
  const text = literal(word);
  return text === undefined ? undefined : path.basename(text);
}

function known(text: string, raw = text): Word {
  return { values: [text], dynamic: false, raw };
}

/** The options at the start of `words` (`-abc` is three, `-uNAME` one with its value), and the words after them. */
function parseOptions(words: readonly Word[], spec: OptionSpec): { options: Option[]; rest: Word[] } {
  const options: Option[] = [];
  let i = 0;
  for (; i < words.length; i++) {
    const text = literal(words[i]);
    if (text === '--') return { options, rest: words.slice(i + 1) };
    if (text === undefined || !text.startsWith('-')) break;
    if (text === '-') options.push({ flag: '-' });
    else if (text.startsWith('--')) {
      const [name = '', inline] = text.slice(2).split(/=(.*)/s);
      const valued = inline === undefined && spec.long?.includes(name);
      options.push({ flag: `--${name}`, ...(inline !== undefined ? { value: known(inline) } : valued && words[i + 1] ? { value: words[++i] as Word } : {}) });
    } else {
      for (let k = 1; k < text.length; k++) {
        const letter = text[k] ?? '';
        if (!spec.short?.includes(letter)) {
          options.push({ flag: `-${letter}` });
          continue;
        }
        const attached = text.slice(k + 1);
        const value = attached !== '' ? known(attached) : words[++i];
        options.push({ flag: `-${letter}`, ...(value ? { value } : {}) });
        break;
      }
    }
  }
  return { options, rest: words.slice(i) };
}

/** How a wrapper drops KUBECONFIG for the command it runs, if it does. */
function dropsKubeconfig(name: string, options: readonly Option[]): string | undefined {
  const has = (...flags: string[]): boolean => options.some((option) => flags.includes(option.flag));
  if (name === 'env' && has('-i', '-', '--ignore-environment')) return 'env -i';
  if (name === 'env' && options.some((option) => (option.flag === '-u' || option.flag === '--unset') && literal(option.value) === 'KUBECONFIG')) return 'env -u KUBECONFIG';
  if (name === 'exec' && has('-c')) return 'exec -c';
  // sudo and doas start from a clean environment, keeping KUBECONFIG only when told to.
  const preserved = options.some((option) => option.flag === '-E' || (option.flag === '--preserve-env' && (option.value === undefined || option.value.values.some((list) => list.split(',').includes('KUBECONFIG')))));
  if ((name === 'sudo' && !preserved) || name === 'doas') return name;
  return undefined;
}

/** A command's words as one command line, as a wrapper that runs it through a shell sees it. */
function commandLine(words: readonly Word[]): Word {
  const text = words.map((word) => literal(word) ?? word.raw).join(' ');
  return known(text, words.map((word) => word.raw).join(' '));
}

function shellQuoted(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/** What xargs runs: its command with the input appended, or put where `-I R` says. */
function xargsCommand(words: readonly Word[], options: readonly Option[]): Word[] {
  const input: Word = { values: [], dynamic: true, raw: '<input of xargs>', prefix: '' };
  const option = options.find((candidate) => ['-I', '-i', '--replace'].includes(candidate.flag));
  if (!option) return words.length === 0 ? [] : [...words, input];
  const mark = literal(option.value) ?? '{}';
  return words.map((word) => {
    const at = word.values[0]?.indexOf(mark) ?? -1;
    return at < 0 && !word.raw.includes(mark) ? word : { values: [], dynamic: true, raw: word.raw, prefix: word.values[0]?.slice(0, Math.max(at, 0)) ?? '' };
  });
}

/** Where GNU parallel puts each input: `{}`, `{.}`, `{/}`, `{//}`, `{/.}`, `{#}`, `{%}`, `{1}` …. */
const PARALLEL_INPUT = /\{\d*(?:\.|\/|\/\/|\/\.)?\}|\{[#%]\}/g;
/** An input only known when the step runs, in a command line read as a script: unknown to the reader. */
const UNKNOWN_INPUT = '"$MESH_WORKSHOP_UNKNOWN_INPUT"';

/** Each command line GNU parallel runs (through a shell): its command with each input in place. */
function parallelScripts(words: readonly Word[], options: readonly Option[]): Word {
  const separator = words.findIndex((word) => /^:{3,4}\+?$/.test(literal(word) ?? ''));
  const command = separator < 0 ? words : words.slice(0, separator);
  const sources = separator < 0 ? [] : words.slice(separator);
  // Inputs from stdin, a file (`::::`, -a) or a word only known at run time are unknown here.
  let unknown = separator < 0 || options.some((option) => option.flag === '-a' || option.flag === '--arg-file');
  const inputs: string[] = [];
  let fromFiles = false;
  for (const word of sources) {
    const text = literal(word);
    if (text !== undefined && /^:{3,4}\+?$/.test(text)) fromFiles = text.startsWith('::::');
    else if (fromFiles || word.dynamic) unknown = true;
    else inputs.push(...word.values);
  }
  const mark = literal(options.find((option) => option.flag === '-I')?.value);
  const line = literal(commandLine(command)) ?? '';
  const fill = (input: string): string => {
    const replaced = mark === undefined ? line.replace(PARALLEL_INPUT, input) : line.replaceAll(mark, input);
    return replaced !== line ? replaced : `${line} ${input}`;
  };
  // Without a command, each input is a command line of its own.
  const texts = command.length === 0 ? inputs : [...inputs.map((input) => fill(shellQuoted(input))), ...(unknown ? [fill(UNKNOWN_INPUT)] : [])];
  return { values: texts, dynamic: unknown && command.length === 0, raw: words.map((word) => word.raw).join(' '), ...(unknown && command.length === 0 ? { prefix: '' } : {}) };
}

/** `env -S 'kubectl --context prod' get ns`: the string is split as a command line, the words after it follow. */
function splitString(value: Word, after: readonly Word[]): Word {
  const rest = literal(commandLine(after)) ?? '';
  return { ...value, values: value.values.map((text) => `${text} ${rest}`.trim()) };
}

/** The command a command line runs, after the wrappers in front of it. */
export function unwrap(command: readonly Word[]): Invocation {
  let words = [...command];
  const assignments: Word[] = [];
  let drops: string | undefined;
  const result = (extra: Partial<Invocation>): Invocation => ({ words: [], assignments, ...(drops === undefined ? {} : { dropsKubeconfig: drops }), ...extra });
  for (;;) {
    while (words[0] && ASSIGNMENT.test(words[0].raw)) {
      // Set again after env -i or sudo: the command has a KUBECONFIG (the guard checks which).
      if (/^KUBECONFIG=/.test(words[0].raw)) drops = undefined;
      assignments.push(words[0]);
      words = words.slice(1);
    }
    const name = programName(words[0]);
    const spec = name === undefined ? undefined : WRAPPERS.get(name);
    if (name === undefined || spec === undefined) return result({ words });
    const parsed = parseOptions(words.slice(1), spec);
    // flock, su and script take their options after their operand too: `flock /tmp/lock -c 'command'`.
    const after = spec.script && spec.operands ? parseOptions(parsed.rest.slice(spec.operands), spec) : { options: [], rest: parsed.rest.slice(spec.operands ?? 0) };
    const options = [...parsed.options, ...after.options];
    drops = dropsKubeconfig(name, options) ?? drops;
    const script = options.find((option) => spec.script?.includes(option.flag))?.value;
    if (script || spec.scriptOnly) return result(script ? { script } : {});
    words = after.rest;
    const split = options.find((option) => option.flag === '-S' || option.flag === '--split-string');
    if (name === 'env' && split?.value) return result({ script: splitString(split.value, words) });
    if (name === 'watch' && !options.some((option) => option.flag === '-x' || option.flag === '--exec')) return result({ script: commandLine(words) });
    if (name === 'parallel') return result({ script: parallelScripts(words, options) });
    if (name === 'xargs') words = xargsCommand(words, options);
  }
}

const CONTAINER_TOOLS = new Set(['docker', 'podman', 'nerdctl']);
/** `docker exec` options that take a value, before the container's name. */
const EXEC_VALUED = new Set(['-e', '--env', '--env-file', '-u', '--user', '-w', '--workdir', '--detach-keys']);
/** `container:/path` or `namespace/pod:/path`: a path inside a container or a pod. */
const IN_CONTAINER = /^[\w.-]+(?:\/[\w.-]+)?:\//;

/**
 * The words of a command that can name files on this machine: not the command a container or a pod runs
 * (`docker exec c cat /etc/kubernetes/admin.conf`, a client's words after `--`: `kubectl exec … -- …`),
 * nor the container's side of `docker cp` and `kubectl cp` (`pod:/root/.kube/config`).
 * `client`: the program is a Kubernetes client (kubectl, istioctl, …).
 */
export function localWords(words: readonly Word[], client: boolean): Word[] {
  const name = programName(words[0]);
  if (client) {
    const end = words.findIndex((word) => literal(word) === '--');
    return (end < 0 ? words : words.slice(0, end)).filter((word) => !(name === 'kubectl' || name === 'oc') || !word.values.some((value) => IN_CONTAINER.test(value)));
  }
  if (name === undefined || !CONTAINER_TOOLS.has(name)) return [...words];
  if (literal(words[1]) === 'cp') return words.filter((word) => !word.values.some((value) => IN_CONTAINER.test(value)));
  if (literal(words[1]) !== 'exec') return [...words];
  let index = 2;
  while (index < words.length && (literal(words[index]) ?? '').startsWith('-')) index += EXEC_VALUED.has(literal(words[index]) ?? '') ? 2 : 1;
  // Up to the container's name: its options (an --env-file is read here) and the name itself.
  return words.slice(0, index + 1);
}
