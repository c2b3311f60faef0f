/**
 * Pod routes between kind clusters on the same network, as Istio's CI adds them: each node of one cluster
 * reaches the other cluster's pod CIDRs through that cluster's nodes. Service subnets get no route: a
 * ClusterIP is meant to work only inside its own cluster, which the no-mesh lesson shows and checks.
 * Routes live in the node containers and vanish when they restart, so `cluster up` applies them again;
 * `ip route replace` makes that safe to repeat.
 */
export interface ClusterNodes {
  name: string;
  network: string;
  /** Node containers: name, IP on the kind network, pod CIDR; the control plane first. */
  nodes: { name: string; ip: string; podCidr: string }[];
}

/** The `docker exec … ip route replace …` commands, as argument lists. */
export function routeCommands(clusters: readonly ClusterNodes[]): string[][] {
  const commands: string[][] = [];
  for (const from of clusters) {
    for (const to of clusters) {
      if (from === to || from.network !== to.network) continue;
      for (const node of from.nodes) {
        for (const target of to.nodes) commands.push(['docker', 'exec', node.name, 'ip', 'route', 'replace', target.podCidr, 'via', target.ip]);
      }
    }
  }
  return commands;
}

/** `podCIDR InternalIP` lines from kubectl's jsonpath, into nodes. */
export function parseNodeLines(output: string, nodeNames: readonly string[]): ClusterNodes['nodes'] {
  return output
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter((parts): parts is [string, string, string] => parts.length === 3)
    .map(([name, podCidr, ip]) => ({ name, podCidr, ip }))
    .sort((a, b) => nodeNames.indexOf(a.name) - nodeNames.indexOf(b.name));
}
