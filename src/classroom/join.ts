/**
 * Joining a classroom from the command line (`--classroom URL --code CODE --name NAME`, global options):
 * the client and the reporter for a run, with announcements and problems said on stderr (plain mode).
 */
import type { GlobalOptions } from '../commands/options.js';
import { openProgress } from '../progress/store.js';
import { createClassroomClient, type ClassroomClient } from './learner-client.js';
import { classroomReporter, type ClassroomReporter } from './learner-reporter.js';

export interface ClassroomLink {
  client: ClassroomClient;
  reporter: ClassroomReporter;
  /** Sends what it can within a few seconds, says what is left, and lets go. */
  leave(): Promise<void>;
}

const FLUSH_MS = 4000;

export function joinFromCommandLine(globals: GlobalOptions, say: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): ClassroomLink | undefined {
  const join = globals.classroom;
  if (!join) return undefined;
  const client = createClassroomClient({
    join,
    home: globals.home,
    learnerId: openProgress(globals.home).learnerId(),
    onAnnouncement: (announcement) => say(`classroom: from the instructor: ${announcement.text}`),
    onProblem: say,
  });
  client.record({ kind: 'joined' });
  return {
    client,
    reporter: classroomReporter(client, globals.home),
    async leave() {
      await client.flush(FLUSH_MS);
      const left = client.waiting();
      if (left > 0) say(`classroom: ${join.url} did not answer; ${left} event${left === 1 ? '' : 's'} kept in ${globals.home}, sent the next time you join`);
      client.close();
    },
  };
}
