// mesh-workshop replay in a real terminal (tmux): a real recording of the tour played step by step beside
// the lesson's text, with Enter, Space and the arrows, and the steps watched kept in the progress file.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, mw } from '../helpers/cli.js';
import { tempDir } from '../helpers/lessons.js';
import { HAS_TMUX, TmuxSession } from '../helpers/tmux.js';

const sessions: TmuxSession[] = [];
afterEach(() => {
  for (const session of sessions.splice(0)) session.kill();
});

const hasLine = (pattern: RegExp) => (screen: string) => screen.split('\n').some((line) => pattern.test(line));

describe.skipIf(!HAS_TMUX)('the replay player in a terminal', () => {
  it('plays a recording of the tour step by step beside its text, pauses, seeks, and keeps the steps watched', async () => {
    const recordings = path.join(tempDir('mw-player-rec-'), 'room');
    expect(mw(['run', 'tour', '--yes', '--record', recordings]).status).toBe(0);
    const home = tempDir('mw-player-home-');
    const session = new TmuxSession(`MESH_WORKSHOP_HOME=${home} ${process.execPath} ${BIN} replay ${recordings} --speed 4; echo "EXITED $?"; sleep 60`, 110, 30);
    sessions.push(session);

    const opened = await session.waitFor(hasLine(/Enter plays the first step\./), 'the player', 30_000);
    expect(opened).toMatch(/^REPLAY · tour · A tour of the workshop runner$/m);
    expect(opened).toMatch(/^recorded \d{4}-\d\d-\d\d \d\d:\d\d UTC with mesh-workshop \S+, istio \S+/m);
    expect(opened).toMatch(/^9 steps · ❚❚ paused 4x · 0\.0s \/ \d+\.\ds$/m);

    session.keys('Enter');
    const first = await session.waitFor(hasLine(/✓ its 2 checks pass on the recorded output/), 'the first step played');
    // The step's text on the left, its recorded command and output on the right.
    expect(first).toMatch(/^Run a step +\$ echo "Hello from the mesh-workshop runner on \$\(uname -s\)"$/m);
    expect(first).toMatch(/^ +Hello from the mesh-workshop runner on \S+$/m);
    expect(first).toMatch(/^Every step runs a real command in bash/m);
    expect(first).toMatch(/^step 1\/9 · ❚❚ paused 4x/m);

    session.keys('Enter');
    const second = await session.waitFor((screen) => hasLine(/^A step that fails on purpose/)(screen) && hasLine(/✓ its 2 checks pass on the recorded output/)(screen), 'the second step played');
    expect(second).toMatch(/bash: connect: Connection refused$/m);

    // The last steps take seconds: Space pauses one midway, and the arrows seek.
    session.keys('Left', 'Left');
    await session.waitFor(hasLine(/^9 steps · ❚❚ paused 4x · 0\.0s/), 'the seek back to the start');
    session.keys('Right');
    const on = await session.waitFor(hasLine(/^step [5-9]\/9 · ❚❚ paused 4x · 5\.0s/), 'the seek 5 s on');
    expect(on).not.toContain('Enter plays the first step.');
    // Space plays on from where it stands: from the start, so that the play lasts long enough to be seen
    // (5 s in, a short recording has only a few of its last milliseconds left).
    session.keys('Left');
    await session.waitFor(hasLine(/^9 steps · ❚❚ paused 4x · 0\.0s/), 'the seek 5 s back');
    session.keys('Space');
    await session.waitFor(hasLine(/^step \d\/9 · ▶ 4x/), 'playing on after Space');

    session.keys('q');
    await session.waitFor(hasLine(/^EXITED 0$/), 'the player ending');
    const progress = JSON.parse(readFileSync(path.join(home, 'progress.json'), 'utf8')) as { lessons: { tour: { steps: object; watched: Record<string, { verdict: string }> } } };
    expect(progress.lessons.tour.steps).toEqual({});
    expect(progress.lessons.tour.watched['hello']?.verdict).toBe('passed');
    expect(progress.lessons.tour.watched['fail-on-purpose']?.verdict).toBe('passed');
  }, 90_000);
});

describe.skipIf(!HAS_TMUX)('the workshop replaying from a folder of recordings', () => {
  it('mesh-workshop --replay DIR walks a lesson from its recording, marked REPLAY, and keeps the step watched, not passed', async () => {
    const recordings = path.join(tempDir('mw-tui-replay-rec-'), 'room');
    expect(mw(['run', 'tour', '--yes', '--record', recordings]).status).toBe(0);
    const home = tempDir('mw-tui-replay-home-');
    const session = new TmuxSession(`MESH_WORKSHOP_HOME=${home} ${process.execPath} ${BIN} --replay ${recordings}; echo "EXITED $?"; sleep 60`, 110, 30);
    sessions.push(session);
    await session.waitFor(hasLine(/› ○ A tour of the workshop runner/), 'the home screen', 30_000);
    session.keys('Enter');
    const opened = await session.waitFor(hasLine(/^A tour of the workshop runner · REPLAY, recorded \d{4}-\d\d-\d\d \d\d:\d\d UTC with mesh-workshop/), 'the lesson marked REPLAY');
    expect(opened).toMatch(/1\. Run a step/);
    session.keys('Enter');
    const ran = await session.waitFor(hasLine(/✓ matches \/\^Hello from the mesh-workshop runner on \\S\+\//), 'the step judged on its recording');
    expect(ran).toMatch(/Hello from the mesh-workshop runner on \S+$/m);
    session.keys('q');
    await session.waitFor(hasLine(/^EXITED 0$/), 'the workshop ending');
    const progress = JSON.parse(readFileSync(path.join(home, 'progress.json'), 'utf8')) as { lessons: { tour: { steps: object; watched: Record<string, { verdict: string }> } } };
    expect(progress.lessons.tour.steps).toEqual({});
    expect(progress.lessons.tour.watched['hello']?.verdict).toBe('passed');
  }, 90_000);

  it('refuses a --replay that is not a folder, before anything opens', () => {
    const result = mw(['--replay', path.join(tempDir(), 'none')]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/--replay .*none: not a folder of recordings \(verify --record DIR or run LESSON --yes --record DIR writes one\)/);
  });
});
