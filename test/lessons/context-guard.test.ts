// Every script of every bundled lesson passes the context guard as the engine applies it: the workshop's
// kubeconfig and contexts, the variables a step gets. A lesson the guard refuses would stop at that step.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contextRefusal } from '../../src/cluster/context-guard.js';
import { loadLessonPack } from '../../src/lesson/load.js';
import { allSteps, stepScripts } from '../../src/lesson/steps.js';

const HOME = '/home/learner/.local/state/mesh-workshop';
const KUBECONFIG = path.join(HOME, 'kubeconfig');
const CONTEXTS = ['kind-cluster1', 'kind-cluster2', 'kind-cluster3'];
// What clusterEnvironment gives a step once the clusters are up and the Istio release is fetched.
const ENV = {
  KUBECONFIG,
  CTX_CLUSTER1: 'kind-cluster1',
  CTX_CLUSTER2: 'kind-cluster2',
  CTX_CLUSTER3: 'kind-cluster3',
  API_SERVER_CLUSTER1: 'https://172.18.0.2:6443',
  API_SERVER_CLUSTER2: 'https://172.18.0.3:6443',
  API_SERVER_CLUSTER3: 'https://172.18.0.4:6443',
  ISTIO_DIR: path.join(HOME, 'cache', 'tools', 'istio-1.31.1'),
  LESSON_TMP: path.join(HOME, 'tmp', 'lesson'),
  INGRESS_HOST: '172.18.0.5',
};

const scripts = loadLessonPack('lessons').lessons.flatMap((loaded) =>
  allSteps(loaded.lesson).flatMap((step) => stepScripts(step).map((script) => [`${loaded.lesson.id}/${step.id}`, script, loaded.dir] as const)),
);

describe('the context guard on every lesson script', () => {
  it('refuses a foreign context in the same set-up (so passing below means something)', () => {
    expect(contextRefusal('kubectl --context gke_prod get pods', { kubeconfig: KUBECONFIG, contexts: CONTEXTS, env: ENV, cwd: '/' })).toMatch(/^refused before running: /);
  });
  it.each(scripts)('%s', (_name, script, dir) => {
    expect(contextRefusal(script, { kubeconfig: KUBECONFIG, contexts: CONTEXTS, env: ENV, cwd: dir })).toBeUndefined();
  });
});
