import { spawn } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BIN } from '../helpers/cli.js';
import { liveProcessesWith } from '../helpers/processes.js';
import { HEADER, tempDir, writeLesson } from '../helpers/lessons.js';

describe('Ctrl-C during a run', () => {
  it('ends the running step with everything it started, reports it, and exits 130', async () => {
    const marker = `mw-interrupt-${process.pid}-${Date.now()}`;
    const pack = tempDir('mw-pack-');
    writeLesson(pack, '01-test', `${HEADER}
steps:
  - id: forward
    title: A port-forward that never ends
    run: (exec -a ${marker} sleep 60) & echo forwarding; wait
  - id: after
    title: Never reached
    run: echo after
`);
    const child = spawn(process.execPath, [BIN, '--lessons', pack, 'run', 'test', '--yes'], {
      env: { ...process.env, MESH_WORKSHOP_HOME: tempDir('mw-home-') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // Wait until the step is really running (its background process exists).
    const started = Date.now();
    while (!execFileSync('ps', ['-eo', 'args='], { encoding: 'utf8' }).includes(marker)) {
      if (Date.now() - started > 10_000) throw new Error('the step never started');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const interrupted = Date.now();
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(Date.now() - interrupted).toBeLessThan(3000);
    expect(code).toBe(130);
    expect(stderr).toContain('stopping the running step');
    expect(stdout).toMatch(/■ forward .*CANCELLED/);
    expect(stdout).not.toContain('after');
    expect(stdout).toMatch(/^CANCELLED: 0 passed, 0 failed, 0 skipped/m);
    expect(liveProcessesWith(marker)).toEqual([]);
  });
});
