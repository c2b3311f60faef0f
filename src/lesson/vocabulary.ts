/**
 * The names of the lesson format that a run needs (reserved variables, check kinds), apart from the schema:
 * a run reads lessons already validated (src/lesson/pack-cache.ts) and so never loads zod. The schema
 * (schema.ts) builds on these and a test holds the two to the same list.
 */

/** The file that makes a folder of a pack a lesson. */
export const LESSON_FILE = 'lesson.yaml';

/** Variables a lesson may not set: the workshop sets them, and the safety rules depend on them. */
export const RESERVED_VARIABLES: readonly string[] = ['KUBECONFIG', 'MESH_WORKSHOP', 'MESH_WORKSHOP_HOME', 'LESSON_DIR', 'LESSON_TMP', 'WORKSPACE', 'ISTIO_DIR', 'ISTIO_SIDECAR_DEB', 'ISTIO_VERSION'];

/** Variables that name a pinned download, and the download (`mesh-workshop tools install <name>`) that provides each. */
export const DOWNLOAD_VARIABLES: Readonly<Record<string, string>> = { ISTIO_DIR: 'istio-release', ISTIO_SIDECAR_DEB: 'istio-sidecar.deb' };

/**
 * The check kinds, each named by the field that holds it. A jsonpath check may also hold equals, matches or
 * contains: callers read it as jsonpath before asking its kind.
 */
export const CHECK_KIND_NAMES = ['exitCode', 'contains', 'notContains', 'equals', 'matches', 'lines', 'elided', 'like', 'jsonpath', 'distribution'] as const;
export type CheckKind = (typeof CHECK_KIND_NAMES)[number];

/** Which kind a validated check is. */
export function checkKind(check: object): CheckKind {
  for (const kind of CHECK_KIND_NAMES) if (kind in check) return kind;
  throw new Error('check without a kind'); // unreachable after validation
}
