/** What `list` shows of a lesson: its id, title, time and what it needs. */
import { parseDuration } from './duration.js';
import type { LoadedLesson } from './load.js';
import type { Step } from './schema.js';
import { allSteps, stepScripts } from './steps.js';

export interface LessonListing {
  id: string;
  title: string;
  summary: string;
  estimate: string;
  estimateMinutes: number;
  requires: string[];
  clusters: string[];
  /** Clusters only its optional steps use, beyond `clusters` (what `verify --optional` brings up for them). */
  optionalClusters: string[];
  tools: string[];
  steps: number;
  /** The lesson's own steps (not setup, cleanup or optional ones): the ones that count towards done. */
  stepIds: string[];
  folder: string;
}

export function listingOf(loaded: LoadedLesson): LessonListing {
  const { lesson } = loaded;
  return {
    id: lesson.id,
    title: lesson.title,
    summary: lesson.summary,
    estimate: typeof lesson.estimate === 'number' ? `${lesson.estimate}s` : lesson.estimate,
    estimateMinutes: Math.round(parseDuration(lesson.estimate) / 60_000),
    requires: lesson.requires ?? [],
    clusters: lesson.clusters ?? [],
    optionalClusters: rolesNamed(allSteps(lesson).filter((step) => step.optional === true)).filter((role) => !(lesson.clusters ?? []).includes(role)),
    tools: lesson.tools ?? [],
    steps: lesson.steps.length,
    stepIds: lesson.steps.filter((step) => step.optional !== true).map((step) => step.id),
    folder: loaded.dir,
  };
}


/** A role's context or API address as steps write it: `$CTX_CLUSTER1`, `${API_SERVER_CLUSTER2}`. */
const ROLE_REFERENCE = /\$\{?(?:CTX|API_SERVER)_(CLUSTER\d+)\b/g;

/** The cluster roles the steps' scripts name, in the order cluster1, cluster2 …, each once. */
export function rolesNamed(steps: readonly Step[]): string[] {
  const roles = new Set(steps.flatMap((step) => stepScripts(step).flatMap((script) => [...script.matchAll(ROLE_REFERENCE)].map((match) => (match[1] ?? '').toLowerCase()))));
  return [...roles].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}
