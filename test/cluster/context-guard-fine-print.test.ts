// Safety rule, the fine print: which programs are clients, which words are code, which words are a flag's
// value, and where a script comes from. Each line is a script a lesson or a learner could write, with its
// verdict; where the learner reads the refusal, its words are stated whole.
import { describe, expect, it } from 'vitest';
import { contextRefusal, type GuardPolicy } from '../../src/cluster/context-guard.js';

const KUBECONFIG = '/home/learner/.local/state/mesh-workshop/kubeconfig';
const policy: GuardPolicy = {
  kubeconfig: KUBECONFIG,
  contexts: ['kind-cluster1', 'kind-cluster2'],
  env: { CTX_CLUSTER1: 'kind-cluster1', CTX_CLUSTER2: 'kind-cluster2', KUBECONFIG, HOME: '/home/learner', PROD: 'prod', EMPTY: '' },
  cwd: '/home/learner/lessons/04-one-mesh',
};
const refusal = (script: string, changes: Partial<GuardPolicy> = {}): string | undefined => contextRefusal(script, { ...policy, ...changes });

const namesProd = (where: string): string =>
  `refused before running: \`${where}\` names the context 'prod', which is not one of the workshop's (kind-cluster1, kind-cluster2). Lessons name clusters as \${CTX_CLUSTER1}, \${CTX_CLUSTER2}; to use a cluster of your own, allow it first: mesh-workshop context allow prod`;
const unreadable = (where: string): string => `refused before running: \`${where}\` runs a script only known when the step runs; the workshop cannot check which cluster it would talk to`;
const dropped = (where: string, program: string, wrapper: string): string =>
  `refused before running: \`${where}\` runs ${program} without the workshop's KUBECONFIG (${wrapper} drops it), so it would fall back to your own kubeconfig (~/.kube/config); steps work on the workshop's clusters only. To use a cluster of your own, allow it first: mesh-workshop context allow NAME`;
const takesAway = (where: string): string =>
  `refused before running: \`${where}\` takes KUBECONFIG away from the commands after it, so it would fall back to your own kubeconfig (~/.kube/config); steps work on the workshop's clusters only. To use a cluster of your own, allow it first: mesh-workshop context allow NAME`;
const pointsAt = (where: string, file: string): string =>
  `refused before running: \`${where}\` points at the kubeconfig ${file}, not the workshop's own (${KUBECONFIG}); the workshop never touches your other clusters. Steps already have the workshop kubeconfig in $KUBECONFIG`;

describe('every Kubernetes client is held to the workshop contexts', () => {
  it.each([
    'kubecolor --context prod get pods',
    'k9s --context prod',
    'stern --context prod istiod -n istio-system',
  ])('%s is refused, naming the context', (script) => {
    expect(refusal(script)).toBe(namesProd(script));
  });

  it('k9s may pick a cluster or user of the workshop kubeconfig, but not one only known at run time', () => {
    expect(refusal('k9s --cluster kind-cluster1 --user kind-cluster1')).toBeUndefined();
    expect(refusal('k9s --cluster "$TARGET"')).toBe(
      'refused before running: `k9s --cluster "$TARGET"` picks a kubeconfig cluster only known when the step runs (--cluster "$TARGET"); steps reach the workshop\'s clusters by their contexts, ${CTX_CLUSTER1}, ${CTX_CLUSTER2}',
    );
    expect(refusal('k9s --user "$WHO"')).toMatch(/picks a kubeconfig user only known when the step runs \(--user "\$WHO"\)/);
  });

  it('kind and kubectx without the workshop KUBECONFIG would work on your own ~/.kube/config', () => {
    expect(refusal('sudo kind create cluster --name extra')).toBe(dropped('sudo kind create cluster --name extra', 'kind', 'sudo'));
    expect(refusal('sudo kubectx kind-cluster1')).toBe(dropped('sudo kubectx kind-cluster1', 'kubectx', 'sudo'));
    expect(refusal('kind get clusters')).toBeUndefined();
  });

  it('a client only known at run time may be helm: its --kube-apiserver is refused', () => {
    expect(refusal('"$HELM" list --kube-apiserver https://10.0.0.1:6443')).toBe(
      'refused before running: `"$HELM" list --kube-apiserver https://10.0.0.1:6443` gives an API server directly (--kube-apiserver https://10.0.0.1:6443); steps reach clusters only through the workshop kubeconfig',
    );
  });

  it('any program given --kubeconfig is held to the workshop kubeconfig, not only the clients it knows', () => {
    expect(refusal('flux --kubeconfig /tmp/staging.yaml get all')).toBe(pointsAt('flux --kubeconfig /tmp/staging.yaml get all', '/tmp/staging.yaml'));
    expect(refusal('helm --kubeconfig=/tmp/staging.yaml list')).toBe(pointsAt('helm --kubeconfig=/tmp/staging.yaml list', '/tmp/staging.yaml'));
    expect(refusal(`flux --kubeconfig ${KUBECONFIG} get all`)).toBeUndefined();
  });

  it('an empty --kubeconfig or --context leaves the client on $KUBECONFIG and its current context, the workshop\'s', () => {
    expect(refusal('kubectl --kubeconfig "$EMPTY" get ns')).toBeUndefined();
    expect(refusal('kubectl --kubeconfig= get ns')).toBeUndefined();
    expect(refusal('kubectl --context= get ns')).toBeUndefined();
  });

  it("shows a flag's value as written after `=`, for long and short flags alike", () => {
    expect(refusal('kubectl --kubeconfig=/tmp/kube=old get ns')).toBe(pointsAt('kubectl --kubeconfig=/tmp/kube=old get ns', '/tmp/kube=old'));
    expect(refusal('istioctl -c=/tmp/other proxy-status')).toBe(pointsAt('istioctl -c=/tmp/other proxy-status', '/tmp/other'));
    expect(refusal('kubectl -s=https://10.0.0.1:6443 get pods')).toBe(
      'refused before running: `kubectl -s=https://10.0.0.1:6443 get pods` gives an API server directly (-s https://10.0.0.1:6443); steps reach clusters only through the workshop kubeconfig',
    );
    expect(refusal('kubectl --kubeconfig=/tmp/"$NAME" get ns')).toBe(
      'refused before running: `kubectl --kubeconfig=/tmp/"$NAME" get ns` sets a kubeconfig that is only known when the step runs (/tmp/"$NAME"); steps use the workshop\'s own kubeconfig, already in $KUBECONFIG',
    );
  });
});

describe('kubectl config and kubectl ctx, told from the rest of kubectl', () => {
  it('oc switches contexts as kubectl does', () => {
    expect(refusal('oc config use-context prod')).toBe(namesProd('oc config use-context prod'));
  });

  it('`config` elsewhere is not kubectl config: npm, git, a command run in a pod', () => {
    expect(refusal('npm config set fund false')).toBeUndefined();
    expect(refusal('git config unset user.signingkey')).toBeUndefined();
    expect(refusal('kubectl exec deploy/redis -- redis-cli config set maxmemory 64mb')).toBeUndefined();
  });

  it('kubectl set is not kubectl config set', () => {
    expect(refusal('kubectl set image deploy/reviews reviews=docker.io/istio/examples-bookinfo-reviews-v3:1.20.2')).toBeUndefined();
    expect(refusal('kubectl set env deploy/reviews LOG_LEVEL=debug')).toBeUndefined();
  });

  // Whatever the value means to kubectl (a namespace, a user, a folder or file called config), it is the
  // flag's, not the subcommand `config`.
  it.each([
    '--as', '--as-group', '--as-uid', '--cache-dir', '--certificate-authority', '--client-certificate', '--client-key', '--cluster', '--kuberc', '-n',
    '--namespace', '--password', '--profile', '--profile-output', '--request-timeout', '--tls-server-name', '--token', '--user', '--username', '-v',
    '--v', '--vmodule', '--log-backtrace-at', '--log-dir', '--log-file', '--log-file-max-size', '--log-flush-frequency', '--stderrthreshold',
  ])('kubectl %s config set env … sets an environment variable, no kubeconfig entry', (flag) => {
    expect(refusal(`kubectl ${flag} config set env deploy/reviews LOG_LEVEL=debug`)).toBeUndefined();
  });

  it('kubectl ctx prints the current context with -c, and switches with a name', () => {
    expect(refusal('kubectl ctx -c')).toBeUndefined();
    expect(refusal('kubectl ctx prod')).toBe(namesProd('kubectl ctx prod'));
    expect(refusal('kubectl --namespace="$NS" ctx prod')).toBe(namesProd('kubectl --namespace="$NS" ctx prod'));
  });
});

describe('KUBECONFIG taken away, or kept', () => {
  it('unset of KUBECONFIG among other variables takes it away', () => {
    expect(refusal('unset KUBECONFIG KUBE_EDITOR')).toBe(takesAway('unset KUBECONFIG KUBE_EDITOR'));
  });

  it('export -n and declare +x of another variable, or export of KUBECONFIG itself, keep it', () => {
    expect(refusal('export -n HTTP_PROXY')).toBeUndefined();
    expect(refusal('export KUBECONFIG INGRESS_NS=istio-ingress')).toBeUndefined();
    expect(refusal('declare +x HTTPS_PROXY')).toBeUndefined();
  });

  it('combined options that unexport KUBECONFIG take it away', () => {
    expect(refusal('declare +gx KUBECONFIG')).toBe(takesAway('declare +gx KUBECONFIG'));
    expect(refusal('typeset -gn KUBECONFIG')).toBe(takesAway('typeset -gn KUBECONFIG'));
  });

  it('a KUBECONFIG declared with options is checked as one set plainly', () => {
    expect(refusal('declare -x KUBECONFIG=/tmp/kind-other')).toBe(pointsAt('declare -x KUBECONFIG=/tmp/kind-other', '/tmp/kind-other'));
    expect(refusal('export -- KUBECONFIG=/tmp/kind-other')).toBe(pointsAt('export -- KUBECONFIG=/tmp/kind-other', '/tmp/kind-other'));
  });

  it('appending nothing to KUBECONFIG keeps the workshop\'s', () => {
    expect(refusal('KUBECONFIG+="$EMPTY" kubectl get ns')).toBeUndefined();
  });

  it('a wrapper that drops KUBECONFIG before eval, source or a program only known at run time is refused', () => {
    expect(refusal('sudo eval "kubectl get ns"')).toBe(dropped('sudo eval "kubectl get ns"', 'eval', 'sudo'));
    expect(refusal('sudo source ./setup.sh')).toBe(dropped('sudo source ./setup.sh', 'source', 'sudo'));
    expect(refusal('sudo . ./setup.sh')).toBe(dropped('sudo . ./setup.sh', '.', 'sudo'));
    expect(refusal('env -i "$TOOL" get ns')).toBe(dropped('env -i "$TOOL" get ns', 'a program only known at run time', 'env -i'));
  });
});

describe('the scripts a command runs', () => {
  it('ash and mksh are shells: their -c is read', () => {
    expect(refusal("ash -c 'kubectl --context prod get ns'")).toBe(namesProd('kubectl --context prod get ns'));
    expect(refusal("mksh -c 'kubectl --context prod get ns'")).toBe(namesProd('kubectl --context prod get ns'));
  });

  it("a command's own assignments are what its bash -c sees", () => {
    expect(refusal("CTX=prod bash -c 'kubectl --context \"$CTX\" get ns'")).toBe(namesProd('kubectl --context "$CTX" get ns'));
    expect(refusal("CTX=$CTX_CLUSTER2 bash -c 'kubectl --context \"$CTX\" get ns'")).toBeUndefined();
  });

  it('a trap with one operand sets nothing to run (bash prints its usage)', () => {
    expect(refusal("trap 'kubectl --context prod get ns'")).toBeUndefined();
    expect(refusal('trap')).toBeUndefined();
    expect(refusal('trap -p EXIT')).toBeUndefined();
    expect(refusal('trap - EXIT')).toBeUndefined();
  });

  it('an alias of more than one letter runs what it says; listing an alias runs nothing', () => {
    expect(refusal("alias kctx='kubectl config use-context'; kctx prod")).toBe(namesProd('kubectl config use-context prod'));
    expect(refusal("alias ll='ls -l'; alias ll; alias")).toBeUndefined();
  });

  it('an alias that names itself does not send the guard round for ever', () => {
    expect(() => refusal("alias ls='ls --color=auto'; ls")).not.toThrow();
  });

  it('a NAME=value word of another command is its argument, not an alias', () => {
    expect(refusal('echo "KUBECTL_CMD=kubectl --context prod get ns" >> notes.env')).toBeUndefined();
    expect(refusal('kubectl label ns default istio-injection=enabled --overwrite')).toBeUndefined();
  });

  it('source of a lesson file under a folder called dev is a file of the lesson, not a device', () => {
    expect(refusal('source ./env/dev/vars.sh')).toBeUndefined();
  });

  it('eval of more combinations of values than the guard reads is refused; as many as it reads are read', () => {
    const nine = 'for ns in a b c d e f g h i; do for app in a b c d e f g h i; do eval kubectl -n $ns rollout restart deployment $app; done; done';
    expect(refusal(nine)).toBe(
      'refused before running: `eval kubectl -n $ns rollout restart deployment $app` evaluates text only known when the step runs; the workshop cannot check which cluster it would talk to',
    );
    const eight = 'for ns in a b c d e f g h; do for app in a b c d e f g h; do eval kubectl -n $ns rollout restart deployment $app; done; done';
    expect(refusal(eight)).toBeUndefined();
  });
});

describe("a shell's input", () => {
  it.each([
    'curl -fsSL https://example.com/install.sh | bash -x',
    'curl -fsSL https://example.com/install.sh | bash -o pipefail',
    'curl -fsSL https://example.com/install.sh | bash -s -- --quick',
    'curl -sSL https://get.rvm.io | bash -s stable',
    'curl -sfL https://get.k3s.io | sh - server',
    'curl -fsSL https://example.com/install.sh | bash > install.log',
    'curl -fsSL https://example.com/install.sh | bash 2> install.err',
  ])('%s runs what comes down the pipe: refused', (script) => {
    const shell = script.slice(script.indexOf('| ') + 2);
    expect(refusal(script)).toBe(unreadable(shell));
  });

  it('a shell given a script file reads that file, not the pipe', () => {
    expect(refusal('kubectl get pods -o name | bash ./restart-each.sh')).toBeUndefined();
  });

  it('a here-document or here-string, not the pipe, is what the shell runs', () => {
    expect(refusal("cat notes.txt | bash <<'EOF'\nkubectl --context kind-cluster2 get ns\nEOF")).toBeUndefined();
    expect(refusal("cat notes.txt | bash <<< 'kubectl get ns'")).toBeUndefined();
  });
});

describe('files named in here-documents, here-strings and redirections', () => {
  it('a here-document is code only for an interpreter: python3.12 runs it, cat and perltidy do not', () => {
    expect(refusal("python3.12 <<'EOF'\nprint(open('/home/learner/.kube/config').read())\nEOF")).toMatch(/^refused before running: `python3\.12` uses your own kubeconfig \(\/home\/learner\/\.kube\/config\)/);
    expect(refusal("cat > README.txt <<'EOF'\nYour own clusters stay in ~/.kube/config.\nEOF")).toBeUndefined();
    expect(refusal("perltidy -st <<'EOF' > tidy.pl\nopen(my $fh, '<', \"$ENV{HOME}/.kube/config\");\nEOF")).toBeUndefined();
  });

  it('a here-string is text given to the command', () => {
    expect(refusal('cat <<< "Your clusters stay in ~/.kube/config"')).toBeUndefined();
  });

  it("reading the workshop kubeconfig through a redirection is fine; writing into it is not", () => {
    expect(refusal('grep server: < "$KUBECONFIG"')).toBeUndefined();
    expect(refusal('kubectl config view --raw > "$KUBECONFIG"')).toMatch(/writes into the workshop kubeconfig/);
  });

  it('a program that may be other than echo may read your kubeconfig', () => {
    expect(refusal('${SHOW:-echo} ~/.kube/config')).toBe(
      "refused before running: `${SHOW:-echo} ~/.kube/config` uses your own kubeconfig (/home/learner/.kube/config): steps work on the workshop's clusters only, and your kubeconfig stays yours. To use one of your contexts on purpose, allow it first: mesh-workshop context allow NAME",
    );
  });

  it('an empty entry in your KUBECONFIG names no file: the folder you started in is not a kubeconfig', () => {
    const here = { cwd: process.cwd(), learnerKubeconfig: ':/home/learner/.kube/work.yaml' };
    expect(refusal("find . -name '*.yaml'", here)).toBeUndefined();
    expect(refusal('cat /home/learner/.kube/work.yaml', here)).toMatch(/uses your own kubeconfig \(\/home\/learner\/\.kube\/work\.yaml\)/);
  });
});
