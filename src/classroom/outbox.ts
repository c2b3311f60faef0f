/**
 * The learner's outbox: classroom events kept on disk until the server says it has them, so a learner who
 * loses the server (or quits) loses nothing. Each workshop process appends to a file of its own (one JSON
 * line per event, fsync'd), and keeps how many of its lines the server has acknowledged in a second file
 * (written atomically). Files left by a process that has ended are picked up and sent by the next one.
 * Every event carries an id, so a line sent twice (a crash between send and acknowledgement) counts once.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../files/atomic-file.js';
import type { LearnerEvent } from './protocol.js';

export interface OutboxFile {
  name: string;
  events: LearnerEvent[];
  /** Events at the start of `events` the server has. */
  acknowledged: number;
}

export interface Outbox {
  /** Appends an event to this process's file, on disk before it returns. */
  add(event: LearnerEvent): void;
  /** Every file's events not yet acknowledged, oldest file first (this process's last). */
  unsent(): { file: string; events: LearnerEvent[] }[];
  /** The server has the first `count` unsent events of `file`. */
  acknowledge(file: string, count: number): void;
  /** Events waiting, in every file. */
  waiting(): number;
  close(): void;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A file's events; a torn last line (a crash mid-append, never sent) is left out. */
function readEvents(file: string): LearnerEvent[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  return text.split('\n').flatMap((line) => {
    if (!line) return [];
    try {
      return [JSON.parse(line) as LearnerEvent];
    } catch {
      return [];
    }
  });
}

function readAcknowledged(file: string): number {
  try {
    const count = Number(readFileSync(file, 'utf8'));
    return Number.isInteger(count) && count >= 0 ? count : 0;
  } catch {
    return 0;
  }
}

/** Outbox files open in this process (its other files, of outboxes closed, are free to send). */
const openHere = new Set<string>();

/** The outbox in `dir` (`<state>/classroom/outbox`), with this process's file named by `session`. */
export function openOutbox(dir: string, session: string): Outbox {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const own = `${process.pid}-${session}`;
  const files = new Map<string, OutboxFile>();
  // Files of processes that have ended, their unsent events still to go.
  for (const entry of readdirSync(dir)) {
    const match = /^(\d+)-(.+)\.jsonl$/.exec(entry);
    if (!match) continue;
    const name = entry.slice(0, -'.jsonl'.length);
    const pid = Number(match[1]);
    if (pid === process.pid ? openHere.has(name) : processAlive(pid)) continue;
    const events = readEvents(path.join(dir, entry));
    const acknowledged = Math.min(events.length, readAcknowledged(path.join(dir, `${name}.sent`)));
    if (acknowledged === events.length) remove(name);
    else files.set(name, { name, events, acknowledged });
  }
  files.set(own, { name: own, events: [], acknowledged: 0 });
  openHere.add(own);
  let fd: number | undefined;

  function remove(name: string): void {
    rmSync(path.join(dir, `${name}.jsonl`), { force: true });
    rmSync(path.join(dir, `${name}.sent`), { force: true });
  }

  return {
    add(event) {
      fd ??= openSync(path.join(dir, `${own}.jsonl`), 'a', 0o600);
      writeSync(fd, `${JSON.stringify(event)}\n`);
      fsyncSync(fd);
      files.get(own)?.events.push(event);
    },
    unsent() {
      return [...files.values()].filter((file) => file.acknowledged < file.events.length).map((file) => ({ file: file.name, events: file.events.slice(file.acknowledged) }));
    },
    acknowledge(name, count) {
      const file = files.get(name);
      if (!file) return;
      file.acknowledged = Math.min(file.events.length, file.acknowledged + count);
      if (name !== own && file.acknowledged === file.events.length) {
        remove(name);
        files.delete(name);
        return;
      }
      writeFileAtomic(path.join(dir, `${name}.sent`), String(file.acknowledged));
    },
    waiting() {
      return [...files.values()].reduce((sum, file) => sum + file.events.length - file.acknowledged, 0);
    },
    close() {
      if (fd !== undefined) closeSync(fd);
      fd = undefined;
      openHere.delete(own);
      const file = files.get(own);
      // Everything sent: nothing to keep. Otherwise the next process sends the rest.
      if (file && file.acknowledged === file.events.length) remove(own);
    },
  };
}
