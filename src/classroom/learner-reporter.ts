/**
 * What of a lesson run goes to the classroom: a consumer of engine events, like the reporters in
 * src/report/. Steps started and finished, each check's label and pass/fail, tasks done with help. The
 * output and the expected/actual texts of the last failure are kept here on the learner's machine only,
 * and leave it when the learner asks to share that failure.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { outputLines, type EngineEvent } from '../engine/events.js';
import { writeFileAtomic } from '../files/atomic-file.js';
import type { Reporter } from '../report/reporter.js';
import type { ClassroomClient } from './learner-client.js';
import { lastChars, type LearnerEventBody } from './protocol.js';

type SharedFailure = Extract<LearnerEventBody, { kind: 'shared-failure' }>;

/** Output lines kept of the running step, for a shared failure. */
const OUTPUT_LINES = 200;

export interface ClassroomReporter extends Reporter {
  /** Sends the last failure (check, expected, actual, output); false when there is none to send. */
  shareFailure(): boolean;
  raiseHand(raised: boolean): void;
  hintTaken(stepId: string, level: number): void;
  solutionTaken(stepId: string): void;
}

function failureFile(home: string): string {
  return path.join(home, 'classroom', 'last-failure.json');
}

/** The last failure a run in this state directory kept (for `classroom share` after the run). */
export function savedFailure(home: string): SharedFailure | undefined {
  try {
    return JSON.parse(readFileSync(failureFile(home), 'utf8')) as SharedFailure;
  } catch {
    return undefined;
  }
}

export function classroomReporter(client: Pick<ClassroomClient, 'record'>, home: string): ClassroomReporter {
  let lessonId = '';
  let output: string[] = [];
  const inSteps = new Set<string>();
  let lastFailure: SharedFailure | undefined;

  const keepFailure = (failure: SharedFailure): void => {
    lastFailure = failure;
    try {
      mkdirSync(path.dirname(failureFile(home)), { recursive: true, mode: 0o700 });
      writeFileAtomic(failureFile(home), JSON.stringify(failure));
    } catch {
      // Only `classroom share` after the run needs the file; sharing during the run reads it from memory.
    }
  };

  return {
    handle(event: EngineEvent) {
      switch (event.type) {
        case 'lesson-started': {
          lessonId = event.lessonId;
          const steps = event.steps.filter((step) => step.phase === 'steps');
          for (const step of steps) inSteps.add(step.id);
          client.record({ kind: 'lesson-started', lessonId, title: event.title, steps: steps.map(({ id, title }) => ({ id, title })) });
          break;
        }
        case 'step-started':
          output = [];
          if (event.phase === 'steps') client.record({ kind: 'step-started', lessonId, stepId: event.stepId, index: event.index, total: event.total, title: event.title });
          break;
        case 'output':
          output.push(...outputLines(event).slice(-OUTPUT_LINES));
          if (output.length > OUTPUT_LINES * 2) output = output.slice(-OUTPUT_LINES);
          break;
        case 'check-result':
          if (!inSteps.has(event.stepId)) break;
          client.record({ kind: 'check', lessonId, stepId: event.stepId, label: event.verdict.label, passed: event.verdict.passed });
          if (!event.verdict.passed) {
            keepFailure({ kind: 'shared-failure', lessonId, stepId: event.stepId, label: event.verdict.label, expected: lastChars(event.verdict.expected), actual: lastChars(event.verdict.actual), output: lastChars(output.slice(-OUTPUT_LINES).join('\n')) });
          }
          break;
        case 'step-finished':
          if (inSteps.has(event.stepId)) client.record({ kind: 'step-finished', lessonId, stepId: event.stepId, status: event.status, withHelp: event.doneBy === 'help' });
          break;
        case 'lesson-finished':
          client.record({ kind: 'lesson-finished', lessonId, status: event.status });
          break;
        default:
          break;
      }
    },
    finish() {},
    shareFailure() {
      const failure = lastFailure ?? savedFailure(home);
      if (!failure) return false;
      client.record(failure);
      return true;
    },
    raiseHand(raised) {
      client.record({ kind: 'hand', raised });
    },
    hintTaken(stepId, level) {
      client.record({ kind: 'hint', lessonId, stepId, level });
    },
    solutionTaken(stepId) {
      client.record({ kind: 'solution', lessonId, stepId });
    },
  };
}
