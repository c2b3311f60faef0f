// Every kubectl command in the lessons (steps, checks, and a task's solution and apply command) uses
// subcommands and flags the real kubectl knows (its --help).
import { describe, expect, it } from 'vitest';
import { loadLessonPack } from '../../src/lesson/load.js';
import { allSteps, stepScripts } from '../../src/lesson/steps.js';
import { HAS_KUBECTL, kubectlUsageProblems } from '../helpers/kubectl-usage.js';

const scripts = loadLessonPack('lessons').lessons.flatMap((loaded) =>
  allSteps(loaded.lesson).flatMap((step) => stepScripts(step).filter((script) => script.includes('kubectl')).map((script) => [`${loaded.lesson.id}/${step.id}`, script] as const)),
);

describe.runIf(HAS_KUBECTL)('kubectl usage', () => {
  it('knows what the real kubectl accepts, and what it does not', () => {
    expect(kubectlUsageProblems('kubectl --context "$CTX_CLUSTER1" -n sample get pods -o jsonpath=\'{.items[*].metadata.name}\' | wc -w')).toEqual([]);
    expect(kubectlUsageProblems('kubectl --context kind-cluster1 rollout status deploy/curl --timeout=120s')).toEqual([]);
    expect(kubectlUsageProblems('kubectl config use-context kind-cluster2')).toEqual([]);
    expect(kubectlUsageProblems('kubectl exec deploy/curl -c curl -- curl -sS --max-time 3 http://helloworld:5000/hello')).toEqual([]);
    expect(kubectlUsageProblems('for c in a b; do kubectl --context $c get ns --show-lables; done')).toEqual(['kubectl get: unknown flag --show-lables']);
    expect(kubectlUsageProblems('echo "$(kubectl gett pods)"')).toEqual(['kubectl gett: not a kubectl command']);
    expect(kubectlUsageProblems('kubectl wait --for=condition=Ready pod -l app=x --timout 60s')).toEqual(['kubectl wait: unknown flag --timout']);
    // kubectl refuses a list here ("rollout status is only supported on individual resources").
    expect(kubectlUsageProblems('kubectl rollout status deployment helloworld-v1 --timeout=60s')).toEqual([]);
    expect(kubectlUsageProblems('kubectl -n sample rollout status deploy/httpbin deploy/curl')).toEqual(['kubectl rollout status: one resource at a time, not deploy/httpbin deploy/curl']);
    // Three levels deep: the flags of `create secret generic`, not of `create secret`.
    expect(kubectlUsageProblems('kubectl -n istio-system create secret generic cacerts --from-file=c1/ca-cert.pem --dry-run=client -o yaml')).toEqual([]);
    expect(kubectlUsageProblems('kubectl -n istio-system create secret generic cacerts --from-fil=c1/ca-cert.pem')).toEqual(['kubectl create secret generic: unknown flag --from-fil']);
  });

  // One test per lesson script that calls kubectl (the cluster lessons bring them).
  describe.runIf(scripts.length > 0)('in the bundled lessons', () => {
    it.each(scripts)('%s', (_where, script) => {
      expect(kubectlUsageProblems(script)).toEqual([]);
    });
  });
});
