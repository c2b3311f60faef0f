/**
 * Whether a script's kubectl commands use subcommands and flags the real kubectl knows, judged by its own
 * `--help` (per subcommand) and `kubectl options` (global flags). Commands are found with the workshop's
 * shell reader, so quoting, pipes, loops and `bash -c` are handled as the context guard handles them.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { ShellReader } from '../../src/cluster/shell-words.js';

export const HAS_KUBECTL = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0;

const helpCache = new Map<string, Set<string> | undefined>();

/** The flags `kubectl <path> --help` lists (long and short), or undefined when the subcommand is unknown. */
function flagsOf(subcommand: readonly string[]): Set<string> | undefined {
  const key = subcommand.join(' ');
  if (helpCache.has(key)) return helpCache.get(key);
  const help = spawnSync('kubectl', [...subcommand, '--help'], { encoding: 'utf8' });
  const flags = help.status === 0 ? new Set([...help.stdout.matchAll(/^\s+(?:(-\w), )?(--[\w-]+)/gm)].flatMap((match) => [match[1], match[2]].filter((flag): flag is string => Boolean(flag)))) : undefined;
  helpCache.set(key, flags);
  return flags;
}

let globalFlags: Set<string> | undefined;
function global(): Set<string> {
  globalFlags ??= new Set([...execFileSync('kubectl', ['options'], { encoding: 'utf8' }).matchAll(/^\s+(?:(-\w), )?(--[\w-]+)/gm)].flatMap((match) => [match[1], match[2]].filter((flag): flag is string => Boolean(flag))));
  return globalFlags;
}

/** Subcommands that take another word as a sub-subcommand. */
const NESTED = new Set(['config', 'rollout', 'auth', 'certificate', 'create', 'set', 'top', 'apply', 'plugin']);

/** Problems with the kubectl commands in a script, as sentences (empty when every one is known). */
export function kubectlUsageProblems(script: string): string[] {
  const problems: string[] = [];
  const reader = new ShellReader(new Map());
  const commands = [...reader.commands(script), ...reader.nested.flatMap((nested) => new ShellReader(new Map()).commands(nested))];
  for (const command of commands) {
    const words = command.words.map((word) => (word.dynamic ? '$VALUE' : (word.values[0] ?? '')));
    const start = words.findIndex((word) => path.basename(word) === 'kubectl');
    if (start < 0) continue;
    const args = words.slice(start + 1);
    const end = args.indexOf('--');
    const own = end >= 0 ? args.slice(0, end) : args;
    const positional = own.filter((word, index) => !word.startsWith('-') && !(own[index - 1]?.startsWith('-') && !own[index - 1]?.includes('=') && valueTaking(own[index - 1] ?? '')));
    const subcommand = positional.slice(0, positional[0] && NESTED.has(positional[0]) && positional[1] && !positional[1].includes('/') ? 2 : 1);
    const known = flagsOf(subcommand);
    if (!known) {
      problems.push(`kubectl ${subcommand.join(' ')}: not a kubectl command`);
      continue;
    }
    for (const word of own.filter((arg) => arg.startsWith('-') && arg !== '-')) {
      const flag = word.split('=')[0] ?? word;
      const short = /^-[A-Za-z]/.test(flag) && !flag.startsWith('--') ? flag.slice(0, 2) : flag;
      if (!known.has(short) && !global().has(short)) problems.push(`kubectl ${subcommand.join(' ')}: unknown flag ${flag}`);
    }
  }
  return problems;
}

/** Flags whose next word is their value (so that word is not read as a subcommand). */
function valueTaking(flag: string): boolean {
  return /^(-n|--namespace|--context|--kubeconfig|-l|--selector|-o|--output|-f|--filename|-c|--container|--for|--timeout)$/.test(flag);
}
