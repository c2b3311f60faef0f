/** Running the machine's tools (docker, kind, kubectl) for the cluster layer: output captured, time bounded. */
import { spawn } from 'node:child_process';

export interface ToolResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Set when the program is not installed at all. */
  missing?: boolean;
  timedOut?: boolean;
  /** Set when `signal` ended it. */
  aborted?: boolean;
}

export interface ToolOptions {
  env?: Record<string, string | undefined>;
  timeoutMs?: number;
  /** Each line of output as it comes (cluster creation takes minutes; the learner sees it move). */
  onLine?(line: string): void;
  /** Ends the program (its whole process group) when aborted. */
  signal?: AbortSignal;
}

export function runTool(program: string, args: readonly string[], options: ToolOptions = {}): Promise<ToolResult> {
  return new Promise((resolve) => {
    const child = spawn(program, args, { env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let stdout = '';
    let stderr = '';
    let pending = '';
    let timedOut = false;
    const lines = (chunk: string): void => {
      if (!options.onLine) return;
      pending += chunk;
      const parts = pending.split('\n');
      pending = parts.pop() ?? '';
      for (const line of parts) options.onLine(line);
    };
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      lines(chunk);
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      lines(chunk);
    });
    // The whole group: kind starts docker, which must not outlive a timeout.
    const killGroup = (): void => {
      // No pid: it never started (not installed), and -0 would be this process's own group.
      if (child.pid === undefined) return;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    };
    const timer = options.timeoutMs
      ? setTimeout(() => {
          timedOut = true;
          killGroup();
        }, options.timeoutMs)
      : undefined;
    let aborted = false;
    const onAbort = (): void => {
      aborted = true;
      killGroup();
    };
    if (options.signal?.aborted) onAbort();
    else options.signal?.addEventListener('abort', onAbort, { once: true });
    child.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      resolve({ code: null, stdout, stderr: error.message, missing: error.code === 'ENOENT' });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      if (pending && options.onLine) options.onLine(pending);
      resolve({ code, stdout, stderr, ...(timedOut ? { timedOut } : {}), ...(aborted ? { aborted } : {}) });
    });
  });
}
