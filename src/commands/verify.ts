/**
 * `mesh-workshop verify [--keep] [--optional]`, for instructors the night before: the clusters come up, every lesson runs
 * headless in order with its checks (`run --yes --cleanup`, a JUnit file each), a summary table follows,
 * and the clusters go again (unless --keep). `npm run test:e2e` is this same flow.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { UserError } from '../errors.js';
import { dockerEngine } from '../cluster/docker-engine.js';
import { workshopImages } from '../cluster/images.js';
import { clusterDown, clusterUp, loadLocalImages, type ClusterContext } from '../cluster/kind-clusters.js';
import { installDownloads, missingDownloads, stepPath } from '../cluster/toolchain.js';
import { currentPlatform } from '../cluster/versions.js';
import { workshopClusters } from '../cluster/topology.js';
import { defaultAssetsDir } from '../paths.js';
import { currentListing } from './list.js';
import type { Flags, GlobalOptions } from './options.js';

interface LessonVerdict {
  id: string;
  passed: boolean;
  seconds: number;
  junit: string;
}

/** The `run` a lesson gets under verify: unattended, cleaned up after, with a JUnit file; --optional adds the variants. */
export function headlessRunArgs(globals: Pick<GlobalOptions, 'lessonsDir' | 'home'>, id: string, junit: string, optional: boolean): string[] {
  return ['run', id, '--yes', '--cleanup', ...(optional ? ['--optional'] : []), '--junit-file', junit, '--lessons', globals.lessonsDir, '--home', globals.home];
}

function runLessonHeadless(globals: GlobalOptions, id: string, junit: string, optional: boolean): Promise<number> {
  const cli = process.argv[1] ?? 'mesh-workshop';
  const child = spawn(process.execPath, [cli, ...headlessRunArgs(globals, id, junit, optional)], { stdio: 'inherit' });
  return new Promise((resolve) => child.on('close', (code) => resolve(code ?? 1)));
}

export function verifySummary(verdicts: readonly LessonVerdict[]): string[] {
  const width = Math.max(6, ...verdicts.map((verdict) => verdict.id.length));
  return [
    `${'lesson'.padEnd(width)}  result  time    JUnit`,
    ...verdicts.map((verdict) => `${verdict.id.padEnd(width)}  ${verdict.passed ? '✓ pass' : '✗ FAIL'}  ${`${Math.round(verdict.seconds)}s`.padEnd(6)}  ${verdict.junit}`),
    '',
    verdicts.every((verdict) => verdict.passed) ? `All ${verdicts.length} lessons pass on this machine.` : `${verdicts.filter((verdict) => !verdict.passed).length} of ${verdicts.length} lessons failed; their JUnit files and logs say where.`,
  ];
}

export async function verifyCommand(globals: GlobalOptions, flags: Flags): Promise<number> {
  process.env.PATH = stepPath(globals.home);
  const engine = await dockerEngine();
  if (!engine.reachable) throw new UserError(`verify needs a Docker engine, and there is none (${engine.problem ?? 'docker info failed'}); 'mesh-workshop doctor' says how to fix this machine`);
  const context: ClusterContext = { home: globals.home, clusters: workshopClusters(defaultAssetsDir()), say: (line) => process.stdout.write(`${line}\n`) };
  // The lessons call the pinned kind, istioctl and kubectl and read the Istio release's samples: fetch what is missing first.
  const missing = missingDownloads(globals.home, currentPlatform());
  if (missing.length > 0) {
    context.say(`fetching the pinned ${missing.map((download) => download.tool).join(', ')} (verified by sha256)`);
    const mirror = flags.mirror ?? process.env.MESH_WORKSHOP_MIRROR;
    await installDownloads(globals.home, missing, mirror ? { mirror } : {});
  }
  const images = workshopImages(globals.lessonsDir).inCluster;
  await clusterUp(context, [], (cluster) => loadLocalImages(context, cluster, images));
  const verdicts: LessonVerdict[] = [];
  try {
    for (const listing of (await currentListing(globals)).listings) {
      process.stdout.write(`\n== ${listing.id}: ${listing.title}\n`);
      const junit = path.join(globals.home, 'verify', `${listing.id}.xml`);
      const started = performance.now();
      const code = await runLessonHeadless(globals, listing.id, junit, flags.optional === true);
      verdicts.push({ id: listing.id, passed: code === 0, seconds: (performance.now() - started) / 1000, junit });
    }
  } finally {
    if (!flags.keep) await clusterDown(context, []);
  }
  process.stdout.write(`\n${verifySummary(verdicts).join('\n')}\n`);
  return verdicts.every((verdict) => verdict.passed) ? 0 : 1;
}
