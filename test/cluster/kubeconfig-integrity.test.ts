// The workshop kubeconfig stays the workshop's: whatever a step, a check or the workshop shell does to it
// that the context guard could not read is caught afterwards and put right.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { acceptKubeconfig, goodKubeconfig, keepKubeconfigTheWorkshops, kubeconfigBreachMessage } from '../../src/cluster/kubeconfig-integrity.js';
import type { EngineEvent, EventOf } from '../../src/engine/events.js';
import { runLesson } from '../../src/engine/run-lesson.js';
import { HEADER, lessonFromYaml, tempDir } from '../helpers/lessons.js';

/** A kubeconfig as kind writes one: a cluster, a context and a user of one name. */
function kubeconfig(entries: { name: string; server: string }[], current = entries[0]?.name): string {
  return [
    'apiVersion: v1',
    'kind: Config',
    'preferences: {}',
    `current-context: ${current ?? '""'}`,
    'clusters:',
    ...entries.flatMap(({ name, server }) => [`- cluster:`, `    server: ${server}`, `  name: ${name}`]),
    'contexts:',
    ...entries.flatMap(({ name }) => [`- context:`, `    cluster: ${name}`, `    user: ${name}`, `  name: ${name}`]),
    'users:',
    ...entries.flatMap(({ name }) => [`- name: ${name}`, `  user:`, `    token: token-of-${name}`]),
    '',
  ].join('\n');
}

const KIND = [
  { name: 'kind-cluster1', server: 'https://127.0.0.1:40001' },
  { name: 'kind-cluster2', server: 'https://127.0.0.1:40002' },
];
const LEARNERS = kubeconfig([{ name: 'prod', server: 'https://prod.example.com:6443' }]);

/** A state directory after `cluster up cluster1 cluster2`: each cluster's own kubeconfig, merged into the workshop's. */
function stateAfterClusterUp(): { home: string; file: string; text: string } {
  const home = tempDir('mw-kc-');
  mkdirSync(path.join(home, 'kubeconfigs'));
  for (const cluster of KIND) writeFileSync(path.join(home, 'kubeconfigs', cluster.name.replace('kind-', '')), kubeconfig([cluster]));
  const text = kubeconfig(KIND);
  const file = path.join(home, 'kubeconfig');
  writeFileSync(file, text);
  return { home, file, text };
}

const contextNames = (file: string): string[] => ((parse(readFileSync(file, 'utf8')) as { contexts: { name: string }[] }).contexts ?? []).map((c) => c.name);

async function runSteps(home: string, steps: string): Promise<EventOf<'step-finished'>[]> {
  const events: EngineEvent[] = [];
  await runLesson({ lesson: lessonFromYaml(`${HEADER}\nsteps:\n${steps}`), home, emit: (e) => events.push(e), killGraceMs: 200 });
  return events.filter((e): e is EventOf<'step-finished'> => e.type === 'step-finished');
}

describe('the workshop kubeconfig after a step', () => {
  it('a step that copies a kubeconfig in where the guard cannot see it (python) fails, and the file is put back as it was', async () => {
    const { home, file, text } = stateAfterClusterUp();
    const learners = path.join(tempDir('mw-learner-'), 'config');
    writeFileSync(learners, LEARNERS);
    const [merged] = await runSteps(
      home,
      `  - id: sneak
    title: Make kubectl work
    run: python3 -c "import os, shutil; shutil.copy(os.environ['SRC'], os.environ['KUBECONFIG'])"
    env: { SRC: ${learners} }
`,
    );
    expect(merged?.status).toBe('failed');
    expect(merged?.reason).toBe(
      `this step changed what it may not: the workshop kubeconfig (${file}) changed: context 'prod' appeared, pointing at https://prod.example.com:6443. Steps work on the workshop's clusters only, so the last good copy was put back. To use a cluster of your own on purpose, allow it: mesh-workshop context allow NAME`,
    );
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  it("a context re-pointed at another server is caught, and a step that only changes a context's namespace is not", async () => {
    const { home, file } = stateAfterClusterUp();
    keepKubeconfigTheWorkshops(home); // the first check keeps this file as the good copy
    const [namespace, repointed] = await runSteps(
      home,
      `  - id: namespace
    title: A default namespace
    run: kubectl config set-context kind-cluster1 --namespace sample
  - id: repoint
    title: Point cluster2 elsewhere
    run: python3 -c "import os; p=os.environ['KUBECONFIG']; t=open(p).read(); open(p,'w').write(t.replace('127.0.0.1:40002','prod.example.com:6443'))"
`,
    );
    expect(namespace?.reason).toBeUndefined();
    expect(namespace?.status).toBe('passed');
    expect(contextNames(file)).toEqual(['kind-cluster1', 'kind-cluster2']);
    expect(repointed?.status).toBe('failed');
    expect(repointed?.reason).toContain("context 'kind-cluster2' now points at https://prod.example.com:6443 (it pointed at https://127.0.0.1:40002)");
    expect(readFileSync(file, 'utf8')).not.toContain('prod.example.com');
    expect(readFileSync(file, 'utf8')).toContain('namespace: sample');
  });

  it('a change made between steps (in a shell, an editor) is put right before the next step runs, which then fails', async () => {
    const { home, file } = stateAfterClusterUp();
    keepKubeconfigTheWorkshops(home);
    writeFileSync(file, kubeconfig([...KIND, { name: 'prod', server: 'https://prod.example.com:6443' }]));
    const [next] = await runSteps(home, `  - id: next\n    title: Next\n    run: echo fine\n`);
    expect(next?.status).toBe('failed');
    expect(next?.reason).toMatch(/^before this step, the workshop kubeconfig .* changed: context 'prod' appeared, pointing at https:\/\/prod\.example\.com:6443\./);
    expect(contextNames(file)).toEqual(['kind-cluster1', 'kind-cluster2']);
    expect((await runSteps(home, `  - id: again\n    title: Again\n    run: echo fine\n`))[0]?.status).toBe('passed');
  });
});

describe('keepKubeconfigTheWorkshops', () => {
  it('with no good copy yet, takes the foreign entries out and keeps the kind clusters', () => {
    const { home, file } = stateAfterClusterUp();
    writeFileSync(file, kubeconfig([...KIND, { name: 'prod', server: 'https://prod.example.com:6443' }], 'prod'));
    const verdict = keepKubeconfigTheWorkshops(home);
    expect(verdict).toEqual({ ok: false, found: ["context 'prod' appeared, pointing at https://prod.example.com:6443"], restored: 'pruned' });
    const data = parse(readFileSync(file, 'utf8')) as { contexts: { name: string }[]; users: { name: string }[]; clusters: { name: string }[]; 'current-context'?: string };
    expect(data.contexts.map((c) => c.name)).toEqual(['kind-cluster1', 'kind-cluster2']);
    expect(data.users.map((u) => u.name)).toEqual(['kind-cluster1', 'kind-cluster2']);
    expect(data.clusters.map((c) => c.name)).toEqual(['kind-cluster1', 'kind-cluster2']);
    expect(data['current-context']).toBeUndefined();
    // kubectl reads what is left.
    expect(execFileSync('kubectl', ['config', 'get-contexts', '-o', 'name'], { env: { ...process.env, KUBECONFIG: file }, encoding: 'utf8' }).trim().split('\n')).toEqual(['kind-cluster1', 'kind-cluster2']);
  });

  it("keeps a context the learner allowed on purpose, from a state directory older than the check, and trusts it from then on", () => {
    const { home, file } = stateAfterClusterUp();
    const withRoom = kubeconfig([...KIND, { name: 'room-1', server: 'https://room1.example.org' }]);
    writeFileSync(file, withRoom);
    writeFileSync(path.join(home, 'contexts.json'), JSON.stringify({ allowed: ['room-1'], roles: {} }));
    expect(keepKubeconfigTheWorkshops(home)).toEqual({ ok: true });
    expect(readFileSync(goodKubeconfig(home), 'utf8')).toBe(withRoom);
    // Re-pointed later, it is caught like any other.
    writeFileSync(file, withRoom.replace('room1.example.org', 'prod.example.com'));
    expect(keepKubeconfigTheWorkshops(home)).toMatchObject({ ok: false, restored: 'good copy' });
    expect(readFileSync(file, 'utf8')).toBe(withRoom);
  });

  it("another name for one of the workshop's own clusters is no breach: it reaches nothing new", () => {
    const { home, file } = stateAfterClusterUp();
    keepKubeconfigTheWorkshops(home);
    const data = parse(readFileSync(file, 'utf8')) as { contexts: unknown[] };
    data.contexts.push({ name: 'c1', context: { cluster: 'kind-cluster1', user: 'kind-cluster1' } });
    writeFileSync(file, JSON.stringify(data));
    expect(keepKubeconfigTheWorkshops(home)).toEqual({ ok: true });
    expect(contextNames(file)).toEqual(['kind-cluster1', 'kind-cluster2', 'c1']);
  });

  it('a kind cluster created again on a new port is the workshop\'s own: trusted through its own kubeconfig', () => {
    const { home, file } = stateAfterClusterUp();
    keepKubeconfigTheWorkshops(home);
    const moved = [{ name: 'kind-cluster1', server: 'https://127.0.0.1:41111' }, KIND[1]!];
    writeFileSync(path.join(home, 'kubeconfigs', 'cluster1'), kubeconfig([moved[0]!]));
    writeFileSync(file, kubeconfig(moved));
    expect(keepKubeconfigTheWorkshops(home)).toEqual({ ok: true });
  });
});

describe('what is foreign, and what is said about it', () => {
  const PROD = { name: 'prod', server: 'https://prod.example.com:6443' };

  it('a cluster entry added on its own is named; a cluster reached through a foreign context is named once, with the context', () => {
    const { home, file } = stateAfterClusterUp();
    keepKubeconfigTheWorkshops(home);
    const data = parse(kubeconfig([...KIND, PROD])) as { clusters: unknown[] };
    data.clusters.push({ name: 'spare', cluster: { server: 'https://spare.example.com' } }, { name: 'blank', cluster: {} }, { name: 'bare' });
    writeFileSync(file, JSON.stringify(data));
    expect(keepKubeconfigTheWorkshops(home)).toEqual({
      ok: false,
      found: [
        "context 'prod' appeared, pointing at https://prod.example.com:6443",
        "cluster entry 'spare' appeared, pointing at https://spare.example.com",
        "cluster entry 'blank' appeared, pointing at no server",
        "cluster entry 'bare' appeared, pointing at no server",
      ],
      restored: 'good copy',
    });
  });

  it('a context pointed at a cluster the file does not name, or one whose cluster was taken away', () => {
    const { home, file } = stateAfterClusterUp();
    keepKubeconfigTheWorkshops(home);
    const data = parse(kubeconfig(KIND)) as { clusters: { name: string }[]; contexts: unknown[] };
    data.contexts.push({ name: 'lost', context: { cluster: 'nowhere', user: 'kind-cluster1' } }, { name: 'bare' });
    data.clusters = data.clusters.filter((entry) => entry.name !== 'kind-cluster2');
    writeFileSync(file, JSON.stringify(data));
    expect(keepKubeconfigTheWorkshops(home)).toMatchObject({
      found: [
        "context 'kind-cluster2' now points at no cluster the file names (it pointed at https://127.0.0.1:40002)",
        "context 'lost' appeared, pointing at no cluster the file names",
        "context 'bare' appeared, pointing at no cluster the file names",
      ],
    });
  });

  it('a context that pointed at nothing before and points somewhere foreign now says so', () => {
    const { home, file } = stateAfterClusterUp();
    const data = parse(kubeconfig(KIND)) as { contexts: unknown[]; clusters: unknown[] };
    data.contexts.push({ name: 'spare', context: { cluster: 'spare', user: 'kind-cluster1' } });
    writeFileSync(file, JSON.stringify(data));
    // Pointing at no cluster, it reaches nothing: the file passes and becomes the good copy.
    writeFileSync(goodKubeconfig(home), JSON.stringify(data));
    data.clusters.push({ name: 'spare', cluster: { server: 'https://prod.example.com:6443' } });
    writeFileSync(file, JSON.stringify(data));
    expect(keepKubeconfigTheWorkshops(home)).toMatchObject({ found: ["context 'spare' now points at https://prod.example.com:6443 (it pointed at nothing)"] });
  });

  it('entries without a name, or whose name is not text, are not entries kubectl can use: nothing to say about them', () => {
    const { home, file } = stateAfterClusterUp();
    const data = parse(kubeconfig(KIND)) as { clusters: unknown[]; contexts: unknown[] };
    data.clusters.push({ cluster: { server: 'https://prod.example.com:6443' } }, null, { name: 7, cluster: { server: 'https://prod.example.com:6443' } });
    data.contexts.push({ context: { cluster: 'kind-cluster1' } }, null, { name: 8, context: { cluster: 7 } });
    writeFileSync(file, JSON.stringify(data));
    expect(keepKubeconfigTheWorkshops(home)).toEqual({ ok: true });
  });

  it('the message says what changed, what was done about it, and how to allow a cluster on purpose', () => {
    const home = '/home/learner/.local/state/mesh-workshop';
    expect(kubeconfigBreachMessage({ ok: false, found: ["context 'prod' appeared, pointing at https://prod.example.com:6443", 'another'], restored: 'pruned' }, home)).toBe(
      "the workshop kubeconfig (/home/learner/.local/state/mesh-workshop/kubeconfig) changed: context 'prod' appeared, pointing at https://prod.example.com:6443; another. Steps work on the workshop's clusters only, so those entries were taken out. To use a cluster of your own on purpose, allow it: mesh-workshop context allow NAME",
    );
    expect(kubeconfigBreachMessage({ ok: false, found: ['x'], restored: 'good copy' }, home)).toContain('so the last good copy was put back.');
  });
});

describe('which servers are trusted', () => {
  const PROD = { name: 'prod', server: 'https://prod.example.com:6443' };

  it('without the kind clusters\' own kubeconfigs, a kind entry is trusted only as the good copy holds it', () => {
    const { home, file, text } = stateAfterClusterUp();
    rmSync(path.join(home, 'kubeconfigs'), { recursive: true });
    expect(keepKubeconfigTheWorkshops(home)).toMatchObject({ ok: false, restored: 'pruned' });
    expect(contextNames(file)).toEqual([]);
    writeFileSync(file, text);
    writeFileSync(goodKubeconfig(home), text);
    expect(keepKubeconfigTheWorkshops(home)).toEqual({ ok: true });
  });

  it("a file in kubeconfigs/ that is not YAML trusts nothing, and does not stop the check", () => {
    const { home } = stateAfterClusterUp();
    writeFileSync(path.join(home, 'kubeconfigs', 'broken'), 'clusters: [unclosed\n');
    expect(keepKubeconfigTheWorkshops(home)).toEqual({ ok: true });
  });

  it('a context allowed by the learner is trusted from an older state directory only: once a good copy exists, it must be in it', () => {
    const { home, file, text } = stateAfterClusterUp();
    writeFileSync(path.join(home, 'contexts.json'), JSON.stringify({ allowed: ['prod'], roles: {} }));
    keepKubeconfigTheWorkshops(home);
    expect(readFileSync(goodKubeconfig(home), 'utf8')).toBe(text);
    writeFileSync(file, kubeconfig([...KIND, PROD]));
    expect(keepKubeconfigTheWorkshops(home)).toMatchObject({ ok: false, found: ["context 'prod' appeared, pointing at https://prod.example.com:6443"] });
  });

  it('allowing one context does not trust another the learner did not allow', () => {
    const { home, file } = stateAfterClusterUp();
    writeFileSync(file, kubeconfig([...KIND, PROD, { name: 'room-1', server: 'https://room1.example.org' }]));
    writeFileSync(path.join(home, 'contexts.json'), JSON.stringify({ allowed: ['room-1'], roles: {} }));
    expect(keepKubeconfigTheWorkshops(home)).toEqual({ ok: false, found: ["context 'prod' appeared, pointing at https://prod.example.com:6443"], restored: 'pruned' });
    expect(contextNames(file)).toEqual(['kind-cluster1', 'kind-cluster2', 'room-1']);
  });
});

describe('putting the file right', () => {
  const PROD = { name: 'prod', server: 'https://prod.example.com:6443' };

  it('a good copy that is itself foreign (written before this check existed) is not put back: the file is pruned', () => {
    const { home, file } = stateAfterClusterUp();
    const withProd = kubeconfig([...KIND, PROD]);
    writeFileSync(goodKubeconfig(home), kubeconfig([PROD]));
    writeFileSync(file, withProd);
    // The good copy's servers are trusted, so with it prod is no breach; a second foreign server is.
    expect(keepKubeconfigTheWorkshops(home)).toEqual({ ok: true });
    writeFileSync(goodKubeconfig(home), kubeconfig([{ name: 'stale', server: 'https://stale.example.com' }]).replace('server: https://stale.example.com', 'server: ""'));
    writeFileSync(file, withProd);
    expect(keepKubeconfigTheWorkshops(home)).toMatchObject({ ok: false, restored: 'pruned' });
    expect(contextNames(file)).toEqual(['kind-cluster1', 'kind-cluster2']);
  });

  it('pruning keeps the current context when it stays, and the users only the kept contexts use; empty entries go', () => {
    const { home, file } = stateAfterClusterUp();
    const data = parse(kubeconfig([...KIND, PROD], 'kind-cluster2')) as { users: unknown[]; clusters: unknown[]; contexts: unknown[] };
    data.users.push({ name: 'spare', user: { token: 'x' } }, null);
    data.clusters.push(null);
    data.contexts.push(null, { name: 'bare' });
    writeFileSync(file, JSON.stringify(data));
    keepKubeconfigTheWorkshops(home);
    const kept = parse(readFileSync(file, 'utf8')) as { users: { name: string }[]; 'current-context'?: string };
    expect(kept['current-context']).toBe('kind-cluster2');
    expect(kept.users.map((user) => user.name)).toEqual(['kind-cluster1', 'kind-cluster2']);
  });

  it('a file with no lists at all, or whose lists are empty (null), is pruned to empty lists kubectl reads', () => {
    const { home, file } = stateAfterClusterUp();
    writeFileSync(file, 'apiVersion: v1\nkind: Config\nclusters:\n- name: prod\n  cluster:\n    server: https://prod.example.com:6443\ncontexts:\nusers:\n');
    expect(keepKubeconfigTheWorkshops(home)).toMatchObject({ ok: false, found: ["cluster entry 'prod' appeared, pointing at https://prod.example.com:6443"], restored: 'pruned' });
    expect(parse(readFileSync(file, 'utf8'))).toEqual({ apiVersion: 'v1', kind: 'Config', clusters: [], contexts: [], users: [] });
    writeFileSync(file, 'contexts:\n- name: lost\n  context:\n    cluster: nowhere\n');
    expect(keepKubeconfigTheWorkshops(home)).toMatchObject({ ok: false, found: ["context 'lost' appeared, pointing at no cluster the file names"], restored: 'pruned' });
    expect(parse(readFileSync(file, 'utf8'))).toEqual({ clusters: [], contexts: [], users: [] });
  });

  it('no file yet, or one that is not YAML: nothing to check (kubectl says what is wrong), nothing kept as good', () => {
    const home = tempDir('mw-kc-');
    expect(keepKubeconfigTheWorkshops(home)).toEqual({ ok: true });
    writeFileSync(path.join(home, 'kubeconfig'), 'clusters: [unclosed\n');
    expect(keepKubeconfigTheWorkshops(home)).toEqual({ ok: true });
    expect(existsSync(goodKubeconfig(home))).toBe(false);
  });

  it('a file that passes becomes the good copy; one of only scalars holds no entries, and passes', () => {
    const home = tempDir('mw-kc-');
    writeFileSync(path.join(home, 'kubeconfig'), 'just text\n');
    expect(keepKubeconfigTheWorkshops(home)).toEqual({ ok: true });
    expect(readFileSync(goodKubeconfig(home), 'utf8')).toBe('just text\n');
  });
});

describe('acceptKubeconfig, after the workshop changed the file itself', () => {
  it('keeps the file as the good copy, as it is now', () => {
    const { home, file, text } = stateAfterClusterUp();
    acceptKubeconfig(home);
    expect(readFileSync(goodKubeconfig(home), 'utf8')).toBe(text);
    writeFileSync(file, kubeconfig([KIND[0]!]));
    acceptKubeconfig(home);
    expect(readFileSync(goodKubeconfig(home), 'utf8')).toBe(kubeconfig([KIND[0]!]));
  });

  it('with no workshop kubeconfig, there is nothing to keep', () => {
    const home = tempDir('mw-kc-');
    acceptKubeconfig(home);
    expect(existsSync(goodKubeconfig(home))).toBe(false);
  });
});
