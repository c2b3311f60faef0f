/**
 * JUnit XML: one test suite per lesson, one test case per step, so CI systems show each step's result,
 * its failed checks and its last output lines.
 */
import type { EngineEvent, EventOf } from '../engine/events.js';
import { likelyCauseLines, taskDoneText, type Reporter, type TextSink } from './reporter.js';
import { plainText } from '../terminal-text.js';

// XML 1.0 forbids most control characters even when escaped, and a report shows text, not paint:
// escape sequences and controls go as everywhere (terminal-text.ts), then what XML still refuses.
const NOT_XML_CHARACTERS = /[\ufffe\uffff]/g;

export function xmlEscape(text: string): string {
  return plainText(text)
    .replace(NOT_XML_CHARACTERS, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

interface CaseRecord {
  started: EventOf<'step-started'>;
  failures: EventOf<'check-result'>[];
  finished?: EventOf<'step-finished'>;
  /** The likely causes of its failure, found in the clusters. */
  diagnosis?: EventOf<'step-diagnosis'>;
  looking?: string[];
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

function testCase(lessonId: string, record: CaseRecord): string {
  const finished = record.finished;
  const name = xmlEscape(`${record.started.stepId}: ${record.started.title}`);
  const open = `    <testcase classname="${xmlEscape(lessonId)}" name="${name}" time="${seconds(finished?.durationMs ?? 0)}"`;
  if (!finished) return `${open}>\n      <skipped message="not reached"/>\n    </testcase>`;
  const body: string[] = [];
  if (finished.status === 'failed') {
    const details = record.failures.map(({ verdict }) =>
      [`${verdict.label}`, `  expected: ${verdict.expected}`, `  actual: ${verdict.actual}`, verdict.explanation ? `  why: ${verdict.explanation}` : ''].filter(Boolean).join('\n'),
    );
    const message = finished.reason ?? 'failed';
    const causes = record.diagnosis ? likelyCauseLines(record.diagnosis, record.looking).join('\n') : '';
    const text = [details.join('\n\n') || message, causes].filter(Boolean).join('\n\n');
    body.push(`      <failure message="${xmlEscape(message)}" type="${record.failures.length > 0 ? 'check' : 'step'}">${xmlEscape(text)}</failure>`);
  } else if (finished.status === 'skipped' || finished.status === 'cancelled') {
    body.push(`      <skipped message="${xmlEscape(finished.reason ?? finished.status)}"/>`);
  }
  const out = [...(finished.doneBy ? [`(${taskDoneText(finished.doneBy)})`] : []), ...finished.tail];
  if (out.length > 0) body.push(`      <system-out>${xmlEscape(out.join('\n'))}</system-out>`);
  return body.length === 0 ? `${open}/>` : `${open}>\n${body.join('\n')}\n    </testcase>`;
}

export function junitReporter(out: TextSink, now: () => Date = () => new Date()): Reporter {
  const cases: CaseRecord[] = [];
  let lesson: EventOf<'lesson-started'> | undefined;
  let finished: EventOf<'lesson-finished'> | undefined;
  const startedAt = now();

  const handle = (event: EngineEvent): void => {
    if (event.type === 'lesson-started') lesson = event;
    else if (event.type === 'step-started') cases.push({ started: event, failures: [] });
    else if (event.type === 'check-result' && !event.verdict.passed) cases.at(-1)?.failures.push(event);
    else if (event.type === 'step-finished') {
      const record = cases.at(-1);
      if (record) record.finished = event;
    } else if (event.type === 'step-diagnosis-started') {
      // After its step-finished: the case is still the last one.
      const record = cases.at(-1);
      if (record) record.looking = event.looking;
    } else if (event.type === 'step-diagnosis') {
      const record = cases.at(-1);
      if (record) record.diagnosis = event;
    } else if (event.type === 'lesson-finished') finished = event;
  };

  return {
    handle,
    finish() {
      if (!lesson) return;
      // Steps never reached (after a failure) are listed as skipped, so the suite shows the whole lesson.
      for (const outline of lesson.steps.slice(cases.length)) {
        cases.push({ started: { type: 'step-started', stepId: outline.id, index: 0, total: 0, title: outline.title, phase: outline.phase, hints: [] }, failures: [] });
      }
      const failures = cases.filter((c) => c.finished?.status === 'failed').length;
      const skipped = cases.filter((c) => !c.finished || c.finished.status === 'skipped' || c.finished.status === 'cancelled').length;
      const lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        `<testsuites name="mesh-workshop" tests="${cases.length}" failures="${failures}" time="${seconds(finished?.durationMs ?? 0)}">`,
        `  <testsuite name="${xmlEscape(lesson.lessonId)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="${skipped}" time="${seconds(finished?.durationMs ?? 0)}" timestamp="${startedAt.toISOString()}">`,
        ...cases.map((record) => testCase(lesson?.lessonId ?? '', record)),
        '  </testsuite>',
        '</testsuites>',
      ];
      out.write(`${lines.join('\n')}\n`);
    },
  };
}
