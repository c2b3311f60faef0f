/**
 * What every step needs of the workshop kubeconfig without reading it: where it is, the cluster roles lessons
 * name (`${CTX_CLUSTER1}` …) and the contexts the learner allowed (kept beside it). Reading the file itself
 * (YAML) is kubeconfig.ts's, loaded by a run only once the file exists.
 */
import os from 'node:os';
import path from 'node:path';
import { stateFileValue } from '../files/state-file.js';

/** The clusters lessons can use, by role; each is a kind cluster of that name unless mapped elsewhere. */
export const CLUSTER_ROLES = ['cluster1', 'cluster2', 'cluster3'] as const;

export function workshopKubeconfig(home: string): string {
  return path.join(home, 'kubeconfig');
}

/** `cluster1` → `CTX_CLUSTER1`, the variable lessons write. */
export function roleVariable(role: string): string {
  return `CTX_${role.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}

/** What the learner allowed beyond the workshop's kind clusters, kept beside the kubeconfig. */
export interface ContextSettings {
  /** Contexts brought in from another kubeconfig, on request. */
  allowed: string[];
  /** Roles mapped to a context other than `kind-<role>` (a room's cloud clusters). */
  roles: Record<string, string>;
}

export function settingsFile(home: string): string {
  return path.join(home, 'contexts.json');
}

export function readSettings(home: string): ContextSettings {
  // Unusable, it allows nothing beyond the workshop's own clusters: the safe way to be wrong.
  return stateFileValue(settingsFile(home), settingsShape, 'context settings file', { allowed: [], roles: {} }, "Contexts you had allowed are not allowed now: 'mesh-workshop context allow NAME' allows one again.");
}

function settingsShape(data: unknown): { value: ContextSettings } | { problem: string } {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return { problem: 'not an object' };
  const { allowed, roles } = data as Partial<ContextSettings>;
  if (allowed !== undefined && !(Array.isArray(allowed) && allowed.every((name) => typeof name === 'string'))) return { problem: 'allowed is not a list of context names' };
  if (roles !== undefined && (typeof roles !== 'object' || roles === null || Object.values(roles).some((name) => typeof name !== 'string'))) return { problem: 'roles is not a map of roles to contexts' };
  return { value: { allowed: allowed ?? [], roles: roles ?? {} } };
}

/** The contexts the learner brought in on purpose (`mesh-workshop context allow`). */
export function contextsAllowedByLearner(home: string): string[] {
  return readSettings(home).allowed;
}

/** Each role's context: `kind-<role>`, unless the learner mapped it to a context they allowed. */
export function roleContexts(home: string): Record<string, string> {
  const { roles } = readSettings(home);
  return Object.fromEntries(CLUSTER_ROLES.map((role) => [role, roles[role] ?? `kind-${role}`]));
}

/**
 * The contexts steps may name: every role's, and those the workshop kubeconfig holds (read by
 * kubeconfig.ts, which brings the YAML parser).
 */
export function contextsWith(home: string, inKubeconfig: readonly string[]): string[] {
  return [...new Set([...Object.values(roleContexts(home)), ...inKubeconfig])];
}

/** KUBECONFIG and the role variables, for every step's environment. */
export function clusterVariables(home: string): Record<string, string> {
  const variables: Record<string, string> = { KUBECONFIG: workshopKubeconfig(home) };
  for (const [role, context] of Object.entries(roleContexts(home))) variables[roleVariable(role)] = context;
  return variables;
}

/** The kubeconfig the learner's own tools use: what they asked to bring a context from. */
export function usersKubeconfig(env: NodeJS.ProcessEnv = process.env): string {
  return env.KUBECONFIG?.split(path.delimiter).find(Boolean) ?? path.join(os.homedir(), '.kube', 'config');
}

