/** What the cluster layer puts in every step's environment: the workshop kubeconfig, roles, pinned tools. */
import { clusterRecords } from './kind-clusters.js';
import { clusterVariables, roleVariable } from './kubeconfig.js';
import { existsSync } from 'node:fs';
import { istioRelease, stepPath } from './toolchain.js';
import { PINNED } from './versions.js';

export function clusterEnvironment(home: string): Record<string, string> {
  // API_SERVER_CLUSTER1 …: the API address other clusters reach (for istioctl create-remote-secret --server).
  const servers = Object.fromEntries(Object.entries(clusterRecords(home)).map(([name, record]) => [roleVariable(name).replace(/^CTX_/, 'API_SERVER_'), record.apiServer]));
  // ISTIO_DIR: the release's samples/, tools/certs/ and manifests/, once `tools install` has fetched them.
  const release = istioRelease(home, PINNED.istio);
  return { ...clusterVariables(home), ...servers, ...(existsSync(release) ? { ISTIO_DIR: release } : {}), PATH: stepPath(home) };
}
