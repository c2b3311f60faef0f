/**
 * `mesh-workshop topology [--width N] [--ascii]`: the workshop's clusters as they are now, drawn with the
 * diagrams' renderer. Reads each cluster with kubectl through the workshop kubeconfig (read-only gets).
 */
import { UserError } from '../errors.js';
import { runTool } from '../cluster/exec.js';
import { kubeconfigContexts, roleContexts, workshopKubeconfig } from '../cluster/kubeconfig.js';
import { stepPath } from '../cluster/toolchain.js';
import { topologyFromReports, type ClusterReport } from '../diagrams/topology.js';
import { renderDiagram } from '../views/diagram.js';
import { localeIsUtf8 } from './diagram.js';
import type { Flags, GlobalOptions } from './options.js';

async function listItems(kubeconfig: string, context: string, kinds: string): Promise<{ items: ClusterReport['items']; problem?: string }> {
  const result = await runTool('kubectl', ['--context', context, 'get', kinds, '-A', '-o', 'json'], { env: { KUBECONFIG: kubeconfig }, timeoutMs: 30_000 });
  if (result.missing) throw new UserError('kubectl is not installed; mesh-workshop doctor says how to get it');
  if (result.code !== 0) return { items: [], problem: result.stderr.trim().split('\n').at(-1) ?? 'kubectl failed' };
  return { items: (JSON.parse(result.stdout) as { items?: ClusterReport['items'] }).items ?? [] };
}

export async function topologyCommand(globals: GlobalOptions, flags: Flags): Promise<number> {
  process.env.PATH = stepPath(globals.home);
  const kubeconfig = workshopKubeconfig(globals.home);
  const present = new Set(kubeconfigContexts(kubeconfig));
  const contexts = Object.values(roleContexts(globals.home)).filter((context) => present.has(context));
  if (contexts.length === 0) throw new UserError("no workshop cluster to draw yet: 'mesh-workshop cluster up' creates them");
  const reports: ClusterReport[] = [];
  for (const context of contexts) {
    const core = await listItems(kubeconfig, context, 'namespaces,services,pods');
    if (core.problem) throw new UserError(`cannot read ${context}: ${core.problem} (is the cluster running? mesh-workshop cluster status)`);
    // Istio's resources exist only once Istio is installed; without them the picture is still right.
    const istio = await listItems(kubeconfig, context, 'serviceentries.networking.istio.io,workloadentries.networking.istio.io,peerauthentications.security.istio.io');
    reports.push({ name: context, items: [...core.items, ...istio.items] });
  }
  const width = flags.width === undefined ? (process.stdout.isTTY ? process.stdout.columns : 100) : Number(flags.width);
  if (!Number.isInteger(width) || width < 30) throw new UserError(`--width ${flags.width ?? ''}: a number of columns, 30 or more`);
  process.stdout.write(`${renderDiagram(topologyFromReports(reports), { width, ascii: flags.ascii === true || !localeIsUtf8(process.env) }).join('\n')}\n`);
  return 0;
}
