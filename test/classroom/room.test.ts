import { describe, expect, it } from 'vitest';
import { applyLearnerEvent, emptyRoom, rowView, stuckNow } from '../../src/classroom/room.js';
import type { LearnerEvent } from '../../src/classroom/protocol.js';

const ada = { id: 'ada', name: 'Ada' };
let n = 0;
const ev = (body: Record<string, unknown>, at = 1000): LearnerEvent => ({ ...body, id: `x${++n}`, at }) as LearnerEvent;
const lesson = ev({ kind: 'lesson-started', lessonId: 'tour', title: 'Tour', steps: [{ id: 'a', title: 'A' }, { id: 'b', title: 'B' }] });

describe('the room, rebuilt from learner events', () => {
  it('counts an event id once however often it arrives', () => {
    const room = emptyRoom();
    const event = ev({ kind: 'joined' });
    expect(applyLearnerEvent(room, ada, event, 1000)).toBe(true);
    expect(applyLearnerEvent(room, ada, event, 2000)).toBe(false);
    expect(room.learners.get('ada')?.events).toBe(1);
    // The same id from another learner is another event.
    expect(applyLearnerEvent(room, { id: 'bob', name: 'Bob' }, event, 2000)).toBe(true);
  });

  it('follows lesson and step, the cells, and the help taken', () => {
    const room = emptyRoom();
    for (const event of [
      lesson,
      ev({ kind: 'step-started', lessonId: 'tour', stepId: 'a', index: 0, total: 2, title: 'A' }),
      ev({ kind: 'check', lessonId: 'tour', stepId: 'a', label: 'exit 0', passed: true }),
      ev({ kind: 'step-finished', lessonId: 'tour', stepId: 'a', status: 'passed', withHelp: true }),
      ev({ kind: 'step-started', lessonId: 'tour', stepId: 'b', index: 1, total: 2, title: 'B' }),
      ev({ kind: 'hint', lessonId: 'tour', stepId: 'b', level: 1 }),
      ev({ kind: 'solution', lessonId: 'tour', stepId: 'b' }),
    ]) applyLearnerEvent(room, ada, event, 5000);
    const row = room.learners.get('ada');
    expect(row?.cells).toEqual({ a: 'passed', b: 'running' });
    expect(row?.step).toMatchObject({ id: 'b', index: 1, total: 2 });
    expect([row?.hints, row?.solutions, row?.withHelp]).toEqual([1, 1, 1]);
  });

  it('calls a learner stuck on a check failing three times in a row, and not after it passes', () => {
    const room = emptyRoom();
    applyLearnerEvent(room, ada, lesson, 1000);
    applyLearnerEvent(room, ada, ev({ kind: 'step-started', lessonId: 'tour', stepId: 'a', index: 0, total: 2, title: 'A' }), 1000);
    const fail = (): boolean => applyLearnerEvent(room, ada, ev({ kind: 'check', lessonId: 'tour', stepId: 'a', label: 'contains "v2"', passed: false }, 2000), 2000);
    fail();
    fail();
    const row = room.learners.get('ada')!;
    expect(stuckNow(row, 3000)).toBeUndefined();
    fail();
    expect(stuckNow(row, 3000)).toEqual({ reason: 'failing-check', check: 'contains "v2"', since: 2000 });
    applyLearnerEvent(room, ada, ev({ kind: 'check', lessonId: 'tour', stepId: 'a', label: 'contains "v2"', passed: true }, 4000), 4000);
    expect(stuckNow(row, 5000)).toBeUndefined();
  });

  it('calls a learner stuck after too long on one step, timed on the server clock', () => {
    const room = emptyRoom();
    applyLearnerEvent(room, ada, lesson, 1000);
    // The learner's clock is an hour behind: the offset puts the step on the server's clock.
    applyLearnerEvent(room, ada, ev({ kind: 'step-started', lessonId: 'tour', stepId: 'a', index: 0, total: 2, title: 'A' }, 10_000 - 3_600_000), 10_000, 3_600_000);
    const row = room.learners.get('ada')!;
    expect(row.step?.since).toBe(10_000);
    expect(stuckNow(row, 10_000 + 9 * 60_000)).toBeUndefined();
    expect(stuckNow(row, 10_000 + 10 * 60_000)).toMatchObject({ reason: 'long-on-step', since: 10_000 });
    expect(stuckNow(row, 10_000 + 60_000, { stepMs: 30_000, failures: 3 })).toMatchObject({ reason: 'long-on-step' });
  });

  it('keeps a raised hand until lowered, and shows a shared failure by its label only', () => {
    const room = emptyRoom();
    applyLearnerEvent(room, ada, ev({ kind: 'hand', raised: true }, 1000), 1000);
    applyLearnerEvent(room, ada, ev({ kind: 'hand', raised: true }, 3000), 3000);
    applyLearnerEvent(room, ada, ev({ kind: 'shared-failure', lessonId: 'tour', stepId: 'a', label: 'exit 0', expected: 'exit 0', actual: 'exit 1', output: 'boom' }, 2000), 2000);
    const view = rowView(room.learners.get('ada')!, 4000);
    expect(view.hand).toEqual({ since: 1000 });
    expect(view.shared).toEqual({ stepId: 'a', label: 'exit 0', at: 2000 });
    expect(JSON.stringify(view)).not.toContain('boom');
    applyLearnerEvent(room, ada, ev({ kind: 'hand', raised: false }), 5000);
    expect(room.learners.get('ada')?.hand).toBeUndefined();
  });
});
