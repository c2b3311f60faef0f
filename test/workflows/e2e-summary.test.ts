// The e2e job summary (scripts/e2e-summary.mjs), from JUnit files the CLI really writes here: a lesson that
// passes (tour), one that fails (no-mesh, whose first step finds no cluster on this machine), one with none.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { duration, lessonOutcome, summaryMarkdown } from '../../scripts/e2e-summary.mjs';
import { mw } from '../helpers/cli.js';
import { tempDir } from '../helpers/lessons.js';

describe('the e2e summary table', () => {
  const junitDir = tempDir('mw-junit-');
  beforeAll(() => {
    const home = tempDir('mw-cli-home-');
    expect(mw(['run', 'tour', '--yes', '--junit-file', path.join(junitDir, 'tour.xml')], { home }).status).toBe(0);
    // Without clusters no-mesh's first step fails (its context does not exist), and the rest are skipped.
    expect(mw(['run', 'no-mesh', '--yes', '--junit-file', path.join(junitDir, 'no-mesh.xml')], { home, env: { KUBECONFIG: path.join(home, 'none') } }).status).toBe(1);
  }, 60_000);

  it('reads a JUnit file\'s steps, failures and time, and nothing when there is no file', () => {
    const tour = lessonOutcome(path.join(junitDir, 'tour.xml'));
    expect(tour).toMatchObject({ failures: 0 });
    expect(tour?.tests).toBeGreaterThan(0);
    expect(tour?.seconds).toBeGreaterThan(0);
    expect(lessonOutcome(path.join(junitDir, 'no-mesh.xml'))).toMatchObject({ failures: 1 });
    expect(lessonOutcome(path.join(junitDir, 'vm.xml'))).toBeUndefined();
  });

  it('one row per lesson: passed, failed with its count, not run; a heading; on the schedule, what the README column means', () => {
    const text = summaryMarkdown(junitDir, ['tour', 'no-mesh', 'vm'], 'schedule');
    const lines = text.split('\n');
    expect(lines.slice(0, 4)).toEqual(['### Lessons verified live: tour, no-mesh, vm', '', '| lesson | result | duration | steps |', '|---|---|---|---|']);
    expect(lines[4]).toMatch(/^\| `tour` \| ✅ passed \| \d+s \| \d+ passed, 0 failed, \d+ skipped \|$/);
    expect(lines[5]).toMatch(/^\| `no-mesh` \| ❌ failed \(1 step\) \| \d+s \| 0 passed, 1 failed, \d+ skipped \|$/);
    expect(lines[6]).toBe("| `vm` | ➖ not run (no JUnit file: the verify step's log says why) | - | - |");
    expect(text).toContain('This is the weekly scheduled run: a lesson passed here is what the README\'s "verified live" column means.');
    expect(summaryMarkdown(junitDir, ['tour'], 'push')).toContain('Run for a push event; the weekly scheduled run is the one');
  });

  it('durations as a person reads them', () => {
    expect([duration(0.4), duration(42), duration(59.6), duration(754), duration(3600)]).toEqual(['0s', '42s', '1m 00s', '12m 34s', '60m 00s']);
  });

  it('a file that is not JUnit is named, not read as a pass', () => {
    const dir = tempDir('mw-junit-');
    writeFileSync(path.join(dir, 'tour.xml'), '<html/>\n');
    expect(() => lessonOutcome(path.join(dir, 'tour.xml'))).toThrow(/tour\.xml: no <testsuites> element/);
  });

  it('as a command: the table on stdout; without a lesson, its usage and exit 2', () => {
    const ok = spawnSync(process.execPath, ['scripts/e2e-summary.mjs', junitDir, 'tour'], { encoding: 'utf8', env: { ...process.env, GITHUB_EVENT_NAME: 'workflow_dispatch' } });
    expect(ok.stdout).toMatch(/^\| `tour` \| ✅ passed /m);
    expect(ok.status).toBe(0);
    const usage = spawnSync(process.execPath, ['scripts/e2e-summary.mjs', junitDir], { encoding: 'utf8' });
    expect(usage.stderr).toBe('usage: node scripts/e2e-summary.mjs JUNIT_DIR LESSON…\n');
    expect(usage.status).toBe(2);
  });
});
