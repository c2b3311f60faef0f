/** Running the machine's tools (docker, kind, kubectl) for the cluster layer: output captured, time bounded. */
import { spawn } from 'node:child_process';

export interface ToolResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Set when the program is not installed at all. */
  missing?: boolean;
  timedOut?: boolean;
}

export interface ToolOptions {
  env?: Record<string, string | undefined>;
  timeoutMs?: number;
  /** Each line of output as it comes (cluster creation takes minutes; the learner sees it move). */
  onLine?(line: string): void;
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
    const timer = options.timeoutMs
      ? setTimeout(() => {
          timedOut = true;
          try {
            process.kill(-(child.pid ?? 0), 'SIGKILL');
          } catch {
            // Already gone.
          }
        }, options.timeoutMs)
      : undefined;
    child.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve({ code: null, stdout, stderr: error.message, missing: error.code === 'ENOENT' });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (pending && options.onLine) options.onLine(pending);
      resolve({ code, stdout, stderr, ...(timedOut ? { timedOut } : {}) });
    });
  });
}
