/**
 * A recording plays in asciinema's own client: a real `run tour --record DIR --yes` (the tour needs no
 * cluster), then Debian's asciinema 2.x `cat`s the cast back, and it must print what ran: each step's
 * command at a prompt and its output, as the JSON-lines report of the same run gave them. `asciinema cat`
 * reads the terminal (/dev/tty), so it runs under `script`, which gives it one.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mw } from '../helpers/cli.js';
import { tempDir } from '../helpers/lessons.js';
import { promptLines } from '../../src/recording/recorder.js';
import type { EngineEvent } from '../../src/engine/events.js';

const HAS_ASCIINEMA = spawnSync('asciinema', ['--version']).status === 0;

describe.skipIf(!HAS_ASCIINEMA)('a recording in asciinema', () => {
  it('asciinema cat prints back the output of every step that ran', () => {
    const dir = path.join(tempDir('mw-record-'), 'recordings');
    const run = mw(['run', 'tour', '--yes', '--record', dir, '--reporter', 'json']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const events = run.stdout
      .trim()
      .split('\n')
      // The JSON reporter writes output events with their lines (as scripts have always read them).
      .map((line) => JSON.parse(line) as Exclude<EngineEvent, { type: 'output' }> | { type: 'output'; origin: string; lines: string[] });
    const expected: string[] = [];
    for (const event of events) {
      if (event.type === 'step-started' && event.command !== undefined) expected.push(...promptLines(event.command));
      if (event.type === 'output' && event.origin === 'step') expected.push(...event.lines);
    }
    // The tour's commands print, each of them: the comparison is over real output, not two empty texts.
    expect(expected.filter((line) => !/^[$>] /.test(line)).length).toBeGreaterThan(20);

    const played = spawnSync('script', ['-q', '-e', '-c', `asciinema cat ${JSON.stringify(path.join(dir, 'tour.cast'))}`, '/dev/null'], { encoding: 'utf8', input: '', timeout: 30_000 });
    expect(played.status).toBe(0);
    // The terminal `script` gives asciinema turns "\r\n" into "\r\r\n"; the text is what counts.
    expect(played.stdout.replace(/\r/g, '').split('\n').slice(0, -1)).toEqual(expected);

    // The index beside it names the steps, their exit codes and their checks' verdicts.
    const index = JSON.parse(readFileSync(path.join(dir, 'tour.json'), 'utf8')) as { lesson: { id: string }; versions: Record<string, string>; steps: { id: string; exitCode: number | null; checks: { passed: boolean }[] }[] };
    expect(index.lesson.id).toBe('tour');
    expect(Object.keys(index.versions)).toEqual(expect.arrayContaining(['mesh-workshop', 'node', 'istio', 'kubectl']));
    const failOnPurpose = index.steps.find((step) => step.id === 'fail-on-purpose');
    expect(failOnPurpose?.exitCode).toBe(1);
    expect(failOnPurpose?.checks.map((check) => check.passed)).toEqual([true, true]);
  }, 60_000);
});
