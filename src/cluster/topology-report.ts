/**
 * What each workshop cluster holds now, read with kubectl through the workshop kubeconfig (read-only
 * gets): for the live topology, on the command line and in the TUI.
 */
import { UserError } from '../errors.js';
import type { ClusterReport } from '../diagrams/topology.js';
import { runTool } from './exec.js';
import { kubeconfigContexts, roleContexts, workshopKubeconfig } from './kubeconfig.js';
import { stepPath } from './toolchain.js';

async function listItems(home: string, context: string, kinds: string): Promise<{ items: ClusterReport['items']; problem?: string }> {
  const result = await runTool('kubectl', ['--context', context, 'get', kinds, '-A', '-o', 'json'], { env: { KUBECONFIG: workshopKubeconfig(home), PATH: stepPath(home) }, timeoutMs: 30_000 });
  if (result.missing) throw new UserError('kubectl is not installed; mesh-workshop doctor says how to get it');
  if (result.code !== 0) return { items: [], problem: result.stderr.trim().split('\n').at(-1) ?? 'kubectl failed' };
  return { items: (JSON.parse(result.stdout) as { items?: ClusterReport['items'] }).items ?? [] };
}

export async function readClusterReports(home: string): Promise<ClusterReport[]> {
  const present = new Set(kubeconfigContexts(workshopKubeconfig(home)));
  const contexts = Object.values(roleContexts(home)).filter((context) => present.has(context));
  if (contexts.length === 0) throw new UserError("no workshop cluster to draw yet: 'mesh-workshop cluster up' creates them");
  const reports: ClusterReport[] = [];
  for (const context of contexts) {
    const core = await listItems(home, context, 'namespaces,services,pods');
    if (core.problem) throw new UserError(`cannot read ${context}: ${core.problem} (is the cluster running? mesh-workshop cluster status)`);
    // Istio's resources exist only once Istio is installed; without them the picture is still right.
    const istio = await listItems(home, context, 'serviceentries.networking.istio.io,workloadentries.networking.istio.io,peerauthentications.security.istio.io');
    reports.push({ name: context, items: [...core.items, ...istio.items] });
  }
  return reports;
}
