/** What the cluster layer puts in every step's environment: the workshop kubeconfig, roles, pinned tools. */
import { clusterVariables } from './kubeconfig.js';
import { stepPath } from './toolchain.js';

export function clusterEnvironment(home: string): Record<string, string> {
  return { ...clusterVariables(home), PATH: stepPath(home) };
}
