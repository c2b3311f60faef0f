// The presenter's screen, its notes in a second terminal, and the recording a failed step falls back on,
// each in a real terminal (tmux), driven as an instructor would: keys in, the screens read back.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, mw } from '../helpers/cli.js';
import { HEADER, tempDir, writeLesson } from '../helpers/lessons.js';
import { HAS_TMUX, TmuxSession } from '../helpers/tmux.js';

const sessions: TmuxSession[] = [];
afterEach(() => {
  for (const session of sessions.splice(0)) session.kill();
});

function start(home: string, args: string, columns = 100, rows = 30): TmuxSession {
  const session = new TmuxSession(`MESH_WORKSHOP_HOME=${home} ${process.execPath} ${BIN} ${args}; echo "EXITED $?"; sleep 60`, columns, rows);
  sessions.push(session);
  return session;
}

const hasLine = (pattern: RegExp) => (screen: string) => screen.split('\n').some((line) => pattern.test(line));

/** A lesson with a setup step, a step that passes, and one whose check fails when `port9` says so. */
function presentedLesson(pack: string, broken: boolean): void {
  writeLesson(pack, '01-test', `${HEADER}
setup:
  - id: prepare
    title: Prepare the room
    run: echo "prepared"
steps:
  - id: greet
    title: Greet the room
    text: Every step runs a real command.
    run: echo "Hello, room"
    notes: Ask who has used **kubectl** before.
  - id: call
    title: Call a port nobody serves
    text: The call must be refused.
    run: 'echo "${broken ? 'bash: connect: Network is unreachable' : 'bash: connect: Connection refused'}"'
    check:
      - contains: Connection refused
    notes: The network in this room blocks the call; show the recording.
`);
}

describe.skipIf(!HAS_TMUX)('presenter mode in a terminal', () => {
  it('types the command out at the pace asked, finishes it on a second Enter, runs it, and shows check details only on a failure', async () => {
    const pack = tempDir('mw-present-pack-');
    presentedLesson(pack, true);
    const home = tempDir('mw-present-home-');
    const session = start(home, `present test --lessons ${pack} --typing 150`);
    await session.waitFor(hasLine(/^Greet the room/), 'the first step, after the setup', 30_000);
    const first = session.screen();
    expect(first).toMatch(/^test · Test +step 1\/2$/m);
    expect(first).toContain('Every step runs a real command.');
    expect(first).not.toContain('$ echo');
    expect(existsSync(path.join(home, 'progress.json'))).toBe(true);

    session.keys('Enter');
    // At 150 ms a character the command appears a little at a time.
    const partial = await session.waitFor(hasLine(/^\$ ec/), 'the command being typed');
    expect(partial).not.toContain('$ echo "Hello, room"');
    session.keys('Enter');
    const ran = await session.waitFor(hasLine(/^✓ passed/), 'the step run');
    expect(ran).toContain('$ echo "Hello, room"');
    expect(ran).toMatch(/^Hello, room$/m);
    expect(ran).not.toMatch(/expected:/);

    session.keys('Enter');
    await session.waitFor(hasLine(/^Call a port nobody serves/), 'the next step');
    session.keys('Enter', 'Enter');
    const failed = await session.waitFor(hasLine(/^✗ FAILED/), 'the failed check');
    expect(failed).toMatch(/^ +✗ contains "Connection refused"$/m);
    expect(failed).toMatch(/^ +expected: .*Connection refused/m);
    expect(failed).toMatch(/^ +actual: +.*Network is unreachable/m);
    // Without recordings, R has nothing to play and the footer does not offer it.
    expect(failed).not.toContain('R: play its recording');
    session.keys('q');
    await session.waitFor(hasLine(/^EXITED 0$/), 'the presenter ending');
  }, 90_000);

  it('shows the setup steps in one progress line, and where one fails, why', async () => {
    const pack = tempDir('mw-present-pack-');
    writeLesson(pack, '01-test', `${HEADER}
setup:
  - id: prepare
    title: Prepare the room
    run: echo "no kind here" >&2; exit 4
steps:
  - id: greet
    title: Greet the room
    run: echo hi
`);
    const session = start(tempDir('mw-present-home-'), `present test --lessons ${pack}`);
    const screen = await session.waitFor(hasLine(/Setting up failed at Prepare the room/), 'the failed setup', 30_000);
    expect(screen).toMatch(/the command ended with exit code 4/);
    expect(screen).toMatch(/^ +no kind here$/m);
    session.keys('q');
    await session.waitFor(hasLine(/^EXITED 0$/), 'the presenter ending');
  }, 60_000);

  it('R on a failed step plays its recording from --replay DIR, marked as a recording', async () => {
    // The recording is a real run of the lesson where the call was refused, as it should be.
    const goodPack = tempDir('mw-present-good-');
    presentedLesson(goodPack, false);
    const recordings = path.join(tempDir('mw-present-rec-'), 'room');
    expect(mw(['run', 'test', '--yes', '--lessons', goodPack, '--record', recordings]).status).toBe(0);

    const pack = tempDir('mw-present-pack-');
    presentedLesson(pack, true);
    const session = start(tempDir('mw-present-home-'), `present test --lessons ${pack} --typing 0 --replay ${recordings}`);
    await session.waitFor(hasLine(/^Greet the room/), 'the first step', 30_000);
    session.keys('n');
    await session.waitFor(hasLine(/^Call a port nobody serves/), 'the second step');
    session.keys('Enter', 'Enter');
    const failed = await session.waitFor(hasLine(/^✗ FAILED/), 'the failed check');
    expect(failed).toContain('R: play its recording');
    session.keys('R');
    const played = await session.waitFor(hasLine(/^✓ passed/), 'the recording played');
    expect(played).toMatch(/^RECORDING, not this machine: recorded \d{4}-\d\d-\d\d \d\d:\d\d UTC with mesh-workshop/m);
    expect(played).toMatch(/^bash: connect: Connection refused$/m);
    expect(played).not.toContain('Network is unreachable');
    session.keys('q');
  }, 90_000);

  it('present --notes in a second terminal follows the presenter from step to step', async () => {
    const pack = tempDir('mw-present-pack-');
    presentedLesson(pack, true);
    const home = tempDir('mw-present-home-');
    const notes = start(home, 'present --notes', 80, 16);
    await notes.waitFor(hasLine(/Waiting for the presenter/), 'the notes waiting', 30_000);
    const presenter = start(home, `present test --lessons ${pack}`);
    await presenter.waitFor(hasLine(/^Greet the room/), 'the first step', 30_000);
    const first = await notes.waitFor(hasLine(/Ask who has used kubectl before\./), 'the first step\'s notes', 30_000);
    expect(first).toMatch(/^Notes · test +step 1\/2$/m);
    presenter.keys('n');
    await presenter.waitFor(hasLine(/^Call a port nobody serves/), 'the second step');
    await notes.waitFor(hasLine(/The network in this room blocks the call; show the recording\./), "the second step's notes");
    presenter.keys('p');
    await notes.waitFor(hasLine(/Ask who has used kubectl before\./), 'the notes back at the first step');
    presenter.keys('q');
    await notes.waitFor(hasLine(/Waiting for the presenter/), 'the notes once nobody presents');
    notes.keys('q');
    await notes.waitFor(hasLine(/^EXITED 0$/), 'the notes ending');
  }, 120_000);
});
