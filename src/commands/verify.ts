/**
 * `mesh-workshop verify [--keep] [--optional]`, for instructors the night before: the clusters come up, every lesson runs
 * headless in order with its checks (`run --yes --cleanup`, a JUnit file each), a summary table follows,
 * and the clusters go again (unless --keep). `npm run test:e2e` is this same flow. Without a Docker engine
 * the lessons that need no cluster still run, and the others are reported as not run, with the reason.
 * A lesson that fails leaves a support bundle beside its JUnit file (`<lesson>-report.tar.gz`, what
 * `mesh-workshop report` writes), read before the clusters go.
 * Exit 0: every lesson ran and passed; 1: one failed; 3: none failed, but some could not run here.
 */
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { dockerEngine } from '../cluster/docker-engine.js';
import { workshopImages } from '../cluster/images.js';
import { clusterDown, clusterUp, loadLocalImages, type ClusterContext } from '../cluster/kind-clusters.js';
import { installDownloads, missingDownloads, stepPath } from '../cluster/toolchain.js';
import { currentPlatform } from '../cluster/versions.js';
import { workshopClusters } from '../cluster/topology.js';
import { defaultAssetsDir } from '../paths.js';
import type { LessonListing } from '../lesson/listing.js';
import { currentListing } from './list.js';
import type { Flags, GlobalOptions } from './options.js';

interface LessonVerdict {
  id: string;
  result: 'pass' | 'fail' | 'not run';
  seconds: number;
  /** The JUnit file, or why the lesson did not run. */
  junit: string;
  /** A failed lesson's support bundle, beside its JUnit file (or why there is none). */
  bundle?: { file: string } | { problem: string };
}

/** Verify's exit code when nothing failed but some lessons could not run on this machine. */
export const VERIFY_INCOMPLETE = 3;

/**
 * The `run` a lesson gets under verify: unattended, cleaned up after, with a JUnit file; --optional adds the
 * variants, --record DIR the lesson's recording in DIR.
 */
export function headlessRunArgs(globals: Pick<GlobalOptions, 'lessonsDir' | 'home'>, id: string, junit: string, optional: boolean, record?: string): string[] {
  return ['run', id, '--yes', '--cleanup', ...(optional ? ['--optional'] : []), '--junit-file', junit, ...(record === undefined ? [] : ['--record', path.resolve(record)]), '--lessons', globals.lessonsDir, '--home', globals.home];
}

function runLessonHeadless(globals: GlobalOptions, id: string, junit: string, optional: boolean, record?: string): Promise<number> {
  const cli = process.argv[1] ?? 'mesh-workshop';
  const child = spawn(process.execPath, [cli, ...headlessRunArgs(globals, id, junit, optional, record)], { stdio: 'inherit' });
  return new Promise((resolve) => child.on('close', (code) => resolve(code ?? 1)));
}

const RESULT_TEXT = { pass: '✓ pass', fail: '✗ FAIL', 'not run': '- not run' } as const;

export function verifySummary(verdicts: readonly LessonVerdict[]): string[] {
  const width = Math.max(6, ...verdicts.map((verdict) => verdict.id.length));
  const failed = verdicts.filter((verdict) => verdict.result === 'fail').length;
  const notRun = verdicts.filter((verdict) => verdict.result === 'not run').length;
  const ran = verdicts.length - notRun;
  const verdict =
    failed > 0
      ? `${failed} of the ${ran} lessons that ran failed; their JUnit files and logs say where.`
      : notRun > 0
        ? `${ran} of ${verdicts.length} lessons ran and passed; ${notRun} could not run on this machine (see why above).`
        : `All ${verdicts.length} lessons pass on this machine.`;
  return [
    `${'lesson'.padEnd(width)}  result     time    JUnit, or why not run`,
    ...verdicts.map((verdict) => `${verdict.id.padEnd(width)}  ${RESULT_TEXT[verdict.result].padEnd(9)}  ${(verdict.result === 'not run' ? '-' : `${Math.round(verdict.seconds)}s`).padEnd(6)}  ${verdict.junit}`),
    '',
    verdict,
  ];
}

/** After the summary: each failed lesson's support bundle, to attach to a report of the failure. */
export function bundleLines(verdicts: readonly LessonVerdict[]): string[] {
  const lines = verdicts.flatMap((verdict) => {
    if (!verdict.bundle) return [];
    return 'file' in verdict.bundle ? [`  ${verdict.id}: ${verdict.bundle.file}`] : [`  ${verdict.id}: none (${verdict.bundle.problem})`];
  });
  return lines.length === 0 ? [] : ['', "Support bundles of the failed lessons (versions, logs, what the clusters held; secrets redacted). Look inside before sharing: tar -tzf FILE", ...lines];
}

/** The exit code for a summary: failures first, then lessons that could not run. */
export function verifyExitCode(verdicts: readonly LessonVerdict[]): number {
  if (verdicts.some((verdict) => verdict.result === 'fail')) return 1;
  return verdicts.some((verdict) => verdict.result === 'not run') ? VERIFY_INCOMPLETE : 0;
}

export async function verifyCommand(globals: GlobalOptions, flags: Flags): Promise<number> {
  process.env.PATH = stepPath(globals.home);
  const engine = await dockerEngine();
  const context: ClusterContext = { home: globals.home, clusters: workshopClusters(defaultAssetsDir()), say: (line) => process.stdout.write(`${line}\n`) };
  const { listings } = await currentListing(globals);
  if (!engine.reachable) {
    const why = `needs clusters, and there is no Docker engine (${engine.problem ?? 'docker info failed'}): 'mesh-workshop doctor' says how to fix this machine`;
    context.say(`No Docker engine: only the lessons that need no cluster run${flags.optional ? ' (without their optional steps, which need one)' : ''}.`);
    const verdicts: LessonVerdict[] = [];
    for (const listing of listings) {
      if (listing.clusters.length > 0) verdicts.push({ id: listing.id, result: 'not run', seconds: 0, junit: why });
      else verdicts.push(await verifyLesson(globals, listing, false, flags.record));
    }
    process.stdout.write(`\n${[...verifySummary(verdicts), ...bundleLines(verdicts)].join('\n')}\n`);
    return verifyExitCode(verdicts);
  }
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
    for (const listing of listings) verdicts.push(await verifyLesson(globals, listing, flags.optional === true, flags.record));
  } finally {
    if (!flags.keep) await clusterDown(context, []);
  }
  process.stdout.write(`\n${[...verifySummary(verdicts), ...bundleLines(verdicts)].join('\n')}\n`);
  return verifyExitCode(verdicts);
}

async function verifyLesson(globals: GlobalOptions, listing: Pick<LessonListing, 'id' | 'title' | 'clusters'>, optional: boolean, record?: string): Promise<LessonVerdict> {
  process.stdout.write(`\n== ${listing.id}: ${listing.title}\n`);
  const junit = path.join(globals.home, 'verify', `${listing.id}.xml`);
  // The folder for the JUnit file and, should the lesson fail, its support bundle beside it.
  mkdirSync(path.dirname(junit), { recursive: true });
  const started = performance.now();
  const code = await runLessonHeadless(globals, listing.id, junit, optional, record);
  const verdict: LessonVerdict = { id: listing.id, result: code === 0 ? 'pass' : 'fail', seconds: (performance.now() - started) / 1000, junit };
  // Read while the clusters are still up, as they were when the lesson failed.
  return code === 0 ? verdict : { ...verdict, bundle: await failureBundle(globals, listing, junit) };
}

/** A failed lesson's support bundle, `<lesson>-report.tar.gz` beside its JUnit file. */
export function bundleFileFor(junit: string, lessonId: string): string {
  return path.join(path.dirname(junit), `${lessonId}-report.tar.gz`);
}

async function failureBundle(globals: GlobalOptions, listing: Pick<LessonListing, 'id' | 'title' | 'clusters'>, junit: string): Promise<{ file: string } | { problem: string }> {
  const output = bundleFileFor(junit, listing.id);
  try {
    const { writeSupportBundle } = await import('../support-bundle/bundle.js');
    const { bundleDiagnosis, workshopVersion } = await import('./report.js');
    const bundle = await writeSupportBundle({
      home: globals.home,
      lessonsDir: globals.lessonsDir,
      lesson: { id: listing.id, title: listing.title, clusters: listing.clusters },
      output,
      workshopVersion: workshopVersion(),
      diagnose: bundleDiagnosis(),
      ...(process.env.KUBECONFIG ? { learnerKubeconfig: process.env.KUBECONFIG } : {}),
    });
    process.stdout.write(`support bundle: ${bundle.file}\n`);
    return { file: bundle.file };
  } catch (error) {
    const problem = (error as Error).message;
    process.stdout.write(`no support bundle for ${listing.id}: ${problem}\n`);
    return { problem };
  }
}
