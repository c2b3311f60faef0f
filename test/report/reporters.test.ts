import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../src/engine/events.js';
import { runLesson } from '../../src/engine/run-lesson.js';
import { jsonLinesReporter } from '../../src/report/json-lines.js';
import { junitReporter, xmlEscape } from '../../src/report/junit.js';
import { plainReporter } from '../../src/report/plain.js';
import type { Reporter } from '../../src/report/reporter.js';
import { HEADER, lessonFromYaml, tempDir } from '../helpers/lessons.js';

const LESSON = `${HEADER}
steps:
  - id: greet
    title: Greet
    run: echo hello
    check: { contains: hello }
  - id: call-other-cluster
    title: Call the other cluster
    run: 'echo "curl: (6) Could not resolve host: helloworld.sample" >&2; printf "\\033]0;title\\007<&>\\n" >&2; exit 6'
    check:
      - exitCode: 0
      - contains: Hello version
        explain: The call did not reach helloworld.
    hint: [Is there a mesh yet?, Run the one-mesh lesson first.]
  - id: never
    title: Never reached
    run: echo never
`;

async function report(make: (out: { write(text: string): void }) => Reporter): Promise<string> {
  let text = '';
  const reporter = make({ write: (chunk: string) => (text += chunk) });
  const events: EngineEvent[] = [];
  await runLesson({ lesson: lessonFromYaml(LESSON), home: tempDir('mw-home-'), emit: (e) => { events.push(e); reporter.handle(e); } });
  reporter.finish();
  return text.replace(/ +\d+(\.\d+)?(ms|s)\b/g, ' T').replace(/\/tmp\/mw-home-[^/]+\/logs\/test\/[^/]+\//g, 'LOGS/');
}

describe('plain reporter', () => {
  it('prints one line per step, and on failure expected, actual, why, hint and the log', async () => {
    const text = await report(plainReporter);
    expect(text).toBe(
      [
        'test: Test (3 steps)',
        '  ✓ greet               Greet T',
        '  ✗ call-other-cluster  Call the other cluster T  FAILED',
        '      ✗ exitCode 0',
        '        expected: exit code 0',
        '        actual:   exit code 6, after:',
        '                  curl: (6) Could not resolve host: helloworld.sample',
        '                  <&>',
        '        why:      the command ended with exit code 6',
        '      ✗ contains "Hello version"',
        '        expected: Hello version',
        '        actual:   curl: (6) Could not resolve host: helloworld.sample',
        '                  <&>',
        '        why:      the output does not contain "Hello version"',
        '                  The call did not reach helloworld.',
        '      hint: Is there a mesh yet?',
        '      log:  LOGS/02-call-other-cluster.log',
        'FAILED: 1 passed, 1 failed, 0 skipped in T',
        '',
      ].join('\n'),
    );
  });
});

describe('JSON lines reporter', () => {
  it('prints every event as one JSON object per line', async () => {
    const text = await report((out) => jsonLinesReporter(out));
    const events = text.trim().split('\n').map((line) => JSON.parse(line) as EngineEvent & { time: string });
    expect(events[0]?.type).toBe('lesson-started');
    expect(events.at(-1)).toMatchObject({ type: 'lesson-finished', status: 'failed', passed: 1, failed: 1 });
    expect(events.every((e) => typeof e.time === 'string')).toBe(true);
    expect(events.filter((e) => e.type === 'check-result')).toHaveLength(3);
    // Output as lines, the form scripts reading these events have always had.
    expect(text.split('\n').find((line) => line.includes('"type":"output"'))).toMatch(/^\{"time":"[^"]+","type":"output","stepId":"greet","stream":"stdout","origin":"step","lines":\["hello"\]\}$/);
  });
});

describe('JUnit reporter', () => {
  it('writes valid XML with a test case per step, failures with expected and actual, and unreached steps skipped', async () => {
    const xml = await report((out) => junitReporter(out));
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml) as {
      testsuites: { testsuite: { name: string; tests: string; failures: string; skipped: string; testcase: Record<string, unknown>[] } };
    };
    const suite = doc.testsuites.testsuite;
    expect([suite.name, suite.tests, suite.failures, suite.skipped]).toEqual(['test', '3', '1', '1']);
    expect(suite.testcase.map((c) => c.name)).toEqual(['greet: Greet', 'call-other-cluster: Call the other cluster', 'never: Never reached']);
    const failure = suite.testcase[1]?.failure as { message: string; type: string; '#text': string };
    expect(failure.message).toBe('a check failed');
    expect(failure['#text']).toContain('exitCode 0\n  expected: exit code 0\n  actual: exit code 6');
    // The terminal title sequence is gone; <&> survives as text.
    expect(suite.testcase[1]?.['system-out']).toBe('curl: (6) Could not resolve host: helloworld.sample\n<&>');
    expect(suite.testcase[2]?.skipped).toEqual({ message: 'not reached' });
  });

  it('escapes what XML cannot hold', () => {
    expect(xmlEscape('a<b>&"c"\u0001\u001b[31m')).toBe('a&lt;b&gt;&amp;&quot;c&quot;');
  });
});
