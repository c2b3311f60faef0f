// A learner in a classroom answering in plain mode (`run` without --yes): at a failure, ! raises a hand
// and `share` shares it, and the hints taken are told; the server (a real process) has each.
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RowView } from '../../src/classroom/room.js';
import { brokenTourPack, readStream, serveRoom, type ServedRoom } from '../helpers/classroom.js';
import { mw } from '../helpers/cli.js';
import { tempDir } from '../helpers/lessons.js';

const rooms: ServedRoom[] = [];
afterEach(() => {
  for (const room of rooms.splice(0)) room.process.kill('SIGTERM');
});

describe('a classroom in plain mode', () => {
  it('raises a hand, takes a hint and shares the failure from the prompt after a failed step', async () => {
    const room = await serveRoom(path.join(tempDir('mw-room-'), 'room'));
    rooms.push(room);
    const run = mw(['--lessons', brokenTourPack(), 'run', 'tour', '--to', 'hello', '--classroom', room.url, '--code', room.code, '--name', 'Ada'], { input: 'y\n!\nh\nshare\nq\n' });
    expect(run.stderr).toContain('[!] raise your hand, [share] this failure with the instructor');
    expect(run.stderr).toContain('Hand raised: the instructor sees it.');
    expect(run.stderr).toContain("Shared: the instructor sees this failure's check");
    expect(run.status).toBe(130); // q at the prompt: stopped by the learner
    const [first] = await readStream(room.url, room.key, (messages) => messages.length > 0);
    const [ada] = (first?.data as { rows: RowView[] }).rows;
    // Its check failed; quitting at the prompt ends the step as cancelled, and the lesson with it.
    expect(ada).toMatchObject({ name: 'Ada', hints: 1, cells: { hello: 'cancelled' }, lessonStatus: 'cancelled', shared: { stepId: 'hello', label: expect.stringContaining('matches') } });
    expect(ada?.hand).toBeDefined();
    const shared = (await (await fetch(`${room.url}/instructor/shared?learner=${ada?.id ?? ''}`, { headers: { 'x-instructor-key': room.key } })).json()) as { actual: string };
    expect(shared.actual).toContain('Goodbye from the runner');
  }, 60_000);
});
