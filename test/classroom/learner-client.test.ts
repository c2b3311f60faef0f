import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkedJoin } from '../../src/classroom/join-details.js';
import { createClassroomClient } from '../../src/classroom/learner-client.js';
import { openOutbox } from '../../src/classroom/outbox.js';
import type { LearnerEvent } from '../../src/classroom/protocol.js';
import { startClassroomServer } from '../../src/classroom/server.js';
import { tempDir } from '../helpers/lessons.js';

afterEach(() => {
  vi.useRealTimers();
});

/** A pid that belonged to a process now ended. */
function endedPid(): number {
  const pid = spawnSync('true').pid;
  if (pid === undefined) throw new Error('no pid');
  return pid;
}

describe("the learner's outbox", () => {
  it('keeps events on disk, and the next process sends what an ended one left unsent', () => {
    const dir = path.join(tempDir('mw-outbox-'), 'outbox');
    mkdirSync(dir, { recursive: true });
    const lines = [1, 2, 3].map((n) => JSON.stringify({ kind: 'ping', n, id: `old-${n}`, at: n })).join('\n');
    // An ended process's file: three events, the first acknowledged, the last line torn by a crash.
    const old = `${endedPid()}-abc`;
    writeFileSync(path.join(dir, `${old}.jsonl`), `${lines}\n{"kind":"pi`);
    writeFileSync(path.join(dir, `${old}.sent`), '1');
    const outbox = openOutbox(dir, 'new');
    expect(outbox.unsent()).toEqual([{ file: old, events: [expect.objectContaining({ id: 'old-2' }), expect.objectContaining({ id: 'old-3' })] }]);
    outbox.add({ kind: 'joined', id: 'new-1', at: 5 } as LearnerEvent);
    expect(outbox.waiting()).toBe(3);
    outbox.acknowledge(old, 2);
    // The ended process's files are gone once all of it is sent.
    expect(readdirSync(dir).filter((name) => name.startsWith(old))).toEqual([]);
    outbox.close();
    // This process's unsent event stays for the next.
    const next = openOutbox(dir, 'later');
    expect(next.unsent().flatMap((file) => file.events.map((event) => event.id))).toEqual(['new-1']);
    next.close();
  });
});

describe('the classroom client', () => {
  it('says what is wrong with a join, naming the option', () => {
    expect(checkedJoin('ftp://x', 'ABC123', 'Ada')).toMatch(/^--classroom ftp:\/\/x: an http/);
    expect(checkedJoin('http://10.0.0.2:7777/x', 'ab c', 'Ada')).toMatch(/^--code ab c:/);
    expect(checkedJoin('http://10.0.0.2:7777/x', 'abc123', ' ')).toMatch(/^--name:/);
    expect(checkedJoin('http://10.0.0.2:7777/x', 'abc123', ' Ada ')).toEqual({ url: 'http://10.0.0.2:7777', code: 'ABC123', name: 'Ada' });
  });

  it('catches up after a minute offline (fake clock; the server refuses connections for 60 s), each event once and in order', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    let offline = true;
    const received: string[] = [];
    const fakeFetch = (async (url: string, init?: RequestInit) => {
      if (offline) throw new TypeError('fetch failed: connect ECONNREFUSED');
      if (String(url).endsWith('/learner/announcement')) return new Response('{"announcement":null}');
      const body = JSON.parse(String(init?.body)) as { events: LearnerEvent[] };
      received.push(...body.events.map((event) => event.id));
      return new Response(JSON.stringify({ accepted: body.events.length, duplicates: 0 }));
    }) as typeof fetch;
    const client = createClassroomClient({ join: { url: 'http://room', code: 'ABC123', name: 'Ada' }, home: tempDir('mw-client-'), learnerId: 'ada', fetch: fakeFetch });
    for (let second = 0; second < 60; second++) {
      client.record({ kind: 'ping', n: second });
      await vi.advanceTimersByTimeAsync(1000);
    }
    expect(received).toEqual([]);
    expect(client.waiting()).toBe(60);
    offline = false;
    // The longest wait between tries is 15 s: within it, everything is sent.
    await vi.advanceTimersByTimeAsync(15_000);
    expect(client.waiting()).toBe(0);
    expect(received).toHaveLength(60);
    expect(new Set(received).size).toBe(60);
    expect(received).toEqual([...received].sort((a, b) => Number(a.split('-')[1]) - Number(b.split('-')[1])));
    client.close();
  });

  it('resends a batch whose answer was lost, and the server counts it once', async () => {
    const server = await startClassroomServer({ dataDir: tempDir('mw-room-'), port: 0 });
    let lost = 0;
    const losingFetch = (async (url: string, init?: RequestInit) => {
      const response = await fetch(url, init);
      // The server took the first batch, and its answer never came back.
      if (String(url).endsWith('/learner/events') && lost++ === 0) throw new TypeError('fetch failed: socket hang up');
      return response;
    }) as typeof fetch;
    const announcements: string[] = [];
    const client = createClassroomClient({ join: { url: server.url, code: server.code, name: 'Ada' }, home: tempDir('mw-client-'), learnerId: 'ada', fetch: losingFetch, onAnnouncement: (a) => announcements.push(a.text) });
    await fetch(`${server.url}/instructor/announce`, { method: 'POST', headers: { 'x-instructor-key': server.instructorKey }, body: '{"text":"Break until 11"}' });
    for (let n = 0; n < 5; n++) client.record({ kind: 'ping', n });
    await client.flush(5000);
    expect(client.waiting()).toBe(0);
    expect(lost).toBeGreaterThanOrEqual(2);
    expect(server.counted()).toBe(5);
    expect(announcements).toEqual(['Break until 11']);
    client.close();
    await server.close();
  });

  it('keeps events and says so once when the code is wrong', async () => {
    const server = await startClassroomServer({ dataDir: tempDir('mw-room-'), port: 0 });
    const problems: string[] = [];
    const client = createClassroomClient({ join: { url: server.url, code: 'WRONG1', name: 'Ada' }, home: tempDir('mw-client-'), learnerId: 'ada', onProblem: (p) => problems.push(p) });
    client.record({ kind: 'joined' });
    client.record({ kind: 'hand', raised: true });
    await client.flush(2000);
    expect(client.waiting()).toBe(2);
    expect(problems).toEqual([expect.stringContaining('does not take the code WRONG1')]);
    client.close();
    await server.close();
  });
});
