// The real TUI in a real terminal (tmux), driven as a learner would: keys in, the screen read back.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN } from '../helpers/cli.js';
import { HEADER, tempDir, writeLesson } from '../helpers/lessons.js';
import { liveProcessesWith } from '../helpers/processes.js';
import { HAS_TMUX, TmuxSession } from '../helpers/tmux.js';
import { ROUTE_VIEW_FILES, ROUTE_VIEW_STEPS } from '../helpers/route-view-lesson.js';

const sessions: TmuxSession[] = [];
afterEach(() => {
  for (const session of sessions.splice(0)) session.kill();
});

function start(home: string, extra = '', columns = 100, rows = 30): TmuxSession {
  // After the workshop ends, the shell prints its exit code and waits, so the test can read the main screen.
  const session = new TmuxSession(`MESH_WORKSHOP_HOME=${home} ${process.execPath} ${BIN} ${extra}; echo "EXITED $?"; sleep 60`, columns, rows);
  sessions.push(session);
  return session;
}

const hasLine = (pattern: RegExp) => (screen: string) => screen.split('\n').some((line) => pattern.test(line));

/** A one-step lesson whose step runs until stopped, opened and started in the TUI; `marker` names its child. */
async function startLongStep(marker: string, script = `(exec -a ${marker} sleep 30) & wait`): Promise<{ session: TmuxSession; pack: string }> {
  const pack = tempDir('mw-pack-');
  writeLesson(pack, '01-test', `${HEADER}
steps:
  - id: forward
    title: Forward a port
    run: ${script}
`);
  const session = start(tempDir('mw-tui-home-'), `--lessons ${pack}`);
  await session.waitFor(hasLine(/› ○ Test/), 'the home screen');
  session.keys('Enter');
  await session.waitFor(hasLine(/1\. Forward a port/), 'the lesson screen');
  session.keys('Enter');
  await session.waitFor(hasLine(/running \d+s \(Esc stops\)/), 'the step running');
  return { session, pack };
}

/** The pid of the workshop's own node process in a session (not the shell around it). */
function workshopPid(pack: string): number {
  return Number(execFileSync('pgrep', ['-f', `^${process.execPath} ${BIN} --lessons ${pack}`], { encoding: 'utf8' }).trim().split('\n')[0]);
}

describe.skipIf(!HAS_TMUX)('the workshop in a terminal', () => {
  it('opens the tour, runs two steps, quits, resumes at the third step, and resets', async () => {
    const home = tempDir('mw-tui-home-');
    const first = start(home);
    await first.waitFor(hasLine(/› ○ A tour of the workshop runner/), 'the home screen with the tour preselected');
    // The doctor's verdict arrives after the first frame, in one line (this machine's, whatever it is).
    await first.waitFor(hasLine(/^(✓ This machine is ready for every lesson\.|[✗✓] (\d+ problems?|no problems).*\('mesh-workshop doctor' has the fixes\))/), "the doctor's summary");
    first.keys('Enter');
    await first.waitFor(hasLine(/○ 1\. Run a step/), 'the lesson screen');
    first.keys('Enter');
    await first.waitFor(hasLine(/✓ Passed\. Enter: next step/), 'step 1 passing');
    expect(first.screen()).toMatch(/✓ 1\. Run a step/);
    expect(first.screen()).toMatch(/Hello from the mesh-workshop runner on \S+/);
    first.keys('Enter', 'Enter');
    await first.waitFor(hasLine(/✓ 2\. A step that fails on purpose/), 'step 2 passing');
    expect(first.screen()).toMatch(/✓ contains "Connection refused"/);
    first.keys('q');
    const closed = await first.waitFor(hasLine(/^EXITED \d+/), 'the workshop to end');
    // Back on the main screen: only the goodbye is left of the workshop.
    expect(closed).toMatch(/Bye\. Your progress in A tour of the workshop runner is saved/);
    expect(closed).toMatch(/^EXITED 0$/m);
    expect(closed).not.toMatch(/Run a step/);

    const second = start(home);
    const resumed = await second.waitFor(hasLine(/Welcome back/), 'the welcome back');
    expect(resumed).toMatch(/Welcome back to A tour of the workshop runner: step 3 of 9 is next\./);
    expect(resumed).toMatch(/✓ 2\. A step that fails on purpose/);
    // Resetting from the screen asks first; "n" keeps everything.
    second.keys('x');
    await second.waitFor(hasLine(/Forget your progress and files in A tour of the workshop runner and start it again\? \(y\/n\)/), 'the reset question');
    second.keys('n');
    await second.waitFor((screen) => !/start it again\?/.test(screen), 'the question gone');
    expect(second.screen()).toMatch(/✓ 2\. A step that fails on purpose/);
    second.keys('q');
    await second.waitFor(hasLine(/^EXITED 0/), 'the workshop to end');

    const reset = spawnSync(process.execPath, [BIN, 'reset', 'tour', '--yes'], { env: { ...process.env, MESH_WORKSHOP_HOME: home }, encoding: 'utf8' });
    expect(reset.stdout).toBe("Forgot your progress in 'tour'.\n");
    const third = start(home);
    await third.waitFor(hasLine(/› ○ A tour of the workshop runner/), 'the home screen again, nothing started');
    // And the reset from the screen: run a step, then x, y: back to step 1 with nothing done.
    third.keys('Enter');
    await third.waitFor(hasLine(/1\. Run a step/), 'the lesson screen');
    third.keys('Enter');
    await third.waitFor(hasLine(/✓ Passed/), 'step 1 passing again');
    third.keys('x', 'y');
    const afresh = await third.waitFor(hasLine(/Progress in A tour of the workshop runner forgotten: back at step 1\./), 'the lesson reset');
    expect(afresh).toMatch(/›○ 1\. Run a step/);
    third.keys('q');
  });

  it('keys typed together count one by one: Down Down Enter opens the third lesson', async () => {
    const session = start(tempDir('mw-tui-home-'));
    await session.waitFor(hasLine(/› ○ A tour of the workshop runner/), 'the home screen');
    await session.waitFor(hasLine(/Two clusters and no mesh/), 'the bundled lessons listed');
    session.keysTogether('Down', 'Down', 'Enter');
    const opened = await session.waitFor(hasLine(/ · step 1\/\d+ · /), 'a lesson screen');
    expect(opened.split('\n')[0]).toBe('Two clusters and no mesh');
  });

  it('re-lays out on resize: no line wider than the window, and a clear message when too small', async () => {
    const home = tempDir('mw-tui-home-');
    const session = start(home, '', 120, 32);
    await session.waitFor(hasLine(/A tour of the workshop runner/), 'the home screen');
    session.keys('Enter');
    await session.waitFor(hasLine(/1\. Run a step/), 'the lesson screen');
    session.resize(72, 20);
    // Joined: a line the app drew wider than 72 columns would come back as one line over 72, not two rows.
    const narrow = await session.waitFor((screen) => screen.split('\n').every((line) => line.length <= 72) && /1\. Run a step/.test(screen), 'the narrow layout', 15_000, { joined: true });
    expect(narrow.trimEnd().split('\n').length).toBeLessThanOrEqual(20);
    session.resize(50, 12);
    await session.waitFor(hasLine(/Make the terminal at least 60×16 \(it is 50×12\)\./), 'the too-small message');
    session.resize(100, 30);
    await session.waitFor(hasLine(/1\. Run a step/), 'the lesson screen again');
    session.keys('q');
  });

  it.each([
    [60, 16],
    [80, 24],
    [120, 30],
  ])('at %i×%i, tour step 2 run and h twice: no characters of an earlier frame are left behind, no line cut silently', async (columns, rows) => {
    const session = start(tempDir('mw-tui-home-'), '', columns, rows);
    await session.waitFor(hasLine(/› ○ A tour of the/), 'the home screen');
    session.keys('Enter');
    await session.waitFor(hasLine(/1\. Run a step/), 'the lesson screen');
    session.keys('Enter');
    await session.waitFor(hasLine(/✓ Passed/), 'step 1 passing');
    session.keys('Enter');
    await session.waitFor(hasLine(/›○ 2\. A step that fails on purpose/), 'step 2 selected');
    session.keys('Enter');
    await session.waitFor(hasLine(/✓ Passed/), 'step 2 passing');
    session.keys('h');
    await session.waitFor(hasLine(/hint 1: /), 'the first hint');
    session.keys('h');
    await new Promise((resolve) => setTimeout(resolve, 600));
    const painted = session.screen({ joined: true });
    // Every line the app drew fits the window (a too-wide line comes back joined, longer than the window).
    expect(painted.split('\n').every((line) => [...line].length <= columns), painted).toBe(true);
    // No part drawn over another: each line of the step's output ends where it ends (once, the end of the
    // log's path was left after it: `Connection refusedr/202…`).
    for (const line of painted.split('\n').filter((row) => row.startsWith('bash: '))) expect(line, painted).toMatch(/Connection refused$/);
    // A fresh paint of the same state (a resize away and back repaints it all) is what was on the screen.
    session.resize(columns + 7, rows + 3);
    await new Promise((resolve) => setTimeout(resolve, 600));
    session.resize(columns, rows);
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(session.screen({ joined: true })).toBe(painted);
    session.keys('q');
  });

  it('below 110 columns the step text uses the room there is (80×24, 80×40), and at 60×16 says more follows and ] scrolls it', async () => {
    for (const rows of [24, 40]) {
      const session = start(tempDir('mw-tui-home-'), '', 80, rows);
      await session.waitFor(hasLine(/› ○ A tour of the workshop runner/), 'the home screen');
      session.keys('Enter');
      // The whole of step 1's text, where it was cut at four lines.
      const screen = await session.waitFor(hasLine(/Every step runs a real command in bash/), 'the step text');
      expect(screen).toMatch(/and the sidecars it configures\. Press it again to come back\./);
      session.keys('q');
    }
    const small = start(tempDir('mw-tui-home-'), '', 60, 16);
    await small.waitFor(hasLine(/› ○ A tour of the/), 'the home screen');
    small.keys('Enter');
    const cut = await small.waitFor(hasLine(/^↓ \d+ more lines \(\] scrolls down\)$/), 'the text, saying more follows');
    expect(cut).not.toMatch(/again to come back/);
    small.keys(']', ']', ']');
    const end = await small.waitFor(hasLine(/again to come back\./), 'the end of the text');
    expect(end).toMatch(/^↑ \d+ lines above \(\[ scrolls up\)$/m);
    small.keys('q');
  }, 60_000);

  it('Ctrl-C stops a running step with everything it started, and the terminal comes back on quitting', async () => {
    const marker = `mw-tui-${process.pid}-${Date.now()}`;
    const { session } = await startLongStep(marker, `(exec -a ${marker} sleep 30) & sleep 30 & wait`);
    session.keys('C-c');
    await session.waitFor(hasLine(/■ Stopped, with everything it started\./), 'the step stopped');
    expect(liveProcessesWith(marker)).toEqual([]);
    session.keys('q');
    const closed = await session.waitFor(hasLine(/^EXITED \d+/), 'the workshop to end');
    expect(closed).toMatch(/^EXITED 0$/m);
  });

  it.each([
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const)('gives the terminal back on %s, ending a running step first', async (signal, code) => {
    const marker = `mw-term-${process.pid}-${Date.now()}`;
    const { session, pack } = await startLongStep(marker);
    process.kill(workshopPid(pack), signal);
    const closed = await session.waitFor(hasLine(/^EXITED \d+/), 'the workshop to end');
    expect(closed).toContain(`mesh-workshop: stopped by ${signal}; progress is saved.`);
    expect(closed).toMatch(new RegExp(`^EXITED ${code}$`, 'm'));
    expect(closed).not.toMatch(/Forward a port/);
    expect(liveProcessesWith(marker)).toEqual([]);
  });

  it.each(['throw', 'reject'])('gives the terminal back on an error nothing caught (%s), with the error on the main screen', async (how) => {
    const fault = path.join(tempDir('mw-fault-'), 'now');
    const loader = path.resolve('test/fixtures/fault/fail-on-signal-file.mjs');
    const session = new TmuxSession(
      `MW_FAULT_FILE=${fault} MESH_WORKSHOP_HOME=${tempDir('mw-tui-home-')} ${process.execPath} --import ${loader} ${BIN}; echo "EXITED $?"; stty -a | tr ' ;' '\\n\\n' | grep -x -e icanon -e -icanon -e echo -e -echo | tr '\\n' ' '; echo; sleep 60`,
      100,
      30,
    );
    sessions.push(session);
    await session.waitFor(hasLine(/› ○ A tour of the workshop runner/), 'the home screen');
    expect(session.terminalState()).toEqual({ cursorShown: false, alternateScreen: true });
    writeFileSync(fault, how);
    const closed = await session.waitFor(hasLine(/^-?icanon -?echo/), 'the workshop to end and the terminal settings to be printed');
    expect(closed).toMatch(/^mesh-workshop: unexpected error \(a bug: please report it with the lines below\); progress is saved\.$/m);
    expect(closed).toContain(how === 'reject' ? 'injected fault: a rejected promise' : 'injected fault: an uncaught error');
    expect(closed).toMatch(/^EXITED 1$/m);
    // Raw mode off (the line discipline is back), the cursor shown, the main screen back without the lessons.
    expect(closed).toMatch(/^icanon echo *$/m);
    expect(session.terminalState()).toEqual({ cursorShown: true, alternateScreen: false });
    expect(closed).not.toMatch(/A tour of the workshop runner/);
  });

  it('draws its screens in a terminal even when CI=true is in the environment, and shows a command for copying', async () => {
    const session = new TmuxSession(`CI=true MESH_WORKSHOP_HOME=${tempDir('mw-tui-home-')} ${process.execPath} ${BIN}; sleep 30`, 100, 30);
    sessions.push(session);
    await session.waitFor(hasLine(/› ○ A tour of the workshop runner/), 'the home screen');
    session.keys('Enter');
    await session.waitFor(hasLine(/1\. Run a step/), 'the lesson screen');
    // c: inside tmux the clipboard request may not arrive, so the command is also shown alone for selecting.
    session.keys('c');
    const alone = await session.waitFor(hasLine(/^Any key: back\. Sent the command to the clipboard/), 'the command shown for copying');
    expect(alone.split('\n')[0]).toBe('echo "Hello from the mesh-workshop runner on $(uname -s)"');
    expect(alone).not.toMatch(/1\. Run a step/);
    session.keys('Space');
    await session.waitFor(hasLine(/1\. Run a step/), 'the lesson screen again');
    // d: the lesson's own diagram (the tour's is Istio's architecture), and d again goes back.
    session.keys('d');
    const picture = await session.waitFor(hasLine(/┌─ Control plane ─/), "the lesson's diagram");
    expect(picture).toMatch(/Diagram: istio-architecture · d: hide/);
    session.keys('d');
    await session.waitFor((screen) => !/Diagram: istio-architecture/.test(screen), 'the diagram hidden');
    // t: the live topology; with no cluster yet it says so and how to make one.
    session.keys('t');
    await session.waitFor(hasLine(/no workshop cluster to draw yet: 'mesh-workshop cluster up' creates them/), 'the topology message');
    session.keys('q');
  });

  it('asks on screen before using a context of the learner\'s own (--allow-context), and copies it on yes', async () => {
    const theirs = path.join(tempDir('mw-user-'), 'config');
    const kubectl = (...args: string[]) => execFileSync('kubectl', args, { env: { ...process.env, KUBECONFIG: theirs } });
    kubectl('config', 'set-cluster', 'room-1', '--server=https://room-1.example.com:443');
    kubectl('config', 'set-credentials', 'room-1', '--token=t');
    kubectl('config', 'set-context', 'room-1', '--cluster=room-1', '--user=room-1');
    const home = tempDir('mw-tui-home-');
    const session = new TmuxSession(`KUBECONFIG=${theirs} MESH_WORKSHOP_HOME=${home} ${process.execPath} ${BIN} --allow-context room-1; sleep 30`, 140, 30);
    sessions.push(session);
    await session.waitFor(hasLine(/Use your context 'room-1' here\? It is copied from .*config into the workshop's kubeconfig\. \(y\/n\)/), 'the question');
    expect(existsSync(path.join(home, 'kubeconfig'))).toBe(false);
    session.keys('y');
    await session.waitFor(hasLine(/Allowed your context 'room-1' \(copied from /), 'the answer');
    expect(readFileSync(path.join(home, 'kubeconfig'), 'utf8')).toContain('room-1.example.com');
    session.keys('q');
  });

  it("shows a step's proxy-config view as istioctl's table, and v switches to the raw output", async () => {
    const pack = tempDir('mw-pack-');
    writeLesson(pack, '01-view', `${HEADER}${ROUTE_VIEW_STEPS}`, ROUTE_VIEW_FILES);
    const session = start(tempDir('mw-tui-home-'), `--lessons ${pack}`, 140, 30);
    await session.waitFor(hasLine(/› ○ Test/), 'the home screen');
    session.keys('Enter');
    await session.waitFor(hasLine(/1\. What the gateway routes/), 'the lesson screen');
    session.keys('Enter');
    const table = await session.waitFor(hasLine(/istioctl proxy-config route \(v: raw output\)/), 'the table');
    // Fitted to the pane: the least useful column left out, and said so.
    expect(table).toMatch(/ {2}http\.8080 +httpbin\.example\.com +\/get\* +httpbin\.default$/m);
    expect(table).toMatch(/\(hid VHOST NAME to fit \d+ columns/);
    session.keys('v');
    await session.waitFor(hasLine(/^.*\[\{"@type":"type\.googleapis\.com\/envoy\.config\.route\.v3\.RouteConfiguration"/), 'the raw output');
    session.keys('q');
  });

  it("shows a step's diagram before it runs, its output after, and d switches between them", async () => {
    const pack = tempDir('mw-pack-');
    writeLesson(pack, '01-diagram', `${HEADER}
steps:
  - id: across
    title: Call across networks
    diagram: two-networks
    highlight: across-networks
    run: echo "Hello version v2 from the other network"
`);
    const session = start(tempDir('mw-tui-home-'), `--lessons ${pack}`, 150, 40);
    await session.waitFor(hasLine(/› ○ Test/), 'the home screen');
    session.keys('Enter');
    const picture = await session.waitFor(hasLine(/┌─ Cluster1 · network1 ─/), 'the diagram');
    expect(picture).toMatch(/Diagram: two-networks \(across-networks marked\) · d: hide/);
    expect(picture).toMatch(/◆③ EndPnt-A ══SNI names svc-B; TLS not ended══▶ east-west gateway/);
    expect(picture.split('\n').every((line) => [...line].length <= 150)).toBe(true);
    session.keys('Enter');
    await session.waitFor(hasLine(/Hello version v2 from the other network/), 'the output');
    session.keys('d');
    await session.waitFor(hasLine(/Diagram: two-networks \(across-networks marked\) · d: the output/), 'the diagram again');
    session.keys('q');
  });

  it('honours NO_COLOR: no colour codes on screen, the selection still marked', async () => {
    const session = new TmuxSession(`NO_COLOR=1 MESH_WORKSHOP_HOME=${tempDir('mw-tui-home-')} ${process.execPath} ${BIN}; sleep 30`, 100, 30);
    sessions.push(session);
    await session.waitFor(hasLine(/› ○ A tour of the workshop runner/), 'the home screen');
    session.keys('Enter');
    await session.waitFor(hasLine(/1\. Run a step/), 'the lesson screen');
    session.keys('Enter');
    await session.waitFor(hasLine(/✓ Passed/), 'step 1 passing');
    const painted = session.screen({ escapes: true });
    expect(colourCodes(painted)).toEqual([]);
    expect(painted).toMatch(/›✓ 1\. Run a step/);
    session.keys('q');
  });

  it('ends, with its running step, when its terminal goes away (window closed)', async () => {
    const marker = `mw-gone-${process.pid}-${Date.now()}`;
    const { session, pack } = await startLongStep(marker);
    const pid = workshopPid(pack);
    session.kill();
    const alive = (): boolean => {
      try {
        process.kill(pid, 0);
        return !/^\S+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
      } catch {
        return false;
      }
    };
    const started = Date.now();
    while (alive() && Date.now() - started < 8000) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(alive()).toBe(false);
    expect(liveProcessesWith(marker)).toEqual([]);
  });
});


/**
 * The SGR sequences on a painted screen that set a colour: foreground or background, the 8 basic
 * colours (30–37, 40–47), their bright forms (90–97, 100–107), 256 colours and true colour (38/48;…).
 * Bold, dim, inverse and the resets (0, 39, 49) are not colour.
 */
function colourCodes(painted: string): string[] {
  // eslint-disable-next-line no-control-regex
  const sequences = painted.match(/\u001b\[[0-9;:]*m/g) ?? [];
  return sequences.filter((sequence) =>
    sequence
      .slice(2, -1)
      .split(/[;:]/)
      .map(Number)
      .some((code) => (code >= 30 && code <= 38) || (code >= 40 && code <= 48) || (code >= 90 && code <= 97) || (code >= 100 && code <= 107)),
  );
}
