// A step that prints far more than the engine keeps in memory: the checks that search read all of it (from
// the engine's spill on disk), the others read its beginning and end and say so, and the spill is gone after.
import { mkdirSync, readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineEvent, EventOf } from '../../src/engine/events.js';
import { runLesson } from '../../src/engine/run-lesson.js';
import { HEADER, lessonFromYaml, tempDir } from '../helpers/lessons.js';

// The spill goes to the system's temporary folder: a folder of this file's own, to see it emptied.
const spillRoot = tempDir('mw-spill-root-');
const savedTmpdir = process.env.TMPDIR;
beforeAll(() => {
  mkdirSync(spillRoot, { recursive: true });
  process.env.TMPDIR = spillRoot;
});
afterAll(() => {
  if (savedTmpdir === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = savedTmpdir;
});

const spillsLeft = (): string[] => readdirSync(spillRoot).filter((name) => name.startsWith('mesh-workshop-output-'));

async function run(yaml: string) {
  const events: EngineEvent[] = [];
  const outcome = await runLesson({ lesson: lessonFromYaml(HEADER + yaml), home: tempDir('mw-home-'), emit: (e) => events.push(e), killGraceMs: 200 });
  const results = events.filter((e): e is EventOf<'check-result'> => e.type === 'check-result').map((e) => e.verdict);
  return { outcome, results };
}

describe('checks on two million lines of output (15 MB, beyond the 4 MB kept in memory)', () => {
  it('contains, notContains and matches judge the whole output, to its last line', async () => {
    const { outcome, results } = await run(`
steps:
  - id: flood
    title: Print two million numbers
    run: seq 1 2000000
    check:
      - contains: "1999999\\n2000000"
      - notContains: "2000001"
      - matches: "^1500000$"
        flags: m
      - matches: "2000000\\n$"
`);
    expect(results.map((verdict) => [verdict.label, verdict.passed])).toEqual([
      ['contains "1999999" …', true],
      ['notContains "2000001"', true],
      ['matches /^1500000$/m', true],
      ['matches /2000000/ …', true],
    ]);
    expect(outcome.status).toBe('passed');
    expect(spillsLeft()).toEqual([]);
  });

  it('fails a search for what is not there, without saying it read only part', async () => {
    const { results } = await run(`
steps:
  - id: flood
    title: Print two million numbers
    run: seq 1 2000000
    check:
      - contains: "2000001"
      - matches: "^0$"
        flags: m
`);
    expect(results.map((verdict) => verdict.passed)).toEqual([false, false]);
    for (const verdict of results) expect(verdict.explanation).not.toContain('read its beginning and its end');
  });

  it('gives the other checks the beginning and the end, saying what was left out between', async () => {
    const { results } = await run(`
steps:
  - id: flood
    title: Print two million numbers
    run: seq 1 2000000
    check: { equals: "1" }
`);
    const [verdict] = results;
    expect(verdict?.passed).toBe(false);
    expect(verdict?.actual).toMatch(/\n1999999\n2000000$/);
    expect(verdict?.explanation).toContain('The output was longer than the part kept for checks: this check read its beginning and its end; the whole output is in the step log.');
  });

  it('keeps output on disk only while a check is to search it', async () => {
    // Looked at while the output flows: the spill folder exists then, or never.
    const spillsWhileRunning = async (check: string): Promise<number> => {
      let most = 0;
      await runLesson({
        lesson: lessonFromYaml(`${HEADER}steps:\n  - id: flood\n    title: Print two million numbers\n    run: seq 1 2000000\n    check: ${check}\n`),
        home: tempDir('mw-home-'),
        emit: (event) => {
          if (event.type === 'output') most = Math.max(most, spillsLeft().length);
        },
      });
      return most;
    };
    expect(await spillsWhileRunning('{ contains: "2000000" }')).toBe(1);
    expect(await spillsWhileRunning('{ exitCode: 0 }')).toBe(0);
    expect(await spillsWhileRunning('{ equals: "1" }')).toBe(0);
    expect(spillsLeft()).toEqual([]);
  });

  it("reads a check's own command whole too", async () => {
    const { results } = await run(`
steps:
  - id: look
    title: Look at a long output
    run: "true"
    check:
      run: seq 1 700000; seq 1 700000
      matches: "699999\\n700000\\n1\\n2\\n"
`);
    expect(results.map((verdict) => [verdict.passed, verdict.explanation])).toEqual([[true, undefined]]);
    expect(spillsLeft()).toEqual([]);
  });
});
