// Safety rule, the fine print of wrappers (src/cluster/command-forms.ts): how each reads its options and
// operands as its manual says, which ones drop KUBECONFIG, where xargs and GNU parallel put their inputs,
// and which words of `docker exec` name files on this machine. Each case is a command a learner could
// write, with what the guard must answer. Tracker issue 22.
import { describe, expect, it } from 'vitest';
import { refusal } from '../helpers/guard-policy.js';

const PROD = /names the context 'prod'/;
const OWN_KUBECONFIG = /uses your own kubeconfig \(\/home\/learner\/\.kube\/config\)/;
const drops = (how: string): RegExp => new RegExp(`runs kubectl without the workshop's KUBECONFIG \\(${how} drops it\\)`);

describe('su, runuser and script: an option value, then the operand, then the command line', () => {
  // The user (or script's log file) comes after the options: a valued option read as a flag would make its
  // value the operand, and the real operand and the -c after it would never be read.
  it.each(['--group wheel', '--supp-group wheel', '--shell /bin/bash', '--whitelist-environment PATH'])('su %s learner -c …: the command line is read', (option) => {
    expect(refusal(`su ${option} learner -c 'kubectl --context prod get ns'`)).toMatch(PROD);
    expect(refusal(`runuser ${option} learner -c 'kubectl --context prod get ns'`)).toMatch(PROD);
  });

  it.each(['--log-in /tmp/in', '--log-out /tmp/out', '--log-io /tmp/io', '--log-timing /tmp/t', '--logging-format advanced', '--echo never'])('script %s /tmp/typescript -c …: the command line is read', (option) => {
    expect(refusal(`script ${option} /tmp/typescript -c 'kubectl --context prod get ns'`)).toMatch(PROD);
  });
});

describe('wrappers that run the command after them', () => {
  it.each(['setsid', 'builtin', 'nohup --verbose'])('%s kubectl --context prod: the command is judged', (wrapper) => {
    expect(refusal(`${wrapper} kubectl --context prod get ns`)).toMatch(PROD);
  });

  it('env --split-string: the string is split as a command line, like -S', () => {
    expect(refusal("env --split-string 'kubectl --context prod' get ns")).toMatch(PROD);
  });
});

describe('which wrappers drop KUBECONFIG', () => {
  it('env -i drops it wherever it stands among the options', () => {
    expect(refusal('env -u FOO -i kubectl get ns')).toMatch(drops('env -i'));
    expect(refusal('env -u KUBECONFIG -C /tmp kubectl get ns')).toMatch(drops('env -u KUBECONFIG'));
  });

  it('only env -u KUBECONFIG unsets it: another option whose value is the word KUBECONFIG does not', () => {
    expect(refusal('env -C KUBECONFIG kubectl get ns')).toBeUndefined();
    expect(refusal('sudo -E -u KUBECONFIG kubectl get ns')).toBeUndefined();
  });

  it("only env's -i and exec's -c clear the environment: xargs -i and ionice -c do not", () => {
    expect(refusal('xargs -i kubectl get ns')).toBeUndefined();
    expect(refusal('ionice -c 2 kubectl get ns')).toBeUndefined();
  });

  it('sudo keeps KUBECONFIG only when told to: a user named KUBECONFIG is not --preserve-env', () => {
    expect(refusal('sudo -u KUBECONFIG kubectl get ns')).toMatch(drops('sudo'));
  });

  it('a variable set after env -i other than KUBECONFIG does not give the command one', () => {
    expect(refusal('env -i FOO=1 kubectl get ns')).toMatch(drops('env -i'));
    expect(refusal('env -i MY_KUBECONFIG=x kubectl get ns')).toMatch(drops('env -i'));
  });
});

describe('where xargs and GNU parallel put their inputs', () => {
  it('xargs -i and --replace put the input where {} is: a context only known when the step runs', () => {
    for (const option of ['-i', '--replace']) expect(refusal(`xargs ${option} kubectl --context {} get ns`)).toMatch(/names a context only known when the step runs \(\{\}\)/);
  });

  it('xargs without a command runs echo: nothing to refuse', () => {
    expect(refusal('echo hi | xargs')).toBeUndefined();
  });

  it('parallel fills {#} and {1} with each input, quoted as a shell would need', () => {
    expect(refusal('parallel kubectl --context {#} get ns ::: prod')).toMatch(/`kubectl --context 'prod' get ns` names the context 'prod'/);
    expect(refusal('parallel kubectl --context {1} get ns ::: prod')).toMatch(/`kubectl --context 'prod' get ns` names the context 'prod'/);
    expect(refusal(`parallel kubectl --context {} get ns ::: "it's"`)).toMatch(/`kubectl --context 'it'\\''s' get ns` names the context 'it's'/);
  });

  it('parallel with its inputs on stdin keeps every word of its command, and adds the input at the end', () => {
    expect(refusal('parallel kubectl get ns --context prod')).toMatch(/`kubectl get ns --context prod "\$MESH_WORKSHOP_UNKNOWN_INPUT"` names the context 'prod'/);
  });

  it.each(['-a list', '--arg-file list'])('parallel %s … ::: kind-cluster1 also reads inputs from a file: one only known when the step runs', (option) => {
    expect(refusal(`parallel ${option} kubectl --context {} get ns ::: kind-cluster1`)).toMatch(/names a context only known when the step runs/);
    expect(refusal('parallel kubectl --context {} get ns ::: kind-cluster1')).toBeUndefined();
  });
});

describe('docker exec: its options and the container are on this machine, the command is in the container', () => {
  // An option's value is skipped as a value: what follows is still read, up to the container's name.
  it.each(['-e A=1', '--env A=1', '--env-file /tmp/vars', '-u root', '--user root', '-w /srv', '--workdir /srv', '--detach-keys ctrl-x'])('docker exec %s --env-file ~/.kube/config vm true: refused', (option) => {
    expect(refusal(`docker exec ${option} --env-file ~/.kube/config vm true`)).toMatch(OWN_KUBECONFIG);
  });

  it('docker exec … vm cat ~/.kube/config reads the container’s file; docker run names a file on this machine (~ is expanded here)', () => {
    expect(refusal('docker exec -u root vm cat /root/.kube/config')).toBeUndefined();
    expect(refusal('docker run --rm alpine cat ~/.kube/config')).toMatch(OWN_KUBECONFIG);
  });

});
