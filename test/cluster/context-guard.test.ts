// The context guard against a corpus of command lines, allowed and refused, each verdict asserted.
import { describe, expect, it } from 'vitest';
import { contextRefusal, type GuardPolicy } from '../../src/cluster/context-guard.js';

const KUBECONFIG = '/home/learner/.local/state/mesh-workshop/kubeconfig';
const policy: GuardPolicy = {
  kubeconfig: KUBECONFIG,
  contexts: ['kind-cluster1', 'kind-cluster2', 'kind-cluster3'],
  env: { CTX_CLUSTER1: 'kind-cluster1', CTX_CLUSTER2: 'kind-cluster2', KUBECONFIG, HOME: '/home/learner', INGRESS_IP: '172.18.255.200', PROD: 'gke_acme_prod', LESSON_TMP: '/home/learner/.local/state/mesh-workshop/tmp/one-mesh' },
  cwd: '/home/learner/lessons/02-one-mesh',
};

// Each: the command line, and a pattern the refusal must match (undefined: it must be allowed).
const CORPUS: [string, RegExp | undefined][] = [
  // Allowed: the workshop's own clusters, by role variable or by name, in every spelling.
  ['kubectl get pods -A', undefined],
  ['kubectl --context="${CTX_CLUSTER1}" -n sample get pods', undefined],
  ['kubectl --context=$CTX_CLUSTER2 get svc', undefined],
  ["kubectl --context 'kind-cluster1' get ns", undefined],
  ['kubectl get pods --context kind-cluster3 -o json | jq .items[0]', undefined],
  ['for c in $CTX_CLUSTER1 $CTX_CLUSTER2; do kubectl --context $c create ns sample; done', undefined],
  ['istioctl install --context="${CTX_CLUSTER1}" -y -f cluster1.yaml', undefined],
  ['istioctl create-remote-secret --context="${CTX_CLUSTER1}" --name=cluster1 --server=https://172.18.0.2:6443 | kubectl apply -f - --context="${CTX_CLUSTER2}"', undefined],
  ['KUBECONFIG=$KUBECONFIG kubectl get nodes', undefined],
  [`kind create cluster --config cluster1.kind.yaml --kubeconfig ${KUBECONFIG}`, undefined],
  ['kubectl --context "$CTX_CLUSTER1" exec deploy/curl -- sh -c "kubectl --context prod get pods"', undefined],
  ['SVC2=$(kubectl --context $CTX_CLUSTER2 -n sample get svc helloworld -o jsonpath={.spec.clusterIP})', undefined],
  ['helm install istiod istio/istiod -n istio-system --kube-context kind-cluster1', undefined],
  ['bash -c "kubectl --context ${CTX_CLUSTER1} get pods"', undefined],
  ["curl -s http://$INGRESS_IP/hello # kubectl --context prod get pods", undefined],
  ['kubectl get pods 2>&1 | grep -c Running && echo ok', undefined],
  ['for ctx in "$CTX_CLUSTER1" "$CTX_CLUSTER2"; do\n  ctx_ns=sample\n  kubectl --context "$ctx" -n "$ctx_ns" get pods\ndone', undefined],
  ['cat <<EOF | kubectl apply --context kind-cluster1 -f -\napiVersion: v1\nkind: Namespace\nmetadata: {name: sample}\nEOF', undefined],
  ['kubectl config use-context kind-cluster2', undefined],
  ['timeout 30 kubectl --context kind-cluster1 rollout status deploy/curl', undefined],

  // Refused: another context, by name, variable, flag spelling, or hidden inside something else.
  ['kubectl --context prod get pods', /names the context 'prod', which is not one of the workshop's \(kind-cluster1, kind-cluster2, kind-cluster3\)/],
  ['kubectl get pods --context=gke_acme_prod', /'gke_acme_prod'/],
  ['kubectl --context "$PROD" delete ns sample', /'gke_acme_prod'/],
  ['kubectl config use-context docker-desktop', /'docker-desktop'.*mesh-workshop context allow docker-desktop/],
  ['istioctl proxy-status --context arn:aws:eks:eu-west-1:1:cluster/x', /'arn:aws:eks:eu-west-1:1:cluster\/x'/],
  ['helm list --kube-context minikube', /'minikube'/],
  ['kubectl get ns && kubectl --context prod get ns', /'prod'/],
  ['kubectl get ns || kubectl --context prod get ns', /'prod'/],
  ['kubectl get ns; kubectl --context prod get ns', /'prod'/],
  ['echo hi | kubectl --context prod apply -f -', /'prod'/],
  ['kubectl get ns\nkubectl --context prod get ns', /'prod'/],
  ["bash -c 'kubectl --context prod get ns'", /'prod'/],
  ["sh -ec \"bash -c 'kubectl --context prod get ns'\"", /'prod'/],
  ['echo "$(kubectl --context prod get ns)"', /'prod'/],
  ['echo `kubectl --context prod get ns`', /'prod'/],
  ['diff <(kubectl --context prod get ns) <(kubectl get ns)', /'prod'/],
  ['for c in kind-cluster1 prod; do kubectl --context $c get ns; done', /'prod'/],
  ['C=kind-cluster1\nif false; then :\nelif C=prod; false; then :\nelse kubectl --context "$C" get ns\nfi', /'prod'/],
  ['eval "kubectl --context prod get ns"', /'prod'/],
  ['sudo -E env FOO=1 timeout -s KILL 30 kubectl --context prod get ns', /'prod'/],
  ['bash <<EOF\nkubectl --context prod get ns\nEOF', /'prod'/],
  ['kubectl get ns 2>&1 --context prod', /'prod'/],

  // Refused: any other kubeconfig, or an API server given directly.
  ['KUBECONFIG=~/.kube/config kubectl get pods', /points at the kubeconfig \/home\/learner\/\.kube\/config, not the workshop's own/],
  ['export KUBECONFIG=$HOME/.kube/config\nkubectl get pods', /\/home\/learner\/\.kube\/config/],
  ['kubectl --kubeconfig ~/.kube/config get pods', /\/home\/learner\/\.kube\/config/],
  ['kubectl get pods --kubeconfig=/etc/rancher/k3s/k3s.yaml', /\/etc\/rancher\/k3s\/k3s\.yaml/],
  [`KUBECONFIG=${KUBECONFIG}:/home/learner/.kube/config kubectl get pods`, /\/home\/learner\/\.kube\/config/],
  ['istioctl -c ~/.kube/config proxy-status', /\/home\/learner\/\.kube\/config/],
  ['kind get clusters --kubeconfig ./other', /other, not the workshop's own/],
  ['KUBECONFIG=$(mktemp) kubectl get pods', /only known when the step runs/],
  ['kubectl --server https://10.0.0.1:6443 --token abc get pods', /gives an API server directly \(--server/],
  ['kubectl -s https://10.0.0.1:6443 get pods', /gives an API server directly \(-s/],
  ['CMD="kubectl --context prod get ns"; bash -c "$CMD"', /'prod'|only known when the step runs/],
  ['bash -c "$(curl -s https://example.com/script.sh)"', /runs a script only known when the step runs/],

  // Refused: a context, kubeconfig or API server only known when the step runs could be any.
  ['while read ctx; do kubectl --context "$ctx" get ns; done < contexts.txt', /names a context only known when the step runs \("\$ctx"\)/],
  ['ctx=kind-cluster1; read -s ctx; kubectl --context "$ctx" get ns', /names a context only known when the step runs \("\$ctx"\)/],
  ['kubectl --kubeconfig="$OTHER" get pods', /sets a kubeconfig that is only known when the step runs \("\$OTHER"\)/],
  ['kubectl --server="$URL" get pods', /gives an API server directly \(--server "\$URL"\)/],

  // Refused: the learner's own kubeconfig, read by any command, and the workshop's written by one.
  ['cp ~/.kube/config "$LESSON_TMP/kubeconfig"', /uses your own kubeconfig \(\/home\/learner\/\.kube\/config\)/],
  ['cat other.yaml > "$KUBECONFIG"', /writes into the workshop kubeconfig/],
];

describe('contextRefusal', () => {
  it('has a corpus of at least 30 command lines, both verdicts well represented', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(30);
    expect(CORPUS.filter(([, refused]) => refused).length).toBeGreaterThanOrEqual(20);
    expect(CORPUS.filter(([, refused]) => !refused).length).toBeGreaterThanOrEqual(15);
  });

  it.each(CORPUS)('%s', (script, refused) => {
    const verdict = contextRefusal(script, policy);
    if (refused === undefined) expect(verdict).toBeUndefined();
    else {
      expect(verdict).toMatch(/^refused before running: /);
      expect(verdict).toMatch(refused);
    }
  });

  it('names the command it refused, so the learner sees where', () => {
    expect(contextRefusal('kubectl get ns && kubectl --context prod get ns', policy)).toMatch(/^refused before running: `kubectl --context prod get ns` names the context 'prod'/);
  });
});
