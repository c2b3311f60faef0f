// Safety rule: a command run by another command (env, sudo, timeout, xargs, parallel, su -c …) is judged as
// the command that finally runs. Each wrapper's options that take a value are read as its manual says, so the
// value is not taken for the command (`nice -n 10 kubectl …` runs kubectl, not `10`); a wrapper that runs its
// words through a shell has them read as a script. Tracker issue 22.
import { describe, expect, it } from 'vitest';
import { refusal } from '../helpers/guard-policy.js';

const PROD = /names the context 'prod'/;

/** Each wrapper with the options its manual gives a value, short and long, as a learner may write them. */
const VALUED: Record<string, string[]> = {
  env: ['-u FOO', '-C /tmp', '-P /usr/bin', '--unset FOO', '--chdir /tmp'],
  sudo: ['-E -u root', '-E -g wheel', '-E -C 3', '-E -D /tmp', '-E -h host', '-E -p prompt', '-E -r role', '-E -t type', '-E -U learner', '-E -T 30', '-E --user root', '-E --group wheel', '-E --close-from 3', '-E --chdir /tmp', '-E --host h', '-E --prompt p', '-E --role r', '-E --type t', '-E --other-user u', '-E --command-timeout 30'],
  exec: ['-a name'],
  // GNU time; bash's own `time` takes only -p (`time -f …` runs a command named -f).
  '/usr/bin/time': ['-f %e', '-o /tmp/t', '--format %e', '--output /tmp/t'],
  nice: ['-n 10', '--adjustment 10'],
  ionice: ['-c 2', '-n 0', '-p 1', '-P 1', '-u 0', '--class 2', '--classdata 0', '--pid 1', '--pgid 1', '--uid 0'],
  stdbuf: ['-i L', '-o L', '-e L', '--input L', '--output L', '--error L'],
  timeout: ['-s KILL 30', '-k 5 30', '--signal KILL 30', '--kill-after 5 30'],
  watch: ['-n 5', '-q 3', '--interval 5', '--equexit 3'],
  flock: ['-w 5 /tmp/lock', '-E 1 /tmp/lock', '--timeout 5 /tmp/lock', '--conflict-exit-code 1 /tmp/lock'],
};

describe("each wrapper's options that take a value", () => {
  it.each(Object.entries(VALUED).flatMap(([wrapper, options]) => options.map((option) => `${wrapper} ${option} kubectl --context prod get ns`)))('%s runs kubectl against prod: refused', (script) => {
    expect(refusal(script)).toMatch(PROD);
  });

  it.each(['-n 1', '-d ,', '-P 2', '-L 1', '-s 100', '-E END', '-a list', '--max-args 1', '--max-procs 2', '--max-lines 1', '--max-chars 100', '--delimiter ,', '--eof END', '--arg-file list', '--process-slot-var SLOT'])(
    'xargs %s kubectl --context prod get: refused',
    (option) => {
      expect(refusal(`xargs ${option} kubectl --context prod get`)).toMatch(PROD);
    },
  );

  it.each(['-j 2', '-N 1', '-n 1', '-s 100', '-S host', '-d ,', '-E END', '-C ,', '-L 1', '-P 2', '-W /tmp',
    ...['jobs', 'max-args', 'max-replace-args', 'sshlogin', 'sshloginfile', 'delimiter', 'eof', 'colsep', 'max-lines', 'max-chars', 'max-procs', 'workdir', 'joblog', 'results', 'tmpdir', 'timeout', 'delay', 'retries', 'halt', 'memfree', 'load', 'basefile', 'return', 'transferfile', 'env', 'tagstring', 'tag-string', 'rpl'].map((name) => `--${name} x`)])(
    'parallel %s kubectl --context prod get ns {} ::: a: refused',
    (option) => {
      expect(refusal(`parallel ${option} kubectl --context prod get ns {} ::: a`)).toMatch(PROD);
    },
  );

  it.each(['-a list', '--arg-file list'])('parallel %s reads its inputs from a file: each command line it runs is checked too', (option) => {
    expect(refusal(`parallel ${option} kubectl --context prod get ns {}`)).toMatch(PROD);
  });

  it.each([
    ...['su', 'runuser'].flatMap((wrapper) => ['-g wheel', '-G wheel', '-s /bin/bash', '-w PATH', '--group wheel', '--supp-group wheel', '--shell /bin/bash', '--whitelist-environment PATH'].map((option) => `${wrapper} ${option} -c 'kubectl --context prod get ns'`)),
    "su --command 'kubectl --context prod get ns'",
    "su --session-command 'kubectl --context prod get ns'",
    "su learner -c 'kubectl --context prod get ns'",
    "su - learner -c 'kubectl --context prod get ns'",
    "script -q out.log -c 'kubectl --context prod get ns'",
    ...['-I in', '-O out', '-B both', '-T timing', '-E auto', '-m classic', '--log-in in', '--log-out out', '--log-io both', '--log-timing t', '--logging-format classic', '--echo auto'].map((option) => `script ${option} -c 'kubectl --context prod get ns'`),
    "script --command 'kubectl --context prod get ns'",
    "flock /tmp/lock -c 'kubectl --context prod get ns'",
    "flock -w 5 /tmp/lock --command 'kubectl --context prod get ns'",
  ])('%s runs its command line through a shell: read as a script, refused', (script) => {
    expect(refusal(script)).toMatch(PROD);
  });

  it('su, runuser and script without a command line start a shell that reads the terminal: nothing to refuse', () => {
    expect(refusal('su learner')).toBeUndefined();
    expect(refusal('runuser -u learner')).toBeUndefined();
    expect(refusal('script -q out.log')).toBeUndefined();
  });
});

describe('wrappers that take KUBECONFIG away, or keep it', () => {
  it.each([
    ['env --ignore-environment kubectl get ns', 'env -i'],
    ['env -u KUBECONFIG kubectl get ns', 'env -u KUBECONFIG'],
    ['env --unset KUBECONFIG kubectl get ns', 'env -u KUBECONFIG'],
    ['env --unset=KUBECONFIG kubectl get ns', 'env -u KUBECONFIG'],
    ['doas kubectl get ns', 'doas'],
    ['doas -u root kubectl get ns', 'doas'],
    ['sudo --preserve-env=PATH kubectl get ns', 'sudo'],
    ['/usr/bin/sudo kubectl get ns', 'sudo'],
  ])('%s runs kubectl without the workshop KUBECONFIG (%s drops it)', (script, wrapper) => {
    expect(refusal(script)).toContain(`runs kubectl without the workshop's KUBECONFIG (${wrapper} drops it)`);
  });

  it.each(['sudo --preserve-env kubectl get ns', 'sudo -E kubectl get ns', 'env -u FOO kubectl get ns', 'sudo KUBECONFIG="$KUBECONFIG" kubectl get ns', 'env -i PATH=/usr/bin KUBECONFIG="$KUBECONFIG" kubectl get ns'])(
    '%s keeps it, or sets it again: fine',
    (script) => {
      expect(refusal(script)).toBeUndefined();
    },
  );
});

describe('the command lines parallel, xargs, watch and env -S run', () => {
  it.each([
    'parallel kubectl --context {} get ns :::+ prod',
    'parallel -I @ kubectl --context @ get ns ::: prod',
    'parallel kubectl get ns --context ::: prod',
    'parallel ::: "kubectl --context prod get ns"',
    'watch -x kubectl --context prod get ns',
    'watch --exec kubectl --context prod get ns',
    "env -S 'kubectl --context' prod get ns",
    'xargs -i kubectl --context prod get {}',
    'xargs --replace kubectl --context prod get {}',
  ])('%s runs kubectl against prod: refused', (script) => {
    expect(refusal(script)).toMatch(PROD);
  });

  it('every placeholder of parallel is an input: {.} and {/} too (the guard checks the input whole, the safe side)', () => {
    expect(refusal('parallel kubectl --context {.} get ns ::: prod.txt')).toMatch(/names the context 'prod\.txt'/);
    expect(refusal('parallel kubectl --context {/} get ns ::: dir/prod')).toMatch(/names the context 'dir\/prod'/);
  });

  it.each([
    'parallel kubectl --context {} get ns :::: contexts.txt',
    'parallel kubectl --context {} get ns ::: "$CONTEXTS"',
    'parallel kubectl --context {} get ns',
    'xargs -I CTX kubectl --context CTX get ns',
    'parallel ::: "$COMMANDS"',
  ])('%s names a context or a command line only known at run time: refused', (script) => {
    expect(refusal(script)).toMatch(/only known when the step runs/);
  });

  it("parallel's inputs that are the workshop's contexts, and wrappers with nothing to run, are fine", () => {
    expect(refusal('parallel kubectl --context {} get ns ::: kind-cluster1 ::: kind-cluster2')).toBeUndefined();
    expect(refusal('parallel -I CTX kubectl --context CTX get ns ::: kind-cluster1')).toBeUndefined();
    expect(refusal('xargs')).toBeUndefined();
    expect(refusal('env')).toBeUndefined();
    expect(refusal("watch -x 'kubectl --context prod get ns'")).toBeUndefined();
  });
});

describe('what runs inside a container or a pod is not this machine', () => {
  it.each([
    'podman exec kind-control-plane cat /etc/kubernetes/admin.conf',
    'nerdctl exec -e A=1 -w /tmp --user 0 node cat /etc/kubernetes/admin.conf',
    'docker exec --env A=1 --workdir /tmp -it node cat /root/.kube/config',
    'nerdctl cp node:/etc/kubernetes/admin.conf "$LESSON_TMP/admin.conf"',
    'oc --context kind-cluster1 cp sample/curl:/root/.kube/config "$LESSON_TMP/x"',
    'istioctl --context kind-cluster1 x precheck -- /root/.kube/config',
  ])('%s: fine', (script) => {
    expect(refusal(script)).toBeUndefined();
  });

  it.each([
    ['podman run -v ~/.kube:/root/.kube image', '/home/learner/.kube'],
    ['docker exec --env-file=/etc/kubernetes/admin.conf node true', '/etc/kubernetes/admin.conf'],
    ['docker cp /etc/kubernetes/admin.conf node:/tmp/admin.conf', '/etc/kubernetes/admin.conf'],
    ['helm --kube-context kind-cluster1 install x ./chart -f ~/.kube/config', '/home/learner/.kube/config'],
  ])('%s reads a file here: refused', (script, file) => {
    expect(refusal(script)).toContain(`uses your own kubeconfig (${file})`);
  });
});
