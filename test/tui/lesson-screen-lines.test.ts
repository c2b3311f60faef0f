// The lesson screen's lines out of state, without Ink: the output pane (output or a picture, scrolled),
// the command, the quiz question and the status line.
import { describe, expect, it } from 'vitest';
import type { StepOutline } from '../../src/engine/events.js';
import { initialLessonState } from '../../src/tui/lesson-state.js';
import { commandLines, commandRows, lessonScreenLines, quizLines } from '../../src/tui/lesson-screen-lines.js';
import { outputPaneLines, type PaneState } from '../../src/tui/output-pane-lines.js';
import type { PictureDrawer } from '../../src/tui/pictures.js';
import { statusText } from '../../src/tui/status-line.js';
import { initialWorkshopState } from '../../src/tui/workshop-state.js';

const OUTLINES: StepOutline[] = [
  { id: 'flood', title: 'Flood', phase: 'steps', command: 'seq 1 100', hints: [] },
  { id: 'across', title: 'Across', phase: 'steps', command: 'curl a\ncurl b', hints: [], diagram: 'two-networks', highlight: 'across-networks' },
];

/** Draws every picture as numbered lines, so a test can see which part of it shows. */
const drawer: PictureDrawer = {
  diagram: (name, highlight, width) => Array.from({ length: 30 }, (_, i) => `${name}/${highlight ?? '-'}@${width} row ${i + 1}`),
  view: () => ({ title: 'istioctl proxy-config route', lines: ['NAME  VHOST'] }),
  topology: () => ['cluster1', 'cluster2'],
};

const lines100 = Array.from({ length: 100 }, (_, i) => `line ${i + 1}`);
const pane = (change: Partial<PaneState> = {}, selected = 0): PaneState => ({
  lesson: { ...initialLessonState('test', 'Test', OUTLINES), selected },
  scrollBack: 0,
  pictureTop: 0,
  rawOutput: false,
  showDiagram: false,
  showTopology: false,
  wrapOutput: false,
  outputLeft: 0,
  ...change,
});

describe('outputPaneLines', () => {
  it("shows the output's newest lines, or fewer when scrolled back, counting what came before", () => {
    const tail = outputPaneLines(pane(), { lines: lines100, seen: 1000 }, drawer, 60, 10);
    expect(tail.lines.at(-1)).toBe('line 100');
    expect(tail.seen).toBe(1000);
    const back = outputPaneLines(pane({ scrollBack: 30 }), { lines: lines100, seen: 1000 }, drawer, 60, 10);
    expect(back.lines.at(-1)).toBe('line 70');
    expect(back.seen).toBe(970);
  });

  it("shows a step's own diagram before it has output, from its top, scrolled no further than its end", () => {
    const before = outputPaneLines(pane({}, 1), { lines: [], seen: 0 }, drawer, 60, 10);
    expect(before.lines[0]).toBe('Diagram: two-networks (across-networks marked) · d: hide');
    expect(before.lines[1]).toBe('two-networks/across-networks@60 row 1');
    expect(before.lines).toHaveLength(10);
    const far = outputPaneLines(pane({ pictureTop: 1000 }, 1), { lines: [], seen: 0 }, drawer, 60, 10);
    expect(far.lines.at(-1)).toBe('two-networks/across-networks@60 row 30');
    // With output, the output shows; d brings the diagram back over it.
    expect(outputPaneLines(pane({}, 1), { lines: ['hello'], seen: 1 }, drawer, 60, 10).lines).toEqual(['hello']);
    expect(outputPaneLines(pane({ showDiagram: true }, 1), { lines: ['hello'], seen: 1 }, drawer, 60, 10).lines[0]).toBe('Diagram: two-networks (across-networks marked) · d: the output');
  });

  it("says it is drawing while the diagram tools load, and shows a step's view unless v asked for the raw output", () => {
    const loading = outputPaneLines(pane({}, 1), { lines: [], seen: 0 }, { ...drawer, diagram: () => undefined }, 60, 10);
    expect(loading.lines).toEqual(['Diagram: two-networks (across-networks marked) · d: hide', 'Drawing the diagram…']);
    const base = pane();
    const withView = { ...base, lesson: { ...base.lesson, views: { flood: { view: { kind: 'proxy-config/route' as const }, payload: { output: '[]' } } } } } as PaneState;
    expect(outputPaneLines(withView, { lines: ['[]'], seen: 1 }, drawer, 60, 10).lines).toEqual(['istioctl proxy-config route (v: raw output)', 'NAME  VHOST']);
    expect(outputPaneLines({ ...withView, rawOutput: true }, { lines: ['[]'], seen: 1 }, drawer, 60, 10).lines).toEqual(['[]']);
    const topology = outputPaneLines({ ...withView, showTopology: true, topology: { title: 't', nodes: [] } as never }, { lines: ['[]'], seen: 1 }, drawer, 60, 10);
    expect(topology.lines).toEqual(['Your clusters now · t: back', 'cluster1', 'cluster2']);
  });
});

describe('the lesson screen lines', () => {
  it('the command with its prompt, cut to the height the layout gives', () => {
    const [flood, across] = initialLessonState('test', 'Test', OUTLINES).steps;
    expect(commandLines(across, 4).map((line) => line.text)).toEqual(['$ curl a', '  curl b']);
    // Cut, it says how much more there is and how to see it all, never silently.
    expect(commandLines(across, 1).map((line) => line.text)).toEqual(['$ curl a  … 1 more line (c copies the command and shows it whole)']);
    const loop = { ...across!, command: 'for i in 1 2 3 4 5; do\n  curl a\n  curl b\n  sleep 1\n  echo $i\ndone' };
    const cut = commandLines(loop, 4).map((line) => line.text);
    expect(cut).toEqual(['$ for i in 1 2 3 4 5; do', '    curl a', '    curl b', '  … 3 more lines (c copies the command and shows it whole)']);
    expect(commandLines(flood && { ...flood, command: undefined }, 4)[0]?.text).toBe('$ (this step runs no command)');
  });

  it('a command line wider than the pane wraps under itself, after a space where it can, nothing cut', () => {
    const step = { id: 'wait', title: 'Wait', phase: 'steps' as const, state: 'pending' as const, hints: [], command: 'for ctx in a b; do\n  kubectl --context "$ctx" wait --for=condition=Ready nodes --all --timeout=120s\ndone' };
    expect(commandRows(step, 60)).toEqual(['$ for ctx in a b; do', '    kubectl --context "$ctx" wait --for=condition=Ready', '    nodes --all --timeout=120s', '  done']);
    expect(commandRows({ ...step, command: 'x'.repeat(30) }, 20)).toEqual([`$ ${'x'.repeat(18)}`, `    ${'x'.repeat(12)}`]);
  });

  it('a quiz question: the question, numbered choices, and how to answer', () => {
    expect(quizLines({ question: 'Which proxy?', choices: ['nginx', 'Envoy', 'HAProxy'], answer: 2, explanation: 'Envoy.' }).map((line) => line.text)).toEqual(['Which proxy?', '  1. nginx', '  2. Envoy', '  3. HAProxy', 'Press 1-3 to answer, Esc to skip.']);
  });

  it('wraps a question and its choices to the pane, so the right choice is never cut', () => {
    const quiz = {
      question: 'A call from cluster1 reaches a Service that exists only in cluster2. What does the sidecar in cluster1 do with it?',
      choices: ['It drops the call, since the name does not resolve in cluster1 at all', 'It sends it through the east-west gateway to the endpoints in cluster2, by SNI'],
      answer: 2,
      explanation: 'With endpoint discovery across clusters, istiod gives the sidecar the remote endpoints behind the gateway.',
    };
    for (const width of [40, 60, 71]) {
      const lines = quizLines(quiz, width).map((line) => line.text);
      expect(lines.every((line) => [...line].length <= width), lines.join(' | ')).toBe(true);
      const read = lines.join(' ').replace(/\s+/g, ' ');
      expect(read).toContain('2. It sends it through the east-west gateway to the endpoints in cluster2, by SNI');
      expect(read).toContain('What does the sidecar in cluster1 do with it?');
    }
  });

  it('fits the text and the output to the layout of the terminal', () => {
    const state = initialWorkshopState({ lesson: initialLessonState('test', 'Test', OUTLINES), homeSelected: 0, message: '' });
    const screen = lessonScreenLines(state, { columns: 80, rows: 24, output: { lines: lines100, seen: 100 }, text: Array.from({ length: 20 }, (_, i) => `text ${i}`).join('\n'), clock: { frame: 0, now: 0 }, drawer });
    expect(screen.layout.wide).toBe(false);
    expect(screen.text).toHaveLength(screen.layout.textHeight);
    expect(screen.quiz).toBeUndefined();
    expect(screen.pane.lines.at(-1)).toBe('line 100');
  });
});

describe('statusText', () => {
  it('a question first, then the message, else the keys of the screen with the running time', () => {
    const state = initialWorkshopState({ lesson: initialLessonState('test', 'Test', OUTLINES), homeSelected: 0, message: '' });
    expect(statusText(state, 0)).toBe('Test · step 1/2 · Enter run · h hint · s shell · c copy · Tab lessons · ? keys · q quit');
    const running = { ...state, lesson: { ...state.lesson, running: true } };
    expect(statusText(running, 7)).toBe('Test · step 1/2 · running 7s (Esc stops) · Enter run · h hint · s shell · c copy · Tab lessons · ? keys · q quit');
    expect(statusText({ ...state, message: 'Hello.' }, 0)).toBe('Hello.');
    expect(statusText({ ...state, message: 'Hello.', confirm: { question: 'Skip?' } }, 0)).toBe('Skip? (y/n)');
    expect(statusText({ ...state, screen: 'home' }, 0)).toBe('↑↓ choose · Enter open · ? keys · q quit');
  });
});
