/**
 * The classroom server, on the instructor's machine: learners post their events (with the join code), the
 * instructor's page follows the room through Server-Sent Events. Node's own http module: a handful of
 * routes need no framework, and nothing to install or build natively. Every accepted event is in the
 * fsync'd log before it is acknowledged; the room is rebuilt from that log when the server starts again.
 */
import { randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { writeFileAtomic } from '../files/atomic-file.js';
import { defaultAssetsDir } from '../paths.js';
import { openEventLog } from './event-log.js';
import { announcementText, CODE_HEADER, INSTRUCTOR_HEADER, MAX_BODY_BYTES, type Announcement, type BatchAnswer, type LearnerEvent } from './protocol.js';
import { announcementSchema, learnerBatchSchema } from './schemas.js';
import { rateLimiter, type RateLimit } from './rate-limit.js';
import { applyLearnerEvent, DEFAULT_STUCK, emptyRoom, rowView, stuckNow, type StuckRules } from './room.js';

export interface ClassroomOptions {
  dataDir: string;
  host?: string;
  port?: number;
  stuck?: StuckRules;
  /** Requests per learner. */
  rate?: RateLimit;
  /** How often the page gets the rows that changed (ms). */
  pushEveryMs?: number;
  now?: () => number;
}

export interface ClassroomServer {
  url: string;
  port: number;
  code: string;
  instructorKey: string;
  /** Events counted (each id once), in the room now. */
  counted(): number;
  /** Records read back from the log at start, and lines that could not be read. */
  rebuilt: { records: number; unreadable: number };
  close(): Promise<void>;
}

/** Log records: a learner's new events as they arrived, or an instructor's announcement. */
type LogRecord = { t: 'events'; receivedAt: number; clockOffset: number; learner: { id: string; name: string }; events: LearnerEvent[] } | { t: 'announce'; announcement: Announcement };

/** No 0/O, 1/I/L: a code read aloud across a room. */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

export const DEFAULT_RATE: RateLimit = { perSecond: 20, burst: 40 };

/** The join code and instructor key, kept in the data directory so a restarted server is the same room. */
function roomSecrets(dataDir: string): { code: string; instructorKey: string } {
  const file = path.join(dataDir, 'room.json');
  try {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { code?: unknown; instructorKey?: unknown };
    if (typeof saved.code === 'string' && typeof saved.instructorKey === 'string') return { code: saved.code, instructorKey: saved.instructorKey };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT' && !(error instanceof SyntaxError)) throw error;
  }
  const code = Array.from({ length: 6 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
  const secrets = { code, instructorKey: randomBytes(18).toString('base64url') };
  writeFileAtomic(file, `${JSON.stringify(secrets)}\n`);
  return secrets;
}

const SECURITY_HEADERS = {
  'content-security-policy': "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cache-control': 'no-store',
};

const PAGE_FILES: Record<string, { file: string; type: string }> = {
  '/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/app.js': { file: 'app.js', type: 'text/javascript; charset=utf-8' },
  '/app.css': { file: 'app.css', type: 'text/css; charset=utf-8' },
};

function sameSecret(given: string | undefined, wanted: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(wanted);
  return a.length === b.length && timingSafeEqual(a, b);
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The body, refused with 413 as soon as it passes the limit (its declared length is checked first). */
function readBody(request: IncomingMessage, limit = MAX_BODY_BYTES): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(request.headers['content-length'] ?? 0);
    if (declared > limit) {
      request.resume();
      return reject(new HttpError(413, `the body is larger than ${limit} bytes`));
    }
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      // Past the limit the rest is read and dropped, so the client gets its 413 rather than a reset.
      if (size > limit) return void reject(new HttpError(413, `the body is larger than ${limit} bytes`));
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpError(400, 'the body is not JSON');
  }
}

function send(response: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...extra });
  response.end(text);
}

/**
 * The room counted events it could not log: a learner told "arrived" would lose them at the next restart.
 * So the server stops at once, unanswered; the learners keep their queues and resend to the next one.
 */
function stopUnlogged(error: Error): never {
  process.stderr.write(`mesh-workshop classroom: cannot write the event log (${error.message}); stopping so that no event is acknowledged without being kept\n`);
  process.exit(74);
}

export async function startClassroomServer(options: ClassroomOptions): Promise<ClassroomServer> {
  const now = options.now ?? Date.now;
  const stuckRules = options.stuck ?? DEFAULT_STUCK;
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const { code, instructorKey } = roomSecrets(options.dataDir);
  const assets = path.join(defaultAssetsDir(), 'classroom');
  const page = new Map(Object.entries(PAGE_FILES).map(([route, { file, type }]) => [route, { body: readFileSync(path.join(assets, file)), type }]));

  const room = emptyRoom();
  const announcements: Announcement[] = [];
  const { log, contents } = openEventLog<LogRecord>(path.join(options.dataDir, 'events.jsonl'));
  for (const record of contents.records) {
    if (record.t === 'announce') announcements.push(record.announcement);
    else for (const event of record.events) applyLearnerEvent(room, record.learner, event, record.receivedAt, record.clockOffset);
  }
  let counted = [...room.learners.values()].reduce((sum, row) => sum + row.events, 0);

  const perLearner = rateLimiter(options.rate ?? DEFAULT_RATE, now);
  // Wrong codes, by address: guessing the code is as slow as the room allows.
  const wrongCodes = rateLimiter({ perSecond: 2, burst: 20 }, now);

  // The page's followers, and the rows changed since they were last told.
  const followers = new Set<ServerResponse>();
  const dirty = new Set<string>();
  const stuckSent = new Map<string, string>();
  const sse = (response: ServerResponse, event: string, data: unknown): void => {
    response.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  };
  const push = (): void => {
    const t = now();
    for (const row of room.learners.values()) {
      const stuck = JSON.stringify(stuckNow(row, t, stuckRules) ?? null);
      if (stuckSent.get(row.id) !== stuck) dirty.add(row.id);
    }
    if (dirty.size === 0) return;
    const rows = [...dirty].flatMap((id) => {
      const row = room.learners.get(id);
      return row ? [rowView(row, t, stuckRules)] : [];
    });
    dirty.clear();
    for (const row of rows) stuckSent.set(row.id, JSON.stringify(row.stuck ?? null));
    for (const follower of followers) sse(follower, 'rows', { now: t, rows });
  };
  const pushTimer = setInterval(push, options.pushEveryMs ?? 50);
  // A comment line now and then keeps proxies and the browser from closing a quiet stream.
  const keepAlive = setInterval(() => {
    for (const follower of followers) follower.write(': keep-alive\n\n');
  }, 15_000);

  const learnerRequest = async (request: IncomingMessage, response: ServerResponse, route: string): Promise<void> => {
    const address = request.socket.remoteAddress ?? 'unknown';
    const given = request.headers[CODE_HEADER];
    if (!sameSecret(typeof given === 'string' ? given.trim().toUpperCase() : undefined, code)) {
      if (!wrongCodes.allow(address)) throw new HttpError(429, 'too many wrong codes; wait a little');
      throw new HttpError(401, 'wrong or missing join code');
    }
    const learnerHeader = request.headers['x-classroom-learner'];
    const learnerKey = typeof learnerHeader === 'string' && learnerHeader ? learnerHeader : address;
    if (!perLearner.allow(learnerKey)) throw new HttpError(429, 'too many requests; the workshop sends the rest later');
    if (route === '/learner/announcement' && request.method === 'GET') {
      send(response, 200, { announcement: announcements.at(-1) ?? null });
      return;
    }
    if (route !== '/learner/events' || request.method !== 'POST') throw new HttpError(404, 'no such learner route');
    const parsed = learnerBatchSchema.safeParse(parseJson(await readBody(request)));
    if (!parsed.success) throw new HttpError(400, `not a batch of learner events: ${parsed.error.issues[0]?.message ?? 'invalid'} at ${parsed.error.issues[0]?.path.join('.') ?? ''}`);
    const { learner, events, sentAt } = parsed.data as { learner: { id: string; name: string }; events: LearnerEvent[]; sentAt: number };
    if (learner.id !== learnerKey) throw new HttpError(400, 'the learner id in the body is not the one in the header');
    const receivedAt = now();
    const clockOffset = receivedAt - sentAt;
    const fresh = events.filter((event) => applyLearnerEvent(room, learner, event, receivedAt, clockOffset));
    if (fresh.length > 0) {
      counted += fresh.length;
      dirty.add(learner.id);
      await log.append([{ t: 'events', receivedAt, clockOffset, learner, events: fresh } satisfies LogRecord]).catch(stopUnlogged);
    }
    const answer: BatchAnswer = { accepted: fresh.length, duplicates: events.length - fresh.length, ...(announcements.length > 0 ? { announcement: announcements.at(-1) } : {}) };
    send(response, 200, answer);
  };

  const instructorRequest = async (request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> => {
    const headerKey = request.headers[INSTRUCTOR_HEADER];
    if (!sameSecret(typeof headerKey === 'string' ? headerKey : (url.searchParams.get('key') ?? undefined), instructorKey)) throw new HttpError(401, 'wrong or missing instructor key');
    if (url.pathname === '/instructor/stream' && request.method === 'GET') {
      response.writeHead(200, { ...SECURITY_HEADERS, 'content-type': 'text/event-stream; charset=utf-8', connection: 'keep-alive' });
      const t = now();
      sse(response, 'room', { now: t, rows: [...room.learners.values()].map((row) => rowView(row, t, stuckRules)), announcement: announcements.at(-1) ?? null });
      followers.add(response);
      request.on('close', () => followers.delete(response));
      return;
    }
    if (url.pathname === '/instructor/shared' && request.method === 'GET') {
      const shared = room.learners.get(url.searchParams.get('learner') ?? '')?.shared;
      if (!shared) throw new HttpError(404, 'that learner shared no failure');
      send(response, 200, shared);
      return;
    }
    if (url.pathname === '/instructor/announce' && request.method === 'POST') {
      const parsed = announcementSchema.safeParse(parseJson(await readBody(request, 4096)));
      if (!parsed.success) throw new HttpError(400, 'an announcement is {"text": "…"} or {"lesson": N, "step": M}');
      const announcement: Announcement = { seq: (announcements.at(-1)?.seq ?? 0) + 1, at: now(), text: announcementText(parsed.data) };
      await log.append([{ t: 'announce', announcement } satisfies LogRecord]).catch(stopUnlogged);
      announcements.push(announcement);
      for (const follower of followers) sse(follower, 'announcement', announcement);
      send(response, 200, announcement);
      return;
    }
    throw new HttpError(404, 'no such instructor route');
  };

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://classroom');
    const handle = async (): Promise<void> => {
      const asset = request.method === 'GET' ? page.get(url.pathname) : undefined;
      if (asset) {
        response.writeHead(200, { ...SECURITY_HEADERS, 'content-type': asset.type, 'content-length': asset.body.length });
        response.end(asset.body);
        return;
      }
      if (url.pathname === '/favicon.ico') {
        // Browsers ask for one; the page has none.
        response.writeHead(204, SECURITY_HEADERS);
        response.end();
        return;
      }
      if (url.pathname.startsWith('/learner/')) return learnerRequest(request, response, url.pathname);
      if (url.pathname.startsWith('/instructor/')) return instructorRequest(request, response, url);
      throw new HttpError(404, 'not found');
    };
    handle().catch((error: unknown) => {
      if (response.headersSent) return void response.destroy();
      const status = error instanceof HttpError ? error.status : 500;
      if (!(error instanceof HttpError)) process.stderr.write(`mesh-workshop classroom: ${(error as Error).message}\n`);
      // A refused body is not read to its end: close the connection rather than drain it.
      send(response, status, { error: error instanceof HttpError ? error.message : 'internal error' }, status === 413 ? { connection: 'close' } : {});
    });
  });
  // Learners send every few seconds: a connection kept longer than that is not closed under a request on its way.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 7777, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}`,
    port,
    code,
    instructorKey,
    counted: () => counted,
    rebuilt: { records: contents.records.length, unreadable: contents.unreadable },
    async close() {
      clearInterval(pushTimer);
      clearInterval(keepAlive);
      for (const follower of followers) follower.end();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await log.close();
    },
  };
}
