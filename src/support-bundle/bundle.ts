/**
 * A support bundle: one .tar.gz a learner attaches to a question. It holds the versions of the tools, the
 * doctor's findings, the lesson's last run (step logs, events, progress), the diagnosis, the workshop
 * kubeconfig and, per cluster, pods, services, events, Istio resources, proxy-status and istiod's log;
 * SUMMARY.txt and manifest.json say what each source gave or why it gave nothing. Every file is redacted
 * (redact.ts) on its way in, and checked again: one that still looks like it holds a secret is withheld.
 *
 *   mesh-workshop-report-<lesson>-<UTC time>/
 *     SUMMARY.txt              what is here, what failed and why, what was redacted
 *     manifest.json            the same, for scripts
 *     versions.txt             node, kubectl, istioctl, kind, docker: each one's own version command
 *     doctor.json              `mesh-workshop doctor --json`
 *     doctor-facts.json        what the doctor judged (docker info, tools, limits, disk, ports)
 *     diagnosis.json           the diagnosis of the lesson's failure, when there is one
 *     kubeconfig.yaml          the workshop kubeconfig, its credentials redacted
 *     lesson/progress.json     the lesson's steps (passed, failed …) and captured values
 *     lesson/last-run/…        the last run's NN-step.log files (and events, when the run kept them)
 *     clusters/<role>/…        pods.txt, pods.yaml, services.yaml, events.txt, istio-resources.yaml,
 *                              proxy-status.txt, istiod.log
 */
import { writeFileAtomic } from '../files/atomic-file.js';
import path from 'node:path';
import { doctorFindings, gatherFacts } from '../cluster/doctor.js';
import { leaks, redactFile, type RedactionCounts } from './redact.js';
import { DEFAULT_LIMITS, defaultRunner, gatherClusters, gatherJson, gatherKubeconfig, gatherLessonFiles, gatherVersions, lastRunDir, type BundleFile, type CommandRunner, type Gathered, type SourceLimits, type SourceRecord } from './sources.js';
import { tarGz, type ArchiveEntry } from './tar-gz.js';

export type { CommandRunner, SourceLimits, SourceRecord } from './sources.js';

/** What the diagnosis is asked about. */
export interface DiagnosisRequest {
  home: string;
  lessonsDir: string;
  lessonId: string;
  /** The lesson's last run folder (logs/<lesson>/<stamp>/), when it has one. */
  runDir?: string;
}

/**
 * The seam for the failure diagnosis (src/diagnosis): facts and causes for a lesson, as JSON-ready data.
 * The caller passes it; without one the bundle records that there was no diagnosis to include.
 */
export type Diagnose = (request: DiagnosisRequest) => unknown;

export interface SupportBundleOptions {
  home: string;
  lessonsDir: string;
  lesson: { id: string; title?: string; clusters: readonly string[] };
  /** The .tar.gz to write (replaced if it exists). */
  output: string;
  workshopVersion: string;
  diagnose?: Diagnose;
  /** The doctor's findings and the facts behind them; the real doctor when absent. */
  doctor?: () => Promise<{ findings: unknown; facts?: unknown }>;
  run?: CommandRunner;
  limits?: Partial<SourceLimits>;
  /** The learner's own KUBECONFIG from when the workshop started (the context guard refuses it). */
  learnerKubeconfig?: string;
  now?: Date;
  /** One line for each source as it finishes (the command prints them on stderr). */
  progress?(line: string): void;
}

export interface SupportBundle {
  file: string;
  bytes: number;
  /** The archive's file names, in order. */
  entries: string[];
  sources: SourceRecord[];
  /** What redaction replaced, per file. */
  redactions: Record<string, RedactionCounts>;
  /** Files left out because they still looked like they held a secret after redaction. */
  withheld: { file: string; why: string[] }[];
}

/** `mesh-workshop-report-<lesson>-20260102-030405`: the bundle's folder, and its file without `.tar.gz`. */
export function bundleBaseName(lessonId: string, now: Date): string {
  const stamp = now.toISOString().replace(/\.\d+Z$/, '').replace(/[-:]/g, '').replace('T', '-');
  return `mesh-workshop-report-${lessonId.replace(/[^A-Za-z0-9_.-]/g, '_')}-${stamp}`;
}

/** Bytes in words: `812 B`, `23.4 KiB`, `1.2 MiB`. */
export function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

async function realDoctor(home: string): Promise<{ findings: unknown; facts: unknown }> {
  const facts = await gatherFacts(home);
  return { findings: doctorFindings(facts), facts };
}

/** A source that threw (a bug, a file that vanished) is recorded as failed, and the others are kept. */
async function safely(what: string, gather: () => Promise<Gathered> | Gathered): Promise<Gathered> {
  try {
    return await gather();
  } catch (error) {
    return { files: [], sources: [{ what, status: 'failed', why: error instanceof Error ? error.message : String(error) }] };
  }
}

function merge(parts: readonly Gathered[]): Gathered {
  return { files: parts.flatMap((part) => part.files), sources: parts.flatMap((part) => part.sources) };
}

const STATUS_MARK: Record<SourceRecord['status'], string> = { ok: 'ok', failed: 'FAILED', 'timed out': 'TIMED OUT', missing: 'missing', refused: 'REFUSED', skipped: 'skipped' };

function summaryText(options: SupportBundleOptions, now: Date, sources: readonly SourceRecord[], redactions: Record<string, RedactionCounts>, withheld: SupportBundle['withheld']): string {
  const width = Math.max(...sources.map((source) => source.what.length), 10);
  const redacted = Object.entries(redactions).filter(([, counts]) => Object.keys(counts).length > 0);
  return [
    `mesh-workshop ${options.workshopVersion} support bundle for the lesson '${options.lesson.id}'${options.lesson.title ? ` (${options.lesson.title})` : ''}`,
    `made ${now.toISOString()}`,
    '',
    'Sources (a failed one says why; its file, when there is one, keeps what it printed):',
    ...sources.map((source) => `  ${STATUS_MARK[source.status].padEnd(9)}  ${source.what.padEnd(width)}  ${source.file ?? '-'}${source.why ? `\n  ${' '.repeat(9)}  why: ${source.why}` : ''}`),
    '',
    'Redacted before packing (each value replaced by [REDACTED:<kind>]):',
    ...(redacted.length > 0 ? redacted.map(([file, counts]) => `  ${file}: ${Object.entries(counts).map(([kind, count]) => `${count} ${kind}`).join(', ')}`) : ['  nothing was found to redact']),
    ...(withheld.length > 0 ? ['', 'Left out (still looked like a secret after redaction):', ...withheld.map((item) => `  ${item.file}: ${item.why.join(', ')}`)] : []),
    '',
    'Redacted: private keys, tokens (bearer, JWT, token fields), kubeconfig credentials, Secret data and',
    'Authorization headers. Kept: certificates (public), names, addresses, logs. Read it before you share it.',
    '',
  ].join('\n');
}

/** Gathers every source, redacts every file, writes the archive. Throws only when the archive cannot be written. */
export async function writeSupportBundle(options: SupportBundleOptions): Promise<SupportBundle> {
  const now = options.now ?? new Date();
  const limits: SourceLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const context = { home: options.home, run: options.run ?? defaultRunner, limits, ...(options.learnerKubeconfig ? { learnerKubeconfig: options.learnerKubeconfig } : {}) };
  const say = (part: Gathered): Gathered => {
    for (const source of part.sources) options.progress?.(`${STATUS_MARK[source.status].padEnd(9)} ${source.what}${source.why ? `: ${source.why}` : ''}`);
    return part;
  };
  const runDir = lastRunDir(options.home, options.lesson.id);
  const diagnose = options.diagnose;
  const doctor = options.doctor ?? (() => realDoctor(options.home));
  const parts = await Promise.all([
    safely('versions', () => gatherVersions(context, options.workshopVersion)).then(say),
    safely('doctor', async () => {
      const outcome = await gatherJson('doctor', 'doctor.json', doctor, limits.doctor);
      // doctor.json is what `doctor --json` prints; the facts behind it go beside it.
      const files = outcome.files.flatMap((file): BundleFile[] => {
        const { findings, facts } = JSON.parse(file.text) as { findings: unknown; facts?: unknown };
        return [{ name: 'doctor.json', text: `${JSON.stringify(findings, null, 2)}\n` }, ...(facts === undefined ? [] : [{ name: 'doctor-facts.json', text: `${JSON.stringify(facts, null, 2)}\n` }])];
      });
      return { files, sources: outcome.sources };
    }).then(say),
    safely('the last run and progress', () => gatherLessonFiles(options.home, options.lesson.id)).then(say),
    diagnose
      ? gatherJson('diagnosis', 'diagnosis.json', () => diagnose({ home: options.home, lessonsDir: options.lessonsDir, lessonId: options.lesson.id, ...(runDir ? { runDir } : {}) }), limits.diagnosis).then(say)
      : Promise.resolve(say({ files: [], sources: [{ what: 'diagnosis', status: 'skipped', why: 'this workshop gave the bundle no diagnosis to include' }] })),
    safely('the workshop kubeconfig', () => gatherKubeconfig(options.home)).then(say),
    safely('clusters', () => gatherClusters(context, options.lesson.clusters)).then(say),
  ]);
  const gathered = merge(parts);

  const base = bundleBaseName(options.lesson.id, now);
  const redactions: Record<string, RedactionCounts> = {};
  const withheld: SupportBundle['withheld'] = [];
  const entries: ArchiveEntry[] = [];
  // The one way into the archive: redacted, then checked for what redaction should have caught.
  const pack = (file: BundleFile): void => {
    const redacted = redactFile(file.name, file.text);
    if (Object.keys(redacted.found).length > 0) redactions[file.name] = redacted.found;
    const left = leaks(redacted.text);
    const text = left.length === 0 ? redacted.text : `This file was left out of the bundle: after redaction it still looked like it held ${left.join(', ')}.\n`;
    if (left.length > 0) withheld.push({ file: file.name, why: left });
    entries.push({ name: `${base}/${file.name}`, data: text, mtime: file.mtime ?? now });
  };
  for (const file of gathered.files) pack(file);
  const manifest = {
    workshop: options.workshopVersion,
    made: now.toISOString(),
    lesson: options.lesson,
    sources: gathered.sources,
    redactions,
    withheld,
  };
  // The summary and manifest carry commands' messages: they go through the same door, first in the archive.
  const files = entries.splice(0);
  pack({ name: 'SUMMARY.txt', text: summaryText(options, now, gathered.sources, redactions, withheld) });
  pack({ name: 'manifest.json', text: `${JSON.stringify(manifest, null, 2)}\n` });
  entries.push(...files);

  const bytes = tarGz(entries, now);
  writeFileAtomic(options.output, bytes);
  return { file: path.resolve(options.output), bytes: bytes.length, entries: entries.map((entry) => entry.name), sources: gathered.sources, redactions, withheld };
}
