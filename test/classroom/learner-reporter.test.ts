import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../src/engine/events.js';
import { classroomReporter, savedFailure } from '../../src/classroom/learner-reporter.js';
import type { LearnerEventBody } from '../../src/classroom/protocol.js';
import { tempDir } from '../helpers/lessons.js';

const outline = (id: string, phase: 'setup' | 'steps') => ({ id, title: id.toUpperCase(), phase, hints: [] });
const run: EngineEvent[] = [
  { type: 'lesson-started', lessonId: 'tour', title: 'Tour', steps: [outline('prep', 'setup'), outline('a', 'steps'), outline('b', 'steps')], logDir: '/tmp' },
  { type: 'step-started', stepId: 'prep', index: 0, total: 1, title: 'PREP', phase: 'setup', hints: [] },
  { type: 'step-finished', stepId: 'prep', status: 'passed', durationMs: 1, exitCode: 0, tail: [] },
  { type: 'step-started', stepId: 'a', index: 0, total: 2, title: 'A', phase: 'steps', hints: [] },
  { type: 'output', stepId: 'a', stream: 'stdout', origin: 'step', text: 'secret-ish output line' },
  { type: 'check-result', stepId: 'a', checkIndex: 0, attempts: 1, verdict: { passed: false, label: 'contains "v2"', expected: 'contains "v2"', actual: 'v1 v1 v1' } },
  { type: 'step-finished', stepId: 'a', status: 'failed', durationMs: 1, exitCode: 0, tail: [] },
  { type: 'step-started', stepId: 'b', index: 1, total: 2, title: 'B', phase: 'steps', hints: [] },
  { type: 'step-finished', stepId: 'b', status: 'passed', durationMs: 1, exitCode: 0, tail: [], doneBy: 'help' },
  { type: 'lesson-finished', lessonId: 'tour', status: 'failed', passed: 1, failed: 1, skipped: 0, durationMs: 3 },
];

describe('what a run tells the classroom', () => {
  it('sends steps, verdicts and help, and no output or expected/actual until the learner shares', () => {
    const sent: LearnerEventBody[] = [];
    const home = tempDir('mw-reporter-');
    const reporter = classroomReporter({ record: (event) => sent.push(event) }, home);
    for (const event of run) reporter.handle(event);
    expect(sent.map((event) => event.kind)).toEqual(['lesson-started', 'step-started', 'check', 'step-finished', 'step-started', 'step-finished', 'lesson-finished']);
    expect(sent[0]).toMatchObject({ steps: [{ id: 'a', title: 'A' }, { id: 'b', title: 'B' }] });
    expect(sent[2]).toEqual({ kind: 'check', lessonId: 'tour', stepId: 'a', label: 'contains "v2"', passed: false });
    expect(sent[5]).toMatchObject({ stepId: 'b', status: 'passed', withHelp: true });
    expect(JSON.stringify(sent)).not.toMatch(/secret-ish|v1 v1/);

    expect(reporter.shareFailure()).toBe(true);
    expect(sent.at(-1)).toEqual({ kind: 'shared-failure', lessonId: 'tour', stepId: 'a', label: 'contains "v2"', expected: 'contains "v2"', actual: 'v1 v1 v1', output: 'secret-ish output line' });
    // Kept for `classroom share` after the run, in this state directory.
    expect(savedFailure(home)).toEqual(sent.at(-1));
  });

  it('has nothing to share before a check fails', () => {
    const sent: LearnerEventBody[] = [];
    expect(classroomReporter({ record: (event) => sent.push(event) }, tempDir('mw-reporter-')).shareFailure()).toBe(false);
    expect(sent).toEqual([]);
  });
});
