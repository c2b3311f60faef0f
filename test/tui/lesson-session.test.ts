// An open lesson without a screen: skipping goes through the runner and is recorded once; a quiz asks
// through the session's one channel and waits for the learner's answer; events wait for a late listener.
import { describe, expect, it } from 'vitest';
import { openProgress, type ProgressStore } from '../../src/progress/store.js';
import { SKIPPED_BY_LEARNER } from '../../src/tui/lesson-runner.js';
import { openLessonSession, type SessionEvent } from '../../src/tui/lesson-session.js';
import { HEADER, lessonFromYaml, tempDir } from '../helpers/lessons.js';
import { homeOfLearner, learnerIdFor } from '../helpers/quiz.js';

const lesson = lessonFromYaml(`${HEADER}
steps:
  - { id: make, title: Make, run: 'echo "ip=10.0.0.7"', capture: { IP: { regex: 'ip=(\\S+)' } } }
  - { id: later, title: Later, run: echo later }
  - id: ask
    title: Ask
    quiz: { question: Which proxy?, choices: [nginx, Envoy], answer: 2, explanation: Envoy. }
`);

/** A progress store that counts its saves. */
function countingProgress(home: string): { progress: ProgressStore; saves: () => number } {
  const real = openProgress(home);
  let saves = 0;
  return {
    progress: { ...real, lesson: real.lesson, lastLesson: real.lastLesson, reset: real.reset, saveLesson: (id, value) => (saves++, real.saveLesson(id, value)) },
    saves: () => saves,
  };
}

describe('a lesson session', () => {
  it('skips a step through its runner: one step-finished event, one save, captures kept', async () => {
    const home = tempDir('mw-home-');
    const { progress, saves } = countingProgress(home);
    const session = openLessonSession(lesson, { home, progress });
    const events: SessionEvent[] = [];
    session.subscribe((event) => events.push(event));
    await session.runner.run('make');
    const before = saves();
    expect(session.runner.skip('later')).toBe(true);
    expect(saves()).toBe(before + 1);
    expect(events.at(-1)).toEqual({ type: 'step-finished', stepId: 'later', status: 'skipped', durationMs: 0, exitCode: null, reason: SKIPPED_BY_LEARNER, tail: [] });
    const saved = openProgress(home).lesson('test');
    expect(saved.steps.later?.status).toBe('skipped');
    expect(saved.steps.make?.status).toBe('passed');
    expect(saved.vars).toEqual({ IP: '10.0.0.7' });
    expect(saved.current).toBe('later');
  });

  it('does not skip while a step runs: that step has its own result to come', async () => {
    const home = tempDir('mw-home-');
    const session = openLessonSession(lesson, { home, progress: openProgress(home) });
    const running = session.runner.run('ask');
    expect(session.runner.skip('later')).toBe(false);
    session.subscribe((event) => {
      if (event.type === 'quiz-asked') session.answerQuiz(undefined);
    });
    await running;
    expect(openProgress(home).lesson('test').steps.later).toBeUndefined();
  });

  it('asks a quiz through the session and finishes the step with the answer; events wait for a late listener', async () => {
    const home = tempDir('mw-home-');
    const session = openLessonSession(lesson, { home, progress: openProgress(home) });
    const running = session.runner.run('ask');
    // Nobody listens yet: the question waits rather than being skipped.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const events: SessionEvent[] = [];
    session.subscribe((event) => {
      events.push(event);
      // The question comes in the learner's order, its answer key the number they see the right choice at.
      if (event.type === 'quiz-asked') session.answerQuiz(event.quiz.answer);
    });
    await running;
    expect(events.map((event) => event.type)).toEqual(['lesson-started', 'step-started', 'quiz-asked', 'quiz-answered', 'step-finished', 'lesson-finished']);
    expect(openProgress(home).lesson('test').steps.ask?.status).toBe('passed');
  });

  it('shows and asks a question in the learner order, and tells the engine the author numbers', async () => {
    // This learner sees [nginx, Envoy] as Envoy, nginx: their 1 is the author's 2.
    const home = homeOfLearner(tempDir('mw-home-'), learnerIdFor('test', 'ask', [1, 0]));
    const session = openLessonSession(lesson, { home, progress: openProgress(home) });
    // The step list holds the question as it will be asked, before it is.
    const outline = session.resumed.steps.find((step) => step.id === 'ask');
    expect(outline?.quiz).toEqual({ question: 'Which proxy?', choices: ['Envoy', 'nginx'], answer: 1, explanation: 'Envoy.' });
    const events: SessionEvent[] = [];
    session.subscribe((event) => {
      events.push(event);
      if (event.type === 'quiz-asked') session.answerQuiz(1);
    });
    await session.runner.run('ask');
    const asked = events.find((event) => event.type === 'quiz-asked');
    expect(asked).toEqual({ type: 'quiz-asked', quiz: outline?.quiz });
    // The engine's event (and so every report) names the author's choice: 2, as the lesson file has it.
    const answered = events.find((event) => event.type === 'quiz-answered');
    expect(answered).toMatchObject({ answer: 2, correct: true, quiz: { choices: ['nginx', 'Envoy'], answer: 2 } });
    expect(openProgress(home).lesson('test').steps.ask?.status).toBe('passed');
    // The same learner coming back sees the same order.
    const again = openLessonSession(lesson, { home, progress: openProgress(home) });
    expect(again.resumed.steps.find((step) => step.id === 'ask')?.quiz).toEqual(outline?.quiz);
  });
});
