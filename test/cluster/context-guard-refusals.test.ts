// Safety rule: a step that names any other context, another kubeconfig, or an API server directly is refused
// before it runs. Each line below is a script a lesson (or a learner's typo) could hold, with its verdict.
import { describe, expect, it } from 'vitest';
import { contextRefusal, type GuardPolicy } from '../../src/cluster/context-guard.js';

const KUBECONFIG = '/home/learner/.local/state/mesh-workshop/kubeconfig';
const policy: GuardPolicy = {
  kubeconfig: KUBECONFIG,
  contexts: ['kind-cluster1', 'kind-cluster2'],
  env: { CTX_CLUSTER1: 'kind-cluster1', CTX_CLUSTER2: 'kind-cluster2', KUBECONFIG, HOME: '/home/learner', PROD: 'prod', EMPTY: '' },
  cwd: '/home/learner/.local/state/mesh-workshop',
};
const refusal = (script: string): string | undefined => contextRefusal(script, policy);

describe('API servers given directly', () => {
  it.each([
    'helm install istiod istio/istiod --kube-apiserver https://10.0.0.1:6443',
    'helm list --kube-apiserver=https://10.0.0.1:6443',
    'oc --server=https://api.prod:6443 get pods',
    'kubectl --server=https://10.0.0.1:6443 get pods',
  ])('the context guard refuses %s', (script) => {
    expect(refusal(script)).toMatch(/^refused before running: `.+` gives an API server directly \(--(?:kube-apiserver|server)/);
  });

  it('names helm\'s flag and says how steps reach clusters', () => {
    expect(refusal('helm list --kube-apiserver https://10.0.0.1:6443')).toBe(
      'refused before running: `helm list --kube-apiserver https://10.0.0.1:6443` gives an API server directly (--kube-apiserver https://10.0.0.1:6443); steps reach clusters only through the workshop kubeconfig',
    );
    expect(refusal('kubectl -s https://x get ns')).toBe('refused before running: `kubectl -s https://x get ns` gives an API server directly (-s https://x); steps reach clusters only through the workshop kubeconfig');
  });
});

describe('contexts named by other tools', () => {
  it('the context guard refuses kubectx to another context, and allows the workshop\'s', () => {
    expect(refusal('kubectx prod')).toMatch(/^refused before running: `kubectx prod` names the context 'prod', which is not one of the workshop's \(kind-cluster1, kind-cluster2\)/);
    expect(refusal('kubectx "$PROD"')).toMatch(/names the context 'prod'/);
    expect(refusal('kubectx kind-cluster2')).toBeUndefined();
    expect(refusal('kubectx -c')).toBeUndefined();
    expect(refusal('kubectx')).toBeUndefined();
  });

  it.each([
    ['oc --context prod get pods', /'prod'/],
    ['istioctl --context=prod proxy-status', /'prod'/],
    ['helm --kube-context=prod list', /'prod'/],
    ['kubectl config use-context prod', /'prod'/],
    ['/usr/local/bin/kubectl --context prod get ns', /'prod'/],
  ])('%s is refused', (script, pattern) => {
    expect(refusal(script)).toMatch(pattern);
  });

  it('tells the learner how to allow a cluster of their own', () => {
    expect(refusal('kubectl --context prod get ns')).toContain('to use a cluster of your own, allow it first: mesh-workshop context allow prod');
  });

  it('refuses a context only known at run time: only a name it can read is one it can check', () => {
    expect(refusal('kubectl --context "$(cat current-context)" get ns')).toMatch(/names a context only known when the step runs \("\$\(cat current-context\)"\)/);
    expect(refusal('kubectl config use-context "$NEXT"')).toMatch(/names a context only known when the step runs \("\$NEXT"\)/);
    expect(refusal('kubectl config use-context')).toBeUndefined();
  });
});

describe('other kubeconfigs', () => {
  it.each([
    ['helm list --kubeconfig /etc/rancher/k3s/k3s.yaml', /points at the kubeconfig \/etc\/rancher\/k3s\/k3s\.yaml, not the workshop's own \(\/home\/learner\/\.local\/state\/mesh-workshop\/kubeconfig\)/],
    ['istioctl --kubeconfig=$HOME/.kube/config proxy-status', /\/home\/learner\/\.kube\/config/],
    ['declare -x KUBECONFIG=~/.kube/config', /\/home\/learner\/\.kube\/config/],
    ['readonly KUBECONFIG=/tmp/other', /\/tmp\/other/],
    ['local KUBECONFIG=/tmp/other', /\/tmp\/other/],
    ['KUBECONFIG=/tmp/other', /\/tmp\/other/],
    ['FOO=1 KUBECONFIG=/tmp/other kubectl get ns', /\/tmp\/other/],
    ['env KUBECONFIG=/tmp/other kubectl get ns', /\/tmp\/other/],
    ['KUBECONFIG=$KUBECONFIG:~/.kube/config kubectl get ns', /\/home\/learner\/\.kube\/config/],
  ])('%s is refused', (script, pattern) => {
    expect(refusal(script)).toMatch(pattern);
  });

  it('refuses a kubeconfig read from a process substitution', () => {
    expect(refusal('kubectl --kubeconfig <(cat other) get ns')).toMatch(/only known when the step runs/);
  });

  it('refuses a kubeconfig known only at run time: it could lead anywhere', () => {
    expect(refusal('kubectl --kubeconfig "$OTHER" get ns')).toMatch(/sets a kubeconfig that is only known when the step runs \("\$OTHER"\); steps use the workshop's own kubeconfig, already in \$KUBECONFIG$/);
    expect(refusal('istioctl -c "$OTHER" proxy-status')).toMatch(/only known when the step runs/);
  });

  it("allows the workshop's own kubeconfig, however it is spelled", () => {
    expect(refusal('kubectl --kubeconfig ./kubeconfig get ns')).toBeUndefined();
    expect(refusal('istioctl -c kubeconfig proxy-status')).toBeUndefined();
    expect(refusal(`KUBECONFIG=:${KUBECONFIG}: kubectl get ns`)).toBeUndefined();
    expect(refusal('export KUBECONFIG="$KUBECONFIG"')).toBeUndefined();
    expect(refusal('KUBECONFIG=~/.local/state/mesh-workshop/kubeconfig kubectl get ns')).toBeUndefined();
  });

  it('reads flags up to --, not the arguments of a command run elsewhere', () => {
    expect(refusal('kubectl --context kind-cluster1 exec deploy/curl -- kubectl --context prod get ns')).toBeUndefined();
    expect(refusal('kubectl exec deploy/curl -- curl --kubeconfig /x')).toBeUndefined();
  });
});

describe('commands run by other commands', () => {
  it.each([
    'env -u FOO kubectl --context prod get ns',
    'env -C /tmp kubectl --context prod get ns',
    'command kubectl --context prod get ns',
    'exec kubectl --context prod get ns',
    'exec -a name kubectl --context prod get ns',
    'nohup kubectl --context prod get ns',
    'time kubectl --context prod get ns',
    'nice -n 10 kubectl --context prod get ns',
    'stdbuf -o L kubectl --context prod get ns',
    'stdbuf -oL kubectl --context prod get ns',
    'env -uFOO kubectl --context prod get ns',
    'sudo -uroot kubectl --context prod get ns',
    'exec -aname kubectl --context prod get ns',
    'nice -n10 kubectl --context prod get ns',
    'timeout --signal=KILL 30s kubectl --context prod get ns',
    'watch -n5 kubectl --context prod get ns',
    'xargs -n1 kubectl --context prod get',
    'timeout 30s kubectl --context prod get ns',
    'timeout --signal KILL 30s kubectl --context prod get ns',
    'watch -n 5 kubectl --context prod get ns',
    'xargs -I {} kubectl --context prod get {}',
    'xargs -n 1 kubectl --context prod get ns',
    'sudo -u root kubectl --context prod get ns',
    'zsh -c "kubectl --context prod get ns"',
    'dash -c "kubectl --context prod get ns"',
    'ksh -c "kubectl --context prod get ns"',
    "bash -lc 'kubectl --context prod get ns'",
    "sh <<'EOF'\nkubectl --context prod get ns\nEOF",
    'if true; then kubectl --context prod get ns; fi',
    'while true; do kubectl --context prod get ns; done',
    '(kubectl --context prod get ns)',
    '{ kubectl --context prod get ns; }',
    '! kubectl --context prod get ns',
    'kubectl get ns |& kubectl --context prod apply -f -',
    'kubectl get ns & kubectl --context prod get ns',
    '\\kubectl --context prod get ns',
    'kubectl get ns>out --context prod',
    'kubectl apply -f <(cat x) --context prod',
    'echo "`kubectl --context prod get ns`"',
    'kubectl\t--context\tprod get ns',
  ])('%s is refused', (script) => {
    expect(refusal(script)).toMatch(/names the context 'prod'/);
  });

  it('a script only known at run time is refused: eval of a variable, bash -c of one', () => {
    expect(refusal('eval "$SOMETHING"')).toBe('refused before running: `eval "$SOMETHING"` evaluates text only known when the step runs; the workshop cannot check which cluster it would talk to');
    expect(refusal('eval kubectl --context "$PROD" get ns')).toMatch(/'prod'/);
    expect(refusal('eval kubectl get ns')).toBeUndefined();
  });

  it('a shell without a script to read has nothing to refuse', () => {
    expect(refusal('bash -c')).toBeUndefined();
    expect(refusal('bash lesson.sh')).toBeUndefined();
    expect(refusal('bash -x')).toBeUndefined();
  });

  it('refuses scripts nested deeper than it reads, allows them up to that depth', () => {
    const nested = (depth: number): string => `${'echo $('.repeat(depth)}kubectl get ns${')'.repeat(depth)}`;
    expect(refusal(nested(8))).toBeUndefined();
    expect(refusal(nested(9))).toBe('refused before running: scripts nested more than 8 deep cannot be checked');
  });

  it('shortens a long command line in the message', () => {
    const long = `kubectl --context prod get pods -l app=${'x'.repeat(100)}`;
    const message = refusal(long) ?? '';
    expect(message).toContain(`\`${long.slice(0, 77)}…\``);
    expect(message).not.toContain(long);
  });

  it('shortens a long kubeconfig path in the message', () => {
    const path = `$(echo /${'p'.repeat(80)})`;
    expect(refusal(`kubectl --kubeconfig ${path} get ns`)).toContain(`(${path.slice(0, 57)}…)`);
  });
});

describe('what the refusal message shows', () => {
  it('a value given as --flag=… or NAME=… is shown without the flag or the name', () => {
    expect(refusal('kubectl --server=https://10.0.0.1:6443 get ns')).toContain('gives an API server directly (--server https://10.0.0.1:6443);');
    expect(refusal('KUBECONFIG=$(mktemp) kubectl get ns')).toContain(' ($(mktemp)); steps use');
  });

  it('shows a value of 60 characters and a command line of 80 whole', () => {
    const sixty = `$(${'x'.repeat(57)})`;
    expect(sixty).toHaveLength(60);
    expect(refusal(`kubectl --kubeconfig ${sixty}`)).toContain(`(${sixty})`);
    const line = `kubectl --context prod get ${'x'.repeat(53)}`;
    expect(line).toHaveLength(80);
    expect(refusal(line)).toContain(`\`${line}\``);
  });
});

describe('what the guard reads as a script', () => {
  const quote = (script: string): string => `'${script.replaceAll("'", `'\\''`)}'`;
  const nestedIn = (wrap: (inner: string) => string, depth: number): string => {
    let script = 'kubectl get ns';
    for (let level = 0; level < depth; level++) script = wrap(script);
    return script;
  };

  it('bash -c and eval nested up to 8 deep are read; deeper is refused', () => {
    expect(refusal(nestedIn((inner) => `bash -c ${quote(inner)}`, 8))).toBeUndefined();
    expect(refusal(nestedIn((inner) => `bash -c ${quote(inner)}`, 9))).toMatch(/nested more than 8 deep/);
    expect(refusal(nestedIn((inner) => `eval ${quote(inner)}`, 9))).toMatch(/nested more than 8 deep/);
    expect(refusal(nestedIn((inner) => `bash <<'EOF${inner.length}'\n${inner}\nEOF${inner.length}`, 9))).toMatch(/nested more than 8 deep/);
  });

  it('bash with options before -c, and -c among combined options', () => {
    expect(refusal("bash -ce 'kubectl --context prod get ns'")).toMatch(/'prod'/);
    expect(refusal("bash -e -c 'kubectl --context prod get ns'")).toMatch(/'prod'/);
  });

  it('a shell running a file gets no script to read from its arguments', () => {
    expect(refusal('bash lesson.sh "$UNSET"')).toBeUndefined();
    expect(refusal("bash lesson.sh 'kubectl --context prod'")).toBeUndefined();
  });

  it('eval of words of which one is only known at run time is refused', () => {
    expect(refusal('eval kubectl get "$UNSET"')).toMatch(/evaluates text only known when the step runs/);
  });

  it('kubectl config use-context after global flags; kubectl with nothing to switch to is fine', () => {
    expect(refusal('kubectl -v=6 config use-context prod')).toMatch(/'prod'/);
    expect(refusal('kubectl')).toBeUndefined();
    expect(refusal('kubectl --help')).toBeUndefined();
    expect(refusal('kubectl config')).toBeUndefined();
  });

  it('a here-document with no command runs nothing', () => {
    expect(refusal('<<EOF\nkubectl --context prod get ns\nEOF')).toBeUndefined();
  });

  it('only KUBECONFIG itself is a kubeconfig', () => {
    expect(refusal('MY_KUBECONFIG=/tmp/other kubectl get ns')).toBeUndefined();
    expect(refusal('export NOTE=KUBECONFIG=/tmp/other')).toBeUndefined();
  });
});

describe('arithmetic', () => {
  it('$(( … )) hides nothing after it, and a command substitution inside it is read too', () => {
    expect(refusal('N=$((N+1)); kubectl --context prod get ns')).toMatch(/names the context 'prod'/);
    expect(refusal('echo $(( 2 * (3 + 4) )) && kubectl --context prod get ns')).toMatch(/names the context 'prod'/);
    expect(refusal('echo $(( $(kubectl --context prod get ns -o name | wc -l) + 1 ))')).toMatch(/names the context 'prod'/);
    expect(refusal('for i in $(seq $((3 - 1))); do kubectl --context "$CTX_CLUSTER1" get ns; done')).toBeUndefined();
  });
});
