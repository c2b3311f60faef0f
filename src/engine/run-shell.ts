/**
 * Runs one bash script as the leader of its own process group, so that a timeout, a cancel or the end of
 * the script ends everything it started: background jobs, port-forwards, curl loops. Output is split into
 * neutralised lines as it arrives; memory stays bounded whatever the command prints.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import type { Readable, Writable } from 'node:stream';
import { LineSplitter } from './line-splitter.js';
import { needsNeutralising, neutraliseBatch } from './neutralise.js';
import { KeptOutput } from './kept-output.js';
import type { Observed } from '../checks/evaluate.js';

export type StreamName = 'stdout' | 'stderr';

export interface ShellRequest {
  script: string;
  cwd: string;
  env: Record<string, string>;
  timeoutMs: number;
  signal?: AbortSignal;
  /** Called with each batch of complete lines as they arrive, joined by newlines. */
  onOutput?: (stream: StreamName, batch: string) => void;
  /** Receives every byte the command printed (the step log). */
  log?: Writable;
  /** Time between SIGTERM and SIGKILL for the process group. */
  killGraceMs?: number;
  checkTextLimit?: number;
  /** Where to write output beyond what is kept in memory, for the checks that search all of it. */
  spillFile?: string;
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
const KILL_SETTLE_MS = 1000;

export const BASH_ARGS = ['--noprofile', '--norc', '-e', '-o', 'pipefail', '-c'];

/**
 * Whether any live process is left in the group. A signal probe also counts zombies (dead, not yet
 * reaped by init), so on Linux /proc is read to skip them.
 */
export function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
  } catch {
    return false;
  }
  if (process.platform !== 'linux') return true;
  try {
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      const stat = readProcStat(entry);
      // Fields after the command name (which may hold spaces): state, ppid, pgrp, …
      const fields = stat?.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (fields && Number(fields[2]) === pgid && fields[0] !== 'Z') return true;
    }
    return false;
  } catch {
    return true;
  }
}

function readProcStat(pid: string): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined; // The process ended while we looked.
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is already gone.
  }
}

/** Why bash could not start, in words: a missing working directory reads as ENOENT otherwise. */
function startFailure(error: Error, cwd: string): string {
  if (!existsSync(cwd)) return `cannot start bash: the working directory ${cwd} does not exist`;
  return `cannot start bash: ${error.message}${(error as NodeJS.ErrnoException).code === 'ENOENT' ? ' (is bash installed?)' : ''}`;
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
        // SIGKILL cannot be ignored; give the kernel a moment to take the processes down.
        if (Date.now() - started >= graceMs + KILL_SETTLE_MS) {
          clearInterval(poll);
          resolve();
        }
      }
    }, 25);
  });
}

/** Stops reading until the log has written what it holds (or can no longer write: then reading goes on). */
function waitForLog(log: Writable, source: Readable): void {
  source.pause();
  const resume = (): void => {
    for (const event of ['drain', 'error', 'close']) log.off(event, resume);
    source.resume();
  };
  for (const event of ['drain', 'error', 'close']) log.on(event, resume);
}

export function runShell(request: ShellRequest): Promise<ShellResult> {
  const started = performance.now();
  const graceMs = request.killGraceMs ?? DEFAULT_KILL_GRACE_MS;
  const kept = new KeptOutput({
    ...(request.checkTextLimit === undefined ? {} : { headLimit: request.checkTextLimit }),
    ...(request.spillFile === undefined ? {} : { spillFile: request.spillFile }),
  });
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
    const deliver = (batch: string | undefined, clean: boolean): void => {
      if (batch === undefined) return;
      const shown = clean ? batch : neutraliseBatch(batch);
      kept.add(stream, shown);
      request.onOutput?.(stream, shown);
    };
    const source = child[stream];
    // A line can start in one chunk and end in the next, so a chunk that needed work taints the next one too.
    let previousNeededWork = false;
    source?.on('data', (chunk: Buffer) => {
      // The log gets every byte; while it cannot keep up, reading waits (the command then waits on its pipe),
      // so memory stays bounded however fast the command prints.
      if (request.log?.write(chunk) === false && !source.isPaused()) waitForLog(request.log, source);
      const decoded = splitter.decode(chunk);
      const needsWork = needsNeutralising(decoded);
      for (const batch of splitter.push(decoded)) deliver(batch, !needsWork && !previousNeededWork);
      previousNeededWork = needsWork;
    });
    source?.on('end', () => deliver(splitter.end(), false));
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
    let settled = false;
    const settle = (): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.signal?.removeEventListener('abort', onAbort);
      void (ending ?? Promise.resolve()).then(() => {
        const failure = spawnError ? `${startFailure(spawnError, request.cwd)}\n` : '';
        kept.close();
        const whole = Object.fromEntries((['stdout', 'stderr', 'all'] as const).flatMap((source) => {
          const read = kept.whole(source);
          return read === undefined ? [] : [[source, read]];
        }));
        resolve({
          // Made when read: a step judged by its exit code alone never joins megabytes of head.
          get stdout() {
            return kept.text('stdout');
          },
          get stderr() {
            return kept.text('stderr') + failure;
          },
          get all() {
            return kept.text('all') + failure;
          },
          exitCode: timedOut || cancelled ? null : spawnError ? 127 : exitCode,
          truncated: kept.truncated,
          ...(Object.keys(whole).length > 0 ? { whole } : {}),
          durationMs: performance.now() - started,
          timedOut,
          cancelled,
          signal: exitSignal,
          leftRunning,
        });
      });
    };
    child.on('close', settle);
    // A spawn failure (no bash, a missing working directory) may never emit 'close'.
    child.once('error', () => {
      if (pid === undefined) settle();
    });
  });
}
