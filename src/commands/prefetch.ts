/**
 * `mesh-workshop prefetch [--save FILE.tar | --load FILE.tar]`: pull every image the lessons need once, so a
 * room with a bad network pulls nothing more; an instructor can hand the room one file.
 */
import { UserError } from '../errors.js';
import { requireDockerEngine } from '../cluster/docker-engine.js';
import { runTool } from '../cluster/exec.js';
import { workshopImages } from '../cluster/images.js';
import type { Flags, GlobalOptions } from './options.js';

async function docker(args: string[], what: string): Promise<void> {
  const result = await runTool('docker', args, { onLine: (line) => process.stderr.write(`  ${line}\n`) });
  if (result.missing) throw new UserError('docker is not installed; see mesh-workshop doctor');
  if (result.code !== 0) throw new UserError(`${what} failed: docker ${args.join(' ')}\n${result.stderr.trim().split('\n').slice(-3).join('\n')}`);
}

export async function prefetchCommand(globals: GlobalOptions, flags: Flags): Promise<number> {
  await requireDockerEngine();
  if (flags.load) {
    await docker(['load', '-i', flags.load], `loading ${flags.load}`);
    process.stdout.write(`Loaded the images in ${flags.load}; 'mesh-workshop cluster up' puts them into the clusters.\n`);
    return 0;
  }
  const images = workshopImages(globals.lessonsDir);
  const all = [...images.beside, ...images.inCluster];
  for (const image of all) {
    process.stdout.write(`pulling ${image}\n`);
    await docker(['pull', image], `pulling ${image}`);
  }
  if (flags.save) {
    await docker(['save', '-o', flags.save, ...all], `saving to ${flags.save}`);
    process.stdout.write(`Saved ${all.length} images to ${flags.save}; on each machine: mesh-workshop prefetch --load ${flags.save}\n`);
  } else process.stdout.write(`Pulled ${all.length} images; 'mesh-workshop cluster up' loads them into the clusters.\n`);
  return 0;
}
