/**
 * The environment every command runs in. KUBECONFIG always points at the workshop's own kubeconfig,
 * never at the user's ~/.kube/config; captured variables arrive as environment variables, so bash
 * expands `${INGRESS_IP}` itself and no value is ever spliced into a script's text.
 */
import { existsSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { workshopKubeconfig } from '../cluster/kubeconfig-settings.js';
import { fillVars, type Vars } from '../checks/templating.js';
import { workshopCommand } from '../paths.js';

export interface EnvironmentParts {
  home: string;
  lessonDir: string;
  lessonTmp: string;
  /** The learner's folder for this lesson's tasks (<home>/work/<lesson>/). */
  workspace: string;
  /** From the cluster layer (PATH with the pinned tools, KUBECONFIG, CTX_CLUSTER1 …). */
  provided: Record<string, string>;
  vars: Vars;
  lessonEnv?: Record<string, string>;
  stepEnv?: Record<string, string>;
  /**
   * Keep the learner's HOME (the workshop shell, whose rc files live there; a lesson that declares
   * `learnerHome: true`). Otherwise steps get a HOME of the workshop's, so nothing under the learner's
   * home (~/.kube, cloud credentials, ssh keys) is where a tool would look by default.
   */
  learnerHome?: boolean;
}

/** The HOME steps get: a folder of the workshop's, under the state directory. */
export function stepHome(home: string): string {
  return path.join(home, 'home');
}

/** Docker's own folder (credentials for pulls, contexts), which kind and docker still need with another HOME. */
function dockerConfig(): string | undefined {
  if (process.env.DOCKER_CONFIG) return process.env.DOCKER_CONFIG;
  const own = path.join(os.homedir(), '.docker');
  return existsSync(own) ? own : undefined;
}

export function buildEnvironment(parts: EnvironmentParts): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) if (value !== undefined) env[name] = value;
  const withVars = { ...parts.vars };
  for (const extra of [parts.lessonEnv, parts.stepEnv]) {
    for (const [name, value] of Object.entries(extra ?? {})) withVars[name] = fillVars(value, withVars);
  }
  Object.assign(env, parts.provided, withVars);
  // Set last, so nothing above can point a command at another cluster's credentials.
  env.KUBECONFIG = parts.provided.KUBECONFIG ?? workshopKubeconfig(parts.home);
  env.MESH_WORKSHOP_HOME = parts.home;
  env.LESSON_DIR = parts.lessonDir;
  env.LESSON_TMP = parts.lessonTmp;
  env.WORKSPACE = parts.workspace;
  env.MESH_WORKSHOP = workshopCommand();
  if (!parts.learnerHome) {
    env.HOME = stepHome(parts.home);
    mkdirSync(env.HOME, { recursive: true });
    const docker = dockerConfig();
    if (docker) env.DOCKER_CONFIG = docker;
  }
  return env;
}
