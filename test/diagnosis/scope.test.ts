import { describe, expect, it } from 'vitest';
import { diagnosisScope, lessonScope, touchesCluster } from '../../src/diagnosis/scope.js';
import type { Check, Step } from '../../src/lesson/schema.js';

const step = (fields: Partial<Step>): Step => ({ id: 's', title: 'S', ...fields }) as Step;

describe('which failed steps are diagnosed: one whose scripts reach a cluster', () => {
  it.each([
    ['kubectl', 'kubectl get pods'],
    ['istioctl', 'istioctl install -y'],
    ['kind', 'kind get clusters'],
    ['helm', 'helm list -A'],
    ['a role context', 'echo "$CTX_CLUSTER1"'],
    ['a role context in braces', 'echo ${CTX_CLUSTER2}'],
    ['a curl in a pod', 'kubectl exec deploy/curl -- curl -s http://httpbin:8000/get'],
    ['a wrapped command', 'timeout 60 env A=1 kubectl get ns'],
    ['a command substitution', 'echo "$(kubectl get pods -o name)"'],
    ['bash -c', "bash -c 'kubectl get pods'"],
    ['a full path', '/usr/local/bin/kubectl get pods'],
  ])('%s', (_what, run) => {
    expect(touchesCluster(step({ run }))).toBe(true);
  });

  it('a check command counts as a script of the step', () => {
    expect(touchesCluster(step({ run: 'echo deploying', check: { run: 'kubectl get deploy', contains: 'httpbin' } as Check }))).toBe(true);
  });

  it.each([
    ['a curl on this machine', 'curl -s http://localhost:8080/'],
    ['echo', 'echo kubectl is the tool'],
    ['a word in a comment', '# kubectl later\ntrue'],
    ['a file named like a tool', 'cat kubectl.txt'],
  ])('not %s', (_what, run) => {
    expect(touchesCluster(step({ run }))).toBe(false);
  });
});

describe('where a diagnosis looks', () => {
  const failed = (run: string, extra: Partial<Check> = {}): Check => ({ run, contains: 'x', ...extra }) as Check;

  it("the namespaces the failed checks name, in every form, and istio-system last; a passing check's are left out", () => {
    const s = step({ run: 'kubectl -n outside apply -f curl.yaml', check: [failed('kubectl -n sample get pods'), failed('kubectl get pods -n outside')] });
    expect(diagnosisScope(s, [failed('kubectl --namespace sample get pods'), failed('kubectl get pods --namespace=web -o json'), failed('kubectl -napi get svc')], ['cluster1']).namespaces).toEqual(['sample', 'web', 'api', 'istio-system']);
  });

  it('a command without a namespace looks in default; a namespace a kubectl command is about counts, and loop values too', () => {
    const run = 'for ns in sample outside; do kubectl create namespace "$ns"; done\nkubectl label namespace sample istio-injection=enabled\nkubectl apply -f app.yaml';
    expect(diagnosisScope(step({ run }), [], ['cluster1']).namespaces).toEqual(['sample', 'outside', 'default', 'istio-system']);
  });

  it('a namespace is a name, never a flag: what the commands are given cannot point them elsewhere', () => {
    const run = "kubectl -n '--kubeconfig=/home/me/.kube/config' get pods; kubectl get pods --namespace='x --context prod'";
    expect(diagnosisScope(step({ run }), [], ['cluster1']).namespaces).toEqual(['istio-system']);
  });

  it('a value only known at run time names no namespace; -A names none either', () => {
    expect(diagnosisScope(step({ run: 'kubectl -n "$NS" get pods; kubectl get pods -A' }), [], ['cluster1']).namespaces).toEqual(['istio-system']);
  });

  it('the command failed (no failed checks): every script of the step counts', () => {
    const s = step({ run: 'kubectl -n sample apply -f app.yaml', check: { run: 'kubectl -n web get pods', contains: 'x' } as Check });
    expect(diagnosisScope(s, [], ['cluster1']).namespaces).toEqual(['sample', 'web', 'istio-system']);
  });

  it('the roles whose contexts the scripts name, else all of the lesson’s', () => {
    expect(diagnosisScope(step({ run: 'kubectl --context "$CTX_CLUSTER2" get pods' }), [], ['cluster1', 'cluster2']).roles).toEqual(['cluster2']);
    expect(diagnosisScope(step({ run: 'kubectl --context "${CTX_CLUSTER1}" get pods; kubectl --context $CTX_CLUSTER2 get ns' }), [], ['cluster1', 'cluster2']).roles).toEqual(['cluster1', 'cluster2']);
    expect(diagnosisScope(step({ run: 'kubectl get pods' }), [], ['cluster1', 'cluster2']).roles).toEqual(['cluster1', 'cluster2']);
  });

  it('expects sidecars when the failed part reads them (istio-proxy, 2/2, proxy-config), not for a check that passed', () => {
    const sidecarCheck = failed('kubectl -n sample get pod -o json', { jsonpath: '{.items[*].spec.containers[*].name}', contains: 'istio-proxy' } as Partial<Check>);
    const plainCheck = failed('kubectl -n sample get pods', { contains: 'Running' } as Partial<Check>);
    const s = step({ run: 'kubectl -n sample apply -f app.yaml', check: [sidecarCheck, plainCheck] });
    expect(diagnosisScope(s, [sidecarCheck], ['cluster1']).expectsSidecar).toBe(true);
    expect(diagnosisScope(s, [plainCheck], ['cluster1']).expectsSidecar).toBe(false);
    expect(diagnosisScope(step({ run: 'istioctl pc clusters deploy/httpbin -n sample' }), [], ['cluster1']).expectsSidecar).toBe(true);
  });

  it("a whole lesson: every cluster step's namespaces, its roles all", () => {
    const scope = lessonScope([step({ run: 'kubectl -n sample get pods' }), step({ run: 'echo hi -n nothing' }), step({ run: 'kubectl -n outside get pods' })], ['cluster1', 'cluster2']);
    expect(scope).toEqual({ roles: ['cluster1', 'cluster2'], namespaces: ['sample', 'outside', 'istio-system'], expectsSidecar: false });
  });
});
