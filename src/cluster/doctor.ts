/**
 * The doctor: what this machine needs for the lessons, each problem with one fix to copy. Facts are
 * gathered first (gatherFacts: docker, tools, kernel limits, disk, ports, terminal), then judged by a
 * pure function, so every verdict is tested against real outputs without the machine in question.
 */
import { existsSync, readFileSync, statfsSync } from 'node:fs';
import { createServer } from 'node:net';
import { dockerEngine, type DockerEngine } from './docker-engine.js';
import { runTool } from './exec.js';
import { stepPath, toolStatuses, type ToolStatus } from './toolchain.js';
import { findOnPath } from './tools.js';
import { currentPlatform, KUBECTL_MINIMUM_MINOR, kubernetesMinor, PINNED } from './versions.js';

export type Severity = 'ok' | 'warn' | 'fail';

export interface Finding {
  check: string;
  severity: Severity;
  detail: string;
  /** One command or action that fixes it. */
  fix?: string;
}

export interface MachineFacts {
  platform: NodeJS.Platform;
  docker: DockerEngine;
  tools: ToolStatus[];
  /**
   * The client version (`v1.36.2`) of the kubectl the steps run: the first on the steps' PATH, so the
   * workshop's pinned copy once `tools install` has put it there. Undefined when there is none, or it cannot say.
   */
  kubectl?: string;
  /** Where that kubectl is. */
  kubectlPath?: string;
  inotify?: { instances?: number; watches?: number };
  /** Whether the host itself runs the unified cgroup hierarchy (Linux). */
  hostCgroupV2?: boolean;
  disk?: { path: string; freeBytes: number };
  busyPorts: number[];
  /** The kind clusters that exist, when Docker and kind answer. */
  kindClusters?: string[];
  terminal: { isTTY: boolean; columns?: number; rows?: number; colours: boolean };
}

/** Ports the lessons forward to (ingress gateway on 8080, Envoy's admin page on 15000). */
export const LESSON_PORTS = [8080, 15000];
const GIB = 1024 ** 3;
const NODE_MINOR = Number(/v1\.(\d+)/.exec(PINNED.nodeImage)?.[1] ?? 36);

/** `kubectl version --client -o json` → `v1.32.4-…`. */
export function parseKubectlVersion(json: string): string | undefined {
  try {
    return (JSON.parse(json) as { clientVersion?: { gitVersion?: string } }).clientVersion?.gitVersion;
  } catch {
    return undefined;
  }
}

/** The doctor's one fix for a Docker engine that does not answer (the diagnosis of a failed step says the same). */
export function dockerEngineFix(platform: NodeJS.Platform, problem: string | undefined): string {
  if (problem?.includes('not installed')) return 'install Docker: https://docs.docker.com/get-started/get-docker/';
  return platform === 'darwin' ? 'open -a Docker   (then wait for it to say it is running)' : problem?.includes('permission denied') ? 'sudo usermod -aG docker "$USER"   (then log out and in)' : 'sudo systemctl start docker';
}

/** The doctor's fix for too little memory in Docker for the clusters. */
export function dockerMemoryFix(platform: NodeJS.Platform): string {
  return platform === 'darwin' ? 'Docker Desktop → Settings → Resources → Memory: 8 GB or more' : 'close other containers, or run the lessons on a machine with 8 GiB free';
}

/** The doctor's fix for too few CPUs in Docker. */
export function dockerCpuFix(platform: NodeJS.Platform): string {
  return platform === 'darwin' ? 'Docker Desktop → Settings → Resources → CPUs: 4 or more' : 'expect slower steps; nothing else to do';
}

function dockerFinding(facts: MachineFacts): Finding[] {
  const { docker, platform } = facts;
  if (!docker.reachable) {
    return [{ check: 'Docker engine', severity: 'fail', detail: `not reachable: ${docker.problem ?? 'docker info failed'}`, fix: dockerEngineFix(platform, docker.problem) }];
  }
  const findings: Finding[] = [];
  const memory = docker.memoryBytes ? `${(docker.memoryBytes / GIB).toFixed(1)} GiB` : 'unknown memory';
  findings.push({ check: 'Docker engine', severity: 'ok', detail: `${docker.serverVersion ?? ''}: ${docker.cpus ?? '?'} CPUs, ${memory}` });
  if (docker.memoryBytes !== undefined && docker.memoryBytes < 8 * GIB * 0.95) {
    findings.push({ check: 'Docker memory', severity: 'warn', detail: `${memory}; two clusters with Istio need about 8 GiB`, fix: dockerMemoryFix(platform) });
  }
  if (docker.cpus !== undefined && docker.cpus < 4) {
    findings.push({ check: 'Docker CPUs', severity: 'warn', detail: `${docker.cpus} CPUs; 4 or more keep cluster start-up and istiod responsive`, fix: dockerCpuFix(platform) });
  }
  const cgroup = docker.cgroupVersion ?? (facts.hostCgroupV2 === undefined ? undefined : facts.hostCgroupV2 ? '2' : '1');
  if (cgroup === '1') {
    findings.push({ check: 'cgroup v2', severity: 'fail', detail: `the engine runs cgroup v1; Kubernetes ${NODE_MINOR >= 35 ? `1.${NODE_MINOR}` : ''} node images need cgroup v2`, fix: 'sudo grubby --update-kernel=ALL --args=systemd.unified_cgroup_hierarchy=1 && sudo reboot   (or your distribution\'s way to enable the unified hierarchy)' });
  } else if (cgroup === '2') findings.push({ check: 'cgroup v2', severity: 'ok', detail: 'yes' });
  return findings;
}

function toolFindings(facts: MachineFacts): Finding[] {
  const findings: Finding[] = [];
  for (const tool of facts.tools) {
    // kubectl is judged by what the steps' copy can do (kubectlFinding), not only by whether it is the pinned one.
    if (tool.tool === 'istio-sidecar.deb' || tool.tool === 'cloud-provider-kind' || tool.tool === 'kubectl') continue;
    if (tool.from !== 'missing') findings.push({ check: tool.tool, severity: 'ok', detail: `${tool.pinned} (${tool.from === 'cache' ? 'workshop cache' : tool.using ?? 'PATH'})` });
    else {
      const other = tool.otherOnPath ? `${tool.otherOnPath.path} is ${tool.otherOnPath.version ?? 'an unknown version'}, not the pinned ${tool.pinned}` : `not found; the lessons use ${tool.pinned}`;
      findings.push({ check: tool.tool, severity: 'fail', detail: other, fix: `mesh-workshop tools install ${tool.tool}` });
    }
  }
  findings.push(kubectlFinding(facts));
  return findings;
}

/**
 * The kubectl the steps run (the pinned one in the workshop cache once installed, else the learner's): older
 * than KUBECTL_MINIMUM_MINOR fails, since steps use forms it rejects; more than one minor from the clusters is a
 * warning (kubectl supports one minor of skew); anything else is fine, pinned or not. Every fix is the
 * pinned copy, which steps find first on their PATH once it is installed.
 */
function kubectlFinding(facts: MachineFacts): Finding {
  const fix = 'mesh-workshop tools install kubectl';
  const pinned = PINNED.kubectl;
  if (!facts.kubectl) {
    const detail = facts.kubectlPath ? `${facts.kubectlPath} does not say its version (kubectl version --client -o json); the lessons use ${pinned}` : `not found; the lessons use ${pinned}`;
    return { check: 'kubectl', severity: 'fail', detail, fix };
  }
  const status = facts.tools.find((tool) => tool.tool === 'kubectl');
  const where = status?.from === 'cache' && status.using === facts.kubectlPath ? 'workshop cache' : facts.kubectlPath;
  const version = `${facts.kubectl}${where ? ` (${where})` : ''}`;
  const minor = kubernetesMinor(facts.kubectl);
  if (minor === undefined) return { check: 'kubectl', severity: 'ok', detail: version };
  if (minor < KUBECTL_MINIMUM_MINOR) {
    return { check: 'kubectl', severity: 'fail', detail: `${version} is older than the lessons need (1.${KUBECTL_MINIMUM_MINOR} or newer, for kubectl wait --for=jsonpath='{…}' without a value); steps use the pinned ${pinned} once it is installed`, fix };
  }
  const skew = Math.abs(minor - NODE_MINOR);
  if (skew > 1) {
    return { check: 'kubectl', severity: 'warn', detail: `${version} is ${skew} minor versions from the clusters' 1.${NODE_MINOR} (kubectl supports one); steps use the pinned ${pinned} once it is installed`, fix };
  }
  return { check: 'kubectl', severity: 'ok', detail: version };
}

function kernelFindings(facts: MachineFacts): Finding[] {
  const findings: Finding[] = [];
  const { inotify } = facts;
  if (inotify?.instances !== undefined) {
    findings.push(inotify.instances < 512
      ? { check: 'inotify instances', severity: 'warn', detail: `fs.inotify.max_user_instances is ${inotify.instances}; several kind clusters need 512 ("too many open files")`, fix: 'sudo sysctl fs.inotify.max_user_instances=512' }
      : { check: 'inotify instances', severity: 'ok', detail: String(inotify.instances) });
  }
  if (inotify?.watches !== undefined) {
    findings.push(inotify.watches < 524_288
      ? { check: 'inotify watches', severity: 'warn', detail: `fs.inotify.max_user_watches is ${inotify.watches}; several kind clusters need 524288`, fix: 'sudo sysctl fs.inotify.max_user_watches=524288' }
      : { check: 'inotify watches', severity: 'ok', detail: String(inotify.watches) });
  }
  return findings;
}

function placeFindings(facts: MachineFacts): Finding[] {
  const findings: Finding[] = [];
  if (facts.disk) {
    const free = facts.disk.freeBytes / GIB;
    const detail = `${free.toFixed(1)} GiB free at ${facts.disk.path}`;
    if (free < 5) findings.push({ check: 'disk space', severity: 'fail', detail: `${detail}; images and clusters need 20 GiB`, fix: 'docker system prune   (removes stopped containers and unused images)' });
    else if (free < 20) findings.push({ check: 'disk space', severity: 'warn', detail: `${detail}; 20 GiB is comfortable`, fix: 'docker system prune' });
    else findings.push({ check: 'disk space', severity: 'ok', detail });
  }
  for (const port of facts.busyPorts) {
    findings.push({ check: `port ${port}`, severity: 'warn', detail: `in use; a lesson forwards to it`, fix: `see what holds it: lsof -i :${port}   (or ss -ltnp 'sport = :${port}')` });
  }
  const { terminal } = facts;
  if (terminal.isTTY && terminal.columns !== undefined && terminal.rows !== undefined) {
    if (terminal.columns < 60 || terminal.rows < 16) findings.push({ check: 'terminal', severity: 'warn', detail: `${terminal.columns}×${terminal.rows}; the workshop needs at least 60×16 (110 columns for side by side)`, fix: 'make the window larger' });
    else findings.push({ check: 'terminal', severity: 'ok', detail: `${terminal.columns}×${terminal.rows}${terminal.colours ? ', colours' : ', no colours (marks are shown as ✓ ✗ anyway)'}` });
  }
  return findings;
}

export function doctorFindings(facts: MachineFacts): Finding[] {
  return [...dockerFinding(facts), ...toolFindings(facts), ...kernelFindings(facts), ...placeFindings(facts)];
}

function readNumber(file: string): number | undefined {
  try {
    return Number(readFileSync(file, 'utf8').trim());
  } catch {
    return undefined;
  }
}

function portBusy(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(true));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(false)));
  });
}

export async function gatherFacts(home: string): Promise<MachineFacts> {
  const platform = process.platform;
  // The kubectl the steps run: the first on their PATH (the workshop's pinned copy, once installed).
  const kubectlPath = findOnPath('kubectl', stepPath(home));
  const [docker, kubectl, busy] = await Promise.all([
    dockerEngine(),
    kubectlPath ? runTool(kubectlPath, ['version', '--client', '-o', 'json'], { timeoutMs: 10_000 }) : undefined,
    Promise.all(LESSON_PORTS.map(async (port) => ((await portBusy(port)) ? port : undefined))),
  ]);
  let disk: MachineFacts['disk'];
  try {
    const stats = statfsSync(home);
    disk = { path: home, freeBytes: stats.bavail * stats.bsize };
  } catch {
    disk = undefined;
  }
  const kubectlVersion = !kubectl || kubectl.missing ? undefined : parseKubectlVersion(kubectl.stdout);
  const kind = docker.reachable ? await runTool('kind', ['get', 'clusters'], { timeoutMs: 20_000 }) : undefined;
  const kindClusters = kind && kind.code === 0 ? kind.stdout.split('\n').map((line) => line.trim()).filter(Boolean) : undefined;
  const instances = readNumber('/proc/sys/fs/inotify/max_user_instances');
  const watches = readNumber('/proc/sys/fs/inotify/max_user_watches');
  return {
    platform,
    docker,
    tools: toolStatuses(home, currentPlatform()),
    ...(kubectlVersion ? { kubectl: kubectlVersion } : {}),
    ...(kubectlPath ? { kubectlPath } : {}),
    ...(platform === 'linux' ? { inotify: { ...(instances === undefined ? {} : { instances }), ...(watches === undefined ? {} : { watches }) }, hostCgroupV2: existsSync('/sys/fs/cgroup/cgroup.controllers') } : {}),
    ...(disk ? { disk } : {}),
    busyPorts: busy.filter((port): port is number => port !== undefined),
    ...(kindClusters ? { kindClusters } : {}),
    terminal: {
      isTTY: process.stdout.isTTY === true,
      ...(process.stdout.columns ? { columns: process.stdout.columns } : {}),
      ...(process.stdout.rows ? { rows: process.stdout.rows } : {}),
      colours: !process.env.NO_COLOR && process.stdout.isTTY === true && (process.stdout.hasColors?.() ?? false),
    },
  };
}

/** "✓ kind  v0.33.0 (workshop cache)" lines, with each fix under its problem. */
export function doctorLines(findings: readonly Finding[]): string[] {
  const mark: Record<Severity, string> = { ok: '✓', warn: '!', fail: '✗' };
  const width = Math.max(...findings.map((finding) => finding.check.length));
  const lines = findings.flatMap((finding) => [`${mark[finding.severity]} ${finding.check.padEnd(width)}  ${finding.detail}`, ...(finding.fix ? [`  ${' '.repeat(width)}  fix: ${finding.fix}`] : [])]);
  const fails = findings.filter((finding) => finding.severity === 'fail').length;
  const warns = findings.filter((finding) => finding.severity === 'warn').length;
  lines.push('', fails + warns === 0 ? 'Ready for every lesson.' : `${fails} problem(s) and ${warns} warning(s). The tour runs anyway; the cluster lessons need the problems fixed.`);
  return lines;
}
