/**
 * The load bench (bench/classroom.mjs), shortened: 20 learners × 10 events a second × 2 s against the built
 * server. Every event sent is in the server's log once; with Chromium, on the page too. (`npm run bench`
 * runs it at 200 learners × 10/s × 30 s and reports the latency.)
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { HAS_CHROMIUM } from '../helpers/classroom.js';

function bench(args: string[]): { sent: number; logged: number; distinctLogged: number; shownOnPage?: number; rowsOnPage?: number; latencyMs?: { measured: number; median: number } } {
  const run = spawnSync(process.execPath, ['bench/classroom.mjs', '--learners', '20', '--rate', '10', '--seconds', '2', ...args], { encoding: 'utf8', timeout: 110_000 });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return JSON.parse(run.stdout) as ReturnType<typeof bench>;
}

describe('the classroom under load (shortened)', () => {
  it('logs every event sent, once', () => {
    const result = bench(['--no-browser']);
    expect(result.sent).toBe(400);
    expect([result.logged, result.distinctLogged]).toEqual([400, 400]);
  }, 120_000);

  it.skipIf(!HAS_CHROMIUM)('shows every event sent on the page (Chromium), and measures how soon', () => {
    const result = bench([]);
    expect([result.sent, result.logged, result.shownOnPage, result.rowsOnPage]).toEqual([400, 400, 400, 20]);
    expect(result.latencyMs?.measured).toBe(400);
  }, 120_000);
});
