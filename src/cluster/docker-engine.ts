/** Whether a Docker engine answers, and what it offers (memory, CPUs, cgroup version), from `docker info`. */
import { UserError } from '../errors.js';
import { runTool } from './exec.js';

export interface DockerEngine {
  reachable: boolean;
  /** Why not, in Docker's words, when it is not reachable. */
  problem?: string;
  serverVersion?: string;
  cpus?: number;
  memoryBytes?: number;
  cgroupVersion?: string;
  operatingSystem?: string;
}

interface DockerInfo {
  ServerVersion?: string;
  ServerErrors?: string[];
  NCPU?: number;
  MemTotal?: number;
  CgroupVersion?: string;
  OperatingSystem?: string;
}

/** `docker info --format '{{json .}}'`: its output, stderr and exit code, into what the workshop needs. */
export function parseDockerInfo(stdout: string, stderr: string, code: number | null, missing = false): DockerEngine {
  if (missing) return { reachable: false, problem: 'the docker command is not installed' };
  let info: DockerInfo = {};
  try {
    info = JSON.parse(stdout.trim() || '{}') as DockerInfo;
  } catch {
    // Older clients print text on errors; the stderr line says what happened.
  }
  const problem = info.ServerErrors?.[0] ?? (stderr.trim().split('\n').find((line) => /cannot connect|permission denied|error/i.test(line)) || undefined);
  if (code !== 0 || !info.ServerVersion) return { reachable: false, problem: problem ?? `docker info exited with ${code ?? 'a signal'}` };
  return {
    reachable: true,
    serverVersion: info.ServerVersion,
    ...(info.NCPU ? { cpus: info.NCPU } : {}),
    ...(info.MemTotal ? { memoryBytes: info.MemTotal } : {}),
    ...(info.CgroupVersion ? { cgroupVersion: info.CgroupVersion } : {}),
    ...(info.OperatingSystem ? { operatingSystem: info.OperatingSystem } : {}),
  };
}

export async function dockerEngine(): Promise<DockerEngine> {
  const result = await runTool('docker', ['info', '--format', '{{json .}}'], { timeoutMs: 20_000 });
  return parseDockerInfo(result.stdout, result.stderr, result.code, result.missing);
}

/** For commands that cannot do anything without an engine: the one message naming the problem and the fix. */
export async function requireDockerEngine(): Promise<void> {
  const engine = await dockerEngine();
  if (!engine.reachable) throw new UserError(`no Docker engine (${engine.problem ?? 'docker info failed'}). Start Docker (Docker Desktop, or 'sudo systemctl start docker'), then run this again.`);
}
