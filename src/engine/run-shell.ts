/**
 * Runs one bash script as the leader of its own process group, so that a timeout, a cancel or the end of
 * the script ends everything it started: background jobs, port-forwards, curl loops. Output is split into
 * neutralised lines as it arrives; memory stays bounded whatever the command prints.
 */
import { spawn } from 'node:child_process';
import type { Writable } from 'node:stream';
import { LineSplitter } from './line-splitter.js';
import { neutraliseLine } from './neutralise.js';
import { CheckText } from './output-buffers.js';
import type { Observed } from '../checks/evaluate.js';

export type StreamName = 'stdout' | 'stderr';

export interface ShellRequest {
  script: string;
  cwd: string;
  env: Record<string, string>;
  timeoutMs: number;
  signal?: AbortSignal;
  /** Called with each batch of complete lines as they arrive. */
  onLines?: (stream: StreamName, lines: string[]) => void;
  /** Receives every byte the command printed (the step log). */
  log?: Writable;
  /** Time between SIGTERM and SIGKILL for the process group. */
  killGraceMs?: number;
  checkTextLimit?: number;
}

export interface ShellResult extends Observed {
  durationMs: number;
  timedOut: boolean;
  cancelled: boolean;
  /** The signal that ended the script, if one did. */
  signal: string | null;
  /** True when processes the script started were still running after it ended (they were stopped). */
  leftRunning: boolean;
}

const DEFAULT_KILL_GRACE_MS = 1000;

export const BASH_ARGS = ['--noprofile', '--norc', '-e', '-o', 'pipefail', '-c'];

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is already gone.
  }
}

/** SIGTERM the whole group, then SIGKILL whatever is still there after the grace period. */
export function endProcessGroup(pid: number, graceMs: number): Promise<void> {
  signalGroup(pid, 'SIGTERM');
  return new Promise((resolve) => {
    const started = Date.now();
    const poll = setInterval(() => {
      if (!groupAlive(pid)) {
        clearInterval(poll);
        resolve();
      } else if (Date.now() - started >= graceMs) {
        signalGroup(pid, 'SIGKILL');
        clearInterval(poll);
        resolve();
      }
    }, 25);
  });
}

export function runShell(request: ShellRequest): Promise<ShellResult> {
  const started = performance.now();
  const graceMs = request.killGraceMs ?? DEFAULT_KILL_GRACE_MS;
  const texts = {
    stdout: new CheckText(request.checkTextLimit),
    stderr: new CheckText(request.checkTextLimit),
    all: new CheckText(request.checkTextLimit),
  };
  let timedOut = false;
  let cancelled = false;
  let leftRunning = false;
  let ending: Promise<void> | undefined;

  const child = spawn('bash', [...BASH_ARGS, request.script], {
    cwd: request.cwd,
    env: request.env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pid = child.pid;
  const end = (): void => {
    if (pid !== undefined && !ending) ending = endProcessGroup(pid, graceMs);
  };

  const wire = (stream: StreamName): void => {
    const splitter = new LineSplitter();
    const deliver = (raw: string[]): void => {
      if (raw.length === 0) return;
      const lines = raw.map(neutraliseLine);
      texts[stream].append(lines);
      texts.all.append(lines);
      request.onLines?.(stream, lines);
    };
    const source = child[stream];
    source?.on('data', (chunk: Buffer) => {
      request.log?.write(chunk);
      deliver(splitter.push(chunk));
    });
    source?.on('end', () => deliver(splitter.end()));
  };
  wire('stdout');
  wire('stderr');

  const timer = setTimeout(() => {
    timedOut = true;
    end();
  }, request.timeoutMs);
  const onAbort = (): void => {
    cancelled = true;
    end();
  };
  if (request.signal?.aborted) onAbort();
  else request.signal?.addEventListener('abort', onAbort, { once: true });

  return new Promise<ShellResult>((resolve) => {
    let exitCode: number | null = null;
    let exitSignal: string | null = null;
    let spawnError: Error | undefined;
    child.on('error', (error) => {
      spawnError = error;
    });
    // The script has ended; anything it left in its group would keep the pipes open, so end it too.
    child.on('exit', (code, signal) => {
      exitCode = code;
      exitSignal = signal;
      if (pid !== undefined && !ending && groupAlive(pid)) {
        leftRunning = true;
        end();
      }
    });
    child.on('close', () => {
      clearTimeout(timer);
      request.signal?.removeEventListener('abort', onAbort);
      void (ending ?? Promise.resolve()).then(() => {
        const stderr = spawnError ? `${texts.stderr.toString()}cannot start bash: ${spawnError.message}\n` : texts.stderr.toString();
        resolve({
          stdout: texts.stdout.toString(),
          stderr,
          all: spawnError ? `${texts.all.toString()}cannot start bash: ${spawnError.message}\n` : texts.all.toString(),
          exitCode: timedOut || cancelled ? null : exitCode,
          truncated: texts.all.truncated,
          durationMs: performance.now() - started,
          timedOut,
          cancelled,
          signal: exitSignal,
          leftRunning,
        });
      });
    });
  });
}
