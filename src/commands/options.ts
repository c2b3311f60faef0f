/** The command line's options, parsed with node:util (no dependency, nothing to load at start-up). */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UserError } from '../errors.js';
import type { ClassroomJoin } from '../classroom/join-details.js';

export const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
  debug: { type: 'boolean' },
  lessons: { type: 'string' },
  home: { type: 'string' },
  json: { type: 'boolean' },
  strict: { type: 'boolean' },
  yes: { type: 'boolean', short: 'y' },
  from: { type: 'string' },
  to: { type: 'string' },
  reporter: { type: 'string' },
  'junit-file': { type: 'string' },
  'junit-dir': { type: 'string' },
  'no-setup': { type: 'boolean' },
  cleanup: { type: 'boolean' },
  optional: { type: 'boolean' },
  plain: { type: 'boolean' },
  kubeconfig: { type: 'string' },
  as: { type: 'string' },
  mirror: { type: 'string' },
  save: { type: 'string' },
  load: { type: 'string' },
  keep: { type: 'boolean' },
  'allow-context': { type: 'string', multiple: true },
  // recordings, replay and presenting
  record: { type: 'string' },
  replay: { type: 'string' },
  typing: { type: 'string' },
  notes: { type: 'boolean' },
  speed: { type: 'string' },
  // istioctl's proxy-config and proxy-status flags.
  file: { type: 'string', short: 'f' },
  output: { type: 'string', short: 'o' },
  name: { type: 'string' },
  port: { type: 'string' },
  fqdn: { type: 'string' },
  subset: { type: 'string' },
  direction: { type: 'string' },
  address: { type: 'string' },
  type: { type: 'string' },
  cluster: { type: 'string' },
  status: { type: 'string' },
  verbose: { type: 'boolean' },
  'no-verbose': { type: 'boolean' },
  'with-headers': { type: 'boolean' },
  before: { type: 'string' },
  after: { type: 'string' },
  namespace: { type: 'string', short: 'n' },
  verbosity: { type: 'string' },
  legacy: { type: 'boolean' },
  // classroom: serve, and joining one
  host: { type: 'string' },
  data: { type: 'string' },
  'stuck-after': { type: 'string' },
  classroom: { type: 'string' },
  down: { type: 'boolean' },
  code: { type: 'string' },
  // diagram
  list: { type: 'boolean' },
  width: { type: 'string' },
  ascii: { type: 'boolean' },
  highlight: { type: 'string' },
} satisfies ParseArgsConfig['options'];

export interface GlobalOptions {
  lessonsDir: string;
  home: string;
  debug: boolean;
  /** The classroom joined with --classroom URL --code CODE --name NAME, if any. */
  classroom?: ClassroomJoin;
}

export type Flags = ReturnType<typeof parseFlags>['values'];

export function parseFlags(argv: string[]) {
  // istioctl spells it --verbose=false; node's parser takes no value for a switch.
  const args = argv.map((arg) => (arg === '--verbose=false' ? '--no-verbose' : arg === '--verbose=true' ? '--verbose' : arg));
  try {
    return parseArgs({ args, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UserError(`${(error as Error).message.replace(/\. To specify a positional argument.*$/s, '')}\nRun 'mesh-workshop --help' for the commands and options.`);
  }
}


/** --classroom, --code and --name, all three or none (a learner joins a classroom only when asked to). */
export async function classroomJoinOf(flags: Flags): Promise<ClassroomJoin | undefined> {
  if (flags.classroom === undefined && flags.code === undefined) return undefined;
  if (flags.classroom === undefined || flags.code === undefined || flags.name === undefined) {
    throw new UserError('to join a classroom give all three: --classroom URL --code CODE --name NAME (from the instructor\'s screen)');
  }
  const { checkedJoin } = await import('../classroom/join-details.js');
  const join = checkedJoin(flags.classroom, flags.code, flags.name);
  if (typeof join === 'string') throw new UserError(join);
  return join;
}
