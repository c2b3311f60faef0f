/** What the cluster layer puts in every step's environment: the workshop kubeconfig, roles, pinned tools. */
import { clusterRecords } from './kind-clusters.js';
import { clusterVariables, roleVariable } from './kubeconfig.js';
import { stepPath } from './toolchain.js';

export function clusterEnvironment(home: string): Record<string, string> {
  // API_SERVER_CLUSTER1 …: the API address other clusters reach (for istioctl create-remote-secret --server).
  const servers = Object.fromEntries(Object.entries(clusterRecords(home)).map(([name, record]) => [roleVariable(name).replace(/^CTX_/, 'API_SERVER_'), record.apiServer]));
  return { ...clusterVariables(home), ...servers, PATH: stepPath(home) };
}
