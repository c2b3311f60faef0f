/**
 * Faults on loopback, with the real server process: killed with SIGKILL mid-class and started again; a
 * learner whose whole run happened while the server was down.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createClassroomClient, type ClassroomClient } from '../../src/classroom/learner-client.js';
import type { RowView } from '../../src/classroom/room.js';
import { learnerRun, readStream, serveRoom, type ServedRoom } from '../helpers/classroom.js';
import { tempDir } from '../helpers/lessons.js';

const rooms: ServedRoom[] = [];
afterEach(() => {
  for (const room of rooms.splice(0)) if (room.process.exitCode === null) room.process.kill('SIGTERM');
});

/** A port free now, for a server that must come back on the same address. */
async function freePort(): Promise<string> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  if (!address || typeof address === 'string') throw new Error('no port');
  return String(address.port);
}

async function serve(dataDir: string, port: string): Promise<ServedRoom> {
  const room = await serveRoom(dataDir, [], port);
  rooms.push(room);
  return room;
}

/** The room as the page's first message gives it. */
async function roomRows(room: ServedRoom): Promise<RowView[]> {
  const [first] = await readStream(room.url, room.key, (messages) => messages.length > 0);
  return (first?.data as { rows: RowView[] }).rows;
}

function loggedEventIds(dataDir: string): string[] {
  return readFileSync(path.join(dataDir, 'events.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { t: string; learner?: { id: string }; events?: { id: string }[] })
    .flatMap((record) => (record.t === 'events' ? (record.events ?? []).map((event) => `${record.learner?.id ?? ''}/${event.id}`) : []));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the classroom through faults', () => {
  it('loses no event and counts none twice when the server is killed with SIGKILL mid-class and restarted', async () => {
    const dataDir = path.join(tempDir('mw-room-'), 'room');
    const port = await freePort();
    let room = await serve(dataDir, port);
    const clients: ClassroomClient[] = Array.from({ length: 5 }, (_, i) =>
      createClassroomClient({ join: { url: room.url, code: room.code, name: `Learner ${i}` }, home: tempDir('mw-learner-'), learnerId: `learner-${i}`, maxBackoffMs: 300 }),
    );
    let recorded = 0;
    let n = 0;
    const classGoesOn = async (ms: number): Promise<void> => {
      const until = Date.now() + ms;
      while (Date.now() < until) {
        n++;
        for (const client of clients) client.record({ kind: 'ping', n });
        recorded += clients.length;
        await sleep(50);
      }
    };
    await classGoesOn(1000);
    room.process.kill('SIGKILL');
    await new Promise((resolve) => room.process.once('exit', resolve));
    await classGoesOn(1500); // the server is down: the learners go on, their events wait on disk
    room = await serve(dataDir, port);
    expect(room.output()).toMatch(/room rebuilt from \d+ records/);
    await classGoesOn(1000);
    await Promise.all(clients.map((client) => client.flush(20_000)));
    expect(clients.map((client) => client.waiting())).toEqual([0, 0, 0, 0, 0]);
    for (const client of clients) client.close();

    const ids = loggedEventIds(dataDir);
    expect(ids.length).toBe(recorded);
    expect(new Set(ids).size).toBe(recorded);
    // And the room the page gets: every learner, each with all its events.
    const rows = await roomRows(room);
    expect(rows.map((row) => row.events).reduce((a, b) => a + b, 0)).toBe(recorded);

    // A third start, from the log alone, is the same room.
    room.process.kill('SIGKILL');
    await new Promise((resolve) => room.process.once('exit', resolve));
    room = await serve(dataDir, port);
    expect((await roomRows(room)).map((row) => row.events).reduce((a, b) => a + b, 0)).toBe(recorded);
  }, 90_000);

  it('a learner who ran the tour while the server was down catches up when it is back', async () => {
    const dataDir = path.join(tempDir('mw-room-'), 'room');
    const port = await freePort();
    // The room exists (its code is known to the learner), then the server goes away.
    const first = await serve(dataDir, port);
    const join = ['--classroom', first.url, '--code', first.code, '--name', 'Ada'];
    first.process.kill('SIGKILL');
    await new Promise((resolve) => first.process.once('exit', resolve));

    const home = tempDir('mw-ada-');
    const offline = await learnerRun(['run', 'tour', '--yes', '--to', 'read-json', ...join], home);
    expect(offline.status).toBe(0); // the lesson went on without the server
    const kept = Number(/did not answer; (\d+) events kept/.exec(offline.stderr)?.[1]);
    expect(kept).toBeGreaterThan(5);

    const room = await serve(dataDir, port);
    const hand = await learnerRun(['classroom', 'hand', ...join], home);
    expect(hand.status).toBe(0);
    const [ada] = await roomRows(room);
    // Everything the offline run kept, then this join and its raised hand.
    expect(ada?.events).toBe(kept + 2);
    expect(ada?.cells).toEqual({ hello: 'passed', 'fail-on-purpose': 'passed', 'read-json': 'passed' });
    expect(ada?.hand).toBeDefined();
  }, 90_000);
});
