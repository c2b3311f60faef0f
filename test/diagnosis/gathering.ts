/**
 * The diagnosis tests' way to a cluster: the fixtures of test/fixtures/diagnosis served by a loopback API
 * server (test/helpers/fake-kube-api.ts), read by the real kubectl through the real gatherer. Its PATH
 * holds kubectl only (a link to the machine's), so docker and istioctl are missing the same way on every
 * machine: the engine is "not installed", istioctl a missing tool.
 */
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findOnPath } from '../../src/cluster/tools.js';
import { gatherFacts, type GatherOptions } from '../../src/diagnosis/gather.js';
import type { DiagnosisFacts } from '../../src/diagnosis/facts.js';
import { startFakeKubeApi, writeKubeconfig, type FakeClusterObjects, type FakeKubeApi } from '../helpers/fake-kube-api.js';
import { tempDir } from '../helpers/lessons.js';

export const KUBECTL = findOnPath('kubectl');
const FIXTURES = fileURLToPath(new URL('../fixtures/diagnosis', import.meta.url));

/** A fixture file's text (kube/… as the API returns it, istioctl/… as istioctl prints it). */
export function fixture(relative: string): string {
  return readFileSync(path.join(FIXTURES, relative), 'utf8');
}

/** A folder for PATH with the given programs linked in (kubectl: the machine's) and the named scripts written. */
export function binDir(scripts: Readonly<Record<string, string>> = {}): string {
  const dir = path.join(tempDir('mw-diag-bin-'), 'bin');
  mkdirSync(dir, { recursive: true });
  if (KUBECTL) symlinkSync(KUBECTL, path.join(dir, 'kubectl'));
  for (const [name, text] of Object.entries(scripts)) {
    const file = path.join(dir, name);
    // Written, not linked: a script of the test's own (a command that hangs).
    writeFileSync(file, text, { mode: 0o755 });
  }
  return dir;
}

export interface Gathered {
  facts: DiagnosisFacts;
  api: FakeKubeApi;
  home: string;
}

/** Serves `objects` as kind-cluster1's API and gathers the facts for `namespaces` (istio-system added). */
export async function gatherFrom(objects: FakeClusterObjects, options: Partial<GatherOptions> & { namespaces?: string[]; bin?: string } = {}): Promise<Gathered> {
  const api = await startFakeKubeApi(objects);
  const home = tempDir('mw-diag-home-');
  const kubeconfig = path.join(home, 'kubeconfig');
  writeKubeconfig(kubeconfig, { 'kind-cluster1': api.url });
  try {
    const facts = await gatherFacts({
      lessonId: 'test',
      clusters: [{ role: 'cluster1', context: 'kind-cluster1' }],
      expectsSidecar: false,
      env: { KUBECONFIG: kubeconfig, PATH: options.bin ?? binDir(), HOME: home },
      cwd: home,
      allowedContexts: ['kind-cluster1'],
      kubeconfigContexts: ['kind-cluster1'],
      platform: 'linux',
      ...options,
      namespaces: [...(options.namespaces ?? ['sample']), 'istio-system'],
    });
    return { facts, api, home };
  } finally {
    await api.close();
  }
}
