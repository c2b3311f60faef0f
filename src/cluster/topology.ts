/** The workshop's clusters as the kind configs in assets/kind describe them: names, networks, subnets, image. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { UserError } from '../errors.js';

export interface WorkshopCluster {
  name: string;
  /** The kind config file. */
  config: string;
  network: string;
  podSubnet: string;
  serviceSubnet: string;
  image: string;
}

interface KindConfig {
  kind?: string;
  name?: string;
  networking?: { podSubnet?: string; serviceSubnet?: string };
  nodes?: { role?: string; image?: string }[];
  kubeadmConfigPatches?: string[];
}

export function kindDir(assetsDir: string): string {
  return path.join(assetsDir, 'kind');
}

export function readKindConfig(file: string): KindConfig {
  try {
    return parse(readFileSync(file, 'utf8')) as KindConfig;
  } catch (error) {
    throw new UserError(`${file}: ${(error as Error).message}`);
  }
}

export function workshopClusters(assetsDir: string): WorkshopCluster[] {
  const index = path.join(kindDir(assetsDir), 'clusters.yaml');
  const listed = (parse(readFileSync(index, 'utf8')) as { clusters?: { name: string; config: string; network: string }[] }).clusters ?? [];
  return listed.map((entry) => {
    const config = path.join(kindDir(assetsDir), entry.config);
    const kind = readKindConfig(config);
    const image = kind.nodes?.[0]?.image;
    if (kind.name !== entry.name || !kind.networking?.podSubnet || !kind.networking.serviceSubnet || !image) {
      throw new UserError(`${config}: a workshop cluster config needs name: ${entry.name}, networking.podSubnet, networking.serviceSubnet and a node image`);
    }
    return { name: entry.name, config, network: entry.network, podSubnet: kind.networking.podSubnet, serviceSubnet: kind.networking.serviceSubnet, image };
  });
}

/** An IPv4 CIDR as its first and last address, as numbers. */
export function cidrRange(cidr: string): [number, number] {
  const match = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(cidr);
  if (!match) throw new UserError(`${cidr} is not an IPv4 CIDR`);
  const [a, b, c, d, bits] = match.slice(1).map(Number) as [number, number, number, number, number];
  const base = ((a << 24) >>> 0) + (b << 16) + (c << 8) + d;
  const size = 2 ** (32 - bits);
  const first = base - (base % size);
  return [first, first + size - 1];
}

export function cidrsOverlap(a: string, b: string): boolean {
  const [a1, a2] = cidrRange(a);
  const [b1, b2] = cidrRange(b);
  return a1 <= b2 && b1 <= a2;
}
