/**
 * The command line. Commands that draw nothing (list, lint, schema, --version) import only what they need,
 * so they start like plain node; the engine and reporters are loaded by `run` alone.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { UserError } from './errors.js';
import { takeStateNotices } from './files/state-file.js';
import { STDOUT_CLOSED_EXIT, stdoutClosed, watchStdout } from './commands/stdout-closed.js';
import { defaultLessonsDir, stateHome } from './paths.js';
import { classroomJoinOf, parseFlags, type GlobalOptions } from './commands/options.js';

const OPTION_WIDTH = 30;

/** One option's help line: the flag, padded, then what it does. */
function opt(flag: string, what: string): string {
  return `  ${flag.padEnd(OPTION_WIDTH - 2)}  ${what}`;
}

type Flags = ReturnType<typeof parseFlags>['values'];

/** One command: how help shows it, and what runs it (each imports its module only when it runs). */
interface Command {
  names: readonly string[];
  usage: string;
  what: string;
  /** Its own options, as help lines (`--flag ARG` padded to OPTION_WIDTH, then what it does). */
  options?: readonly string[];
  run(globals: GlobalOptions, flags: Flags, rest: string[]): Promise<number> | number;
}

/** Every command, in the order help lists them: the one table both help and dispatch read. */
const COMMANDS: readonly Command[] = [
  { names: ['list'], usage: 'list [--json]', what: 'the lessons in order, with what each needs', options: [opt('--json', 'the lessons as JSON')], run: async (globals, flags) => (await import('./commands/list.js')).listCommand(globals, flags) },
  { names: ['run'], usage: 'run <lesson> [--yes]', what: 'run a lesson headless; asks before each step unless --yes', options: [opt('--yes, -y', 'run unattended: no questions; exit 0 only if every check passed'), opt('--from STEP, --to STEP', 'run part of a lesson'), opt('--reporter plain|json|junit', 'how results are printed (default plain)'), opt('--junit-file FILE', 'also write a JUnit XML report to FILE'), opt('--no-setup', 'skip the setup steps that bring a fresh machine to the start'), opt('--cleanup', 'run the cleanup steps at the end'), opt('--optional', 'run the optional steps too (skipped otherwise)'), opt('--allow-context NAME', 'let steps use your own context NAME (asks, then copies it in)'), opt('--record DIR', 'record the run: DIR/<lesson>.cast (asciicast v2) and its index'), opt('--replay DIR', 'walk the lesson from a recording instead: nothing runs here')], run: async (globals, flags, rest) => (await import('./commands/run.js')).runCommand(globals, flags, rest) },
  { names: ['lint'], usage: 'lint [--strict]', what: 'check every lesson; problems as PATH:LINE:COL: message', options: [opt('--strict', 'fail on warnings too (a check without examples, a step without hints)')], run: async (globals, flags) => (await import('./commands/lint.js')).lintCommand(globals, flags) },
  { names: ['validate'], usage: 'validate FILE…', what: 'check manifests as kubectl apply would; problems as FILE:LINE:COL: message', options: [opt('FILE…', 'YAML manifests, several objects each; - reads standard input'), opt('-f FILE', 'one more file, as kubectl apply -f names it'), opt('exit status', '0 valid (warnings allowed), 1 an error, 2 a file could not be read'), opt('schemas', 'Kubernetes 1.36 (workloads, Service, config, RBAC …), Istio 1.31')], run: async (_globals, flags, rest) => (await import('./commands/validate.js')).validateCommand(flags, rest) },
  { names: ['schema'], usage: 'schema [lesson|diagram]', what: 'print a JSON Schema (for editor completion)', run: async (_globals, _flags, rest) => (await import('./commands/schema.js')).schemaCommand(rest) },
  { names: ['shell'], usage: 'shell [lesson]', what: "a shell with the lesson's set-up (kubeconfig, tools, values), in its workspace", run: async (globals, flags, rest) => (await import('./commands/shell.js')).shellCommand(globals, flags, rest) },
  { names: ['reset'], usage: 'reset [lesson] [--yes]', what: 'forget progress in one lesson, or in all (asks first)', options: [opt('--yes, -y', 'do not ask first')], run: async (globals, flags, rest) => (await import('./commands/reset.js')).resetCommand(globals, flags, rest) },
  { names: ['doctor'], usage: 'doctor [--json]', what: 'what this machine lacks for the lessons, each with a fix', options: [opt('--json', 'the findings as JSON')], run: async (globals, flags) => (await import('./commands/doctor.js')).doctorCommand(globals, flags) },
  { names: ['cluster'], usage: 'cluster up|down|status|route', what: 'the workshop kind clusters (NAMEs, or all three)', run: async (globals, flags, rest) => (await import('./commands/cluster.js')).clusterCommand(globals, flags, rest) },
  { names: ['prefetch'], usage: 'prefetch [--save F|--load F]', what: 'pull every image the lessons need, once', options: [opt('--save FILE', 'write every image to one file, for a room'), opt('--load FILE', 'load the images from such a file')], run: async (globals, flags) => (await import('./commands/prefetch.js')).prefetchCommand(globals, flags) },
  { names: ['report'], usage: 'report [LESSON] [-o FILE]', what: 'a .tar.gz to attach to a question: versions, doctor, last run, clusters; secrets redacted', options: [opt('LESSON', 'the lesson (default: the one you were in last)'), opt('-o, --output FILE', 'where to write it (default: ./mesh-workshop-report-…tar.gz)'), opt('look inside first', 'tar -tzf FILE lists it; tar -xzf FILE -C DIR unpacks it')], run: async (globals, flags, rest) => (await import('./commands/report.js')).reportCommand(globals, flags, rest) },
  { names: ['verify'], usage: 'verify [LESSON…] [--optional]', what: 'instructors, CI: clusters up, lessons headless, a summary (exit 3: some could not run here)', options: [opt('LESSON…', 'only these lessons, and only the clusters they need (default: all)'), opt('--keep', 'leave the clusters up afterwards'), opt('--optional', 'run the optional steps too'), opt('--junit-dir DIR', 'the JUnit files (and failed lessons\' bundles) here (default: <state>/verify)'), opt('--record DIR', "record each lesson's run in DIR, for replay in the room")], run: async (globals, flags, rest) => (await import('./commands/verify.js')).verifyCommand(globals, flags, rest) },
  { names: ['present'], usage: 'present <lesson> | --notes', what: "instructors: the lesson on the room's screen, calm; --notes: its speaker notes, following", options: [opt('--typing MS', 'type each command out at MS per character (default 40; Enter again: at once)'), opt('--replay DIR', 'recordings (verify --record): R plays a failed step\'s'), opt('--notes', 'in a second terminal: the notes of the step being presented')], run: async (globals, flags, rest) => (await import('./commands/present.js')).presentCommand(globals, flags, rest, importWithoutCiDetection) },
  { names: ['replay'], usage: 'replay DIR [LESSON] | FILE.cast', what: 'play a recording step by step beside the lesson (Enter, Space, ← →)', options: [opt('--speed X', "play at X times the recording's pace (default 1)")], run: async (globals, flags, rest) => (await import('./commands/present.js')).replayCommand(globals, flags, rest, importWithoutCiDetection) },
  { names: ['proxy-config', 'pc'], usage: 'proxy-config <kind> -f FILE', what: "istioctl's tables from a captured config dump", options: [opt('<kind>', 'routes|clusters|listeners|endpoints|eds|secret|bootstrap|ecds|all|diff'), opt('-f FILE', 'the config dump (istioctl proxy-config all -o json)'), opt('--name --port --fqdn --subset', "istioctl's filters, as are --direction --address --type"), opt('--cluster --status', "istioctl's filters"), opt('-o short|json|yaml', "as istioctl; piped, tables are istioctl's text byte for byte"), opt('--verbose=false, --with-headers', 'as istioctl'), opt('--before A --after B', 'for diff: the two dumps to compare')], run: async (_globals, flags, rest) => (await import('./commands/proxy-config.js')).proxyConfigCommand(flags, rest) },
  { names: ['proxy-status', 'ps'], usage: 'proxy-status -f FILE', what: "istioctl's proxy-status from captured responses", options: [opt('-f FILE', "istiod's debug/syncz responses")], run: async (_globals, flags, rest) => (await import('./commands/proxy-config.js')).proxyStatusCommand(flags, rest) },
  { names: ['diagram'], usage: 'diagram --list | NAME', what: 'a set-up the lessons build, drawn for this terminal', options: [opt('--list', 'the diagrams there are'), opt('--width N, --ascii', 'the width; plain ASCII instead of box drawing'), opt('--highlight PATH', 'a request path to mark (a named path, or box ids)')], run: async (_globals, flags, rest) => (await import('./commands/diagram.js')).diagramCommand(flags, rest) },
  { names: ['topology'], usage: 'topology', what: 'your clusters now, drawn (read with kubectl)', options: [opt('--width N, --ascii', 'the width; plain ASCII instead of box drawing')], run: async (globals, flags) => (await import('./commands/topology.js')).topologyCommand(globals, flags) },
  { names: ['tools'], usage: 'tools list|install [TOOL…]', what: 'the pinned kind, istioctl, kubectl, Istio release, VM package', options: [opt('--mirror URL', "a room's local copy: one folder over HTTP (or MESH_WORKSHOP_MIRROR)")], run: async (globals, flags, rest) => (await import('./commands/tools.js')).toolsCommand(globals, flags, rest) },
  { names: ['context'], usage: 'context list|allow|forget', what: 'which cluster each role uses; allow one of your own', options: [opt('--kubeconfig FILE', 'copy it from here (default: $KUBECONFIG or ~/.kube/config)'), opt('--as ROLE', 'use it as cluster1, cluster2 or cluster3 in the lessons')], run: async (globals, flags, rest) => (await import('./commands/context.js')).contextCommand(globals, flags, rest) },
  { names: ['classroom'], usage: 'classroom serve|hand|share|leave', what: "instructors: serve a room's live view; learners: raise a hand, share a failure, leave", options: [opt('hand [--down]', 'learners (with --classroom): raise your hand, or lower it'), opt('share', "learners: share the last failed check's texts and output"), opt('leave', 'learners: leave the room; nothing more is sent'), opt('--port N', 'the port (default 7777; 0: any free one)'), opt('--host ADDR', 'the address to listen on (default 127.0.0.1: this machine only)'), opt('--data DIR', 'where the room keeps its event log (default: STATE/classroom-room)'), opt('--stuck-after MINUTES', 'on one step this long counts as stuck (default 10)')], run: async (globals, flags, rest) => (await import('./commands/classroom.js')).classroomCommand(globals, flags, rest) },
];

/** Whether NAME is a command (or an alias of one): for checks of scripts that call the CLI. */
export function isCommand(name: string): boolean {
  return COMMANDS.some(({ names }) => names.includes(name));
}

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

const GLOBAL_OPTIONS = [
  opt('--lessons DIR', 'use another lesson pack instead of the bundled lessons'),
  opt('--home DIR', 'state directory for progress and logs (env MESH_WORKSHOP_HOME)'),
  opt('--plain', 'no full-screen UI: line by line (also ACCESSIBLE=1)'),
  opt('--replay DIR', 'with no command: the workshop replays each step from recordings (nothing runs)'),
  opt('--classroom URL', "join the instructor's classroom (with --code CODE --name NAME)"),
  opt('--debug', 'show stack traces for unexpected errors'),
  opt('--version, -v', 'print the version'),
  opt('--help, -h', 'print this help (after a command: that command\'s)'),
];

function helpText(): string {
  const width = Math.max(...COMMANDS.map(({ usage }) => usage.length));
  return [
    'mesh-workshop: hands-on Istio service-mesh lessons on local kind clusters',
    '',
    'Usage: mesh-workshop [command] [options]',
    '',
    'Commands:',
    `  ${'(none)'.padEnd(width)}  open the workshop full screen (no terminal or --plain: the list)`,
    ...COMMANDS.map(({ usage, what }) => `  ${usage.padEnd(width)}  ${what}`),
    '',
    ...COMMANDS.flatMap(({ names, options }) => (options ? [`Options for ${names[0]}:`, ...options, ''] : [])),
    'Global options:',
    ...GLOBAL_OPTIONS,
    '',
    "'mesh-workshop COMMAND --help' shows one command's usage and options.",
  ].join('\n');
}

/** One command's help: its usage, what it does, its options and the global ones. */
function commandHelp(command: Command): string {
  return [
    `mesh-workshop ${command.names[0] ?? ''}: ${command.what}`,
    '',
    `Usage: mesh-workshop ${command.usage}`,
    ...command.names.slice(1).map((alias) => `   or: mesh-workshop ${alias} …`),
    '',
    ...(command.options ? ['Options:', ...command.options, ''] : []),
    'Global options:',
    ...GLOBAL_OPTIONS,
  ].join('\n');
}

/**
 * Ink draws only the last frame when it believes it runs in CI (is-in-ci reads CI, CONTINUOUS_INTEGRATION
 * and CI_* when it loads). A person at a terminal wants the screen whatever their environment says, so
 * those variables are hidden while Ink loads, then put back for the lesson commands.
 */
async function importWithoutCiDetection<T>(load: () => Promise<T>): Promise<T> {
  const hidden = Object.entries(process.env).filter(([name]) => name === 'CI' || name === 'CONTINUOUS_INTEGRATION' || name.startsWith('CI_'));
  for (const [name] of hidden) delete process.env[name];
  try {
    return await load();
  } finally {
    for (const [name, value] of hidden) process.env[name] = value;
  }
}

export async function main(argv: string[]): Promise<number> {
  const { values: flags, positionals } = parseFlags(argv);
  if (flags.version) {
    process.stdout.write(`${version()}\n`);
    return 0;
  }
  const [command, ...rest] = positionals;
  if (flags.help) {
    const asked = command === undefined ? undefined : COMMANDS.find(({ names }) => names.includes(command));
    process.stdout.write(`${asked ? commandHelp(asked) : helpText()}\n`);
    return 0;
  }
  const globals: GlobalOptions = {
    lessonsDir: flags.lessons ?? defaultLessonsDir(),
    home: flags.home ?? (process.env.MESH_WORKSHOP_HOME || stateHome()), // an empty variable is an unset one
    debug: flags.debug === true,
  };
  const classroom = await classroomJoinOf(flags);
  if (classroom) globals.classroom = classroom;
  if (command === undefined) {
    const replayFrom = flags.replay === undefined ? undefined : replayFolder(flags.replay);
    if (process.stdout.isTTY && process.stdin.isTTY && !flags.plain && !process.env.ACCESSIBLE) {
      // NO_COLOR (no-color.org): Ink's colour library reads FORCE_COLOR, so translate before it loads.
      if (process.env.NO_COLOR) process.env.FORCE_COLOR = '0';
      // Raw mode at once: a key pressed while the screen loads is kept for it, not echoed by the terminal.
      process.stdin.setRawMode(true);
      let code: number;
      try {
        code = await (await importWithoutCiDetection(() => import('./tui/main.js'))).openWorkshop(globals, flags['allow-context'] ?? [], replayFrom === undefined ? {} : { replayFrom });
      } finally {
        process.stdin.setRawMode(false);
      }
      // The screen is closed and progress saved: leave now, not when a background check (the doctor
      // asking a slow Docker) gives up. Writes to a terminal are synchronous, so nothing is cut short.
      sayStateNotices();
      process.exit(code);
    }
    const { listCommand } = await import('./commands/list.js');
    const code = await listCommand(globals, flags);
    if (flags.plain || process.env.ACCESSIBLE) return (await import('./commands/plain.js')).plainWorkshop(globals, flags);
    // No terminal to draw on (a pipe, CI): the list and how to go on.
    process.stdout.write("\nRun a lesson with 'mesh-workshop run <lesson>' (asks before each step), or unattended with 'mesh-workshop run <lesson> --yes'.\n");
    return code;
  }
  const known = COMMANDS.find(({ names }) => names.includes(command));
  if (!known) throw new UserError(`unknown command '${command}'. Commands: ${COMMANDS.map(({ names }) => names[0]).join(', ')}`);
  return await known.run(globals, flags, rest);
}

/** A folder of recordings for the TUI's replay (`mesh-workshop --replay DIR`): it must be one. */
function replayFolder(dir: string): string {
  const resolved = path.resolve(dir);
  if (!statSync(resolved, { throwIfNoEntry: false })?.isDirectory()) throw new UserError(`--replay ${dir}: not a folder of recordings (verify --record DIR or run LESSON --yes --record DIR writes one)`);
  return resolved;
}

/** State files found unusable and set aside during the command (state-file.ts), said once at its end. */
function sayStateNotices(): void {
  for (const notice of takeStateNotices()) process.stderr.write(`mesh-workshop: ${notice}\n`);
}

/** Entry point: maps errors to messages and exit codes. */
export async function cli(argv: string[]): Promise<void> {
  const debug = argv.includes('--debug');
  watchStdout();
  try {
    const code = await main(argv);
    process.exitCode = stdoutClosed.aborted ? STDOUT_CLOSED_EXIT : code;
    sayStateNotices();
  } catch (error) {
    sayStateNotices();
    if (error instanceof UserError) {
      process.stderr.write(`mesh-workshop: ${error.message}\n`);
      if (debug) process.stderr.write(`${error.stack ?? ''}\n`);
      process.exitCode = error.exitCode;
    } else {
      const message = error instanceof Error ? error.message : String(error);
      process.stderr.write(`mesh-workshop: unexpected error: ${message}\n`);
      process.stderr.write(debug && error instanceof Error ? `${error.stack ?? ''}\n` : 'Run again with --debug to see where it happened.\n');
      process.exitCode = 70;
    }
  }
}
