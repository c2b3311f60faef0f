/**
 * Carries out what the workshop's reducer asks for (workshop-state.ts): runs, skips and stops steps
 * through the open lesson's runner, opens and resets lessons, copies a command, reads the clusters, and
 * quits. What comes of each goes back in as an action. No Ink here: the app passes in how to quit.
 */
import type { ScreenClassroom } from '../classroom/join.js';
import type { ProgressStore } from '../progress/store.js';
import { copiedMessage, copyPlan } from './clipboard.js';
import type { OpenLesson } from './lesson-session.js';
import { readTopology } from './pictures.js';
import { compareWithReference, editFile, openShell, type TerminalHandOver } from './task-effects.js';
import type { WorkshopAction, WorkshopEffect } from './workshop-state.js';

export type Dispatch = (action: WorkshopAction) => void;

export interface EffectDeps {
  lessons: OpenLesson;
  progress: ProgressStore;
  home: string;
  /** Whether a lesson's files have been read, and can be opened. */
  isReadable(id: string): boolean;
  /** Settles once the lesson files have been read. */
  lessonsReady?: Promise<void> | undefined;
  allowContext?: ((name: string) => string) | undefined;
  /** Closes the app, leaving `farewell` to be printed on the main screen. */
  quit(farewell: string): void;
  /** The clipboard request goes straight to the terminal, outside Ink's frame. */
  writeToTerminal(sequence: string): void;
  env: NodeJS.ProcessEnv;
  /** Hands the terminal to the shell or the editor; absent where there is no terminal to hand over. */
  handOver?: TerminalHandOver | undefined;
  /** The classroom joined with --classroom, if any. */
  classroom?: Pick<ScreenClassroom, 'join' | 'leave' | 'raiseHand' | 'shareFailure' | 'hintTaken' | 'solutionTaken'> | undefined;
}

function openLesson(id: string, fresh: boolean, dispatch: Dispatch, deps: EffectDeps): void {
  if (!fresh && deps.lessons.current()?.loaded.lesson.id === id) {
    dispatch({ type: 'lesson-shown' });
    return;
  }
  const opened = deps.lessons.open(id);
  if (!opened) {
    // Pressed before the lessons were read (just after start): open it as soon as they are.
    dispatch({ type: 'say', message: 'Reading the lessons…' });
    void deps.lessonsReady?.then(() => {
      if (deps.isReadable(id)) openLesson(id, fresh, dispatch, deps);
      else dispatch({ type: 'say', message: `The lesson '${id}' could not be read: 'mesh-workshop lint' says why.` });
    });
    return;
  }
  dispatch({ type: 'lesson-opened', lesson: opened.resumed, welcome: opened.welcome });
}

function taskDeps(deps: EffectDeps) {
  return { home: deps.home, vars: (lessonId: string) => deps.progress.lesson(lessonId).vars, handOver: deps.handOver, env: deps.env };
}

export function carryOut(effect: WorkshopEffect, dispatch: Dispatch, deps: EffectDeps): void {
  const session = deps.lessons.current();
  switch (effect.type) {
    case 'classroom-hand':
      deps.classroom?.raiseHand(effect.raised);
      return;
    case 'classroom-share': {
      const shared = deps.classroom?.shareFailure();
      dispatch({ type: 'say', message: shared ? "Shared with the instructor: the failed check's texts and the step's output." : 'No failure to share yet: i shares the last failed check.' });
      return;
    }
    case 'classroom-join':
      deps.classroom?.join(effect.join);
      return;
    case 'classroom-leave':
      void deps.classroom?.leave();
      return;
    case 'classroom-help':
      if (effect.level === 'solution') deps.classroom?.solutionTaken(effect.stepId);
      else deps.classroom?.hintTaken(effect.stepId, effect.level);
      return;
    case 'open-lesson':
      openLesson(effect.id, false, dispatch, deps);
      return;
    case 'run-step':
      void session?.runner.run(effect.stepId, effect.task);
      return;
    case 'open-shell':
      if (session) openShell(session, effect.stepId, dispatch, taskDeps(deps));
      return;
    case 'edit-file':
      if (session) editFile(session, effect.stepId, dispatch, taskDeps(deps));
      return;
    case 'compare-with-reference':
      if (session) compareWithReference(session, effect.stepId, dispatch, taskDeps(deps));
      return;
    case 'skip-step':
      session?.runner.skip(effect.stepId);
      return;
    case 'cancel-step':
      session?.runner.cancel();
      return;
    case 'answer-quiz':
      session?.answerQuiz(effect.choice);
      return;
    case 'copy-command': {
      const plan = copyPlan(effect.command, deps.env);
      if (plan.sequence) deps.writeToTerminal(plan.sequence);
      dispatch({ type: 'command-copied', message: copiedMessage(effect.command, plan), show: plan.showBecause || effect.showWhole ? effect.command : undefined });
      return;
    }
    case 'read-topology':
      readTopology(deps.home).then(
        (topology) => dispatch({ type: 'topology-read', topology }),
        (error: unknown) => dispatch({ type: 'say', message: error instanceof Error ? error.message : String(error) }),
      );
      return;
    case 'reset-lesson':
      deps.progress.reset(effect.lessonId);
      // The learner's files for the lesson go too: the question said so.
      void import('../workspace/workspace.js').then(({ clearWorkspace }) => clearWorkspace(deps.home, effect.lessonId));
      openLesson(effect.lessonId, true, dispatch, deps);
      dispatch({ type: 'say', message: `Progress in ${effect.title} forgotten: back at step 1.` });
      return;
    case 'allow-context':
      dispatch({ type: 'say', message: deps.allowContext?.(effect.name) ?? '' });
      return;
    case 'quit':
      session?.runner.cancel();
      deps.quit(session ? `Bye. Your progress in ${session.loaded.lesson.title} is saved; run mesh-workshop to carry on.` : 'Bye.');
      return;
  }
}
