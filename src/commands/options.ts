/** The command line's options, parsed with node:util (no dependency, nothing to load at start-up). */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UserError } from '../errors.js';

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
  'no-setup': { type: 'boolean' },
  cleanup: { type: 'boolean' },
  plain: { type: 'boolean' },
  kubeconfig: { type: 'string' },
  as: { type: 'string' },
  mirror: { type: 'string' },
  save: { type: 'string' },
  load: { type: 'string' },
  keep: { type: 'boolean' },
  'allow-context': { type: 'string', multiple: true },
} satisfies ParseArgsConfig['options'];

export interface GlobalOptions {
  lessonsDir: string;
  home: string;
  debug: boolean;
}

export type Flags = ReturnType<typeof parseFlags>['values'];

export function parseFlags(argv: string[]) {
  try {
    return parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UserError(`${(error as Error).message.replace(/\. To specify a positional argument.*$/s, '')}\nRun 'mesh-workshop --help' for the commands and options.`);
  }
}

