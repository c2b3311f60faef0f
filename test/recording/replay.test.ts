/**
 * A replay walks a lesson from a recording: nothing runs, each step's recorded output is shown and its
 * checks are judged again on it by the same evaluator. A recording is made here by a real engine run of a
 * small lesson; a changed recording shows the checks are judged, not copied.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EngineEvent, EventOf } from '../../src/engine/events.js';
import { runLesson } from '../../src/engine/run-lesson.js';
import { lessonRecorder, recordingFiles } from '../../src/recording/recorder.js';
import { readRecording } from '../../src/recording/read-recording.js';
import { NOT_RECORDED, recordedLines, replayLesson } from '../../src/recording/replay-lesson.js';
import type { RecordingIndex } from '../../src/recording/recording-index.js';
import { mw } from '../helpers/cli.js';
import { lessonFromYaml, tempDir } from '../helpers/lessons.js';

const LESSON = `
id: rec
title: Recorded
summary: A lesson to record.
estimate: 1m
sources: []
steps:
  - id: refused
    title: A call that fails on purpose
    text: Nothing listens on port 9.
    run: |
      echo "calling"
      exec 3<>/dev/tcp/127.0.0.1/9
    check:
      - exitCode: nonzero
      - contains: Connection refused
  - id: name
    title: Capture a name
    text: Prints a pod name.
    run: echo "pod helloworld-v1-abc"
    capture:
      POD:
        regex: 'pod (\\S+)'
  - id: use-name
    title: Use it
    text: Uses the name.
    run: echo "looking at \${POD}"
    check:
      - contains: looking at \${POD}
      - run: echo "checked separately"
        contains: separately
`;

async function recordLesson(): Promise<string> {
  const dir = tempDir('mw-replay-');
  const recorder = lessonRecorder({ dir, terminal: { width: 80, height: 24 }, versions: { 'mesh-workshop': 'test' } });
  await runLesson({ lesson: lessonFromYaml(LESSON), home: tempDir('mw-replay-home-'), emit: (event) => recorder.handle(event), diagnose: false });
  return dir;
}

async function replay(dir: string, options: { to?: string } = {}): Promise<EngineEvent[]> {
  const recording = readRecording(dir, 'rec');
  const events: EngineEvent[] = [];
  await replayLesson({ lesson: lessonFromYaml(LESSON), recording: recording.index, recordingFile: recording.indexFile, emit: (event) => events.push(event), ...options });
  return events;
}

const finished = (events: EngineEvent[]) => events.filter((event): event is EventOf<'step-finished'> => event.type === 'step-finished');

describe('a replay', () => {
  it('shows each step\'s recorded output and judges its checks on it again, captures included', async () => {
    const events = await replay(await recordLesson());
    expect(events[0]).toMatchObject({ type: 'lesson-started', replay: { versions: { 'mesh-workshop': 'test' } } });
    expect(finished(events).map((event) => [event.stepId, event.status])).toEqual([
      ['refused', 'passed'],
      ['name', 'passed'],
      ['use-name', 'passed'],
    ]);
    const output = events.filter((event): event is EventOf<'output'> => event.type === 'output');
    expect(output.filter((event) => event.stepId === 'refused').map((event) => [event.stream, event.text])).toEqual([
      ['stdout', 'calling'],
      ['stderr', 'bash: connect: Connection refused'],
      ['stderr', 'bash: line 2: /dev/tcp/127.0.0.1/9: Connection refused'],
    ]);
    expect(events).toContainEqual({ type: 'variable-captured', stepId: 'name', name: 'POD', value: 'helloworld-v1-abc' });
    const verdicts = events.filter((event): event is EventOf<'check-result'> => event.type === 'check-result').map((event) => [event.stepId, event.verdict.label, event.verdict.passed]);
    expect(verdicts).toEqual([
      ['refused', 'exitCode "nonzero"', true],
      ['refused', 'contains "Connection refused"', true],
      ['use-name', 'contains "looking at ${POD}"', true],
      ['use-name', 'contains "separately"', true],
    ]);
  });

  it('judges the checks on what the recording holds: a changed recording fails them, with the evaluator\'s own words', async () => {
    const dir = await recordLesson();
    const file = recordingFiles(dir, 'rec').index;
    const index = JSON.parse(readFileSync(file, 'utf8')) as RecordingIndex;
    const refused = index.steps[0];
    if (!refused) throw new Error('no step recorded');
    refused.observed = { ...refused.observed, stderr: 'bash: connect: Network is unreachable\n', all: 'calling\nbash: connect: Network is unreachable\n' };
    writeFileSync(file, JSON.stringify(index));
    const events = await replay(dir);
    const failedCheck = events.find((event): event is EventOf<'check-result'> => event.type === 'check-result' && !event.verdict.passed);
    expect(failedCheck?.verdict).toMatchObject({ label: 'contains "Connection refused"', passed: false });
    expect(failedCheck?.verdict.actual).toContain('Network is unreachable');
    expect(finished(events).map((event) => [event.stepId, event.status])).toEqual([['refused', 'failed']]);
  });

  it('says a step that is not in the recording was not recorded', async () => {
    const dir = await recordLesson();
    const file = recordingFiles(dir, 'rec').index;
    const index = JSON.parse(readFileSync(file, 'utf8')) as RecordingIndex;
    writeFileSync(file, JSON.stringify({ ...index, steps: index.steps.slice(0, 1) }));
    const events = await replay(dir);
    expect(finished(events).map((event) => [event.stepId, event.status, event.reason])).toEqual([
      ['refused', 'passed', undefined],
      ['name', 'skipped', NOT_RECORDED],
      ['use-name', 'skipped', NOT_RECORDED],
    ]);
  });

  it('tells stdout from stderr in the interleaved output', () => {
    expect(recordedLines({ stdout: 'a\nc\n', stderr: 'b\n', all: 'a\nb\nc\n', exitCode: 0 })).toEqual([
      { stream: 'stdout', line: 'a' },
      { stream: 'stderr', line: 'b' },
      { stream: 'stdout', line: 'c' },
    ]);
    expect(recordedLines({ stdout: '', stderr: '', all: '', exitCode: 0 })).toEqual([]);
  });
});

describe('run --replay', () => {
  it('walks the tour from a real recording, marked REPLAY, and progress keeps the steps watched apart from passed', () => {
    const recordings = path.join(tempDir('mw-replay-cli-'), 'room');
    const home = tempDir('mw-replay-cli-home-');
    expect(mw(['run', 'tour', '--yes', '--record', recordings], { home: tempDir('mw-recording-home-') }).status).toBe(0);
    const replayed = mw(['run', 'tour', '--yes', '--replay', recordings], { home });
    expect(replayed.status).toBe(0);
    expect(replayed.stdout).toMatch(/^REPLAY of .*tour\.json, recorded \d{4}-\d\d-\d\d \d\d:\d\d UTC with mesh-workshop \S+, istio \S+, kubectl \S+, kind \S+\.$/m);
    expect(replayed.stdout).toMatch(/✓ fail-on-purpose +A step that fails on purpose +REPLAY$/m);
    expect(replayed.stdout).toMatch(/^REPLAY PASSED: on the recorded output, 8 passed, 0 failed, 1 skipped/m);
    const progress = JSON.parse(readFileSync(path.join(home, 'progress.json'), 'utf8')) as { lessons: { tour: { steps: object; watched: Record<string, { verdict: string }> } } };
    expect(progress.lessons.tour.steps).toEqual({});
    expect(Object.keys(progress.lessons.tour.watched)).toHaveLength(8);
    expect(progress.lessons.tour.watched['hello']?.verdict).toBe('passed');
  }, 60_000);

  it('refuses to record a replay, and says how to make a recording when there is none', () => {
    const none = mw(['run', 'tour', '--yes', '--replay', path.join(tempDir(), 'nowhere')]);
    expect(none.status).not.toBe(0);
    expect(none.stderr).toMatch(/no recording at .*nowhere: record one with 'mesh-workshop run LESSON --yes --record DIR'/);
    const both = mw(['run', 'tour', '--yes', '--replay', tempDir(), '--record', tempDir()]);
    expect(both.stderr).toContain('--record records real runs, and a replay runs nothing');
    const empty = mw(['run', 'tour', '--yes', '--replay', tempDir()]);
    expect(empty.stderr).toMatch(/no recording index .*tour\.json: record one with/);
  });
});
