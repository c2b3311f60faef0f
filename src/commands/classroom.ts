/**
 * `mesh-workshop classroom serve`: the instructor's side of a classroom (src/classroom/server.ts). Prints
 * the join code, the learners' command and the instructor's page, then serves until Ctrl-C.
 */
import os from 'node:os';
import path from 'node:path';
import type { Flags, GlobalOptions } from './options.js';
import { UserError } from '../errors.js';
import { DEFAULT_STUCK } from '../classroom/room.js';

function portOf(text: string | undefined): number {
  if (text === undefined) return 7777;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UserError(`--port ${text}: a port is a number from 0 to 65535 (0: any free port)`);
  return port;
}

function stuckAfterMs(text: string | undefined): number {
  if (text === undefined) return DEFAULT_STUCK.stepMs;
  const minutes = Number(text);
  if (!Number.isFinite(minutes) || minutes <= 0) throw new UserError(`--stuck-after ${text}: a number of minutes, more than 0 (e.g. 10 or 0.5)`);
  return minutes * 60_000;
}

/** Where learners reach a server bound to every address: this machine's first network address. */
function roomAddress(host: string, url: string, port: number): string {
  if (host !== '0.0.0.0' && host !== '::') return url;
  const external = Object.values(os.networkInterfaces())
    .flat()
    .find((entry) => entry && entry.family === 'IPv4' && !entry.internal);
  return external ? `http://${external.address}:${port}` : url;
}

const LEARNER_ACTIONS = ['hand', 'share', 'leave'] as const;

/**
 * A learner's one-off action beside a run (`run --yes` asks nothing): raise or lower a hand, share the last
 * failure a run kept in this state directory, or leave the room. Needs --classroom, --code and --name.
 */
async function learnerAction(globals: GlobalOptions, flags: Flags, action: (typeof LEARNER_ACTIONS)[number]): Promise<number> {
  const { joinFromCommandLine } = await import('../classroom/join.js');
  const link = joinFromCommandLine(globals);
  if (!link) throw new UserError(`classroom ${action}: say which classroom with --classroom URL --code CODE --name NAME`);
  let said: string;
  if (action === 'hand') {
    const raised = flags.down !== true;
    link.reporter.raiseHand(raised);
    said = raised ? 'Hand raised: the instructor sees it (classroom hand --down lowers it).' : 'Hand lowered.';
  } else if (action === 'share') {
    if (!link.reporter.shareFailure()) {
      link.client.close();
      throw new UserError('no failure to share: a run in this state directory has not failed a check yet');
    }
    said = "Shared: the instructor sees the last failed check, its expected and actual texts, and the step's output.";
  } else {
    link.client.record({ kind: 'left' });
    said = 'Left the classroom; nothing more is sent unless you join again.';
  }
  await link.leave();
  process.stdout.write(`${said}\n`);
  return link.client.waiting() > 0 ? 1 : 0;
}

export async function classroomCommand(globals: GlobalOptions, flags: Flags, args: string[]): Promise<number> {
  const [sub, ...extra] = args;
  if (extra.length > 0) throw new UserError(`unexpected argument '${extra[0] ?? ''}' after 'classroom ${sub ?? ''}'`);
  const action = LEARNER_ACTIONS.find((name) => name === sub);
  if (action) return learnerAction(globals, flags, action);
  if (sub !== 'serve') throw new UserError(`classroom ${sub ?? ''}: choose serve (instructors) or hand, share, leave (learners, with --classroom URL --code CODE --name NAME)`);
  const host = flags.host ?? '127.0.0.1';
  const dataDir = path.resolve(flags.data ?? path.join(globals.home, 'classroom-room'));
  const { startClassroomServer } = await import('../classroom/server.js');
  let server;
  try {
    server = await startClassroomServer({ dataDir, host, port: portOf(flags.port), stuck: { ...DEFAULT_STUCK, stepMs: stuckAfterMs(flags['stuck-after']) } });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new UserError(`port ${flags.port ?? 7777} on ${host} is in use: choose another with --port`);
    if (code === 'EADDRNOTAVAIL') throw new UserError(`--host ${host}: this machine has no such address`);
    throw error;
  }
  const room = roomAddress(host, server.url, server.port);
  const out = process.stdout;
  out.write(`Classroom open. Join code: ${server.code}\n`);
  out.write(`Learners run: mesh-workshop --classroom ${room} --code ${server.code} --name "Their name"\n`);
  out.write(`Instructor page (keep this address to yourself): ${server.url}/#key=${server.instructorKey}\n`);
  out.write(`Event log: ${path.join(dataDir, 'events.jsonl')}${server.rebuilt.records > 0 ? ` (room rebuilt from ${server.rebuilt.records} records)` : ''}\n`);
  if (server.rebuilt.unreadable > 0) out.write(`${server.rebuilt.unreadable} unreadable line(s) in the event log were left out (a write cut short by a crash is one).\n`);
  if (host === '127.0.0.1' || host === 'localhost' || host === '::1') out.write('Only this machine can reach it; for the room, serve with --host 0.0.0.0 (or this machine\'s address).\n');
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await server.close();
  out.write('Classroom closed; the event log keeps the room for next time.\n');
  return 0;
}
