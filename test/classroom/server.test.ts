import { appendFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startClassroomServer, type ClassroomServer } from '../../src/classroom/server.js';
import { learnerEvent, postEvents, readStream } from '../helpers/classroom.js';
import { tempDir } from '../helpers/lessons.js';

const ada = { id: 'ada', name: 'Ada' };
const open: ClassroomServer[] = [];
async function serve(dataDir = tempDir('mw-room-'), extra: Partial<Parameters<typeof startClassroomServer>[0]> = {}): Promise<ClassroomServer> {
  const server = await startClassroomServer({ dataDir, port: 0, ...extra });
  open.push(server);
  return server;
}
afterEach(async () => {
  for (const server of open.splice(0)) await server.close();
});

describe('the classroom server', () => {
  it('binds to loopback and serves the page with a strict Content-Security-Policy', async () => {
    const server = await serve();
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const page = await fetch(`${server.url}/`);
    expect(page.status).toBe(200);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    const html = await page.text();
    // No inline script and nothing from elsewhere: the page works offline.
    expect(html).not.toMatch(/<script(?![^>]*\bsrc="\/app\.js")/);
    expect(html).not.toMatch(/https?:\/\//);
    expect((await fetch(`${server.url}/app.js`)).headers.get('content-type')).toContain('text/javascript');
    const js = readFileSync('assets/classroom/app.js', 'utf8');
    expect(js).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function/);
  });

  it('answers 401 to a wrong or missing join code, and to the page\'s routes without the instructor key', async () => {
    const server = await serve();
    expect((await postEvents(server.url, 'WRONG1', ada, [learnerEvent({ kind: 'joined' })])).status).toBe(401);
    expect((await fetch(`${server.url}/learner/announcement`)).status).toBe(401);
    expect((await fetch(`${server.url}/instructor/stream?key=nope`)).status).toBe(401);
    expect((await fetch(`${server.url}/instructor/announce`, { method: 'POST', body: '{"text":"hi"}' })).status).toBe(401);
    expect(server.counted()).toBe(0);
    // The code is not case-sensitive: read aloud, typed in small letters.
    expect((await postEvents(server.url, server.code.toLowerCase(), ada, [learnerEvent({ kind: 'joined' })])).status).toBe(200);
  });

  it('answers 413 to a body over 64 KiB, and 400 to one that is not learner events', async () => {
    const server = await serve();
    const big = await fetch(`${server.url}/learner/events`, { method: 'POST', headers: { 'x-classroom-code': server.code, 'x-classroom-learner': 'ada' }, body: 'x'.repeat(70 * 1024) });
    expect(big.status).toBe(413);
    const shared = learnerEvent({ kind: 'shared-failure', lessonId: 't', stepId: 's', label: 'l', expected: 'e', actual: 'a', output: 'y'.repeat(20_000) });
    expect((await postEvents(server.url, server.code, ada, [shared])).status).toBe(400);
    expect((await postEvents(server.url, server.code, ada, [learnerEvent({ kind: 'run-this', command: 'rm -rf /' })])).status).toBe(400);
    expect(server.counted()).toBe(0);
  });

  it('answers 429 to a learner flooding it, while another learner still gets through', async () => {
    const server = await serve(undefined, { rate: { perSecond: 5, burst: 10 } });
    const statuses = await Promise.all(Array.from({ length: 30 }, () => postEvents(server.url, server.code, ada, [learnerEvent({ kind: 'ping', n: 1 })]).then((r) => r.status)));
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(10);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(15);
    expect((await postEvents(server.url, server.code, { id: 'bob', name: 'Bob' }, [learnerEvent({ kind: 'joined' })])).status).toBe(200);
  });

  it('counts a resent event once, and rebuilds the room from its log after a restart', async () => {
    const dataDir = tempDir('mw-room-');
    const first = await serve(dataDir);
    const events = [learnerEvent({ kind: 'joined' }), learnerEvent({ kind: 'hand', raised: true })];
    expect((await postEvents(first.url, first.code, ada, events)).body).toMatchObject({ accepted: 2, duplicates: 0 });
    expect((await postEvents(first.url, first.code, ada, events)).body).toMatchObject({ accepted: 0, duplicates: 2 });
    await (await fetch(`${first.url}/instructor/announce`, { method: 'POST', headers: { 'x-instructor-key': first.instructorKey }, body: '{"lesson":2,"step":3}' })).json();
    const { code, instructorKey } = first;
    await first.close();
    open.splice(open.indexOf(first), 1);

    // A write a crash cut short: the last line has no end. It is dropped, and the next append is whole.
    appendFileSync(path.join(dataDir, 'events.jsonl'), '{"t":"events","recei');
    const second = await serve(dataDir);
    expect([second.code, second.instructorKey]).toEqual([code, instructorKey]);
    expect(second.rebuilt).toEqual({ records: 2, unreadable: 1 });
    expect(second.counted()).toBe(2);
    expect((await postEvents(second.url, second.code, ada, events)).body).toMatchObject({ accepted: 0, duplicates: 2 });
    const answer = await postEvents(second.url, second.code, ada, [learnerEvent({ kind: 'ping', n: 1 })]);
    expect(answer.body).toMatchObject({ accepted: 1, announcement: { seq: 1, text: 'we are at lesson 2, step 3' } });
    const lines = readFileSync(path.join(dataDir, 'events.jsonl'), 'utf8').split('\n').filter(Boolean);
    expect(lines.map((line) => (JSON.parse(line) as { t: string }).t)).toEqual(['events', 'announce', 'events']);
  });

  it('streams the room to the page: a snapshot, then the rows that change', async () => {
    const server = await serve();
    await postEvents(server.url, server.code, ada, [learnerEvent({ kind: 'joined' })]);
    const handUp = (m: { event: string; data: unknown }): boolean => m.event === 'rows' && JSON.stringify(m.data).includes('"hand":{');
    const reading = readStream(server.url, server.instructorKey, (messages) => messages.some(handUp));
    await new Promise((resolve) => setTimeout(resolve, 100));
    await postEvents(server.url, server.code, ada, [learnerEvent({ kind: 'hand', raised: true })]);
    const messages = await reading;
    expect(messages[0]).toMatchObject({ event: 'room', data: { rows: [{ id: 'ada', name: 'Ada', events: 1 }] } });
    expect(messages.find(handUp)).toMatchObject({ data: { rows: [{ id: 'ada', events: 2, hand: {} }] } });
  });

  it('tells the page when a learner becomes stuck on a step, with no event from them', async () => {
    const server = await serve(undefined, { stuck: { stepMs: 300, failures: 3 } });
    await postEvents(server.url, server.code, ada, [
      learnerEvent({ kind: 'lesson-started', lessonId: 'tour', title: 'Tour', steps: [{ id: 'a', title: 'A' }] }),
      learnerEvent({ kind: 'step-started', lessonId: 'tour', stepId: 'a', index: 0, total: 1, title: 'A' }),
      learnerEvent({ kind: 'check', lessonId: 'tour', stepId: 'a', label: 'exit 0', passed: false }),
    ]);
    const stuck = (m: { event: string; data: unknown }): boolean => m.event === 'rows' && JSON.stringify(m.data).includes('"stuck":{');
    const messages = await readStream(server.url, server.instructorKey, (all) => all.some(stuck));
    expect(messages.find(stuck)).toMatchObject({ data: { rows: [{ id: 'ada', stuck: { reason: 'long-on-step', check: 'exit 0' } }] } });
  });
});
