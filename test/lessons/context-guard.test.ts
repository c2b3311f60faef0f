// Every script of every bundled lesson passes the context guard as the engine applies it: the workshop's
// kubeconfig and contexts, the environment a step gets. A lesson the guard refuses would stop at that step.
// Run in a plain state directory and in one whose path has a space and a non-ASCII letter.
import { describe, expect, it } from 'vitest';
import { contextRefusal } from '../../src/cluster/context-guard.js';
import { allowedContexts, workshopKubeconfig } from '../../src/cluster/kubeconfig.js';
import { loadLessonPack } from '../../src/lesson/load.js';
import { allSteps, stepScripts } from '../../src/lesson/steps.js';
import { HOME_KINDS, provisionedHome, stepEnvironment } from '../helpers/homes.js';

const lessons = loadLessonPack('lessons').lessons;
// A value captured by an earlier step (the ingress address).
const VARS = { INGRESS_HOST: '172.18.0.5' };

describe.each(HOME_KINDS)('the context guard on every lesson script (%s home)', (kind) => {
  // What the cluster layer gives a step once the clusters are up and the Istio release is fetched.
  const home = provisionedHome(kind);
  const policy = (lessonId: string, dir: string) => ({ kubeconfig: workshopKubeconfig(home), contexts: allowedContexts(home), env: stepEnvironment(home, lessonId, dir, VARS), cwd: dir });
  const scripts = lessons.flatMap((loaded) =>
    allSteps(loaded.lesson).flatMap((step) => stepScripts(step).map((script) => [`${loaded.lesson.id}/${step.id}`, script, loaded.lesson.id, loaded.dir] as const)),
  );

  it('has the set-up the engine gives: the role contexts, and ISTIO_DIR and KUBECONFIG inside this home', () => {
    expect(allowedContexts(home)).toEqual(['kind-cluster1', 'kind-cluster2', 'kind-cluster3']);
    const env = stepEnvironment(home, 'one-mesh', '/');
    expect(env.ISTIO_DIR?.startsWith(home)).toBe(true);
    expect(env.KUBECONFIG).toBe(workshopKubeconfig(home));
    expect(env.API_SERVER_CLUSTER2).toBe('https://172.18.0.3:6443');
  });
  it('refuses a foreign context in the same set-up (so passing below means something)', () => {
    expect(contextRefusal('kubectl --context gke_prod get pods', policy('tour', '/'))).toMatch(/^refused before running: /);
    expect(contextRefusal('kubectl --kubeconfig "$HOME/.kube/config" get pods', policy('tour', '/'))).toMatch(/^refused before running: /);
  });
  it.each(scripts)('%s', (_name, script, lessonId, dir) => {
    expect(contextRefusal(script, policy(lessonId, dir))).toBeUndefined();
  });
});
