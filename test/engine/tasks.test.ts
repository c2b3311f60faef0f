import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { outputLines, type EngineEvent, type EventOf } from '../../src/engine/events.js';
import { runLesson, type RunLessonOptions, type TaskChoice } from '../../src/engine/run-lesson.js';
import { lessonWorkspace } from '../../src/workspace/workspace.js';
import { HEADER, lessonFromYaml, tempDir } from '../helpers/lessons.js';

const GREETING_TASK = `
steps:
  - id: greet
    title: Write a greeting
    task: true
    check:
      - run: cat greeting.txt
        equals: hello mesh
    solution: echo "hello mesh" > greeting.txt
`;

async function run(yaml: string, options: Partial<RunLessonOptions> & { home?: string } = {}) {
  const events: EngineEvent[] = [];
  const home = options.home ?? tempDir('mw-home-');
  const outcome = await runLesson({ lesson: lessonFromYaml(HEADER + yaml), home, emit: (e) => events.push(e), killGraceMs: 200, ...options });
  const of = <T extends EngineEvent['type']>(type: T) => events.filter((e): e is EventOf<T> => e.type === type);
  return { outcome, events, of, home, workspace: lessonWorkspace(home, 'test') };
}

/** A learner who answers each wait for the task in turn, doing `work` before an answer. */
function learner(answers: readonly { choice: TaskChoice; work?: (workspace: string) => void }[], workspace: () => string) {
  const asked: number[] = [];
  return {
    asked,
    awaitTask: (_outline: unknown, attempt: number) => {
      asked.push(attempt);
      const answer = answers[attempt - 1] ?? { choice: 'leave' as const };
      answer.work?.(workspace());
      return Promise.resolve(answer.choice);
    },
  };
}

describe('a task step', () => {
  it('unattended (run --yes, verify): its solution runs in the workspace, then its checks, and it is marked as done unattended', async () => {
    const { outcome, of, workspace } = await run(GREETING_TASK);
    expect(outcome.status).toBe('passed');
    expect(readFileSync(path.join(workspace, 'greeting.txt'), 'utf8')).toBe('hello mesh\n');
    const finished = of('step-finished')[0];
    expect(finished?.doneBy).toBe('unattended');
    expect(outcome.steps).toEqual([{ id: 'greet', phase: 'steps', status: 'passed', doneBy: 'unattended' }]);
  });

  it("checks the learner's own work when they say so, and after a failed check waits for them again", async () => {
    const home = tempDir('mw-home-');
    const workspace = lessonWorkspace(home, 'test');
    const person = learner(
      [
        { choice: 'check', work: (dir) => writeFileSync(path.join(dir, 'greeting.txt'), 'hello world\n') },
        { choice: 'check', work: (dir) => writeFileSync(path.join(dir, 'greeting.txt'), 'hello mesh\n') },
      ],
      () => workspace,
    );
    const { outcome, of } = await run(GREETING_TASK, { home, interaction: { awaitTask: person.awaitTask } });
    expect(person.asked).toEqual([1, 2]);
    expect(outcome.status).toBe('passed');
    // The first check failed and said so; the step started again for the second.
    expect(of('step-finished').map((e) => [e.status, e.doneBy])).toEqual([
      ['failed', undefined],
      ['passed', 'learner'],
    ]);
    expect(of('step-started')).toHaveLength(2);
    expect(of('check-result').map((e) => e.verdict.passed)).toEqual([false, true]);
    // No command ran as the step: the only output is the checks'.
    expect(of('output').every((e) => e.origin === 'check')).toBe(true);
  });

  it('runs the solution when the learner asks ("do it for me"), marked as done with help', async () => {
    const home = tempDir('mw-home-');
    const person = learner([{ choice: 'check' }, { choice: 'solve' }], () => lessonWorkspace(home, 'test'));
    const { outcome, of } = await run(GREETING_TASK, { home, interaction: { awaitTask: person.awaitTask } });
    expect(outcome.status).toBe('passed');
    expect(of('step-finished').at(-1)?.doneBy).toBe('help');
    expect(outcome.steps.at(-1)?.doneBy).toBe('help');
  });

  it("applies the learner's file with the task's apply command, in the workspace, then checks", async () => {
    const home = tempDir('mw-home-');
    const { outcome, of, workspace } = await run(
      `
steps:
  - id: write
    title: Write and apply
    task: { apply: 'cp mine.txt "$LESSON_TMP/applied.txt"' }
    check: { run: 'cat "$LESSON_TMP/applied.txt"', equals: applied }
    solution: echo applied > mine.txt && cp mine.txt "$LESSON_TMP/applied.txt"
`,
      { home, interaction: { awaitTask: learner([{ choice: 'apply', work: (dir) => writeFileSync(path.join(dir, 'mine.txt'), 'applied\n') }], () => lessonWorkspace(home, 'test')).awaitTask } },
    );
    expect(outcome.status).toBe('passed');
    expect(of('step-finished')[0]?.doneBy).toBe('learner');
    expect(existsSync(path.join(workspace, 'mine.txt'))).toBe(true);
    expect(of('output').some((e) => e.origin === 'step')).toBe(false); // cp prints nothing; the apply ran as the step
  });

  it('a task without an apply command says to apply from the shell', async () => {
    const { of } = await run(GREETING_TASK, { interaction: { awaitTask: () => Promise.resolve('apply') } });
    expect(of('step-finished')[0]?.reason).toBe('this task has no apply command: apply your file from the shell (s)');
  });

  it('is skipped, stopped or left failed as the learner says', async () => {
    const skipped = await run(GREETING_TASK, { interaction: { awaitTask: () => Promise.resolve('skip') } });
    expect(skipped.of('step-finished').map((e) => [e.status, e.reason])).toEqual([['skipped', 'skipped by the learner']]);
    const quit = await run(GREETING_TASK, { interaction: { awaitTask: () => Promise.resolve('quit') } });
    expect(quit.outcome.status).toBe('cancelled');
    const left = await run(GREETING_TASK, { interaction: { awaitTask: (_o, attempt) => Promise.resolve(attempt === 1 ? 'check' : 'leave') } });
    expect(left.outcome.status).toBe('failed');
    expect(left.outcome.steps).toEqual([{ id: 'greet', phase: 'steps', status: 'failed' }]);
  });

  it('gives the checks and the solution $WORKSPACE, and the context guard reads the solution before it runs', async () => {
    const { of, workspace } = await run(`
steps:
  - id: where
    title: Where am I
    task: true
    check: { run: 'pwd; echo "$WORKSPACE"', exitCode: 0 }
    solution: pwd
`);
    // However the lines arrive in events: the solution's pwd, then the check's pwd and $WORKSPACE.
    const linesOf = (origin: 'step' | 'check') => of('output').filter((e) => e.origin === origin).flatMap(outputLines);
    expect(linesOf('step')).toEqual([workspace]);
    expect(linesOf('check')).toEqual([workspace, workspace]);
    const refused = await run(`
steps:
  - id: elsewhere
    title: Another cluster
    task: true
    check: { run: 'true', exitCode: 0 }
    solution: kubectl --context prod get pods
`);
    expect(refused.of('step-finished')[0]?.status).toBe('failed');
    expect(refused.of('step-finished')[0]?.reason).toMatch(/prod/);
  });
});

describe('the run leaves its events beside the step logs', () => {
  it('events.jsonl holds every event but the output, each with its time', async () => {
    const { events } = await run(GREETING_TASK);
    const started = events.find((e): e is EventOf<'lesson-started'> => e.type === 'lesson-started');
    // The file is ended, not waited for: read it once its last event is there.
    const file = path.join(started?.logDir ?? '', 'events.jsonl');
    for (let waited = 0; waited < 5000 && !readFileSync(file, 'utf8').includes('"lesson-finished"'); waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
    const lines = readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { type: string; at: string });
    expect(lines.map((line) => line.type)).toEqual(events.filter((e) => e.type !== 'output').map((e) => e.type));
    expect(lines.every((line) => !Number.isNaN(Date.parse(line.at)))).toBe(true);
  });
});
