/**
 * The workshop kubeconfig stays the workshop's. The context guard reads scripts before they run; the
 * forced KUBECONFIG is the backstop for what it cannot read, and this protects the backstop: before and
 * after every step, check and shell session, every context and cluster entry in the file must point at a
 * server the workshop trusts: a kind cluster it created (each keeps a kubeconfig of its own under
 * kubeconfigs/), or one already in the last file that passed (which holds the contexts the learner allowed
 * on purpose with `mesh-workshop context allow`). Anything else (the learner's config copied in by a python
 * one-liner, a context re-pointed at another server) is undone: the last good file is put back, or, with
 * none, the foreign entries are taken out, and the caller is told what appeared.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { writeFileAtomic } from '../files/atomic-file.js';
import { contextsAllowedByLearner, workshopKubeconfig } from './kubeconfig.js';

interface NamedEntry {
  name?: unknown;
  cluster?: { server?: unknown } & Record<string, unknown>;
  context?: { cluster?: unknown; user?: unknown } & Record<string, unknown>;
}

interface KubeconfigData {
  clusters?: NamedEntry[] | null;
  contexts?: NamedEntry[] | null;
  users?: NamedEntry[] | null;
  [key: string]: unknown;
}

/** The last file that passed: what is put back when something foreign appears. */
export function goodKubeconfig(home: string): string {
  return path.join(home, 'kubeconfig.good');
}

/**
 * The file as YAML; undefined when it is missing or not YAML. Every entry below is read by name with `?.`,
 * so YAML that holds no mapping (an empty file, a scalar) holds no entries.
 */
function read(file: string): KubeconfigData | undefined {
  try {
    return (parse(readFileSync(file, 'utf8')) ?? {}) as KubeconfigData;
  } catch {
    return undefined;
  }
}

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** Each context's server, through its cluster entry; and each cluster entry's server. A name that is not text is no entry kubectl reads. */
function servers(data: KubeconfigData | undefined): { contexts: Map<string, string | undefined>; clusters: Map<string, string | undefined> } {
  const clusters = new Map<string, string | undefined>();
  for (const entry of data?.clusters ?? []) {
    const name = text(entry?.name);
    if (name !== undefined) clusters.set(name, text(entry.cluster?.server));
  }
  const contexts = new Map<string, string | undefined>();
  for (const entry of data?.contexts ?? []) {
    const name = text(entry?.name);
    if (name !== undefined) contexts.set(name, clusters.get(text(entry.context?.cluster) ?? ''));
  }
  return { contexts, clusters };
}

/** Servers of the kind clusters the workshop created: each keeps its own kubeconfig under kubeconfigs/. */
function kindServers(home: string): Set<string | undefined> {
  const dir = path.join(home, 'kubeconfigs');
  const found = new Set<string | undefined>();
  if (!existsSync(dir)) return found;
  for (const name of readdirSync(dir)) {
    for (const server of servers(read(path.join(dir, name))).clusters.values()) if (server) found.add(server);
  }
  return found;
}

/** The servers the workshop trusts (never undefined: an entry without a server is trusted by none). */
function trustedServers(home: string, current: KubeconfigData): Set<string | undefined> {
  const trusted = kindServers(home);
  const good = read(goodKubeconfig(home));
  for (const server of servers(good).clusters.values()) if (server) trusted.add(server);
  // The first check of a state directory from before this one (no good copy yet): the contexts the learner
  // allowed on purpose are theirs to keep, wherever they point.
  if (good === undefined) {
    const allowed = new Set(contextsAllowedByLearner(home));
    for (const [name, server] of servers(current).contexts) if (server && allowed.has(name)) trusted.add(server);
  }
  return trusted;
}

/** What is foreign in the file now: one line per entry, naming it and where it points. */
function foreignEntries(data: KubeconfigData | undefined, trusted: ReadonlySet<string | undefined>, before: ReturnType<typeof servers>): string[] {
  const now = servers(data);
  const problems: string[] = [];
  for (const [name, server] of now.contexts) {
    if (trusted.has(server)) continue;
    const was = before.contexts.get(name);
    const where = server === undefined ? 'no cluster the file names' : server;
    problems.push(before.contexts.has(name) ? `context '${name}' now points at ${where} (it pointed at ${was ?? 'nothing'})` : `context '${name}' appeared, pointing at ${where}`);
  }
  for (const [name, server] of now.clusters) {
    if (trusted.has(server)) continue;
    if ([...now.contexts.values()].includes(server)) continue; // named above, with its context
    problems.push(`cluster entry '${name}' appeared, pointing at ${server ?? 'no server'}`);
  }
  return problems;
}

/** The file without its foreign contexts and clusters, and without users only those contexts used. */
function pruned(data: KubeconfigData, trusted: ReadonlySet<string | undefined>): KubeconfigData {
  const { clusters } = servers(data);
  const keepCluster = (name: unknown): boolean => trusted.has(clusters.get(text(name) ?? ''));
  const contexts = (data.contexts ?? []).filter((entry) => keepCluster(entry?.context?.cluster));
  const users = new Set(contexts.map((entry) => text(entry.context?.user)));
  const kept: KubeconfigData = { ...data, clusters: (data.clusters ?? []).filter((entry) => keepCluster(entry?.name)), contexts, users: (data.users ?? []).filter((entry) => users.has(text(entry?.name))) };
  if (!contexts.some((entry) => entry.name === data['current-context'])) delete kept['current-context'];
  return kept;
}

export type KubeconfigVerdict = { ok: true } | { ok: false; found: string[]; restored: 'good copy' | 'pruned' };

/**
 * Checks the workshop kubeconfig; puts it right when something foreign appeared. A file that passes
 * becomes the good copy (so what the workshop itself added, a cluster or an allowed context, is trusted).
 */
export function keepKubeconfigTheWorkshops(home: string): KubeconfigVerdict {
  const file = workshopKubeconfig(home);
  const data = read(file);
  if (data === undefined) return { ok: true }; // none yet, or not YAML: kubectl itself will say so
  const good = read(goodKubeconfig(home));
  const trusted = trustedServers(home, data);
  const found = foreignEntries(data, trusted, servers(good));
  if (found.length === 0) {
    acceptKubeconfig(home);
    return { ok: true };
  }
  if (good !== undefined && foreignEntries(good, trusted, servers(good)).length === 0) {
    writeFileAtomic(file, readFileSync(goodKubeconfig(home), 'utf8'));
    return { ok: false, found, restored: 'good copy' };
  }
  writeFileAtomic(file, stringify(pruned(data, trusted)));
  return { ok: false, found, restored: 'pruned' };
}

/** After the workshop's own change (a cluster created, a context allowed or forgotten): the file is good. */
export function acceptKubeconfig(home: string): void {
  const file = workshopKubeconfig(home);
  if (existsSync(file)) writeFileAtomic(goodKubeconfig(home), readFileSync(file, 'utf8'));
}

/** What a learner or a report is told when the file had to be put right. */
export function kubeconfigBreachMessage(verdict: Extract<KubeconfigVerdict, { ok: false }>, home: string): string {
  const how = verdict.restored === 'good copy' ? 'the last good copy was put back' : 'those entries were taken out';
  return `the workshop kubeconfig (${workshopKubeconfig(home)}) changed: ${verdict.found.join('; ')}. Steps work on the workshop's clusters only, so ${how}. To use a cluster of your own on purpose, allow it: mesh-workshop context allow NAME`;
}
