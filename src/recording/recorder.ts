/**
 * Records a real run: an engine-event consumer, like the reporters, that writes `DIR/<lesson>.cast`
 * (asciicast v2: each step's command and output as they came, with a marker at each step) and the index
 * beside it (`DIR/<lesson>.json`). The output is the engine's, already neutralised: colour stays, nothing
 * that moves the cursor or talks to the terminal reaches the file. Both files are written atomically when
 * the lesson ends (or the run is cut short), so a reader never finds half of one.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Observed } from '../checks/evaluate.js';
import { outputLines, type EngineEvent, type EventOf } from '../engine/events.js';
import { writeFileAtomic } from '../files/atomic-file.js';
import type { Reporter } from '../report/reporter.js';
import { castText, terminalLines, type CastEvent } from './asciicast.js';
import { RECORDING_FORMAT, type RecordedCheck, type RecordedStep, type RecordingIndex } from './recording-index.js';

export interface RecorderOptions {
  dir: string;
  /** The terminal the run had (or the size a player should give it). */
  terminal: { width: number; height: number };
  versions: Record<string, string>;
  /** Milliseconds, for the events' times (performance.now by default). */
  clock?: () => number;
  now?: () => Date;
  /** Where a problem writing the files is said (the run itself goes on). */
  warn?: (text: string) => void;
}

/** The files a lesson's recording is kept in. */
export function recordingFiles(dir: string, lessonId: string): { cast: string; index: string } {
  return { cast: path.join(dir, `${lessonId}.cast`), index: path.join(dir, `${lessonId}.json`) };
}

/** An output collected as the checks read it: stdout, stderr, and both as they arrived. */
class ObservedText {
  private readonly parts = { stdout: [] as string[], stderr: [] as string[], all: [] as string[] };

  add(stream: 'stdout' | 'stderr', batch: string): void {
    const text = `${batch}\n`;
    this.parts[stream].push(text);
    this.parts.all.push(text);
  }

  observed(exitCode: number | null): Observed {
    return { stdout: this.parts.stdout.join(''), stderr: this.parts.stderr.join(''), all: this.parts.all.join(''), exitCode };
  }
}

/** The command as typed at a prompt: `$ ` before its first line, `> ` before the others. */
export function promptLines(command: string): string[] {
  return command
    .replace(/\n+$/, '')
    .split('\n')
    .map((line, index) => `${index === 0 ? '$' : '>'} ${line}`);
}

interface StepRecord {
  started: EventOf<'step-started'>;
  start: number;
  output: ObservedText;
  checks: RecordedCheck[];
  /** The output of the check attempt under way (its own command, or the step's again). */
  checkOutput: ObservedText;
  captured: Record<string, string>;
}

export function lessonRecorder(options: RecorderOptions): Reporter & { readonly written?: { cast: string; index: string } } {
  const clock = options.clock ?? (() => performance.now());
  const now = options.now ?? (() => new Date());
  let origin = 0;
  let recordedAt = '';
  let lesson: { id: string; title: string } | undefined;
  let status: RecordingIndex['status'] = 'cancelled';
  let durationMs = 0;
  const events: CastEvent[] = [];
  const steps: RecordedStep[] = [];
  let current: StepRecord | undefined;
  let written: { cast: string; index: string } | undefined;
  let done = false;

  const at = (): number => (clock() - origin) / 1000;

  const handlers: { [T in EngineEvent['type']]?: (event: EventOf<T>) => void } = {
    'lesson-started': (event) => {
      origin = clock();
      recordedAt = now().toISOString();
      lesson = { id: event.lessonId, title: event.title };
    },
    'step-started': (event) => {
      const start = at();
      // Another attempt at the same step (a retry, a task checked again): the index keeps the last one.
      current = { started: event, start, output: new ObservedText(), checks: [], checkOutput: new ObservedText(), captured: {} };
      events.push({ time: start, code: 'm', data: `${event.index + 1}. ${event.stepId}: ${event.title}` });
      if (event.command !== undefined) events.push({ time: start, code: 'o', data: terminalLines(promptLines(event.command)) });
    },
    output: (event) => {
      if (!current || current.started.stepId !== event.stepId) return;
      if (event.origin === 'step') {
        current.output.add(event.stream, event.text);
        events.push({ time: at(), code: 'o', data: terminalLines(outputLines(event)) });
      } else {
        current.checkOutput.add(event.stream, event.text);
      }
    },
    'check-started': () => {
      if (current) current.checkOutput = new ObservedText();
    },
    'check-attempt': () => {
      if (current) current.checkOutput = new ObservedText();
    },
    'check-result': (event) => {
      if (!current) return;
      const { verdict } = event;
      current.checks.push({
        index: event.checkIndex,
        label: verdict.label,
        passed: verdict.passed,
        expected: verdict.expected,
        actual: verdict.actual,
        ...(verdict.explanation === undefined ? {} : { explanation: verdict.explanation }),
        attempts: event.attempts,
        ...(event.exitCode === undefined ? {} : { observed: current.checkOutput.observed(event.exitCode) }),
      });
      current.checkOutput = new ObservedText();
    },
    'variable-captured': (event) => {
      if (current) current.captured[event.name] = event.value;
    },
    'step-finished': (event) => {
      const started = current?.started.stepId === event.stepId ? current : undefined;
      const step: RecordedStep = {
        id: event.stepId,
        title: started?.started.title ?? event.stepId,
        phase: started?.started.phase ?? 'steps',
        ...(started?.started.command === undefined ? {} : { command: started.started.command }),
        status: event.status,
        exitCode: event.exitCode,
        ...(event.reason === undefined ? {} : { reason: event.reason }),
        durationMs: Math.round(event.durationMs),
        start: started?.start ?? at(),
        end: at(),
        observed: (started?.output ?? new ObservedText()).observed(event.exitCode),
        checks: started?.checks ?? [],
        captured: started?.captured ?? {},
      };
      const before = steps.findIndex((recorded) => recorded.id === step.id);
      if (before >= 0) steps.splice(before, 1, step);
      else steps.push(step);
      current = undefined;
    },
    'lesson-finished': (event) => {
      status = event.status;
      durationMs = Math.round(event.durationMs);
      write();
    },
  };

  function write(): void {
    if (done || !lesson) return;
    done = true;
    const files = recordingFiles(options.dir, lesson.id);
    const index: RecordingIndex = {
      format: RECORDING_FORMAT,
      lesson,
      recordedAt,
      versions: options.versions,
      cast: path.basename(files.cast),
      terminal: options.terminal,
      status,
      durationMs,
      steps,
    };
    const header = {
      version: 2 as const,
      width: options.terminal.width,
      height: options.terminal.height,
      timestamp: Math.floor(Date.parse(recordedAt) / 1000),
      title: `mesh-workshop ${lesson.id}: ${lesson.title}`,
      env: { SHELL: '/bin/bash', TERM: 'xterm-256color' },
    };
    try {
      mkdirSync(options.dir, { recursive: true });
      writeFileAtomic(files.cast, castText(header, events));
      writeFileAtomic(files.index, `${JSON.stringify(index, null, 2)}\n`);
      written = files;
    } catch (error) {
      options.warn?.(`could not write the recording in ${options.dir}: ${(error as Error).message}`);
    }
  }

  return {
    handle(event) {
      (handlers[event.type] as ((e: EngineEvent) => void) | undefined)?.(event);
    },
    // A run cut short (Ctrl-C before the lesson ended) is kept as far as it went, marked cancelled.
    finish: write,
    get written() {
      return written;
    },
  };
}
