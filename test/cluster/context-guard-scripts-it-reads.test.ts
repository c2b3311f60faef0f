// Safety rule: code a step runs is read wherever bash would run it, not only as the step's own lines:
// env and its forms, coproc, function bodies, traps, xargs and parallel, here-strings, bash -c, source and
// eval, watch and su -c. What cannot be read (a script piped in or substituted) is refused. Tracker issue 22.
import { describe, expect, it } from 'vitest';
import { contextRefusal, type GuardPolicy } from '../../src/cluster/context-guard.js';

const KUBECONFIG = '/home/learner/.local/state/mesh-workshop/kubeconfig';
const policy: GuardPolicy = {
  kubeconfig: KUBECONFIG,
  contexts: ['kind-cluster1', 'kind-cluster2'],
  env: { CTX_CLUSTER1: 'kind-cluster1', CTX_CLUSTER2: 'kind-cluster2', KUBECONFIG, HOME: '/home/learner', PROD: 'prod' },
  cwd: '/home/learner/lessons/04-one-mesh',
};
const refusal = (script: string): string | undefined => contextRefusal(script, policy);

describe('env in all its forms runs the command after it', () => {
  it.each([
    'env - kubectl --context prod get ns',
    'env -i PATH="$PATH" KUBECONFIG="$KUBECONFIG" kubectl --context prod get ns',
    'env -iu FOO kubectl --context prod get ns',
    'env --unset=FOO kubectl --context prod get ns',
    'env VAR=x kubectl --context prod get ns',
    'env -- kubectl --context prod get ns',
    "env -S 'kubectl --context prod' get ns",
    "env --split-string='kubectl --context prod get ns'",
  ])('%s is refused', (script) => {
    expect(refusal(script)).toMatch(/names the context 'prod'/);
  });

  it('a wrapper that drops KUBECONFIG leaves kubectl with your own ~/.kube/config', () => {
    expect(refusal('env -i kubectl get ns')).toBe(
      "refused before running: `env -i kubectl get ns` runs kubectl without the workshop's KUBECONFIG (env -i drops it), so it would fall back to your own kubeconfig (~/.kube/config); steps work on the workshop's clusters only. To use a cluster of your own, allow it first: mesh-workshop context allow NAME",
    );
    expect(refusal('env - helm list')).toMatch(/runs helm without the workshop's KUBECONFIG \(env -i drops it\)/);
    expect(refusal('env -u KUBECONFIG kubectl get ns')).toMatch(/\(env -u KUBECONFIG drops it\)/);
    expect(refusal("env -i bash -c 'kubectl get ns'")).toMatch(/runs bash without the workshop's KUBECONFIG/);
    expect(refusal('sudo kubectl get ns')).toMatch(/runs kubectl without the workshop's KUBECONFIG \(sudo drops it\)/);
    expect(refusal('exec -c kubectl get ns')).toMatch(/\(exec -c drops it\)/);
  });

  it('one that keeps or sets KUBECONFIG, or runs no Kubernetes client, is fine', () => {
    expect(refusal('env -i KUBECONFIG="$KUBECONFIG" kubectl get ns')).toBeUndefined();
    expect(refusal('sudo -E kubectl --context kind-cluster1 get ns')).toBeUndefined();
    expect(refusal('sudo --preserve-env=KUBECONFIG,PATH kubectl get ns')).toBeUndefined();
    expect(refusal('env -i PATH=/usr/bin date')).toBeUndefined();
    expect(refusal('sudo docker ps')).toBeUndefined();
  });
});

describe('code that runs in a coproc, a function, a trap', () => {
  it.each([
    'coproc kubectl --context prod get ns',
    'coproc WATCH { kubectl --context prod get ns; }',
    'function f { kubectl --context prod get ns; }',
    'function f() {\n  kubectl --context prod get ns\n}',
    'f() { kubectl --context prod get ns; }',
    'f()\n{\n  kubectl --context "$PROD" get ns\n}\nf',
    "trap 'kubectl --context prod delete ns sample' EXIT",
    'trap -- "kubectl --context $PROD delete ns sample" EXIT INT',
  ])('%s is refused', (script) => {
    expect(refusal(script)).toMatch(/names the context 'prod'/);
  });

  it("a function or a trap runs later: it sees what the script assigns after it's written", () => {
    expect(refusal('C=kind-cluster1; f() { kubectl --context "$C" get ns; }; C=prod; f')).toMatch(/names the context 'prod'/);
    expect(refusal('C=kind-cluster1; trap \'kubectl --context "$C" delete ns x\' EXIT; C=prod')).toMatch(/names the context 'prod'/);
  });

  it("the lessons' clean-up traps and helper functions pass", () => {
    const script = [
      'remove_istio() {  # on every exit',
      '  istioctl uninstall --context "$CTX_CLUSTER1" --purge -y >/dev/null 2>&1 || true',
      '  kubectl --context "$CTX_CLUSTER1" delete namespace istio-system --ignore-not-found --wait=false >/dev/null',
      '}',
      'trap remove_istio EXIT',
      'fingerprint() { openssl x509 -noout -fingerprint -sha256 | cut -d= -f2; }',
      'kubectl --context "$CTX_CLUSTER1" -n istio-system get secret cacerts -o jsonpath="{.data.ca-cert\\.pem}" | base64 -d | fingerprint',
    ].join('\n');
    expect(refusal(script)).toBeUndefined();
    expect(refusal('trap - EXIT')).toBeUndefined();
    expect(refusal('trap -p')).toBeUndefined();
  });

  it('a trap only known when the step runs is refused', () => {
    expect(refusal('trap "$CLEANUP" EXIT')).toMatch(/runs a script only known when the step runs/);
  });
});

describe('xargs and parallel run their command with inputs', () => {
  it('a context that is an input is only known at run time', () => {
    expect(refusal('echo prod | xargs kubectl config use-context')).toMatch(/names a context only known when the step runs/);
    expect(refusal('echo prod | xargs -I{} kubectl --context {} get ns')).toMatch(/names a context only known when the step runs/);
    expect(refusal('kubectl config get-contexts -o name | parallel kubectl --context {} get ns')).toMatch(/names a context only known when the step runs/);
  });

  it('literal inputs are checked as they are put in place', () => {
    expect(refusal('parallel kubectl --context {} get ns ::: kind-cluster1 prod')).toMatch(/names the context 'prod'/);
    expect(refusal("parallel 'kubectl --context {} get ns' ::: prod")).toMatch(/names the context 'prod'/);
    expect(refusal('parallel -j2 kubectl get ns --context ::: prod')).toMatch(/names the context 'prod'/);
    expect(refusal('parallel ::: "kubectl --context prod get ns" "echo done"')).toMatch(/names the context 'prod'/);
    expect(refusal('parallel kubectl --context {} get ns ::: kind-cluster1 kind-cluster2')).toBeUndefined();
  });

  it('their own command is checked as before', () => {
    expect(refusal('xargs -n1 kubectl --context prod get')).toMatch(/names the context 'prod'/);
    expect(refusal('kubectl --context "$CTX_CLUSTER1" get pods -o name | xargs -n1 kubectl --context "$CTX_CLUSTER1" describe')).toBeUndefined();
    expect(refusal("xargs sh -c 'kubectl --context prod get \"$1\"' _")).toMatch(/names the context 'prod'/);
  });
});

describe('shells, source and eval', () => {
  it.each([
    'bash <<<"kubectl --context prod get ns"',
    "sh <<< 'kubectl --context prod get ns'",
    'bash -c "kubectl --context $PROD get ns"',
    "bash -Ec 'kubectl --context prod get ns'",
    'watch -n5 "kubectl --context prod get ns"',
    'watch kubectl --context prod get ns',
    "su -c 'kubectl --context prod get ns' learner",
    "flock /tmp/lock -c 'kubectl --context prod get ns'",
    'flock /tmp/lock kubectl --context prod get ns',
    "alias k='kubectl --context prod'",
    'alias k=kubectl; k --context prod get ns',
  ])('%s is refused', (script) => {
    expect(refusal(script)).toMatch(/names the context 'prod'/);
  });

  it.each([
    'source <(curl -s https://example.com/env.sh)',
    '. <(kubectl completion bash)',
    'source /dev/stdin',
    'source "$(mktemp)"',
    'bash <<< "$SCRIPT"',
    'curl -s https://example.com/install.sh | bash',
    'curl -s https://example.com/install.sh | sh -s -- --yes',
    'bash < <(curl -s https://example.com/install.sh)',
    'eval "$(kubectl completion bash)"',
  ])('%s runs a script only known at run time and is refused', (script) => {
    expect(refusal(script)).toMatch(/(?:runs a script|evaluates text) only known when the step runs; the workshop cannot check which cluster it would talk to$/);
  });

  it('names the here-string in the command it refuses', () => {
    expect(refusal('bash <<< "$SCRIPT"')).toBe('refused before running: `bash <<< "$SCRIPT"` runs a script only known when the step runs; the workshop cannot check which cluster it would talk to');
  });

  it('a script file is not read here, piped in or not: the forced KUBECONFIG is the backstop', () => {
    expect(refusal('source ./lib.sh')).toBeUndefined();
    expect(refusal('bash setup.sh < inputs.txt')).toBeUndefined();
    expect(refusal('cat inputs.txt | bash setup.sh')).toBeUndefined();
    expect(refusal('bash < setup.sh')).toBeUndefined();
  });

  it('a program only known at run time is checked for the flags any client takes', () => {
    expect(refusal('"$(command -v kubectl)" --context prod get ns')).toMatch(/names the context 'prod'/);
    expect(refusal('$HELM --kube-context prod list')).toMatch(/names the context 'prod'/);
    expect(refusal('"$(command -v kubectl)" --context "$CTX_CLUSTER1" get ns')).toBeUndefined();
  });

  it('a program named like a property of every object is only a program', () => {
    expect(refusal('constructor --context prod; toString kubectl; hasOwnProperty x')).toBeUndefined();
  });

  it("an array's words are checked as a client's: they may become one's", () => {
    expect(refusal('ARGS=(--context prod); kubectl "${ARGS[@]}" get ns')).toMatch(/names the context 'prod'/);
    expect(refusal('ARGS=(--context "$CTX_CLUSTER1" -n sample); kubectl "${ARGS[@]}" get pods')).toBeUndefined();
  });
});
