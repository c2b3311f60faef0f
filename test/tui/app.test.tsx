// The whole App, rendered with ink-testing-library and driven key by key as a learner would: what the
// screen shows after each key. (The real terminal, signals and resizing are in terminal.test.ts.)
import { afterEach, describe, expect, it } from 'vitest';
import { HEADER } from '../helpers/lessons.js';
import { learnerIdFor } from '../helpers/quiz.js';
import { KEY, openApp, type OpenApp } from './app-harness.js';

const apps: OpenApp[] = [];
afterEach(() => {
  for (const app of apps.splice(0)) app.unmount();
});

/** The App over `yaml`, with its one lesson opened from the home screen (as `learnerId`, when given). */
async function openLesson(yaml: string, firstStep: RegExp, learnerId?: string): Promise<OpenApp> {
  const app = openApp(yaml, {}, [], [], learnerId);
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

/** Two steps that each print a word. */
const TWO_STEPS = `${HEADER}
steps:
  - { id: first, title: First, run: echo one }
  - { id: second, title: Second, run: echo two }
`;

describe('the App, key by key', () => {
  it('asks a quiz question in the learner order; a wrong answer is marked and the question stays for another try; the right one passes it and explains', async () => {
    // This learner sees the author's choices [nginx, Envoy, HAProxy] as HAProxy, nginx, Envoy: Envoy is their 3.
    const app = await openLesson(QUIZ, /›○ 1\. Which proxy/, learnerIdFor('test', 'ask', [2, 0, 1]));
    // No command line pretending there is one: the question is shown in its place before it is asked.
    expect(app.frame()).not.toMatch(/this step runs no command/);
    expect(app.frame()).toMatch(/^ {2}1\. HAProxy\n {2}2\. nginx\n {2}3\. Envoy$/m);
    await app.press(KEY.enter);
    const asked = await app.waitFor(/Press 1-3 to answer, Esc to skip\./, 'the question');
    expect(asked).toMatch(/^Which proxy does Istio put beside each pod\?$/m);
    expect(asked).toMatch(/^ {2}1\. HAProxy\n {2}2\. nginx\n {2}3\. Envoy$/m);
    expect(asked).not.toMatch(/this step runs no command/);
    // A number that is no choice is not an answer: the question stays.
    await app.press('4', 'x');
    expect(app.frame()).toMatch(/Press 1-3 to answer/);
    // While the learner thinks, no clock ticks in the status bar.
    await new Promise((resolve) => setTimeout(resolve, 1300));
    expect(statusBar(app.frame())).not.toMatch(/running/);
    expect(statusBar(app.frame())).toMatch(/a question: press 1-3 to answer · Esc skips it/);
    // 2 is the author's answer key, but not where this learner sees Envoy.
    await app.press('2');
    const wrong = await app.waitFor(/✗ 2\. nginx/, 'the wrong answer marked');
    expect(wrong).toMatch(/^✗ Not quite\. Press another number \(1-3\), or Esc to skip\.$/m);
    expect(wrong).toMatch(/^Which proxy does Istio put beside each pod\?$/m);
    expect(wrong).not.toMatch(/^›✗ 1\. Which proxy/m);
    await app.press('3');
    const right = await app.waitFor(hasLine(/^›✓ 1\. Which proxy/), 'the step passed');
    expect(statusBar(right)).toMatch(/^✓ Right\. Istio's data plane is Envoy\./);
    // The explanation stays with the question, whole, after the step has passed, in the same order.
    expect(right).toMatch(/^✓ 3\. Envoy$/m);
    expect(right).toMatch(/^✓ Right: 3\. Istio's data plane is Envoy\.$/m);
    expect(app.progress.lesson('test').steps.ask?.status).toBe('passed');

    // Esc leaves the question unanswered: the step is skipped, not failed.
    await app.press('r');
    await app.waitFor(/Press 1-3 to answer/, 'the question again');
    await app.press(KEY.escape);
    const skipped = await app.waitFor(hasLine(/^›- 1\. Which proxy/), 'the step skipped');
    expect(statusBar(skipped)).toMatch(/^- Skipped\. Enter: next step/);
  });

  it('a step names the pages it follows under its text (as title: URL where the terminal shows no links)', async () => {
    const app = await openLesson(
      `${HEADER}
steps:
  - id: gateway
    title: Open the gateway
    text: The gateway listens once a Gateway says so.
    docs:
      - { title: "istio.io: Ingress Gateways", url: "https://istio.io/latest/docs/tasks/traffic-management/ingress/ingress-control/" }
    run: echo open
`,
      /1\. Open the gateway/,
    );
    const frame = await app.waitFor(hasLine(/Read more:/), 'the links under the text');
    expect(frame).toContain('The gateway listens once a Gateway says so.');
    expect(frame).toMatch(/istio\.io: Ingress Gateways:\s+https:\/\/istio\.io\/latest\/docs\/tasks\/traffic-management\/ingress\/ingress-control\//);
  });

  it('at 100 columns the step text uses the room there is, says more follows, and ] / [ scroll it', async () => {
    const paragraphs = Array.from({ length: 14 }, (_, i) => `Paragraph ${i + 1} of the step text.`).join('\n\n');
    const app = await openLesson(
      `${HEADER}
steps:
  - id: long
    title: Long text
    text: |
${paragraphs
  .split('\n')
  .map((line) => `      ${line}`)
  .join('\n')}
    run: echo done
`,
      /›○ 1\. Long text/,
    );
    const first = await app.waitFor(/Paragraph 1 of the step text\./, 'the text');
    // More than the four lines it had, and a line saying more follows and which key brings it.
    expect(first).toMatch(/Paragraph 4 of the step text\./);
    expect(first).toMatch(/^↓ \d+ more lines \(\] scrolls down\)$/m);
    expect(first).not.toMatch(/Paragraph 14 of/);
    await app.press(']', ']', ']', ']', ']', ']', ']', ']', ']', ']');
    const end = await app.waitFor(/Paragraph 14 of the step text\./, 'the end of the text');
    expect(end).toMatch(/^↑ \d+ lines above \(\[ scrolls up\)$/m);
    expect(end).not.toMatch(/more lines \(\] scrolls down\)/);
    await app.press('?');
    expect(await app.waitFor(/^Keys$/m, 'the keys')).toMatch(/^\[ \] +scroll the step's text up \/ down$/m);
  });

  it('shows a long command whole and lets long output lines wrap (w) or scroll sideways (→)', async () => {
    const app = await openLesson(
      `${HEADER}
steps:
  - id: loop
    title: A loop
    run: |
      for i in 1 2; do
        echo "$i"
        sleep 0
        true
        true
      done
      printf '{"image": "docker.io/istio/examples-helloworld-v1:1.0", "pull": "IfNotPresent", "note": "%s", "end": "TAIL-OF-LINE"}\\n' "$(printf 'x%.0s' $(seq 1 40))"
`,
      /›○ 1\. A loop/,
    );
    const before = app.frame();
    expect(before).toMatch(/^ {2}done$/m);
    // The long printf line wraps under itself, whole.
    expect(before).toMatch(/^ {4}.*TAIL-OF-LINE/m);
    expect(before.split('\n').every((line) => line.length <= 100)).toBe(true);
    await app.press(KEY.enter);
    const ran = await app.waitFor(hasLine(/^›✓ 1\. A loop/), 'the step passed');
    expect(ran).toMatch(/^\{"image": "docker/m);
    // In the output the line is cut at the pane, and said so, with the keys that show the rest.
    expect(ran.split('\n').filter((line) => line.includes('TAIL-OF-LINE'))).toHaveLength(1);
    expect(ran).toMatch(/w wraps them, ← → scroll sideways/);
    await app.press('w');
    const wrapped = await app.waitFor((frame) => frame.split('\n').filter((line) => line.includes('TAIL-OF-LINE')).length === 2, 'the line wrapped');
    expect(wrapped.split('\n').every((line) => line.length <= 100)).toBe(true);
    await app.press('w', '\u001b[C', '\u001b[C', '\u001b[C');
    await app.waitFor((frame) => /^←.*TAIL-OF-LINE"\}$/m.test(frame), 'the line scrolled sideways');
  });

  it('a finished lesson ends in a lesson-complete view: how the steps went, the time, what it taught, the next lesson; Enter opens it', async () => {
    const app = openApp(
      `${HEADER}
steps:
  - { id: first, title: First, run: echo one }
  - id: second
    title: Second
    run: echo two
    hint: [Just run it., Run echo two.]
    solution: echo two
  - { id: extra, title: Extra, run: echo extra, optional: true }
`,
      {},
      ['id: next\ntitle: The next lesson\nsummary: What comes next.\nestimate: 5m\nsteps:\n  - { id: go, title: Go on, run: echo go }\n'],
    );
    apps.push(app);
    await app.waitFor(/› ○ Test/, 'the home screen');
    await app.press(KEY.enter);
    await app.waitFor(/›○ 1\. First/, 'the lesson');
    await app.press(KEY.enter);
    await app.waitFor(hasLine(/^›✓ 1\. First/), 'step 1 passed');
    await app.press(KEY.enter, 'h', KEY.enter);
    const done = await app.waitFor(hasLine(/^›✓ 2\. Second/), 'step 2 passed');
    expect(statusBar(done)).toMatch(/^✓ Passed, and the lesson is complete\. Enter: how it went and what comes next/);
    await app.press(KEY.enter);
    const complete = await app.waitFor(/Lesson complete: Test/, 'the lesson-complete view');
    expect(complete).toMatch(/^1 passed on your own · 1 done with help \(a hint or the solution\) · 0 skipped, of 2 steps$/m);
    expect(complete).toMatch(/^Time spent: \d+s \(the estimate is 1m\)$/m);
    expect(complete).toMatch(/^What it taught: A test lesson\.$/m);
    expect(complete).toMatch(/^Next: The next lesson \(about 5m\)$/m);
    expect(complete).toMatch(/^Needs: nothing$/m);
    expect(statusBar(complete)).toMatch(/Enter next lesson · Esc back/);
    // Esc goes back to the lesson, Enter on its last step comes here again, and Enter opens the next lesson.
    await app.press(KEY.escape);
    await app.waitFor(hasLine(/^›✓ 2\. Second/), 'the lesson again');
    await app.press(KEY.enter);
    await app.waitFor(/Lesson complete: Test/, 'the lesson-complete view again');
    await app.press(KEY.enter);
    const next = await app.waitFor(/›○ 1\. Go on/, 'the next lesson');
    expect(next.split('\n')[0]).toBe('The next lesson');
  });

  it('a lesson opened on a machine that lacks its needs says what it lacks and a fix for each; a failed step names the cause its output shows', async () => {
    const app = openApp(
      `${HEADER}
steps:
  - id: mesh
    title: Look at the mesh
    run: mw-no-such-tool-istioctl version
    explain: Install Istio first.
`,
      {},
      [],
      ['Docker engine', 'istioctl 1.30.1', 'cluster1 (mesh-workshop cluster up)'],
    );
    apps.push(app);
    await app.waitFor(/› ○ Test/, 'the home screen');
    await app.press(KEY.enter);
    const opened = await app.waitFor(/›○ 1\. Look at the mesh/, 'the lesson');
    expect(opened).toMatch(/^This machine lacks, for this lesson \(each with a fix\):$/m);
    expect(opened).toMatch(/^ {2}✗ Docker engine: start Docker \(or install it\): kind runs the clusters in it$/m);
    expect(opened).toMatch(/^ {2}✗ istioctl 1\.30\.1: 'mesh-workshop tools install istioctl' fetches the pinned version$/m);
    expect(opened).toMatch(/^ {2}✗ cluster1: 'mesh-workshop cluster up' creates cluster1$/m);
    await app.press(KEY.enter);
    const failed = await app.waitFor(hasLine(/^›✗ 1\. Look at the mesh/), 'the step failed');
    expect(failed.replace(/\n {6}/g, ' ')).toMatch(/^next: mw-no-such-tool-istioctl is not installed here \(command not found\): 'mesh-workshop tools install mw-no-such-tool-istioctl' fetches the pinned version, or install it yourself\.$/m);
    expect(failed).not.toMatch(/next: Install Istio first/);
  });

  it('skips a step only after asking: n keeps it, y marks it skipped, saves that, and moves to the next step', async () => {
    const app = await openLesson(TWO_STEPS, /›○ 1\. First/);
    await app.press('k');
    const asked = await app.waitFor((frame) => statusBar(frame).startsWith('Skip step 1 (First)? (y/n)'), 'the question');
    expect(asked).toMatch(/^›○ 1\. First/m);
    await app.press('n');
    await app.waitFor((frame) => !/Skip step 1/.test(frame), 'the question gone');
    expect(app.frame()).toMatch(/^›○ 1\. First/m);
    expect(app.progress.lesson('test').steps.first).toBeUndefined();

    await app.press('k', 'y');
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
    const app = await openLesson(TWO_STEPS, /›○ 1\. First/);
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
    const app = await openLesson(TWO_STEPS, /›○ 1\. First/);
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
