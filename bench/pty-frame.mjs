// Time to a program's first frame in a pseudo-terminal (`script` gives the command a pty), shared by the
// first-frame benchmarks.
import { spawn } from 'node:child_process';

/** Milliseconds from start until `marker` appears on the pty, then the process group is ended. */
export function firstFrame(command, marker, env, { cwd } = {}) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn('script', ['-qfec', command, '/dev/null'], { cwd, env: { ...process.env, ...env, COLUMNS: '100', LINES: '30' }, detached: true, stdio: ['pipe', 'pipe', 'ignore'] });
    let seen = '';
    const timer = setTimeout(() => finish(new Error(`no first frame with "${marker}" within 60 s`)), 60_000);
    function finish(error, ms) {
      clearTimeout(timer);
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
      if (error) reject(error);
      else resolve(ms);
    }
    child.stdout.on('data', (chunk) => {
      seen += chunk.toString();
      if (seen.includes(marker)) finish(undefined, performance.now() - started);
    });
  });
}
