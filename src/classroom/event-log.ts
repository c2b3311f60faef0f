/**
 * The server's append-only event log: one JSON object a line, written and fsync'd before a learner is told
 * its events arrived, so an acknowledged event survives `kill -9` or a power cut. Appends that arrive
 * together share one write and one fsync (group commit), so a full room does not wait on a sync each.
 * After a restart the room is rebuilt by reading the log from the start.
 */
import { closeSync, fsyncSync, ftruncateSync, openSync, readFileSync, write, fdatasync } from 'node:fs';

export interface EventLog {
  /** Appends records; resolves once they are on disk. */
  append(records: readonly unknown[]): Promise<void>;
  /** Waits for the appends under way, then closes the file. */
  close(): Promise<void>;
}

export interface LogContents<T> {
  records: T[];
  /** Lines that could not be read (a torn last line after a crash is cut off, and counted here). */
  unreadable: number;
}

/**
 * Reads every record, then opens the log for appending. A last line without its newline (the write a
 * crash interrupted, never acknowledged) is cut off so the next append starts on a line of its own.
 */
export function openEventLog<T>(file: string): { log: EventLog; contents: LogContents<T> } {
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const records: T[] = [];
  let unreadable = 0;
  const end = text.lastIndexOf('\n') + 1;
  for (const line of text.slice(0, end).split('\n')) {
    if (!line) continue;
    try {
      records.push(JSON.parse(line) as T);
    } catch {
      unreadable++;
    }
  }
  const fd = openSync(file, 'a+', 0o600);
  if (end < Buffer.byteLength(text)) {
    unreadable++;
    ftruncateSync(fd, Buffer.byteLength(text.slice(0, end)));
    fsyncSync(fd);
  }
  return { log: groupCommitLog(fd), contents: { records, unreadable } };
}

function groupCommitLog(fd: number): EventLog {
  let pending: { text: string; done: (error?: Error) => void }[] = [];
  let busy = false;
  let closed = false;
  let drained: (() => void) | undefined;
  const flush = (): void => {
    if (busy) return;
    if (pending.length === 0) {
      drained?.();
      return;
    }
    busy = true;
    const batch = pending;
    pending = [];
    const bytes = Buffer.from(batch.map(({ text }) => text).join(''));
    const finish = (error?: Error | null): void => {
      busy = false;
      for (const { done } of batch) done(error ?? undefined);
      flush();
    };
    const writeFrom = (offset: number): void => {
      // A write to a file opened for appending goes to its end; a short write carries on where it stopped.
      write(fd, bytes, offset, bytes.length - offset, null, (error, written) => {
        if (error) return finish(error);
        if (offset + written < bytes.length) return writeFrom(offset + written);
        fdatasync(fd, finish);
      });
    };
    writeFrom(0);
  };
  return {
    append(records) {
      if (closed) return Promise.reject(new Error('the event log is closed'));
      if (records.length === 0) return Promise.resolve();
      const text = records.map((record) => `${JSON.stringify(record)}\n`).join('');
      return new Promise((resolve, reject) => {
        pending.push({ text, done: (error) => (error ? reject(error) : resolve()) });
        flush();
      });
    },
    close() {
      if (closed) return Promise.resolve();
      closed = true;
      return new Promise((resolve) => {
        drained = () => {
          closeSync(fd);
          resolve();
        };
        flush();
      });
    },
  };
}
