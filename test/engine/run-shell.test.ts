import { execFileSync } from 'node:child_process';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { groupAlive, runShell, type ShellRequest } from '../../src/engine/run-shell.js';
import { liveProcessesWith } from '../helpers/processes.js';

function request(script: string, extra: Partial<ShellRequest> = {}): ShellRequest {
  return { script, cwd: process.cwd(), env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: '/tmp' }, timeoutMs: 10_000, ...extra };
}

describe('runShell', () => {
  it('streams stdout and stderr lines as they arrive and keeps both for checks', async () => {
    const batches: [string, string[]][] = [];
    const result = await runShell(request('echo one; echo two >&2; sleep 0.2; echo three', { onOutput: (stream, text) => batches.push([stream, text.split('\n')]) }));
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe('one\nthree\n');
    expect(result.stderr).toBe('two\n');
    expect(result.all.split('\n').sort()).toEqual(['', 'one', 'three', 'two']);
    expect(batches.flatMap(([, lines]) => lines).sort()).toEqual(['one', 'three', 'two']);
    // 'three' comes after the sleep, so it cannot have arrived in the same batch as 'one'.
    const firstBatch = batches.find(([stream]) => stream === 'stdout')?.[1];
    expect(firstBatch).toEqual(['one']);
  });

  it('reports the exit code, and -e -o pipefail make a failing command in a pipeline fail the script', async () => {
    expect((await runShell(request('exit 3'))).exitCode).toBe(3);
    expect((await runShell(request('false | cat; echo not reached'))).exitCode).toBe(1);
    const result = await runShell(request('false; echo not reached'));
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toBe('');
  });

  it('runs in the given directory with exactly the given environment', async () => {
    const result = await runShell(request('pwd; echo "$GREETING"; echo "${HOSTILE_VAR:-unset}"', { cwd: '/tmp', env: { PATH: process.env.PATH ?? '', GREETING: 'hello $(whoami)' } }));
    expect(result.stdout).toBe('/tmp\nhello $(whoami)\nunset\n');
  });

  it('ends a command that runs past its timeout, with its whole process group', async () => {
    const marker = `mw-timeout-${process.pid}-${Date.now()}`;
    const started = Date.now();
    const result = await runShell(request(`sleep 30 & exec -a ${marker} sleep 30`, { timeoutMs: 300, killGraceMs: 300 }));
    expect(result.timedOut).toBe(true);
    expect(result.exitCode).toBeNull();
    expect(Date.now() - started).toBeLessThan(5000);
    expect(liveProcessesWith(marker)).toEqual([]);
  });

  it('cancelling `sleep 30 & sleep 30; wait` settles in under 2 s and leaves no process of its group alive', async () => {
    const controller = new AbortController();
    let pgid = 0;
    const running = runShell(request('echo "pgid $(ps -o pgid= $$)"; sleep 30 & sleep 30; wait', {
      signal: controller.signal,
      onOutput: (_stream, text) => {
        const match = /pgid\s+(\d+)/.exec(text);
        if (match) pgid = Number(match[1]);
      },
    }));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const started = Date.now();
    controller.abort();
    const result = await running;
    expect(Date.now() - started).toBeLessThan(2000);
    expect(result.cancelled).toBe(true);
    expect(pgid).toBeGreaterThan(0);
    // No process may remain in the step's process group.
    expect(groupAlive(pgid)).toBe(false);
    const members = execFileSync('ps', ['-eo', 'pgid=,stat='], { encoding: 'utf8' })
      .split('\n')
      .map((line) => line.trim().split(/\s+/))
      .filter(([group, stat]) => Number(group) === pgid && !stat?.startsWith('Z'));
    expect(members).toEqual([]);
  });

  it('ends background jobs a script leaves behind when it exits, and says so', async () => {
    const marker = `mw-leftover-${process.pid}-${Date.now()}`;
    const started = Date.now();
    const result = await runShell(request(`(exec -a ${marker} sleep 30) & echo started`, { killGraceMs: 300 }));
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe('started\n');
    expect(result.leftRunning).toBe(true);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(liveProcessesWith(marker)).toEqual([]);
  });

  it('escalates to SIGKILL for a process that ignores SIGTERM', async () => {
    const started = Date.now();
    const result = await runShell(request("trap '' TERM; while true; do sleep 0.1; done", { timeoutMs: 200, killGraceMs: 300 }));
    expect(result.timedOut).toBe(true);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('neutralises control sequences but keeps colours', async () => {
    const result = await runShell(request(String.raw`printf '\033]0;pwned\007\033[2J\033[31mred\033[0m\n'`));
    expect(result.stdout).toBe('\u001b[31mred\u001b[0m\n');
  });

  it('never waits for input: stdin is closed', async () => {
    const result = await runShell(request('read -r line || echo "no input"', { timeoutMs: 5000 }));
    expect(result.timedOut).toBe(false);
    expect(result.stdout).toBe('no input\n');
  });

  it('keeps memory bounded on a flood: the check text is its beginning and end, marked truncated', async () => {
    const result = await runShell(request("for i in $(seq 1 20000); do echo \"line $i of output that is long enough\"; done", { checkTextLimit: 64 * 1024 }));
    expect(result.exitCode).toBe(0);
    expect(result.truncated).toBe(true);
    // The head and the tail (each up to the limit) and one line between them saying what was left out.
    expect(result.stdout.length).toBeLessThanOrEqual(2 * 64 * 1024 + 200);
    expect(result.stdout).toMatch(/^line 1 of output/);
    expect(result.stdout).toMatch(/\n… [\d.]+ KiB left out here: the whole output is in the step log\n/);
    expect(result.stdout).toMatch(/line 20000 of output that is long enough\n$/);
    // No spill file was given: nothing to read beyond what is kept.
    expect(result.whole).toBeUndefined();
  });

  it('writes every byte to the log, even past the check text limit', async () => {
    const chunks: Buffer[] = [];
    const log = { write: (chunk: Buffer) => chunks.push(chunk) } as unknown as NonNullable<ShellRequest['log']>;
    await runShell(request('head -c 300000 /dev/zero | tr "\\0" x', { checkTextLimit: 1024, log }));
    expect(Buffer.concat(chunks).length).toBe(300_000);
  });

  it('waits for a slow log instead of holding what it has not written: memory stays bounded, nothing is lost', async () => {
    let written = 0;
    let mostWaiting = 0;
    const log = new Writable({
      highWaterMark: 64 * 1024,
      write(chunk: Buffer, _encoding, done) {
        written += chunk.length;
        setTimeout(done, 2); // a disk far slower than the command
      },
    });
    const watch = setInterval(() => (mostWaiting = Math.max(mostWaiting, log.writableLength)), 1);
    const result = await runShell(request('head -c 8000000 /dev/zero', { log }));
    clearInterval(watch);
    await new Promise((resolve) => log.end(resolve));
    expect(result.exitCode).toBe(0);
    expect(written).toBe(8_000_000);
    // Without waiting, the log would hold megabytes; with it, about one buffer and one chunk (on a busy machine a
    // chunk or two more, already read when reading paused).
    expect(mostWaiting).toBeGreaterThan(0);
    expect(mostWaiting).toBeLessThanOrEqual(4 * 64 * 1024);
  });
});

describe('runShell when bash cannot start', () => {
  it('reports a missing working directory instead of hanging', async () => {
    const result = await runShell(request('echo hi', { cwd: '/nonexistent/mesh-workshop-test' }));
    expect(result.exitCode).toBe(127);
    expect(result.stderr).toBe('cannot start bash: the working directory /nonexistent/mesh-workshop-test does not exist\n');
  });
});

describe('runShell on escape sequences split across chunks', () => {
  it('neutralises a sequence whose line began in an earlier chunk', async () => {
    // The first write ends mid-line with an escape; the rest of the line arrives later, in a clean chunk.
    const result = await runShell(request(String.raw`printf 'start \033]0;title\007'; sleep 0.2; printf 'end\n'`));
    expect(result.stdout).toBe('start end\n');
  });
});
