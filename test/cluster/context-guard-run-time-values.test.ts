// Safety rule: a context, kubeconfig, API server or kubeconfig entry is let through only when the guard can
// see it is the workshop's. A value only known when the step runs could be any, so it is refused; a loop's
// literal values are checked one by one; and `kubectl config` never switches to another context, whatever
// --context the command itself names. Tracker issue 22.
import { describe, expect, it } from 'vitest';
import { contextRefusal, type GuardPolicy } from '../../src/cluster/context-guard.js';

const KUBECONFIG = '/home/learner/.local/state/mesh-workshop/kubeconfig';
const policy: GuardPolicy = {
  kubeconfig: KUBECONFIG,
  contexts: ['kind-cluster1', 'kind-cluster2', 'kind-cluster3'],
  env: {
    CTX_CLUSTER1: 'kind-cluster1',
    CTX_CLUSTER2: 'kind-cluster2',
    CTX_CLUSTER3: 'kind-cluster3',
    KUBECONFIG,
    HOME: '/home/learner',
    API_SERVER_CLUSTER2: 'https://172.18.0.3:6443',
    LESSON_TMP: '/home/learner/.local/state/mesh-workshop/tmp/one-mesh',
  },
  cwd: '/home/learner/lessons/04-one-mesh',
};
const refusal = (script: string): string | undefined => contextRefusal(script, policy);

describe('a flag whose whole value is only known at run time (issue 22)', () => {
  it.each([
    ['kubectl --kubeconfig="$X" get pods', /sets a kubeconfig that is only known when the step runs \("\$X"\)/],
    ['helm list --kubeconfig="$(mktemp)"', /sets a kubeconfig that is only known when the step runs/],
    ['istioctl -c"$X" proxy-status', /sets a kubeconfig that is only known when the step runs/],
    ['kubectl --server="$URL" get pods', /gives an API server directly \(--server "\$URL"\)/],
    ['kubectl -s"$URL" get pods', /gives an API server directly \(-s "\$URL"\)/],
    ['kubectl --context="$C" get pods', /names a context only known when the step runs \("\$C"\)/],
    ['kubectl --context "$(kubectl config current-context)" get pods', /names a context only known when the step runs/],
    ['helm --kube-context="$C" list', /names a context only known when the step runs/],
    ['istioctl --context "$1" proxy-status', /names a context only known when the step runs \("\$1"\)/],
    ['kubectl --cluster="$C" get pods', /picks a kubeconfig cluster only known when the step runs \(--cluster "\$C"\)/],
    ['kubectl --user "$U" get pods', /picks a kubeconfig user only known when the step runs \(--user "\$U"\)/],
  ])('%s is refused', (script, pattern) => {
    expect(refusal(script)).toMatch(pattern);
  });

  it('says what it could not check, against what, and how to use a cluster of your own', () => {
    expect(refusal('kubectl --context="$C" get pods')).toBe(
      'refused before running: `kubectl --context="$C" get pods` names a context only known when the step runs ("$C"), so it cannot be checked against the workshop\'s (kind-cluster1, kind-cluster2, kind-cluster3). Lessons name clusters as ${CTX_CLUSTER1}, ${CTX_CLUSTER2}; to use a cluster of your own, allow it first: mesh-workshop context allow NAME',
    );
  });

  it("lets through what is provably the workshop's: its role variables, its own kubeconfig, names it can read", () => {
    expect(refusal('kubectl --context="${CTX_CLUSTER1}" get pods')).toBeUndefined();
    expect(refusal('kubectl --context "$CTX_CLUSTER3" get pods')).toBeUndefined();
    expect(refusal('kubectl --kubeconfig="$KUBECONFIG" get pods')).toBeUndefined();
    expect(refusal('kubectl --context "${CTX_CLUSTER2:?run mesh-workshop cluster up}" get pods')).toBeUndefined();
    expect(refusal('kubectl --cluster kind-cluster1 --user kind-cluster1 get pods')).toBeUndefined();
  });

  it("istioctl's --server (an address for a remote secret) and --cluster (an Envoy cluster) connect nowhere", () => {
    expect(refusal('istioctl create-remote-secret --context "$CTX_CLUSTER2" --name=cluster2 --server="${API_SERVER_CLUSTER2:?run mesh-workshop cluster up cluster2}"')).toBeUndefined();
    expect(refusal("istioctl --context \"$CTX_CLUSTER1\" -n sample proxy-config endpoint deploy/curl --cluster 'outbound|5000||helloworld.sample.svc.cluster.local'")).toBeUndefined();
  });

  it('a variable the script does not set may still be set when it runs: its default is not proof', () => {
    expect(refusal('kubectl --context "${CTX:-kind-cluster1}" get pods')).toMatch(/names a context only known when the step runs/);
  });
});

describe("a loop variable's literal values are checked as contexts (issue 22)", () => {
  it('a literal among run-time values is named', () => {
    expect(refusal('for c in prod $(cat x); do kubectl --context "$c" get ns; done')).toMatch(/`kubectl --context "\$c" get ns` names the context 'prod'/);
  });

  it('the run-time values alone are refused too', () => {
    expect(refusal('for c in kind-cluster1 $(cat x); do kubectl --context "$c" get ns; done')).toMatch(/names a context only known when the step runs/);
  });

  it("each literal value of the workshop's passes, in a loop or a list of them", () => {
    expect(refusal('for ctx in "$CTX_CLUSTER1" "$CTX_CLUSTER2" "$CTX_CLUSTER3"; do kubectl --context "$ctx" get ns; done')).toBeUndefined();
  });

  it('an empty value with a default is the default, any other is itself', () => {
    expect(refusal('for c in "" prod; do kubectl --context "${c:-kind-cluster1}" get ns; done')).toMatch(/names the context 'prod'/);
    expect(refusal('for c in "" kind-cluster2; do kubectl --context "${c:-kind-cluster1}" get ns; done')).toBeUndefined();
  });

  it('eval of a loop variable is read for each of its values', () => {
    expect(refusal('for c in kind-cluster1 prod; do eval "kubectl --context $c get ns"; done')).toMatch(/names the context 'prod'/);
  });
});

describe('kubectl config switches only to workshop contexts, whatever --context says (issue 22)', () => {
  it.each([
    'kubectl --context kind-cluster1 config use-context prod',
    'kubectl --context=kind-cluster1 config use-context prod',
    'kubectl -n sample --context "$CTX_CLUSTER1" config use prod',
    'kubectl --context kind-cluster1 config set-context prod --cluster kind-cluster1',
    'kubectl --context kind-cluster1 ctx prod',
  ])('%s is refused', (script) => {
    expect(refusal(script)).toMatch(/names the context 'prod'/);
  });

  it.each([
    ['kubectl --context kind-cluster1 config set-cluster prod --tls-server-name x', 'set-cluster'],
    ['kubectl config set-credentials admin --token=abc', 'set-credentials'],
    ['kubectl config set clusters.kind-cluster1.server https://10.0.0.1:6443', 'set'],
    ['kubectl config unset contexts.kind-cluster1', 'unset'],
    ['kubectl config rename-context kind-cluster1 prod', 'rename-context'],
    ['kubectl config delete-context kind-cluster2', 'delete-context'],
  ])('%s changes the kubeconfig and is refused', (script, verb) => {
    expect(refusal(script)).toBe(
      `refused before running: \`${script}\` changes the workshop kubeconfig (kubectl config ${verb}), which only the workshop changes: a cluster or user added there would escape this check. To use a cluster of your own, allow it first: mesh-workshop context allow NAME`,
    );
  });

  it("lets the workshop's own contexts be used and tuned, and the kubeconfig be read", () => {
    expect(refusal('kubectl config use-context kind-cluster2')).toBeUndefined();
    expect(refusal('kubectl config set-context kind-cluster1 --namespace sample')).toBeUndefined();
    expect(refusal('kubectl config set-context --current --namespace sample')).toBeUndefined();
    expect(refusal('kubectl config view --raw --minify --context "$CTX_CLUSTER1"')).toBeUndefined();
    expect(refusal('kubectl config get-contexts -o name')).toBeUndefined();
    expect(refusal('kubectl create configmap config --from-literal=use-context=prod')).toBeUndefined();
  });
});

describe('KUBECONFIG taken away: kubectl would read your own ~/.kube/config', () => {
  it.each([
    ['unset KUBECONFIG', /`unset KUBECONFIG` takes KUBECONFIG away from the commands after it/],
    ['export -n KUBECONFIG', /takes KUBECONFIG away/],
    ['declare +x KUBECONFIG', /takes KUBECONFIG away/],
    ['KUBECONFIG= kubectl get ns', /sets KUBECONFIG empty, so it would fall back to your own kubeconfig \(~\/\.kube\/config\)/],
    ['export KUBECONFIG=:', /sets KUBECONFIG empty/],
    ['KUBECONFIG+=:~/.kube/config kubectl get ns', /points at the kubeconfig \/home\/learner\/\.kube\/config/],
  ])('%s is refused', (script, pattern) => {
    expect(refusal(script)).toMatch(pattern);
  });

  it('helm reads its context and API server from the environment too', () => {
    expect(refusal('HELM_KUBECONTEXT=prod helm list')).toMatch(/names the context 'prod'/);
    expect(refusal('export HELM_KUBEAPISERVER=https://10.0.0.1:6443')).toMatch(/gives an API server directly \(HELM_KUBEAPISERVER\)/);
    expect(refusal('HELM_KUBECONTEXT=kind-cluster1 helm list')).toBeUndefined();
  });

  it('unsetting a function or another variable is fine', () => {
    expect(refusal('unset -f KUBECONFIG')).toBeUndefined();
    expect(refusal('unset MARK')).toBeUndefined();
  });
});
