/**
 * The workshop's own kubeconfig: the contexts in it, and bringing one in from the learner's own (`mesh-workshop
 * context allow NAME`) or taking it out again. Every step runs with KUBECONFIG set to this file; kind writes
 * its contexts here. The learner's ~/.kube/config is read only when they ask for one of its contexts
 * explicitly, and never written. Reading the file needs the YAML parser, which a run loads only once the file
 * exists (kind writes it with the first cluster): what every step needs without reading it (where it is, the
 * roles, the contexts the learner allowed) is in kubeconfig-settings.ts, and here too.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { UserError } from '../errors.js';
import { writeFileAtomic } from '../files/atomic-file.js';
import { acceptKubeconfig } from './kubeconfig-integrity.js';
import { CLUSTER_ROLES, contextsWith, readSettings, settingsFile, usersKubeconfig, workshopKubeconfig, type ContextSettings } from './kubeconfig-settings.js';

export { CLUSTER_ROLES, clusterVariables, contextsAllowedByLearner, roleContexts, roleVariable, usersKubeconfig, workshopKubeconfig } from './kubeconfig-settings.js';

/** The context names in a kubeconfig file (none when it does not exist yet). */
export function kubeconfigContexts(file: string): string[] {
  if (!existsSync(file)) return [];
  let data: unknown;
  try {
    data = parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UserError(`the workshop kubeconfig ${file} cannot be read: ${(error as Error).message}`);
  }
  const contexts = (data as { contexts?: { name?: unknown }[] } | null)?.contexts ?? [];
  return contexts.map((context) => context.name).filter((name): name is string => typeof name === 'string');
}

/** The contexts steps may name: every role's, and whatever else the workshop kubeconfig holds. */
export function allowedContexts(home: string): string[] {
  return contextsWith(home, kubeconfigContexts(workshopKubeconfig(home)));
}

function kubectl(args: string[], kubeconfig: string): string {
  try {
    return execFileSync('kubectl', args, { encoding: 'utf8', env: { ...process.env, KUBECONFIG: kubeconfig }, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const failure = error as NodeJS.ErrnoException & { stderr?: string };
    if (failure.code === 'ENOENT') throw new UserError('kubectl is not installed (or not on PATH); it is needed to copy a context: https://kubernetes.io/docs/tasks/tools/');
    throw new UserError(`kubectl ${args.join(' ')} failed: ${(failure.stderr ?? failure.message).trim()}`);
  }
}

/**
 * Copies one context (with its cluster and credentials) from another kubeconfig into the workshop's, and
 * optionally makes it a role's cluster. The only way the workshop uses a cluster it did not create.
 */
export function allowContext(home: string, name: string, options: { from?: string; as?: string } = {}): { from: string; role?: string } {
  const from = options.from ?? usersKubeconfig();
  if (options.as !== undefined && !(CLUSTER_ROLES as readonly string[]).includes(options.as)) {
    throw new UserError(`--as ${options.as}: the roles are ${CLUSTER_ROLES.join(', ')}`);
  }
  if (!existsSync(from)) throw new UserError(`no kubeconfig at ${from} to copy the context '${name}' from (give one with --from FILE)`);
  const known = kubectl(['config', 'get-contexts', '-o', 'name'], from).split('\n').filter(Boolean);
  if (!known.includes(name)) throw new UserError(`${from} has no context '${name}'; it has: ${known.join(', ') || 'none'}`);
  const single = kubectl(['config', 'view', '--raw', '--minify', '--flatten', '--context', name], from);
  mkdirSync(home, { recursive: true });
  const target = workshopKubeconfig(home);
  const scratch = path.join(home, `.context-${process.pid}.yaml`);
  try {
    writeFileAtomic(scratch, single);
    // The workshop's file first, so its current context and entries win over the copied ones.
    const merged = kubectl(['config', 'view', '--raw', '--flatten'], [target, scratch].filter(existsSync).join(path.delimiter));
    writeFileAtomic(target, merged);
    chmodSync(target, 0o600);
  } finally {
    rmSync(scratch, { force: true });
  }
  const settings = readSettings(home);
  const next: ContextSettings = { allowed: [...new Set([...settings.allowed, name])], roles: { ...settings.roles, ...(options.as ? { [options.as]: name } : {}) } };
  writeFileAtomic(settingsFile(home), `${JSON.stringify(next, null, 2)}\n`);
  // Allowed on purpose: from now on the file with it is the one to keep.
  acceptKubeconfig(home);
  return { from, ...(options.as ? { role: options.as } : {}) };
}

/** Takes an allowed context out of the workshop kubeconfig again. */
export function forgetContext(home: string, name: string): void {
  const settings = readSettings(home);
  if (!settings.allowed.includes(name)) throw new UserError(`'${name}' is not a context you allowed; allowed: ${settings.allowed.join(', ') || 'none'}`);
  const target = workshopKubeconfig(home);
  // Its cluster and credentials go too, unless another context still uses them.
  const entries = ((parse(readFileSync(target, 'utf8')) as { contexts?: { name?: string; context?: { cluster?: string; user?: string } }[] } | null)?.contexts ?? []);
  const own = entries.find((entry) => entry.name === name)?.context;
  const others = entries.filter((entry) => entry.name !== name);
  kubectl(['config', 'delete-context', name], target);
  if (own?.cluster && !others.some((entry) => entry.context?.cluster === own.cluster)) kubectl(['config', 'delete-cluster', own.cluster], target);
  if (own?.user && !others.some((entry) => entry.context?.user === own.user)) kubectl(['config', 'unset', `users.${own.user}`], target);
  const roles = Object.fromEntries(Object.entries(settings.roles).filter(([, context]) => context !== name));
  writeFileAtomic(settingsFile(home), `${JSON.stringify({ allowed: settings.allowed.filter((context) => context !== name), roles }, null, 2)}\n`);
  // Its server is no longer one to trust.
  acceptKubeconfig(home);
}
