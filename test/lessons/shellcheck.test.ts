// Every script a bundled lesson runs (a step's command, a check's own command, a diff view's snapshot, a
// task's solution and apply command)
// is clean under shellcheck, as bash (the engine runs them with bash -e -o pipefail). CI installs
// shellcheck from Debian; where it is missing the test says so rather than passing quietly. It runs with the
// environment a step gets, in a plain state directory and in one whose path has a space and a non-ASCII
// letter. shellcheck reads the text alone, so the environment cannot change its verdict: what makes a
// spaced home safe at this level is SC2086 (an unquoted expansion), which it reports whatever the values.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { loadLessonPack } from '../../src/lesson/load.js';
import { allSteps, stepChecks } from '../../src/lesson/steps.js';
import { HOME_KINDS, provisionedHome, stepEnvironment } from '../helpers/homes.js';

const HAS_SHELLCHECK = spawnSync('shellcheck', ['--version']).status === 0;

// [where, script, lesson id, lesson folder]
const scripts = loadLessonPack('lessons').lessons.flatMap((loaded) =>
  allSteps(loaded.lesson).flatMap((step) => {
    const found: [string, string][] = [];
    if (step.run) found.push([`${loaded.lesson.id}/${step.id}`, step.run]);
    stepChecks(step).forEach((check, index) => {
      if (check.run) found.push([`${loaded.lesson.id}/${step.id} check ${index + 1}`, check.run]);
    });
    if (typeof step.view === 'object' && step.view.kind === 'proxy-config/diff') found.push([`${loaded.lesson.id}/${step.id} snapshot`, step.view.snapshot]);
    // A task's solution and apply command run too ("do it for me", run --yes, verify, the `a` key).
    if (step.task !== undefined && step.solution) found.push([`${loaded.lesson.id}/${step.id} solution`, step.solution]);
    if (typeof step.task === 'object' && step.task.apply) found.push([`${loaded.lesson.id}/${step.id} apply`, step.task.apply]);
    return found.map(([where, script]) => [where, script, loaded.lesson.id, loaded.dir] as const);
  }),
);

describe.runIf(HAS_SHELLCHECK).each(HOME_KINDS)('shellcheck on every lesson script (%s home)', (kind) => {
  const home = provisionedHome(kind);
  const shellcheck = (script: string, env: Record<string, string>) => spawnSync('shellcheck', ['--shell=bash', '--format=gcc', '-'], { input: script, encoding: 'utf8', env });
  it('finds scripts to check', () => {
    expect(scripts.length).toBeGreaterThan(5);
  });
  it.each(scripts)('%s', (_where, script, lessonId, dir) => {
    const result = shellcheck(script, stepEnvironment(home, lessonId, dir));
    expect(result.stdout).toBe('');
    expect(result.status).toBe(0);
  });
  it('would catch a real mistake', () => {
    const env = stepEnvironment(home, 'tour', '/');
    expect(shellcheck('kubectl get pods -n $NAMESPACE | grep $(echo helloworld)', env).stdout).toMatch(/SC2086/);
    // The mistake a space in the state directory turns into a failure.
    expect(shellcheck('ls $ISTIO_DIR/tools/certs', env).stdout).toMatch(/SC2086/);
  });
});
