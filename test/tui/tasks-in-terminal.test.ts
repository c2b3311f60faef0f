// The tour's tasks in the real TUI in a real terminal (tmux), done as a learner does them: the workshop
// shell opened with s, a wrong attempt, the check failing with its explanation, a hint, the right command,
// a pass; then the editor path, with EDITOR a script that fixes the starter file.
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN } from '../helpers/cli.js';
import { tempDir } from '../helpers/lessons.js';
import { HAS_TMUX, TmuxSession } from '../helpers/tmux.js';

const sessions: TmuxSession[] = [];
afterEach(() => {
  for (const session of sessions.splice(0)) session.kill();
});

const hasLine = (pattern: RegExp) => (screen: string) => screen.split('\n').some((line) => pattern.test(line));

/** The workshop with a learner's home of its own (no ~/.bashrc of the machine's) and bash as $SHELL. */
function start(state: string, learnerHome: string, extraEnv = ''): TmuxSession {
  const command = `cd ${learnerHome} && HOME=${learnerHome} SHELL=/bin/bash ${extraEnv} MESH_WORKSHOP_HOME=${state} ${process.execPath} ${BIN}; echo "EXITED $?"; sleep 60`;
  const session = new TmuxSession(command, 120, 40);
  sessions.push(session);
  return session;
}

async function openTourAt(session: TmuxSession, step: number, title: RegExp): Promise<void> {
  await session.waitFor(hasLine(/› ○ A tour of the workshop runner/), 'the home screen');
  session.keys('Enter');
  await session.waitFor(hasLine(/○ 1\. Run a step/), 'the lesson screen');
  for (let i = 1; i < step; i++) session.keys('n');
  await session.waitFor(hasLine(title), `step ${step} selected`);
}

describe.skipIf(!HAS_TMUX)('tasks in a terminal', () => {
  it('the shell task: s, a wrong attempt, exit, the check fails and says why; a hint; the right command; it passes', async () => {
    const state = tempDir('mw-tasks-state-');
    const learner = tempDir('mw-learner-');
    // A learner's rc file that points kubectl at their own clusters: the workshop shell must not.
    writeFileSync(path.join(learner, '.bashrc'), 'export KUBECONFIG="$HOME/.kube/config"\n');
    const session = start(state, learner);
    await openTourAt(session, 7, /^›○ 7\. Your turn: a file from the workshop shell/);
    expect(session.screen()).toMatch(/your turn: s shell · Enter check · h hint · f do it for me/);

    session.keys('s');
    const shell = await session.waitFor(hasLine(/^\(mesh-workshop tour · Your turn: a file from the work…\) tour [$#]\s*$/), 'the shell prompt');
    expect(shell).toMatch(/^mesh-workshop shell · lesson tour · task: Your turn: a file from the workshop shell$/m);
    expect(shell).toMatch(/KUBECONFIG is the workshop's own \(.*\/kubeconfig\): your ~\/\.kube\/config is not used/);
    // The main screen, not the workshop's alternate one.
    expect(session.terminalState().alternateScreen).toBe(false);
    session.keys('echo "$KUBECONFIG" > where.txt', 'Enter');
    session.keys('echo hello world > greeting.txt', 'Enter');
    session.keys('exit', 'Enter');
    const failed = await session.waitFor(hasLine(/✗ Not yet: the checks below say what is missing/), 'the check failing');
    expect(session.terminalState().alternateScreen).toBe(true);
    expect(failed).toMatch(/✗ greeting\.txt says hello mesh/);
    expect(failed).toMatch(/actual: {3}hello world/);
    expect(failed).toMatch(/You typed:/);
    expect(failed).toMatch(/\$ echo hello world > greeting\.txt/);
    // The shell had the workshop's kubeconfig, whatever the learner's rc file said.
    expect(readFileSync(path.join(state, 'work', 'tour', 'where.txt'), 'utf8').trim()).toBe(path.join(state, 'kubeconfig'));

    session.keys('h');
    await session.waitFor(hasLine(/hint 1: `echo` prints a line/), 'the first hint');
    session.keys('s');
    await session.waitFor(hasLine(/tour [$#]\s*$/), 'the shell again');
    session.keys('echo hello mesh > greeting.txt', 'Enter');
    session.keys('C-d');
    const passed = await session.waitFor(hasLine(/✓ Done: your work passes every check\. Enter: next step/), 'the task passing');
    expect(passed).toMatch(/✓ greeting\.txt says hello mesh/);
    expect(passed).toMatch(/^›✓ 7\. Your turn: a file from the workshop shell/m);
    // Only this visit's commands are shown.
    expect(passed).not.toMatch(/echo hello world/);
    const saved = JSON.parse(readFileSync(path.join(state, 'progress.json'), 'utf8')) as { lessons: Record<string, { steps: Record<string, { status: string; doneBy?: string }> }> };
    expect(saved.lessons.tour?.steps['your-turn-shell']).toMatchObject({ status: 'passed', doneBy: 'learner' });
    // Ctrl-C in the workshop after all that still quits as before: the shell left no key handling behind.
    session.keys('q');
    await session.waitFor(hasLine(/^EXITED 0$/), 'the workshop quitting');
  }, 60_000);

  it('the editor task: e opens the starter, each close names what is still wrong, and the fixed file passes', async () => {
    const state = tempDir('mw-tasks-state-');
    const dir = tempDir('mw-editor-');
    // The first edit fixes the indentation only; the second the misspelt field, as a learner might.
    const editor = editorScript(dir, `if grep -q '^   labels:' "$1"; then sed -i 's/^   labels:/  labels:/' "$1"; else sed -i 's/containerz:/containers:/' "$1"; fi`);
    const session = start(state, tempDir('mw-learner-'), `EDITOR=${editor} VISUAL=`);
    await openTourAt(session, 8, /^›○ 8\. Your turn: fix a manifest in your editor/);
    expect(session.screen()).toMatch(/e edit the file/);
    session.keys('e');
    const first = await session.waitFor(hasLine(/pod\.yaml has 2 problems \(below\), as kubectl apply would refuse it: e to fix it/), 'the problems after the first edit');
    expect(first).toMatch(/pod\.yaml:9:1: missing required field "spec\.containers"/);
    expect(first).toMatch(/pod\.yaml:10:3: unknown field "spec\.containerz" \(did you mean/);
    session.keys('e');
    await session.waitFor(hasLine(/pod\.yaml is valid\. a: apply it/), 'the file valid after the second edit');
    session.keys('Enter');
    const passed = await session.waitFor(hasLine(/✓ Done: your work passes every check/), 'the task passing');
    expect(passed).toMatch(/✓ pod\.yaml is a valid Pod/);
  }, 60_000);

  it('do it for me: f asks, runs the solution, and the task is recorded as done with help', async () => {
    const state = tempDir('mw-tasks-state-');
    const session = start(state, tempDir('mw-learner-'));
    await openTourAt(session, 7, /^›○ 7\. Your turn: a file from the workshop shell/);
    session.keys('f');
    await session.waitFor(hasLine(/Have the workshop do this task for you\?/), 'the question');
    session.keys('y');
    await session.waitFor(hasLine(/✓ Done with help: the workshop ran the solution\. Enter: next step/), 'the task done with help');
    expect(readFileSync(path.join(state, 'work', 'tour', 'greeting.txt'), 'utf8')).toBe('hello mesh\n');
    const saved = JSON.parse(readFileSync(path.join(state, 'progress.json'), 'utf8')) as { lessons: Record<string, { steps: Record<string, { doneBy?: string }> }> };
    expect(saved.lessons.tour?.steps['your-turn-shell']?.doneBy).toBe('help');
  }, 60_000);
});

/** An editor for the test: a script that makes the learner's next fix to the file it is given. */
function editorScript(dir: string, body: string): string {
  const file = path.join(dir, 'fake-editor.sh');
  writeFileSync(file, `#!/bin/sh\n${body}\n`);
  chmodSync(file, 0o755);
  return file;
}
