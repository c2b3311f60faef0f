/**
 * The recorder as an engine-event consumer: a real engine run of a small lesson, recorded; the cast and
 * its index read back. The output recorded is the neutralised one (colour kept, nothing that moves the
 * cursor or retitles the terminal), a marker opens each step, and a run cut short is kept as far as it went.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runLesson } from '../../src/engine/run-lesson.js';
import { parseCast } from '../../src/recording/asciicast.js';
import { lessonRecorder, promptLines, recordingFiles } from '../../src/recording/recorder.js';
import { parseRecordingIndex, type RecordingIndex } from '../../src/recording/recording-index.js';
import { lessonFromYaml, tempDir } from '../helpers/lessons.js';

const ESC = '\u001b';

const LESSON = `
id: rec
title: Recorded
summary: A lesson to record.
estimate: 1m
sources: []
steps:
  - id: colours
    title: Colour and a title
    text: Prints colour, a title change and a screen clear.
    run: |
      printf '\\033]0;pwned\\007\\033[2J\\033[31mred\\033[0m\\n'
      echo "to stderr" >&2
    capture:
      WORD:
        regex: 'r(e)d'
    check:
      - contains: red
  - id: own-check
    title: A check that runs its own command
    text: The check runs its own command.
    run: echo first
    check:
      - run: echo "from the check"; exit 3
        exitCode: 3
      - contains: first
`;

function record(yaml: string, options: { signal?: AbortSignal } = {}): Promise<{ index: RecordingIndex; cast: string; dir: string }> {
  const dir = path.join(tempDir('mw-rec-'), 'out');
  const recorder = lessonRecorder({ dir, terminal: { width: 90, height: 20 }, versions: { 'mesh-workshop': 'test' } });
  const lesson = lessonFromYaml(yaml);
  return runLesson({ lesson, home: tempDir('mw-rec-home-'), emit: (event) => recorder.handle(event), diagnose: false, ...options }).then(() => {
    recorder.finish();
    const files = recordingFiles(dir, 'rec');
    const index = parseRecordingIndex(JSON.parse(readFileSync(files.index, 'utf8')));
    if ('problem' in index) throw new Error(index.problem);
    return { index, cast: readFileSync(files.cast, 'utf8'), dir };
  });
}

describe('recording a run', () => {
  it('writes an asciicast v2 file: the size in its header, a marker at each step, then the command and its neutralised output', async () => {
    const { cast } = await record(LESSON);
    const parsed = parseCast(cast, 'rec.cast');
    if ('problem' in parsed) throw new Error(parsed.problem);
    expect(parsed.header).toMatchObject({ version: 2, width: 90, height: 20 });
    expect(parsed.events.filter((event) => event.code === 'm').map((event) => event.data)).toEqual(['1. colours: Colour and a title', '2. own-check: A check that runs its own command']);
    const output = parsed.events.filter((event) => event.code === 'o').map((event) => event.data).join('');
    expect(output).toContain(`${ESC}[31mred${ESC}[0m\r\n`);
    expect(output).toContain('to stderr\r\n');
    expect(output).not.toContain(`${ESC}]`);
    expect(output).not.toContain(`${ESC}[2J`);
    expect(output.startsWith(`${promptLines("printf '\\033]0;pwned\\007\\033[2J\\033[31mred\\033[0m\\n'\necho \"to stderr\" >&2").join('\r\n')}\r\n`)).toBe(true);
    // Times only go forward.
    const times = parsed.events.map((event) => event.time);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });

  it("keeps beside it an index: each step's exit code, the output its checks read, their verdicts and its captures", async () => {
    const { index } = await record(LESSON);
    expect(index.status).toBe('passed');
    const [colours, ownCheck] = index.steps;
    expect(colours).toMatchObject({ id: 'colours', status: 'passed', exitCode: 0, captured: { WORD: 'e' } });
    expect(colours?.observed.stdout).toBe(`${ESC}[31mred${ESC}[0m\n`);
    expect(colours?.observed.stderr).toBe('to stderr\n');
    expect(ownCheck?.checks[0]).toMatchObject({ index: 0, passed: true, observed: { stdout: 'from the check\n', exitCode: 3 } });
    expect(ownCheck?.checks[1]).toMatchObject({ index: 1, passed: true, label: 'contains "first"' });
    expect(index.steps.every((step) => step.end >= step.start)).toBe(true);
  });

  it('keeps a run stopped before its end, marked cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    const { index } = await record(LESSON, { signal: controller.signal });
    expect(index.status).toBe('cancelled');
  });
});

describe('reading an index', () => {
  it('names the field that is wrong', () => {
    expect(parseRecordingIndex({ format: 1, lesson: { id: 'x' }, recordedAt: '2026-01-01T00:00:00Z', versions: {}, steps: [{ id: 's', observed: { stdout: '' }, checks: [], captured: {} }] })).toEqual({ problem: 'steps[0].observed should hold stdout, stderr, all and exitCode' });
    expect(parseRecordingIndex({ format: 2 })).toEqual({ problem: 'format should be 1, not 2' });
  });

  it('says where a cast file is not one', () => {
    expect(parseCast('{"version":1}\n', 'x.cast')).toEqual({ problem: 'x.cast:1: not an asciicast v2 header (version should be 2)' });
    expect(parseCast('{"version":2,"width":80,"height":24}\n[1,"x","y"]\n', 'x.cast')).toEqual({ problem: 'x.cast:2: not an event ([seconds, "o"|"m"|"i"|"r", text])' });
  });
});
