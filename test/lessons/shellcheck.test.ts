// Every script a bundled lesson runs (a step's command, a check's own command, a diff view's snapshot)
// is clean under shellcheck, as bash (the engine runs them with bash -e -o pipefail). CI installs
// shellcheck from Debian; where it is missing the test says so rather than passing quietly.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { loadLessonPack } from '../../src/lesson/load.js';
import { allSteps, stepChecks } from '../../src/lesson/steps.js';

const HAS_SHELLCHECK = spawnSync('shellcheck', ['--version']).status === 0;

const scripts = loadLessonPack('lessons').lessons.flatMap((loaded) =>
  allSteps(loaded.lesson).flatMap((step) => {
    const found: [string, string][] = [];
    if (step.run) found.push([`${loaded.lesson.id}/${step.id}`, step.run]);
    stepChecks(step).forEach((check, index) => {
      if (check.run) found.push([`${loaded.lesson.id}/${step.id} check ${index + 1}`, check.run]);
    });
    if (typeof step.view === 'object' && step.view.kind === 'proxy-config/diff') found.push([`${loaded.lesson.id}/${step.id} snapshot`, step.view.snapshot]);
    return found;
  }),
);

describe.runIf(HAS_SHELLCHECK)('shellcheck on every lesson script', () => {
  it('finds scripts to check', () => {
    expect(scripts.length).toBeGreaterThan(5);
  });
  it.each(scripts)('%s', (_where, script) => {
    const result = spawnSync('shellcheck', ['--shell=bash', '--format=gcc', '-'], { input: script, encoding: 'utf8' });
    expect(result.stdout).toBe('');
    expect(result.status).toBe(0);
  });
  it('would catch a real mistake', () => {
    const result = spawnSync('shellcheck', ['--shell=bash', '--format=gcc', '-'], { input: 'kubectl get pods -n $NAMESPACE | grep $(echo helloworld)', encoding: 'utf8' });
    expect(result.stdout).toMatch(/SC2086/);
  });
});
