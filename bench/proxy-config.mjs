// A config dump of at least 20 MB (istioctl's proxyconfig fixture scaled up: thousands of clusters and
// routes with distinct names), then the bundled harness: parse + route and cluster tables vs JSON.parse.
// Usage: node bench/proxy-config.mjs ROUNDS  → one JSON line.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUNDLE_OPTIONS } from '../scripts/bundle-options.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const rounds = process.argv[2] ?? '7';
const tmp = mkdtempSync(path.join(os.tmpdir(), 'mesh-workshop-pc-'));
process.on('exit', () => rmSync(tmp, { recursive: true, force: true }));

const source = path.join(ROOT, 'test', 'fixtures', 'istioctl', 'writer', 'compare', 'testdata', 'configdump.json');
const dump = JSON.parse(readFileSync(source, 'utf8'));
const section = (type) => dump.configs.find((config) => config['@type'].endsWith(type));
const clusters = section('ClustersConfigDump');
const routes = section('RoutesConfigDump');
const clusterTemplates = clusters.dynamic_active_clusters;
const routeTemplates = routes.dynamic_route_configs;
const scaledClusters = [];
const scaledRoutes = [];
// Distinct services, ports and subsets, as a large mesh has: istioctl's sort and columns see real variety.
// 9,000 of each make a dump of about 21 MB (checked below: the figure is refused under 20 MB).
for (let i = 0; i < 9000; i++) {
  const template = clusterTemplates[i % clusterTemplates.length];
  const name = `outbound|${8000 + (i % 97)}|v${i % 3}|svc-${i}.ns-${i % 40}.svc.cluster.local`;
  scaledClusters.push({ ...template, cluster: { ...template.cluster, name, eds_cluster_config: { ...(template.cluster.eds_cluster_config ?? {}), service_name: name } } });
  const route = routeTemplates[i % routeTemplates.length];
  scaledRoutes.push({ ...route, route_config: { ...route.route_config, name: `${8000 + i}`, virtual_hosts: (route.route_config.virtual_hosts ?? []).map((vhost) => ({ ...vhost, name: `svc-${i}.ns-${i % 40}.svc.cluster.local:${8000 + i}`, domains: [`svc-${i}.ns-${i % 40}.svc.cluster.local`, `svc-${i}`, `svc-${i}.ns-${i % 40}`] })) } });
}
clusters.dynamic_active_clusters = scaledClusters;
routes.dynamic_route_configs = scaledRoutes;
const file = path.join(tmp, 'configdump.json');
const text = JSON.stringify(dump, null, 1);
if (text.length < 20_000_000) throw new Error(`the scaled dump is only ${text.length} bytes; the figure needs at least 20 MB`);
writeFileSync(file, text);
// To look closer (profile it), keep a copy: BENCH_KEEP_DUMP=/tmp/dump.json node bench/proxy-config.mjs
if (process.env.BENCH_KEEP_DUMP) writeFileSync(process.env.BENCH_KEEP_DUMP, text);

const { build } = await import('esbuild');
await build({ ...BUNDLE_OPTIONS, splitting: false, entryPoints: [path.join(ROOT, 'bench', 'proxy-config-entry.ts')], outfile: path.join(tmp, 'harness.js'), logLevel: 'error' });
const run = spawnSync(process.execPath, [path.join(tmp, 'harness.js'), file, rounds], { encoding: 'utf8', maxBuffer: 1 << 20 });
if (run.status !== 0) {
  process.stderr.write(run.stderr);
  process.exit(1);
}
const result = JSON.parse(run.stdout);

process.stdout.write(`${JSON.stringify({ ...result, clusters: scaledClusters.length, routes: scaledRoutes.length, megabytes: Math.round(text.length / 1e5) / 10 })}\n`);
