// The TUI in a classroom, in a real terminal (tmux): joined with j (the address, code and name typed in
// the status line), the engine's events reach the server, ! raises a hand there, and the instructor's
// message shows in the status line.
import { afterEach, describe, expect, it } from 'vitest';
import path from 'node:path';
import type { RowView } from '../../src/classroom/room.js';
import { readStream, serveRoom, type ServedRoom } from '../helpers/classroom.js';
import { BIN } from '../helpers/cli.js';
import { tempDir } from '../helpers/lessons.js';
import { HAS_TMUX, TmuxSession } from '../helpers/tmux.js';

const sessions: TmuxSession[] = [];
const rooms: ServedRoom[] = [];
afterEach(() => {
  for (const session of sessions.splice(0)) session.kill();
  for (const room of rooms.splice(0)) room.process.kill('SIGTERM');
});

const hasLine = (pattern: RegExp) => (screen: string) => screen.split('\n').some((line) => pattern.test(line));

async function rowOf(room: ServedRoom, until: (row: RowView) => boolean): Promise<RowView> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const [first] = await readStream(room.url, room.key, (messages) => messages.length > 0);
    const row = (first?.data as { rows: RowView[] }).rows[0];
    if (row && until(row)) return row;
    if (Date.now() > deadline) throw new Error(`the room never showed what was awaited: ${JSON.stringify(row)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe.skipIf(!HAS_TMUX)('the TUI in a classroom (tmux)', () => {
  it('joins with j, sends the steps run, raises a hand with !, and shows the instructor\'s message in the status line', async () => {
    const room = await serveRoom(path.join(tempDir('mw-room-'), 'room'));
    rooms.push(room);
    const home = tempDir('mw-tui-home-');
    const session = new TmuxSession(`MESH_WORKSHOP_HOME=${home} ${process.execPath} ${BIN}; sleep 30`, 110, 30);
    sessions.push(session);
    await session.waitFor(hasLine(/› ○ A tour of the workshop runner/), 'the home screen');
    session.keys('j');
    await session.waitFor(hasLine(/Join a classroom 1\/3 · address/), 'the join form');
    session.keysTogether('-l', room.url);
    session.keys('Enter');
    session.keysTogether('-l', room.code.toLowerCase());
    session.keys('Enter');
    await session.waitFor(hasLine(/Join a classroom 3\/3 · your name/), 'the name asked for');
    session.keysTogether('-l', 'Ada');
    session.keys('Enter');
    await session.waitFor(hasLine(/Joined the classroom at http:\/\/127\.0\.0\.1:\d+ as Ada/), 'joined');
    session.keys('Enter');
    await session.waitFor(hasLine(/1\. Run a step/), 'the lesson screen');
    session.keys('Enter');
    await session.waitFor(hasLine(/✓ Passed/), 'the first step passed');
    const ran = await rowOf(room, (row) => row.cells.hello === 'passed');
    expect(ran).toMatchObject({ name: 'Ada', lessonId: 'tour' });

    session.keys('!');
    await session.waitFor(hasLine(/✋ Hand raised/), 'the hand raised');
    expect((await rowOf(room, (row) => row.hand !== undefined)).hand).toBeDefined();

    const posted = await fetch(`${room.url}/instructor/announce`, { method: 'POST', headers: { 'x-instructor-key': room.key }, body: JSON.stringify({ lesson: 1, step: 2 }) });
    expect(posted.status).toBe(200);
    // The learner's workshop asks for news every few seconds when it has nothing to send.
    await session.waitFor(hasLine(/classroom: from the instructor: we are at lesson 1, step 2/), "the instructor's message in the status line", 15_000);
  }, 60_000);
});
