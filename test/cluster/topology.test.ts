// The kind configs in assets/kind: they parse, pin the node image, and their subnets never overlap.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseNodeLines, routeCommands, type ClusterNodes } from '../../src/cluster/routes.js';
import { cidrsOverlap, readKindConfig, workshopClusters } from '../../src/cluster/topology.js';
import { PINNED } from '../../src/cluster/versions.js';

const ASSETS = path.resolve('assets');
const clusters = workshopClusters(ASSETS);

describe('the workshop kind configs', () => {
  it('are three clusters, two on one network and one on its own', () => {
    expect(clusters.map((cluster) => [cluster.name, cluster.network])).toEqual([
      ['cluster1', 'network1'],
      ['cluster2', 'network1'],
      ['cluster3', 'network2'],
    ]);
  });

  it('pin the node image by digest, as the kind release notes give it', () => {
    for (const cluster of clusters) expect(cluster.image).toBe(PINNED.nodeImage);
    expect(PINNED.nodeImage).toMatch(/^kindest\/node:v1\.36\.\d+@sha256:[0-9a-f]{64}$/);
  });

  it('have pod and service subnets that overlap nothing: each other, Docker\'s default bridge, the kind network', () => {
    const subnets = clusters.flatMap((cluster) => [cluster.podSubnet, cluster.serviceSubnet]);
    for (const [i, a] of subnets.entries()) for (const b of subnets.slice(i + 1)) expect(cidrsOverlap(a, b), `${a} and ${b}`).toBe(false);
    for (const subnet of subnets) for (const docker of ['172.17.0.0/16', '172.18.0.0/16']) expect(cidrsOverlap(subnet, docker)).toBe(false);
    // The overlap test itself can fail.
    expect(cidrsOverlap('10.244.0.0/16', '10.244.128.0/17')).toBe(true);
    expect(cidrsOverlap('10.10.0.0/16', '10.11.0.0/16')).toBe(false);
  });

  it('write kubeadm patches without apiVersion (kind >= v0.32 ignores a patch for another version)', () => {
    for (const cluster of clusters) {
      const config = readKindConfig(cluster.config);
      expect(config.kind).toBe('Cluster');
      for (const patch of config.kubeadmConfigPatches ?? []) {
        const doc = parse(patch) as Record<string, unknown>;
        expect(doc.apiVersion).toBeUndefined();
        expect(doc.kind).toBe('ClusterConfiguration');
      }
    }
    expect(readFileSync(path.join(ASSETS, 'kind', 'cluster1.yaml'), 'utf8')).toContain('apiVersion: kind.x-k8s.io/v1alpha4');
  });
});

describe('routes between clusters on one network', () => {
  const nodes = (name: string, network: string, list: [string, string, string][]): ClusterNodes => ({ name, network, nodes: list.map(([node, ip, podCidr]) => ({ name: node, ip, podCidr })) });
  it('route each node to the other cluster\'s pods, never to its ClusterIPs, never across networks', () => {
    const commands = routeCommands([
      nodes('cluster1', 'network1', [['cluster1-control-plane', '172.18.0.2', '10.10.0.0/24']]),
      nodes('cluster2', 'network1', [['cluster2-control-plane', '172.18.0.3', '10.20.0.0/24'], ['cluster2-worker', '172.18.0.4', '10.20.1.0/24']]),
      nodes('cluster3', 'network2', [['cluster3-control-plane', '172.18.0.5', '10.30.0.0/24']]),
    ]).map((command) => command.join(' '));
    expect(commands).toEqual([
      'docker exec cluster1-control-plane ip route replace 10.20.0.0/24 via 172.18.0.3',
      'docker exec cluster1-control-plane ip route replace 10.20.1.0/24 via 172.18.0.4',
      'docker exec cluster2-control-plane ip route replace 10.10.0.0/24 via 172.18.0.2',
      'docker exec cluster2-worker ip route replace 10.10.0.0/24 via 172.18.0.2',
    ]);
  });
  it('read kubectl\'s node lines, the control plane first', () => {
    expect(parseNodeLines('cluster2-worker 10.20.1.0/24 172.18.0.4\ncluster2-control-plane 10.20.0.0/24 172.18.0.3\n', ['cluster2-control-plane', 'cluster2-worker'])).toEqual([
      { name: 'cluster2-control-plane', podCidr: '10.20.0.0/24', ip: '172.18.0.3' },
      { name: 'cluster2-worker', podCidr: '10.20.1.0/24', ip: '172.18.0.4' },
    ]);
  });
});
