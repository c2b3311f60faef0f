/** `mesh-workshop cluster up [NAME…] | down [NAME…] | status [--json] | route`: the workshop's kind clusters. */
import { UserError } from '../errors.js';
import { workshopImages } from '../cluster/images.js';
import { clusterDown, clusterStatus, clusterUp, loadLocalImages, routeClusters, type ClusterContext } from '../cluster/kind-clusters.js';
import { stepPath } from '../cluster/toolchain.js';
import { workshopClusters } from '../cluster/topology.js';
import { defaultAssetsDir } from '../paths.js';
import type { Flags, GlobalOptions } from './options.js';

const USAGE = 'usage: mesh-workshop cluster up [NAME…] | down [NAME…] | status [--json] | route';

export async function clusterCommand(globals: GlobalOptions, flags: Flags, args: string[]): Promise<number> {
  const [action, ...names] = args;
  // The pinned kind, istioctl and kubectl from the workshop cache come first, as for steps.
  process.env.PATH = stepPath(globals.home);
  const context: ClusterContext = { home: globals.home, clusters: workshopClusters(defaultAssetsDir()), say: (line) => process.stdout.write(`${line}\n`) };
  switch (action) {
    case 'up': {
      const images = workshopImages(globals.lessonsDir).inCluster;
      await clusterUp(context, names, (cluster) => loadLocalImages(context, cluster, images));
      return 0;
    }
    case 'down':
      await clusterDown(context, names);
      return 0;
    case 'route':
      await routeClusters(context);
      return 0;
    case 'status': {
      const states = await clusterStatus(context);
      if (flags.json) {
        process.stdout.write(`${JSON.stringify(states, null, 2)}\n`);
        return 0;
      }
      for (const state of states) {
        const nodes = state.nodes.map((node) => `${node.name} ${node.state}`).join(', ');
        process.stdout.write(`${state.name.padEnd(9)} ${state.network.padEnd(9)} ${state.exists ? `${nodes}${state.apiServer ? `  API ${state.apiServer}` : ''}` : "not created ('mesh-workshop cluster up')"}\n`);
      }
      return 0;
    }
    default:
      throw new UserError(action ? `unknown action '${action}'; ${USAGE}` : USAGE);
  }
}
