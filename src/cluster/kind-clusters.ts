/**
 * The workshop's kind clusters: created in parallel (each into a kubeconfig of its own, then merged into
 * the workshop's), readiness awaited with `kubectl wait`, LoadBalancer services served by
 * cloud-provider-kind, each cluster's API address on the kind network recorded for remote secrets, and
 * pod routes between clusters on one network. Everything is safe to repeat: `cluster up` after Docker or
 * the machine restarted starts the stopped nodes and puts the routes back.
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { UserError } from '../errors.js';
import { writeFileAtomic } from '../files/atomic-file.js';
import { stateFileValue } from '../files/state-file.js';
import { requireDockerEngine } from './docker-engine.js';
import { runTool, type ToolResult } from './exec.js';
import { workshopKubeconfig } from './kubeconfig-settings.js';
import { parseNodeLines, routeCommands, type ClusterNodes } from './routes.js';
import type { WorkshopCluster } from './topology.js';
import { PINNED } from './versions.js';

export const LOAD_BALANCER_CONTAINER = 'mesh-workshop-cloud-provider-kind';
export const LOAD_BALANCER_IMAGE = `registry.k8s.io/cloud-provider-kind/cloud-controller-manager:${PINNED.cloudProviderKind}`;

export interface ClusterContext {
  home: string;
  clusters: readonly WorkshopCluster[];
  say(line: string): void;
}

/** What `cluster up` learnt about each cluster, kept for steps (API_SERVER_CLUSTER1 …) and status. */
export interface ClusterRecord {
  apiServer: string;
  network: string;
}

function recordsFile(home: string): string {
  return path.join(home, 'clusters.json');
}

export function clusterRecords(home: string): Record<string, ClusterRecord> {
  return stateFileValue(recordsFile(home), recordsShape, 'cluster record', {}, "'mesh-workshop cluster up' records the clusters again.");
}

/** clusters.json: a record per cluster, each with the API address other clusters reach. */
function recordsShape(data: unknown): { value: Record<string, ClusterRecord> } | { problem: string } {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return { problem: 'not an object of clusters' };
  for (const [name, record] of Object.entries(data)) {
    if (typeof (record as Partial<ClusterRecord> | null)?.apiServer !== 'string') return { problem: `${name} has no apiServer` };
  }
  return { value: data as Record<string, ClusterRecord> };
}

function ownKubeconfig(home: string, name: string): string {
  return path.join(home, 'kubeconfigs', name);
}

async function must(program: string, args: string[], what: string, options: Parameters<typeof runTool>[2] = {}): Promise<string> {
  const result: ToolResult = await runTool(program, args, options);
  if (result.missing) throw new UserError(program === 'kind' ? "kind is not installed: 'mesh-workshop tools install kind' fetches the pinned one" : `${program} is not installed; 'mesh-workshop doctor' says how to get it`);
  if (result.code !== 0) {
    const detail = (result.stderr || result.stdout).trim().split('\n').slice(-5).join('\n');
    throw new UserError(`${what} failed${result.timedOut ? ' (timed out)' : ''}: ${program} ${args.join(' ')}\n${detail}`);
  }
  return result.stdout;
}

export function selectClusters(all: readonly WorkshopCluster[], names: readonly string[]): WorkshopCluster[] {
  if (names.length === 0) return [...all];
  return names.map((name) => {
    const found = all.find((cluster) => cluster.name === name);
    if (!found) throw new UserError(`no workshop cluster '${name}'; they are ${all.map((cluster) => cluster.name).join(', ')}`);
    return found;
  });
}

async function existingClusters(): Promise<string[]> {
  return (await must('kind', ['get', 'clusters'], 'listing kind clusters')).split('\n').map((line) => line.trim()).filter(Boolean);
}

/** Node containers of a cluster with their state (running, exited …). */
async function nodeContainers(name: string): Promise<{ name: string; state: string }[]> {
  const out = await must('docker', ['ps', '-a', '--filter', `label=io.x-k8s.kind.cluster=${name}`, '--format', '{{.Names}} {{.State}}'], `listing the nodes of ${name}`);
  return out.split('\n').filter(Boolean).map((line) => {
    const [container = '', state = ''] = line.split(' ');
    return { name: container, state };
  });
}

/** Merges each cluster's own kubeconfig into the workshop's; fresh entries win over stale ones. */
function mergeKubeconfigs(context: ClusterContext, names: readonly string[]): Promise<void> {
  const target = workshopKubeconfig(context.home);
  const sources = [...names.map((name) => ownKubeconfig(context.home, name)).filter(existsSync), ...(existsSync(target) ? [target] : [])];
  return must('kubectl', ['config', 'view', '--raw', '--flatten'], 'merging kubeconfigs', { env: { KUBECONFIG: sources.join(path.delimiter) } }).then((merged) => {
    writeFileAtomic(target, merged);
  });
}

async function bringUp(context: ClusterContext, cluster: WorkshopCluster, exists: boolean): Promise<void> {
  const own = ownKubeconfig(context.home, cluster.name);
  mkdirSync(path.dirname(own), { recursive: true });
  const prefix = (line: string): void => context.say(`[${cluster.name}] ${line}`);
  if (!exists) {
    prefix(`creating from ${path.basename(cluster.config)} (${cluster.image.split('@')[0] ?? cluster.image})`);
    await must('kind', ['create', 'cluster', '--config', cluster.config, '--kubeconfig', own], `creating ${cluster.name}`, { onLine: prefix, timeoutMs: 10 * 60_000 });
  } else {
    const stopped = (await nodeContainers(cluster.name)).filter((node) => node.state !== 'running');
    if (stopped.length > 0) {
      prefix(`starting its stopped nodes: ${stopped.map((node) => node.name).join(', ')}`);
      await must('docker', ['start', ...stopped.map((node) => node.name)], `starting ${cluster.name}`);
    }
    // The API server's host port can change when a node restarts: write the kubeconfig again.
    await must('kind', ['export', 'kubeconfig', '--name', cluster.name, '--kubeconfig', own], `writing the kubeconfig of ${cluster.name}`);
  }
  prefix('waiting for its nodes to be Ready (kubectl wait)');
  await must('kubectl', ['wait', '--for=condition=Ready', 'nodes', '--all', '--timeout=300s', '--context', `kind-${cluster.name}`], `waiting for ${cluster.name}`, { env: { KUBECONFIG: own } });
  await must('kubectl', ['-n', 'kube-system', 'rollout', 'status', 'deployment/coredns', '--timeout=300s', '--context', `kind-${cluster.name}`], `waiting for DNS in ${cluster.name}`, { env: { KUBECONFIG: own } });
}

/**
 * cloud-provider-kind's arguments. Its Ingress support (the no-mesh lesson's Ingress) runs on its Gateway API
 * controller, so the gateway channel stays on; the default IngressClass stays off, so only Ingresses that
 * name `cloud-provider-kind` are served and Istio's own APIs are never shadowed.
 */
export const LOAD_BALANCER_ARGS = ['--gateway-channel', 'standard', '--enable-default-ingress=false'] as const;

/** cloud-provider-kind in a container of its own, restarted with Docker, serving every kind cluster. */
async function ensureLoadBalancer(context: ClusterContext): Promise<void> {
  const state = await runTool('docker', ['inspect', '-f', '{{.State.Running}} {{json .Args}}', LOAD_BALANCER_CONTAINER]);
  const [running, args] = state.stdout.trim().split(/ (.*)/s);
  if (state.code === 0 && args !== JSON.stringify(LOAD_BALANCER_ARGS)) {
    // Started by an older workshop with other arguments: a container's arguments cannot change, so replace it.
    context.say('replacing the LoadBalancer provider started with other arguments');
    await must('docker', ['rm', '-f', LOAD_BALANCER_CONTAINER], 'removing the old cloud-provider-kind');
  } else if (state.code === 0) {
    if (running === 'true') return;
    context.say('starting the LoadBalancer provider (cloud-provider-kind)');
    await must('docker', ['start', LOAD_BALANCER_CONTAINER], 'starting cloud-provider-kind');
    return;
  }
  context.say(`starting the LoadBalancer provider: ${LOAD_BALANCER_IMAGE}`);
  await must(
    'docker',
    ['run', '-d', '--restart', 'unless-stopped', '--name', LOAD_BALANCER_CONTAINER, '--network', 'kind', '-v', '/var/run/docker.sock:/var/run/docker.sock', LOAD_BALANCER_IMAGE, ...LOAD_BALANCER_ARGS],
    'starting cloud-provider-kind',
  );
}

async function nodesOf(context: ClusterContext, cluster: WorkshopCluster): Promise<ClusterNodes> {
  const names = (await nodeContainers(cluster.name)).map((node) => node.name).sort((a, b) => Number(b.endsWith('control-plane')) - Number(a.endsWith('control-plane')));
  const out = await must('kubectl', ['get', 'nodes', '--context', `kind-${cluster.name}`, '-o', 'jsonpath={range .items[*]}{.metadata.name} {.spec.podCIDR} {.status.addresses[?(@.type=="InternalIP")].address}{"\\n"}{end}'], `reading the nodes of ${cluster.name}`, { env: { KUBECONFIG: workshopKubeconfig(context.home) } });
  return { name: cluster.name, network: cluster.network, nodes: parseNodeLines(out, names) };
}

/** Adds the routes between clusters that share a network (idempotent). */
export async function routeClusters(context: ClusterContext): Promise<number> {
  await requireDockerEngine();
  return addRoutes(context);
}

async function addRoutes(context: ClusterContext): Promise<number> {
  const present = new Set(await existingClusters());
  const clusters = await Promise.all(context.clusters.filter((cluster) => present.has(cluster.name)).map((cluster) => nodesOf(context, cluster)));
  const commands = routeCommands(clusters);
  for (const [program = 'docker', ...args] of commands) await must(program, args, 'adding a pod route');
  if (commands.length > 0) context.say(`routes: ${commands.length} in place between ${clusters.map((cluster) => cluster.name).join(', ')} (same network)`);
  return commands.length;
}

async function recordApiServers(context: ClusterContext, clusters: readonly WorkshopCluster[]): Promise<void> {
  const records = clusterRecords(context.home);
  for (const cluster of clusters) {
    const ip = (await must('docker', ['inspect', '-f', '{{.NetworkSettings.Networks.kind.IPAddress}}', `${cluster.name}-control-plane`], `reading the address of ${cluster.name}`)).trim();
    records[cluster.name] = { apiServer: `https://${ip}:6443`, network: cluster.network };
  }
  writeFileAtomic(recordsFile(context.home), `${JSON.stringify(records, null, 2)}\n`);
}

export async function clusterUp(context: ClusterContext, names: readonly string[], loadImages?: (cluster: string) => Promise<void>): Promise<void> {
  const wanted = selectClusters(context.clusters, names);
  await requireDockerEngine();
  const existing = new Set(await existingClusters());
  // In parallel: creating a kind cluster is mostly waiting.
  await Promise.all(wanted.map((cluster) => bringUp(context, cluster, existing.has(cluster.name))));
  await mergeKubeconfigs(context, wanted.map((cluster) => cluster.name));
  if (loadImages) for (const cluster of wanted) await loadImages(cluster.name);
  await ensureLoadBalancer(context);
  await recordApiServers(context, wanted);
  await addRoutes(context);
  context.say(`ready: ${wanted.map((cluster) => `kind-${cluster.name}`).join(', ')}`);
}

/** Loads the images this machine already has (from `prefetch`) into a cluster, so it pulls none of them. */
export async function loadLocalImages(context: ClusterContext, cluster: string, images: readonly string[]): Promise<void> {
  const local: string[] = [];
  for (const image of images) if ((await runTool('docker', ['image', 'inspect', image])).code === 0) local.push(image);
  if (local.length === 0) return;
  context.say(`[${cluster}] loading ${local.length} prefetched image(s)`);
  await must('kind', ['load', 'docker-image', '--name', cluster, ...local], `loading images into ${cluster}`, { timeoutMs: 10 * 60_000 });
}

export async function clusterDown(context: ClusterContext, names: readonly string[]): Promise<void> {
  const wanted = selectClusters(context.clusters, names);
  await requireDockerEngine();
  const existing = new Set(await existingClusters());
  await Promise.all(
    wanted.map(async (cluster) => {
      if (existing.has(cluster.name)) {
        context.say(`[${cluster.name}] deleting`);
        await must('kind', ['delete', 'cluster', '--name', cluster.name, '--kubeconfig', workshopKubeconfig(context.home)], `deleting ${cluster.name}`);
      }
      rmSync(ownKubeconfig(context.home, cluster.name), { force: true });
    }),
  );
  const records = clusterRecords(context.home);
  for (const cluster of wanted) delete records[cluster.name];
  writeFileAtomic(recordsFile(context.home), `${JSON.stringify(records, null, 2)}\n`);
  const left = (await existingClusters()).filter((name) => context.clusters.some((cluster) => cluster.name === name));
  if (left.length === 0) await runTool('docker', ['rm', '-f', LOAD_BALANCER_CONTAINER]);
  context.say(`deleted: ${wanted.map((cluster) => cluster.name).join(', ')}`);
}

export interface ClusterState {
  name: string;
  network: string;
  exists: boolean;
  nodes: { name: string; state: string }[];
  apiServer?: string;
}

export async function clusterStatus(context: ClusterContext): Promise<ClusterState[]> {
  await requireDockerEngine();
  const existing = new Set(await existingClusters());
  const records = clusterRecords(context.home);
  return Promise.all(
    context.clusters.map(async (cluster) => ({
      name: cluster.name,
      network: cluster.network,
      exists: existing.has(cluster.name),
      nodes: existing.has(cluster.name) ? await nodeContainers(cluster.name) : [],
      ...(records[cluster.name] ? { apiServer: records[cluster.name]?.apiServer } : {}),
    })),
  );
}
