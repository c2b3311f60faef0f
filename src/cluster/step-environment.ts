/** What the cluster layer puts in every step's environment: the workshop kubeconfig, roles, pinned tools. */
import { clusterRecords } from './kind-clusters.js';
import { clusterVariables, roleVariable } from './kubeconfig-settings.js';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { istioRelease, stepPath, toolsFiles } from './toolchain.js';
import { currentPlatform, downloadsFor, PINNED } from './versions.js';

export function clusterEnvironment(home: string): Record<string, string> {
  // API_SERVER_CLUSTER1 …: the API address other clusters reach (for istioctl create-remote-secret --server).
  const servers = Object.fromEntries(Object.entries(clusterRecords(home)).map(([name, record]) => [roleVariable(name).replace(/^CTX_/, 'API_SERVER_'), record.apiServer]));
  // ISTIO_DIR: the release's samples/, tools/certs/ and manifests/, once `tools install` has fetched them.
  const release = istioRelease(home, PINNED.istio);
  // ISTIO_SIDECAR_DEB: the verified VM package for this machine's architecture (a "VM" container runs natively).
  const debFile = downloadsFor(currentPlatform()).find((download) => download.tool === 'istio-sidecar.deb')?.file;
  const deb = debFile ? path.join(toolsFiles(home), debFile) : undefined;
  return {
    ...clusterVariables(home),
    ...servers,
    ...(existsSync(release) ? { ISTIO_DIR: release } : {}),
    ...(deb && existsSync(deb) ? { ISTIO_SIDECAR_DEB: deb } : {}),
    // ISTIO_VERSION: the pinned release, for what must match the downloads (the VM's proxyv2 image tag and its .deb).
    ISTIO_VERSION: PINNED.istio,
    PATH: stepPath(home),
  };
}
