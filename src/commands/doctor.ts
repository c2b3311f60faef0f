/** `mesh-workshop doctor [--json]`: what this machine lacks for the lessons, each with a fix. */
import { doctorFindings, doctorLines, gatherFacts } from '../cluster/doctor.js';
import { stepPath } from '../cluster/toolchain.js';
import type { Flags, GlobalOptions } from './options.js';

export async function doctorCommand(globals: GlobalOptions, flags: Flags): Promise<number> {
  process.env.PATH = stepPath(globals.home);
  const findings = doctorFindings(await gatherFacts(globals.home));
  if (flags.json) process.stdout.write(`${JSON.stringify(findings, null, 2)}\n`);
  else process.stdout.write(`${doctorLines(findings).join('\n')}\n`);
  return findings.some((finding) => finding.severity === 'fail') ? 1 : 0;
}
