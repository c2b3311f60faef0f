/**
 * A learner's link to a classroom: events go into the on-disk outbox (outbox.ts) at once, and a sender
 * delivers them in order when the server answers, backing off while it does not; the workshop never waits
 * on it. Announcements from the instructor come back with each answer (and by polling when nothing is
 * sent), each shown once. No Ink here: the TUI and the plain runner both use it.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../files/atomic-file.js';
import type { ClassroomJoin } from './join-details.js';
import { openOutbox, type Outbox } from './outbox.js';
import { CODE_HEADER, MAX_EVENTS_PER_BATCH, type Announcement, type BatchAnswer, type LearnerEventBody } from './protocol.js';

export interface ClassroomClientOptions {
  join: ClassroomJoin;
  home: string;
  learnerId: string;
  /** An announcement not shown before: the status bar's, or a printed line's. */
  onAnnouncement?: (announcement: Announcement) => void;
  /** Something the learner should know once (a wrong code); the workshop goes on. */
  onProblem?: (problem: string) => void;
  fetch?: typeof fetch;
  now?: () => number;
  /** Longest wait between tries while the server does not answer (ms). */
  maxBackoffMs?: number;
  /** How often to ask for announcements when nothing is sent (ms). */
  pollMs?: number;
}

export interface ClassroomClient {
  record(event: LearnerEventBody): void;
  /** Sends what is waiting; resolves when all is sent or `withinMs` has passed (what is left stays on disk). */
  flush(withinMs: number): Promise<void>;
  /** Events not yet acknowledged. */
  waiting(): number;
  close(): void;
}

/** Where the last announcement shown is remembered (by room), so a new run does not show it again. */
const SHOWN_FILE = 'announcement-shown.json';

export function createClassroomClient(options: ClassroomClientOptions): ClassroomClient {
  const { join, learnerId } = options;
  const doFetch = options.fetch ?? fetch;
  const now = options.now ?? Date.now;
  const maxBackoff = options.maxBackoffMs ?? 15_000;
  const dir = path.join(options.home, 'classroom');
  const session = randomBytes(6).toString('hex');
  const outbox: Outbox = openOutbox(path.join(dir, 'outbox'), session);
  const headers = { 'content-type': 'application/json', [CODE_HEADER]: join.code, 'x-classroom-learner': learnerId };
  let counter = 0;
  let timer: NodeJS.Timeout | undefined;
  let sending: Promise<void> | undefined;
  let backoff = 0;
  let closed = false;
  let refused = false;
  let shownSeq = readShown(dir, join.code);
  const told = new Set<string>();

  const problem = (text: string): void => {
    if (told.has(text)) return;
    told.add(text);
    options.onProblem?.(text);
  };
  const announced = (announcement: Announcement | null | undefined): void => {
    if (!announcement || announcement.seq <= shownSeq) return;
    shownSeq = announcement.seq;
    writeShown(dir, join.code, shownSeq);
    options.onAnnouncement?.(announcement);
  };

  /** One try at sending everything waiting; false when the server did not take it. */
  const sendAll = async (): Promise<boolean> => {
    for (const { file, events } of outbox.unsent()) {
      for (let start = 0; start < events.length; start += MAX_EVENTS_PER_BATCH) {
        const batch = events.slice(start, start + MAX_EVENTS_PER_BATCH);
        let response: Response;
        try {
          response = await doFetch(`${join.url}/learner/events`, { method: 'POST', headers, body: JSON.stringify({ learner: { id: learnerId, name: join.name }, sentAt: now(), events: batch }), signal: AbortSignal.timeout(10_000) });
        } catch {
          return false;
        }
        if (response.status === 401) {
          refused = true;
          problem(`classroom: ${join.url} does not take the code ${join.code}; events are kept here. Check the code on the instructor's screen.`);
          return false;
        }
        if (response.status === 400) {
          // The server will never take these: keep the rest flowing, and say so.
          problem(`classroom: the server refused some events (${(await response.text()).slice(0, 200)})`);
          outbox.acknowledge(file, batch.length);
          continue;
        }
        if (!response.ok) return false;
        const answer = (await response.json()) as BatchAnswer;
        outbox.acknowledge(file, batch.length);
        announced(answer.announcement);
      }
    }
    return true;
  };

  const schedule = (delay: number): void => {
    if (closed || timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      void run();
    }, delay);
    timer.unref();
  };

  const run = (): Promise<void> => {
    if (sending) return sending;
    sending = (async () => {
      try {
        const waiting = outbox.waiting();
        const ok = waiting > 0 ? await sendAll() : await poll();
        backoff = ok ? 0 : Math.min(maxBackoff, backoff === 0 ? 500 : backoff * 2);
      } finally {
        sending = undefined;
      }
      if (refused) return;
      if (outbox.waiting() > 0) schedule(backoff || 50);
      else schedule(backoff || (options.pollMs ?? 5000));
    })();
    return sending;
  };

  const poll = async (): Promise<boolean> => {
    try {
      const response = await doFetch(`${join.url}/learner/announcement`, { headers, signal: AbortSignal.timeout(10_000) });
      if (response.status === 401) {
        refused = true;
        problem(`classroom: ${join.url} does not take the code ${join.code}. Check the code on the instructor's screen.`);
        return false;
      }
      if (!response.ok) return false;
      announced(((await response.json()) as { announcement: Announcement | null }).announcement);
      return true;
    } catch {
      return false;
    }
  };

  // Whatever an earlier run left unsent goes first.
  schedule(0);

  return {
    record(event) {
      if (closed) return;
      counter++;
      try {
        outbox.add({ ...event, id: `${session}-${counter}`, at: now() } as never);
      } catch (error) {
        problem(`classroom: cannot keep events in ${dir} (${(error as Error).message}); the lesson goes on without them`);
        return;
      }
      // Events that come together (a check's verdict, the step's end) leave together.
      if (!sending && backoff === 0) {
        clearTimeout(timer);
        timer = undefined;
        schedule(20);
      }
    },
    async flush(withinMs) {
      const deadline = now() + withinMs;
      while (outbox.waiting() > 0 && now() < deadline && !refused) {
        clearTimeout(timer);
        timer = undefined;
        // These timers hold the process open (the sender's own do not): the caller waits for this flush.
        let expiry: NodeJS.Timeout | undefined;
        const ok = await Promise.race([run().then(() => outbox.waiting() === 0), new Promise<boolean>((resolve) => (expiry = setTimeout(() => resolve(false), Math.max(0, deadline - now()))))]);
        clearTimeout(expiry);
        if (!ok) await new Promise((resolve) => setTimeout(resolve, Math.min(250, Math.max(0, deadline - now()))));
      }
    },
    waiting: () => outbox.waiting(),
    close() {
      closed = true;
      clearTimeout(timer);
      outbox.close();
    },
  };
}


function readShown(dir: string, code: string): number {
  try {
    const shown = JSON.parse(readFileSync(path.join(dir, SHOWN_FILE), 'utf8')) as { code?: unknown; seq?: unknown };
    return shown.code === code && typeof shown.seq === 'number' ? shown.seq : 0;
  } catch {
    return 0;
  }
}

function writeShown(dir: string, code: string, seq: number): void {
  try {
    writeFileAtomic(path.join(dir, SHOWN_FILE), JSON.stringify({ code, seq }));
  } catch {
    // Not remembering only means the message may show again.
  }
}
