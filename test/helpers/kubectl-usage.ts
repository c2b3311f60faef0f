/**
 * Whether a script's kubectl commands use subcommands and flags the real kubectl knows, judged by its own
 * `--help` (per subcommand) and `kubectl options` (global flags). Commands are found with the workshop's
 * shell reader, so quoting, pipes, loops and `bash -c` are handled as the context guard handles them.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { ShellReader } from '../../src/cluster/shell-words.js';

export const HAS_KUBECTL = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0;

interface Help {
  flags: Set<string>;
  /** The subcommands its "Available Commands:" section lists. */
  commands: Set<string>;
}
const helpCache = new Map<string, Help | undefined>();

/** What `kubectl <path> --help` lists (flags long and short, and subcommands), or undefined when the path is unknown. */
function helpOf(subcommand: readonly string[]): Help | undefined {
  const key = subcommand.join(' ');
  if (helpCache.has(key)) return helpCache.get(key);
  const help = spawnSync('kubectl', [...subcommand, '--help'], { encoding: 'utf8' });
  let parsed: Help | undefined;
  if (help.status === 0) {
    const flags = new Set([...help.stdout.matchAll(/^\s+(?:(-\w), )?(--[\w-]+)/gm)].flatMap((match) => [match[1], match[2]].filter((flag): flag is string => Boolean(flag))));
    const section = /^Available Commands:\n((?: {2}.*\n)+)/m.exec(help.stdout)?.[1] ?? '';
    parsed = { flags, commands: new Set([...section.matchAll(/^ {2}(\S+)/gm)].map((match) => match[1] ?? '')) };
  }
  helpCache.set(key, parsed);
  return parsed;
}

let globalFlags: Set<string> | undefined;
function global(): Set<string> {
  globalFlags ??= new Set([...execFileSync('kubectl', ['options'], { encoding: 'utf8' }).matchAll(/^\s+(?:(-\w), )?(--[\w-]+)/gm)].flatMap((match) => [match[1], match[2]].filter((flag): flag is string => Boolean(flag))));
  return globalFlags;
}

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
    // Descend while kubectl lists the next word as a subcommand: `create secret generic`, `config view`.
    const subcommand = positional.slice(0, 1);
    let known = helpOf(subcommand);
    while (known && positional[subcommand.length] !== undefined && known.commands.has(positional[subcommand.length] ?? '')) {
      subcommand.push(positional[subcommand.length] ?? '');
      known = helpOf(subcommand);
    }
    if (!known) {
      problems.push(`kubectl ${subcommand.join(' ')}: not a kubectl command`);
      continue;
    }
    // `rollout status` refuses more than one resource ("only supported on individual resources").
    const resources = positional.slice(subcommand.length);
    if (subcommand.join(' ') === 'rollout status' && (resources.length > 2 || (resources.length === 2 && resources.some((word) => word.includes('/'))))) {
      problems.push(`kubectl rollout status: one resource at a time, not ${resources.join(' ')}`);
    }
    for (const word of own.filter((arg) => arg.startsWith('-') && arg !== '-')) {
      const flag = word.split('=')[0] ?? word;
      const short = /^-[A-Za-z]/.test(flag) && !flag.startsWith('--') ? flag.slice(0, 2) : flag;
      if (!known.flags.has(short) && !global().has(short)) problems.push(`kubectl ${subcommand.join(' ')}: unknown flag ${flag}`);
    }
  }
  return problems;
}

/** Flags whose next word is their value (so that word is not read as a subcommand). */
function valueTaking(flag: string): boolean {
  return /^(-n|--namespace|--context|--kubeconfig|-l|--selector|-o|--output|-f|--filename|-c|--container|--for|--timeout)$/.test(flag);
}
