/** The context guard as a learner's step meets it: the workshop's kubeconfig, its two kind contexts, a lesson folder. */
import { contextRefusal, type GuardPolicy } from '../../src/cluster/context-guard.js';

export const LEARNER_KUBECONFIG = '/home/learner/.local/state/mesh-workshop/kubeconfig';

export const learnerPolicy: GuardPolicy = {
  kubeconfig: LEARNER_KUBECONFIG,
  contexts: ['kind-cluster1', 'kind-cluster2'],
  env: { CTX_CLUSTER1: 'kind-cluster1', KUBECONFIG: LEARNER_KUBECONFIG, HOME: '/home/learner' },
  cwd: '/home/learner/lessons/04-one-mesh',
};

/** Why the guard refuses a script under that policy, or undefined when it lets it run. */
export const refusal = (script: string): string | undefined => contextRefusal(script, learnerPolicy);
