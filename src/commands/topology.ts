/** `mesh-workshop topology [--width N] [--ascii]`: the workshop's clusters as they are now, drawn. */
import { UserError } from '../errors.js';
import { readClusterReports } from '../cluster/topology-report.js';
import { topologyFromReports } from '../diagrams/topology.js';
import { localeIsUtf8, renderDiagram } from '../views/diagram.js';
import type { Flags, GlobalOptions } from './options.js';

export async function topologyCommand(globals: GlobalOptions, flags: Flags): Promise<number> {
  const reports = await readClusterReports(globals.home);
  const width = flags.width === undefined ? (process.stdout.isTTY ? process.stdout.columns : 100) : Number(flags.width);
  if (!Number.isInteger(width) || width < 30) throw new UserError(`--width ${flags.width ?? ''}: a number of columns, 30 or more`);
  process.stdout.write(`${renderDiagram(topologyFromReports(reports), { width, ascii: flags.ascii === true || !localeIsUtf8(process.env) }).join('\n')}\n`);
  return 0;
}
