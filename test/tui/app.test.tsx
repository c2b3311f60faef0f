// The whole App, rendered with ink-testing-library and driven key by key as a learner would: what the
// screen shows after each key. (The real terminal, signals and resizing are in terminal.test.ts.)
import { afterEach, describe, expect, it } from 'vitest';
import { HEADER } from '../helpers/lessons.js';
import { KEY, openApp, type OpenApp } from './app-harness.js';

const apps: OpenApp[] = [];
afterEach(() => {
  for (const app of apps.splice(0)) app.unmount();
});

/** The App over `yaml`, with its one lesson opened from the home screen. */
async function openLesson(yaml: string, firstStep: RegExp): Promise<OpenApp> {
  const app = openApp(yaml);
  apps.push(app);
  await app.waitFor(/› ○ Test/, 'the home screen');
  await app.press(KEY.enter);
  await app.waitFor(firstStep, 'the lesson screen');
  return app;
}

const statusBar = (frame: string): string => frame.split('\n').at(-1) ?? '';
const hasLine = (pattern: RegExp) => (frame: string) => frame.split('\n').some((line) => pattern.test(line));

const QUIZ = `${HEADER}
steps:
  - id: ask
    title: Which proxy
    quiz:
      question: Which proxy does Istio put beside each pod?
      choices: [nginx, Envoy, HAProxy]
      answer: 2
      explanation: Istio's data plane is Envoy.
  - id: after
    title: After the question
    run: echo after
`;

describe('the App, key by key', () => {
  it('asks a quiz question; a right answer passes the step and says why, a wrong one fails it and gives the answer', async () => {
    const app = await openLesson(QUIZ, /›○ 1\. Which proxy/);
    await app.press(KEY.enter);
    const asked = await app.waitFor(/Press 1-3 to answer, Esc to skip\./, 'the question');
    expect(asked).toMatch(/^Which proxy does Istio put beside each pod\?$/m);
    expect(asked).toMatch(/^ {2}1\. nginx\n {2}2\. Envoy\n {2}3\. HAProxy$/m);
    // A number that is no choice is not an answer: the question stays.
    await app.press('4', 'x');
    expect(app.frame()).toMatch(/Press 1-3 to answer/);
    await app.press('2');
    const right = await app.waitFor(hasLine(/^›✓ 1\. Which proxy/), 'the step passed');
    expect(right).not.toMatch(/Press 1-3/);
    expect(statusBar(right)).toMatch(/^✓ Right\. Istio's data plane is Envoy\./);
    expect(app.progress.lesson('test').steps.ask?.status).toBe('passed');

    await app.press('r');
    await app.waitFor(/Press 1-3 to answer/, 'the question again');
    await app.press('1');
    const wrong = await app.waitFor(hasLine(/^›✗ 1\. Which proxy/), 'the step failed');
    expect(statusBar(wrong)).toMatch(/^✗ Not quite: it is 2\. Istio's data plane is Envoy\./);

    // Esc leaves the question unanswered: the step is skipped, not failed.
    await app.press('r');
    await app.waitFor(/Press 1-3 to answer/, 'the question a third time');
    await app.press(KEY.escape);
    const skipped = await app.waitFor(hasLine(/^›- 1\. Which proxy/), 'the step skipped');
    expect(statusBar(skipped)).toMatch(/^- Skipped\. Enter: next step/);
  });

  it('skips a step only after asking: n keeps it, y marks it skipped, saves that, and moves to the next step', async () => {
    const app = await openLesson(
      `${HEADER}
steps:
  - { id: first, title: First, run: echo one }
  - { id: second, title: Second, run: echo two }
`,
      /›○ 1\. First/,
    );
    await app.press('s');
    const asked = await app.waitFor((frame) => statusBar(frame).startsWith('Skip step 1 (First)? (y/n)'), 'the question');
    expect(asked).toMatch(/^›○ 1\. First/m);
    await app.press('n');
    await app.waitFor((frame) => !/Skip step 1/.test(frame), 'the question gone');
    expect(app.frame()).toMatch(/^›○ 1\. First/m);
    expect(app.progress.lesson('test').steps.first).toBeUndefined();

    await app.press('s', 'y');
    const moved = await app.waitFor(hasLine(/^›○ 2\. Second/), 'the next step selected');
    expect(moved).toMatch(/^ - 1\. First/m);
    expect(moved).toMatch(/^\$ echo two$/m);
    const saved = app.progress.lesson('test');
    expect(saved.steps.first?.status).toBe('skipped');
    expect(saved.current).toBe('first');
    // Nothing ran: a skipped step leaves no output and no check behind.
    expect(moved).not.toMatch(/^one$/m);
  });

  it('opens hints one level at a time, then offers the solution, then says where it is', async () => {
    const app = await openLesson(
      `${HEADER}
steps:
  - id: find
    title: Find the pod
    run: echo pod/web-1
    hint: [Look at the pods., kubectl get pods]
    solution: kubectl get pods -A
  - id: plain
    title: No solution here
    run: echo plain
    hint: [Just run it.]
`,
      /›○ 1\. Find the pod/,
    );
    expect(app.frame()).not.toMatch(/hint 1:/);
    await app.press('h');
    const one = await app.waitFor(/^hint 1: Look at the pods\.$/m, 'the first hint');
    expect(one).not.toMatch(/hint 2:/);
    await app.press('h');
    const two = await app.waitFor(/^hint 2: kubectl get pods$/m, 'the second hint');
    expect(two).not.toMatch(/solution:/);
    await app.press('h');
    await app.waitFor((frame) => statusBar(frame).startsWith('No more hints. Show the solution? (y/n)'), 'the offer of the solution');
    await app.press('n');
    await app.waitFor((frame) => !/Show the solution\?/.test(frame), 'the offer declined');
    expect(app.frame()).not.toMatch(/solution:/);
    await app.press('h', 'y');
    const solved = await app.waitFor(/^solution: kubectl get pods -A$/m, 'the solution');
    expect(solved).toMatch(/^hint 1: Look at the pods\.\nhint 2: kubectl get pods\nsolution: kubectl get pods -A$/m);
    await app.press('h');
    await app.waitFor((frame) => statusBar(frame).startsWith('The solution is shown below the checks.'), 'where the solution is');
    // Hints are per step: the next one starts with none open, and without a solution says so at the end.
    await app.press('n');
    const next = await app.waitFor(hasLine(/^›○ 2\. No solution here/), 'the second step');
    expect(next).not.toMatch(/hint 1:/);
    await app.press('h', 'h');
    await app.waitFor((frame) => statusBar(frame).startsWith('This step has no more hints.'), 'no more hints');
    expect(app.frame()).toMatch(/^hint 1: Just run it\.$/m);
  });

  it('scrolls long output: the tail first, ↑ a line, PgUp a page, Home the first lines, End the tail again', async () => {
    const app = await openLesson(
      `${HEADER}
steps:
  - { id: flood, title: Print sixty lines, run: 'for i in $(seq 1 60); do echo "line $i"; done' }
`,
      /›○ 1\. Print sixty lines/,
    );
    await app.press(KEY.enter);
    const tail = await app.waitFor(/^line 60$/m, 'the newest line');
    const shown = (frame: string): number[] => [...frame.matchAll(/^line (\d+)$/gm)].map((match) => Number(match[1]));
    const window = shown(tail);
    const height = window.length;
    expect(window.at(-1)).toBe(60);
    expect(tail).toMatch(new RegExp(`^… ${60 - height} earlier lines \\(all in .*\\)`, 'm'));

    await app.press(KEY.up);
    const up = await app.waitFor((frame) => shown(frame).at(-1) === 59, 'one line back');
    expect(up).not.toMatch(/^line 60$/m);
    await app.press(KEY.pageUp);
    // A page is the pane's height less one line, so a line of the last view stays in sight.
    const page = await app.waitFor((frame) => shown(frame).at(-1) === 59 - height, 'a page back');
    expect(shown(page)).toHaveLength(height);
    await app.press(KEY.home);
    const top = await app.waitFor((frame) => shown(frame)[0] === 1, 'the first line');
    expect(top).not.toMatch(/earlier lines/);
    const topLast = shown(top).at(-1) ?? 0;
    await app.press(KEY.down, KEY.down);
    await app.waitFor((frame) => shown(frame).at(-1) === topLast + 2, 'two lines on from the top');
    await app.press(KEY.end);
    await app.waitFor((frame) => shown(frame).at(-1) === 60, 'the tail again');
  });

  it('n and p move between steps, each showing its own command, and stop at the ends', async () => {
    const app = await openLesson(
      `${HEADER}
steps:
  - { id: first, title: First, run: echo one }
  - { id: second, title: Second, run: echo two }
`,
      /›○ 1\. First/,
    );
    expect(app.frame()).toMatch(/^\$ echo one$/m);
    expect(statusBar(app.frame())).toMatch(/^Test · step 1\/2 ·/);
    await app.press('p');
    await app.press('n');
    const second = await app.waitFor(hasLine(/^›○ 2\. Second/), 'the second step');
    expect(second).toMatch(/^\$ echo two$/m);
    expect(second).toMatch(/^ ○ 1\. First/m);
    expect(statusBar(second)).toMatch(/^Test · step 2\/2 ·/);
    await app.press('n');
    expect(app.frame()).toMatch(/^›○ 2\. Second/m);
    await app.press('p');
    const first = await app.waitFor(hasLine(/^›○ 1\. First/), 'the first step again');
    expect(first).toMatch(/^\$ echo one$/m);
  });

  it('? shows the keys over the screen; the next key only closes it', async () => {
    const app = await openLesson(
      `${HEADER}
steps:
  - { id: first, title: First, run: echo one }
  - { id: second, title: Second, run: echo two }
`,
      /›○ 1\. First/,
    );
    await app.press('?');
    const help = await app.waitFor(/^Keys$/m, 'the keys');
    expect(help).toMatch(/^n \/ p {10}next \/ previous step$/m);
    expect(help).toMatch(/^h {14}next hint; after the last, the solution$/m);
    expect(statusBar(help)).toMatch(/^Press any key to close\./);
    expect(help).not.toMatch(/1\. First/);
    // n closes the keys and does nothing else: still on step 1.
    await app.press('n');
    const back = await app.waitFor(hasLine(/^›○ 1\. First/), 'the lesson screen again');
    expect(back).not.toMatch(/^Keys$/m);
    // On the home screen, ? lists the home screen's keys.
    await app.press('l');
    await app.waitFor(/› ○ Test/, 'the home screen');
    await app.press('?');
    const homeHelp = await app.waitFor(/^Keys$/m, "the home screen's keys");
    expect(homeHelp).toMatch(/^Enter {10}open the selected lesson$/m);
    expect(homeHelp).not.toMatch(/next hint/);
  });
});
