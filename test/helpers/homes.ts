/**
 * The state directories the suite runs in: a plain one, and one whose path has a space and a non-ASCII
 * letter, as a learner's may (`--home "…/Application Support/mesh-wörkshop"`, an accented user name).
 * Tests that depend on where the state directory is run once for each.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { clusterEnvironment } from '../../src/cluster/step-environment.js';
import { istioRelease, toolsFiles } from '../../src/cluster/toolchain.js';
import { currentPlatform, downloadsFor, PINNED } from '../../src/cluster/versions.js';
import { buildEnvironment } from '../../src/engine/environment.js';
import type { Vars } from '../../src/checks/templating.js';
import { tempDir } from './lessons.js';

export type HomeKind = 'plain' | 'spaced';

/** Both kinds, for `describe.each` / `it.each`. */
export const HOME_KINDS: readonly HomeKind[] = ['plain', 'spaced'];

/** The folders a spaced home ends in. */
export const SPACED_TAIL = path.join('Application Support', 'mesh-wörkshop');

/** A fresh state directory of that kind, not created yet (the workshop makes it); its parent exists. */
export function freshHome(kind: HomeKind): string {
  const base = tempDir('mw-home-');
  return kind === 'plain' ? path.join(base, 'mesh-workshop') : path.join(base, SPACED_TAIL);
}

/** The clusters' API addresses `cluster up` records (what API_SERVER_CLUSTER1 … come from). */
const API_SERVERS = { cluster1: 'https://172.18.0.2:6443', cluster2: 'https://172.18.0.3:6443', cluster3: 'https://172.18.0.4:6443' };

/**
 * A home as far as a step's environment can tell after `cluster up` and `tools install`: the clusters'
 * records, and the Istio release folder and VM package at their places. Those two are empty
 * placeholders, there only so that ISTIO_DIR and ISTIO_SIDECAR_DEB (paths inside the home) are set:
 * nothing runs them, and nothing here says anything about a real Istio release.
 */
export function provisionedHome(kind: HomeKind): string {
  const home = freshHome(kind);
  mkdirSync(istioRelease(home, PINNED.istio), { recursive: true });
  const deb = downloadsFor(currentPlatform()).find((download) => download.tool === 'istio-sidecar.deb');
  if (deb) {
    mkdirSync(toolsFiles(home), { recursive: true });
    writeFileSync(path.join(toolsFiles(home), deb.file), '');
  }
  writeFileSync(path.join(home, 'clusters.json'), JSON.stringify(Object.fromEntries(Object.entries(API_SERVERS).map(([name, apiServer]) => [name, { apiServer, network: 'network1' }]))));
  return home;
}

/** The environment the engine gives a step of the lesson in `lessonDir`, with `vars` captured earlier. */
export function stepEnvironment(home: string, lessonId: string, lessonDir: string, vars: Vars = {}): Record<string, string> {
  return buildEnvironment({ home, lessonDir, lessonTmp: path.join(home, 'tmp', lessonId), workspace: path.join(home, 'work', lessonId), provided: clusterEnvironment(home), vars });
}
