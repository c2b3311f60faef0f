// The workshop kubeconfig and allowed contexts, with the real kubectl against kubeconfig files written here.
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contextRefusal } from '../../src/cluster/context-guard.js';
import { allowContext, allowedContexts, clusterVariables, forgetContext, roleContexts, workshopKubeconfig } from '../../src/cluster/kubeconfig.js';
import { tempDir } from '../helpers/lessons.js';

function kubectl(kubeconfig: string, ...args: string[]): string {
  return execFileSync('kubectl', args, { encoding: 'utf8', env: { ...process.env, KUBECONFIG: kubeconfig } });
}

/** A learner's own kubeconfig with two clusters, as a cloud CLI would leave it. */
function usersKubeconfig(): string {
  const file = path.join(tempDir('mw-user-'), 'config');
  for (const name of ['gke_acme_prod', 'eks-room-1']) {
    kubectl(file, 'config', 'set-cluster', name, `--server=https://${name}.example.com:443`, '--insecure-skip-tls-verify=true');
    kubectl(file, 'config', 'set-credentials', `${name}-admin`, `--token=secret-of-${name}`);
    kubectl(file, 'config', 'set-context', name, `--cluster=${name}`, `--user=${name}-admin`);
  }
  kubectl(file, 'config', 'use-context', 'gke_acme_prod');
  return file;
}

/** The workshop kubeconfig after kind created cluster1 in it. */
function workshopHome(): string {
  const home = tempDir('mw-home-');
  const file = workshopKubeconfig(home);
  kubectl(file, 'config', 'set-cluster', 'kind-cluster1', '--server=https://127.0.0.1:41234', '--insecure-skip-tls-verify=true');
  kubectl(file, 'config', 'set-credentials', 'kind-cluster1', '--token=kind-token');
  kubectl(file, 'config', 'set-context', 'kind-cluster1', '--cluster=kind-cluster1', '--user=kind-cluster1');
  kubectl(file, 'config', 'use-context', 'kind-cluster1');
  return home;
}

describe('the workshop kubeconfig', () => {
  it('gives every step KUBECONFIG and a context per role, kind clusters by default', () => {
    const home = tempDir('mw-home-');
    expect(clusterVariables(home)).toEqual({ KUBECONFIG: path.join(home, 'kubeconfig'), CTX_CLUSTER1: 'kind-cluster1', CTX_CLUSTER2: 'kind-cluster2', CTX_CLUSTER3: 'kind-cluster3' });
    expect(allowedContexts(home)).toEqual(['kind-cluster1', 'kind-cluster2', 'kind-cluster3']);
  });

  it('copies one context of the learner\'s, only on request, without touching their file', () => {
    const home = workshopHome();
    const theirs = usersKubeconfig();
    const before = readFileSync(theirs, 'utf8');
    const done = allowContext(home, 'eks-room-1', { from: theirs, as: 'cluster2' });
    expect(done).toEqual({ from: theirs, role: 'cluster2' });
    const ours = workshopKubeconfig(home);
    // kubectl itself sees both contexts, the workshop's current context kept, the other cluster not copied.
    expect(kubectl(ours, 'config', 'get-contexts', '-o', 'name').split('\n').filter(Boolean).sort()).toEqual(['eks-room-1', 'kind-cluster1']);
    expect(kubectl(ours, 'config', 'current-context').trim()).toBe('kind-cluster1');
    expect(kubectl(ours, 'config', 'view', '--raw', '-o', 'jsonpath={.users[?(@.name=="eks-room-1-admin")].user.token}')).toBe('secret-of-eks-room-1');
    expect(readFileSync(ours, 'utf8')).not.toContain('gke_acme_prod');
    expect(statSync(ours).mode & 0o777).toBe(0o600);
    expect(readFileSync(theirs, 'utf8')).toBe(before);
    // The role now points there, and the guard lets steps name it.
    expect(roleContexts(home).cluster2).toBe('eks-room-1');
    expect(clusterVariables(home).CTX_CLUSTER2).toBe('eks-room-1');
    const policy = { kubeconfig: ours, contexts: allowedContexts(home), env: clusterVariables(home), cwd: home };
    expect(contextRefusal('kubectl --context "$CTX_CLUSTER2" get ns', policy)).toBeUndefined();
    expect(contextRefusal('kubectl --context gke_acme_prod get ns', policy)).toMatch(/'gke_acme_prod'/);

    forgetContext(home, 'eks-room-1');
    expect(kubectl(ours, 'config', 'get-contexts', '-o', 'name').trim()).toBe('kind-cluster1');
    expect(readFileSync(ours, 'utf8')).not.toContain('eks-room-1');
    expect(roleContexts(home).cluster2).toBe('kind-cluster2');
  });

  it('says what is wrong: an unknown context (with the ones there are), a missing file, an unknown role', () => {
    const home = workshopHome();
    const theirs = usersKubeconfig();
    expect(() => allowContext(home, 'prod', { from: theirs })).toThrow(`${theirs} has no context 'prod'; it has: eks-room-1, gke_acme_prod`);
    expect(() => allowContext(home, 'prod', { from: path.join(home, 'nope') })).toThrow(/no kubeconfig at .*nope to copy the context 'prod' from/);
    expect(() => allowContext(home, 'eks-room-1', { from: theirs, as: 'cluster9' })).toThrow('--as cluster9: the roles are cluster1, cluster2, cluster3');
    expect(() => forgetContext(home, 'kind-cluster1')).toThrow("'kind-cluster1' is not a context you allowed; allowed: none");
  });
});
