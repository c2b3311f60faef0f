/**
 * Joining a classroom: the client and the reporter together, from the command line (`--classroom URL
 * --code CODE --name NAME`, global options; what the classroom says goes to stderr) or for the full screen
 * (joined and left while it runs; what the classroom says goes to the status line).
 */
import type { GlobalOptions } from '../commands/options.js';
import type { EngineEvent } from '../engine/events.js';
import { openProgress } from '../progress/store.js';
import type { ClassroomJoin } from './join-details.js';
import { createClassroomClient, type ClassroomClient } from './learner-client.js';
import { classroomReporter, type ClassroomReporter } from './learner-reporter.js';

export interface ClassroomLink {
  client: ClassroomClient;
  reporter: ClassroomReporter;
  /** Sends what it can within a few seconds, says what is left, and lets go. */
  leave(): Promise<void>;
}

const FLUSH_MS = 4000;

export function joinClassroom(home: string, join: ClassroomJoin, say: (line: string) => void): ClassroomLink {
  const client = createClassroomClient({
    join,
    home,
    learnerId: openProgress(home).learnerId(),
    onAnnouncement: (announcement) => say(`classroom: from the instructor: ${announcement.text}`),
    onProblem: say,
  });
  client.record({ kind: 'joined' });
  return {
    client,
    reporter: classroomReporter(client, home),
    async leave() {
      await client.flush(FLUSH_MS);
      const left = client.waiting();
      if (left > 0) say(`classroom: ${join.url} did not answer; ${left} event${left === 1 ? '' : 's'} kept in ${home}, sent the next time you join`);
      client.close();
    },
  };
}

export function joinFromCommandLine(globals: GlobalOptions, say: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): ClassroomLink | undefined {
  return globals.classroom ? joinClassroom(globals.home, globals.classroom, say) : undefined;
}

/** The full screen's classroom: none, or one joined (at start with --classroom, or with a key later). */
export interface ScreenClassroom extends Pick<ClassroomReporter, 'handle' | 'raiseHand' | 'shareFailure' | 'hintTaken' | 'solutionTaken'> {
  joined(): boolean;
  join(join: ClassroomJoin): void;
  /** Says goodbye to the room and stops sending. */
  leave(): Promise<void>;
  /** What the classroom says (the instructor's messages, a wrong code), for the status line. */
  subscribe(listener: (text: string) => void): () => void;
  /** The screen is closed: what is unsent goes now if it can; from here on, lines go to stderr. */
  close(): Promise<void>;
}

export function screenClassroom(home: string, join?: ClassroomJoin): ScreenClassroom {
  const listeners = new Set<(text: string) => void>();
  const early: string[] = [];
  let screenOpen = true;
  const say = (line: string): void => {
    if (!screenOpen) process.stderr.write(`${line}\n`);
    else if (listeners.size === 0) early.push(line);
    else for (const listener of listeners) listener(line);
  };
  let link: ClassroomLink | undefined = join ? joinClassroom(home, join, say) : undefined;
  const leave = async (): Promise<void> => {
    const leaving = link;
    link = undefined;
    if (!leaving) return;
    leaving.client.record({ kind: 'left' });
    await leaving.leave();
  };
  return {
    joined: () => link !== undefined,
    join(next) {
      void leave();
      link = joinClassroom(home, next, say);
    },
    leave,
    handle: (event: EngineEvent) => link?.reporter.handle(event),
    raiseHand: (raised) => link?.reporter.raiseHand(raised),
    shareFailure: () => link?.reporter.shareFailure() ?? false,
    hintTaken: (stepId, level) => link?.reporter.hintTaken(stepId, level),
    solutionTaken: (stepId) => link?.reporter.solutionTaken(stepId),
    subscribe(listener) {
      listeners.add(listener);
      for (const line of early.splice(0)) listener(line);
      return () => {
        listeners.delete(listener);
      };
    },
    async close() {
      screenOpen = false;
      await link?.leave();
    },
  };
}
