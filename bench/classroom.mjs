#!/usr/bin/env node
// A full classroom under load: the built server (`classroom serve`, a real process), LEARNERS simulated
// learners each sending RATE events a second for SECONDS seconds (one request per event, as a learner
// sends them, with the join code), and the instructor's page open in headless Chromium. Reports how many
// events were sent, counted by the server, written to its log and shown on the page, and the latency from
// an event sent to its learner's row changing on the page (median, p99, max).
// Exits 1 when the counts differ: a lost or doubled event is a failure, not a figure.
//
//   node bench/classroom.mjs [--learners 200] [--rate 10] [--seconds 30] [--no-browser]   → one JSON line
//
// Plain Node and playwright-core (with Debian's /usr/bin/chromium).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({ options: { learners: { type: 'string', default: '200' }, rate: { type: 'string', default: '10' }, seconds: { type: 'string', default: '30' }, 'no-browser': { type: 'boolean' } } });
const LEARNERS = Number(values.learners);
const RATE = Number(values.rate);
const SECONDS = Number(values.seconds);
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium'; // or the browser $CHROMIUM names
const useBrowser = !values['no-browser'];
if (useBrowser && !existsSync(CHROMIUM)) {
  process.stderr.write(`${CHROMIUM} is missing (apt-get install chromium), or run with --no-browser for the counts alone\n`);
  process.exit(2);
}

const tmp = mkdtempSync(path.join(os.tmpdir(), 'mesh-workshop-classroom-bench-'));
let server;
let context;
const cleanUp = async () => {
  await context?.close().catch(() => {});
  if (server && server.exitCode === null) server.kill('SIGTERM');
  rmSync(tmp, { recursive: true, force: true });
};

function serve() {
  server = spawn(process.execPath, [path.join(ROOT, 'bin', 'mesh-workshop.js'), 'classroom', 'serve', '--port', '0', '--data', path.join(tmp, 'room')], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  server.stderr.on('data', (chunk) => (out += chunk));
  return new Promise((resolve, reject) => {
    server.on('exit', (code) => reject(new Error(`the server ended (${code}): ${out}`)));
    server.stdout.on('data', (chunk) => {
      out += chunk;
      const page = /Instructor page.*?: (http:\/\/\S+)/.exec(out)?.[1];
      const code = /Join code: (\S+)/.exec(out)?.[1];
      if (page && code && out.includes('Event log:')) resolve({ page, code, url: new URL(page).origin });
    });
  });
}

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

try {
  const room = await serve();
  let page;
  if (useBrowser) {
    const { chromium } = await import('playwright-core');
    context = await chromium.launchPersistentContext(path.join(tmp, 'chromium'), {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = context.pages()[0] ?? (await context.newPage());
    await page.goto(room.page);
    await page.locator('#connection', { hasText: 'live' }).waitFor();
    // Each row's event count as the page shows it, with when it changed (this machine's clock, as the sender's).
    await page.evaluate(`
      window.changes = [];
      const last = new Map();
      new MutationObserver(() => {
        const at = Date.now();
        for (const row of document.querySelectorAll('#rows tr')) {
          const count = Number(row.dataset.events);
          if (last.get(row.dataset.learner) === count) continue;
          last.set(row.dataset.learner, count);
          window.changes.push([row.dataset.learner, count, at]);
        }
      }).observe(document.getElementById('rows'), { childList: true });
      window.drain = () => window.changes.splice(0);
    `);
  }

  const sentAt = new Map(); // learner -> [time of event 1, 2, …]
  const statuses = new Map();
  let sent = 0;
  const learner = async (index) => {
    const id = `bench-${index}`;
    const times = [];
    sentAt.set(id, times);
    const start = Date.now() + (index / LEARNERS) * (1000 / RATE); // spread over the first interval
    const total = RATE * SECONDS;
    for (let n = 1; n <= total; n++) {
      const due = start + ((n - 1) * 1000) / RATE;
      const wait = due - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const at = Date.now();
      const body = JSON.stringify({ learner: { id, name: `Learner ${index}` }, sentAt: at, events: [{ kind: 'ping', n, id: `p${n}`, at }] });
      // A refused or failed request is sent again (same id), as the learner's outbox would.
      for (;;) {
        try {
          const response = await fetch(`${room.url}/learner/events`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-classroom-code': room.code, 'x-classroom-learner': id }, body });
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          await response.arrayBuffer();
          if (response.ok) break;
        } catch {
          statuses.set('error', (statuses.get('error') ?? 0) + 1);
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      times.push(at);
      sent++;
    }
  };

  const changes = [];
  const draining = useBrowser
    ? setInterval(() => {
        page.evaluate('window.drain()').then((batch) => changes.push(...batch), () => {});
      }, 500)
    : undefined;
  const began = Date.now();
  await Promise.all(Array.from({ length: LEARNERS }, (_, index) => learner(index)));
  const sendingMs = Date.now() - began;

  // The page catches up: every row at its learner's count (or give up after 20 s).
  let shown = {};
  if (useBrowser) {
    const deadline = Date.now() + 20_000;
    for (;;) {
      shown = await page.evaluate(`Object.fromEntries([...document.querySelectorAll('#rows tr')].map((row) => [row.dataset.learner, Number(row.dataset.events)]))`);
      if (Object.values(shown).reduce((a, b) => a + b, 0) >= sent || Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    clearInterval(draining);
    changes.push(...(await page.evaluate('window.drain()')));
  }

  // The server's own count, from its event log (what a restart would rebuild).
  const logged = readFileSync(path.join(tmp, 'room', 'events.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line))
    .filter((record) => record.t === 'events');
  const loggedIds = logged.flatMap((record) => record.events.map((event) => `${record.learner.id}/${event.id}`));

  // Latency: event n of a learner is on the page when its row first shows a count of n or more.
  const latencies = [];
  const firstSeen = new Map();
  for (const [learnerId, count, at] of changes) {
    const seen = firstSeen.get(learnerId) ?? [];
    firstSeen.set(learnerId, seen);
    for (let n = seen.length + 1; n <= count; n++) seen[n - 1] = at;
  }
  for (const [learnerId, times] of sentAt) {
    const seen = firstSeen.get(learnerId) ?? [];
    times.forEach((at, i) => {
      if (seen[i] !== undefined) latencies.push(Math.max(0, seen[i] - at));
    });
  }
  latencies.sort((a, b) => a - b);
  const pageTotal = Object.values(shown).reduce((a, b) => a + b, 0);
  const result = {
    learners: LEARNERS,
    rate: RATE,
    seconds: SECONDS,
    sendingSeconds: Math.round(sendingMs / 100) / 10,
    sent,
    logged: loggedIds.length,
    distinctLogged: new Set(loggedIds).size,
    statuses: Object.fromEntries(statuses),
    ...(useBrowser
      ? {
          shownOnPage: pageTotal,
          rowsOnPage: Object.keys(shown).length,
          latencyMs: { measured: latencies.length, median: percentile(latencies, 50), p99: percentile(latencies, 99), max: latencies.at(-1) },
        }
      : {}),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
  const countsAgree = result.logged === sent && result.distinctLogged === sent && (!useBrowser || (pageTotal === sent && result.rowsOnPage === LEARNERS));
  await cleanUp();
  if (!countsAgree) {
    process.stderr.write(`counts differ: sent ${sent}, logged ${result.logged} (${result.distinctLogged} distinct)${useBrowser ? `, on the page ${pageTotal} in ${result.rowsOnPage} rows` : ''}\n`);
    process.exit(1);
  }
} catch (error) {
  await cleanUp();
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
}
