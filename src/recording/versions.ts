/** The versions a recording names: the workshop's, node's, the system's and the pinned tools the steps ran. */
import os from 'node:os';
import { PINNED } from '../cluster/versions.js';
import { workshopVersion } from '../commands/report.js';

export function recordingVersions(): Record<string, string> {
  return {
    'mesh-workshop': workshopVersion(),
    node: process.version,
    system: `${os.type()} ${os.release()} ${process.arch}`,
    istio: PINNED.istio,
    kubectl: PINNED.kubectl,
    kind: PINNED.kind,
  };
}
