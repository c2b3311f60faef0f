/**
 * `mesh-workshop verify [LESSON…] [--keep] [--optional] [--junit-dir DIR]`, for instructors the night before and
 * for CI: the clusters the lessons need come up, each lesson runs headless in order with its checks
 * (`run --yes --cleanup`, a JUnit file each), a summary table follows, and those clusters go again (unless
 * --keep). No lesson named means every lesson; `npm run test:e2e` is that flow. Without a Docker engine the
 * lessons that need no cluster still run, and the others are reported as not run, with the reason.
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
import { clustersToVerify, selectLessons, verifyRequest } from './verify-plan.js';

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

export async function verifyCommand(globals: GlobalOptions, flags: Flags, rest: readonly string[] = []): Promise<number> {
  // What was asked is read before anything runs, so a misspelt lesson or option is named at once.
  const request = verifyRequest(flags, rest);
  process.env.PATH = stepPath(globals.home);
  const context: ClusterContext = { home: globals.home, clusters: workshopClusters(defaultAssetsDir()), say: (line) => process.stdout.write(`${line}\n`) };
  const { listings } = await currentListing(globals);
  const lessons = selectLessons(listings, request.lessons);
  const clusters = clustersToVerify(lessons, request.optional, context.clusters.map((cluster) => cluster.name));
  const junitDir = request.junitDir ?? path.join(globals.home, 'verify');
  const engine = await dockerEngine();
  if (!engine.reachable) {
    const problem = engine.problem ?? 'docker info failed';
    const why = `needs clusters, and there is no Docker engine (${problem}): 'mesh-workshop doctor' says how to fix this machine`;
    const runnable = lessons.filter((lesson) => lesson.clusters.length === 0);
    if (runnable.length === 0) context.say(`No Docker engine (${problem}): ${lessons.map((lesson) => lesson.id).join(', ')} ${lessons.length === 1 ? 'needs clusters, so it cannot' : 'need clusters, so none can'} run here. 'mesh-workshop doctor' says how to fix this machine.`);
    else context.say(`No Docker engine: only the lessons that need no cluster run${request.optional && runnable.some((lesson) => lesson.optionalClusters.length > 0) ? ' (without the optional steps that need one)' : ''}.`);
    const verdicts: LessonVerdict[] = [];
    for (const lesson of lessons) {
      if (lesson.clusters.length > 0) verdicts.push({ id: lesson.id, result: 'not run', seconds: 0, junit: why });
      else verdicts.push(await verifyLesson(globals, lesson, junitDir, request.optional && lesson.optionalClusters.length === 0, flags.record));
    }
    process.stdout.write(`\n${[...verifySummary(verdicts), ...bundleLines(verdicts)].join('\n')}\n`);
    return verifyExitCode(verdicts);
  }
  // The lessons call the pinned kind, istioctl and kubectl and read the Istio release's samples: fetch what is missing first.
  const missing = clusters.length > 0 || lessons.some((lesson) => lesson.tools.length > 0) ? missingDownloads(globals.home, currentPlatform()) : [];
  if (missing.length > 0) {
    context.say(`fetching the pinned ${missing.map((download) => download.tool).join(', ')} (verified by sha256)`);
    const mirror = flags.mirror ?? process.env.MESH_WORKSHOP_MIRROR;
    await installDownloads(globals.home, missing, mirror ? { mirror } : {});
  }
  // Only the clusters these lessons use: an empty list would mean every cluster to clusterUp and clusterDown.
  if (clusters.length > 0) {
    const images = workshopImages(globals.lessonsDir).inCluster;
    await clusterUp(context, clusters, (cluster) => loadLocalImages(context, cluster, images));
  }
  const verdicts: LessonVerdict[] = [];
  try {
    for (const lesson of lessons) verdicts.push(await verifyLesson(globals, lesson, junitDir, request.optional, flags.record));
  } finally {
    if (!request.keep && clusters.length > 0) await clusterDown(context, clusters);
  }
  process.stdout.write(`\n${[...verifySummary(verdicts), ...bundleLines(verdicts)].join('\n')}\n`);
  return verifyExitCode(verdicts);
}

async function verifyLesson(globals: GlobalOptions, listing: Pick<LessonListing, 'id' | 'title' | 'clusters'>, junitDir: string, optional: boolean, record?: string): Promise<LessonVerdict> {
  process.stdout.write(`\n== ${listing.id}: ${listing.title}\n`);
  const junit = path.join(junitDir, `${listing.id}.xml`);
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
