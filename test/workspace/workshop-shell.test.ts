import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { commandsTypedSince, workshopShell } from '../../src/workspace/workshop-shell.js';
import { placeScaffold, clearWorkspace, lessonWorkspace } from '../../src/workspace/workspace.js';
import { tempDir } from '../helpers/lessons.js';

/** A learner's home whose ~/.bashrc points kubectl elsewhere, as many real ones do. */
function learnerHome(): string {
  const home = tempDir('mw-learner-');
  writeFileSync(path.join(home, '.bashrc'), 'export KUBECONFIG="$HOME/.kube/config"\nexport PATH="/opt/their-tools:$PATH"\nalias k=kubectl\n');
  return home;
}

function stepEnv(state: string, home: string): Record<string, string> {
  return {
    PATH: `${path.join(state, 'tools', 'bin')}:${process.env.PATH ?? ''}`,
    HOME: home,
    KUBECONFIG: path.join(state, 'kubeconfig'),
    CTX_CLUSTER1: 'kind-cluster1',
    WORKSPACE: path.join(state, 'work', 'tour'),
    POD: 'helloworld-v1-abc',
    TERM: 'dumb',
  };
}

describe('the workshop shell', () => {
  it("runs the learner's ~/.bashrc, then sets the workshop's kubeconfig, tools and values again, in the workspace", () => {
    const state = tempDir('mw-state-');
    const home = learnerHome();
    const env = stepEnv(state, home);
    const launch = workshopShell({ env, workspace: env.WORKSPACE ?? '', scratch: path.join(state, 'tmp', 'tour'), lessonId: 'tour', taskTitle: 'Write a greeting', captured: ['POD'], shell: 'bash' });
    // Typed into the shell as a learner would (bash -i reads its commands from stdin).
    const typed = 'echo "kc=$KUBECONFIG"\necho "first=${PATH%%:*}"\necho "ctx=$CTX_CLUSTER1 pod=$POD"\npwd\ntype k\nexit\n';
    const result = spawnSync(launch.command, launch.args, { input: typed, env: launch.env, cwd: launch.cwd, encoding: 'utf8' });
    expect(result.stdout).toContain(`kc=${path.join(state, 'kubeconfig')}`);
    expect(result.stdout).toContain(`first=${path.join(state, 'tools', 'bin')}`);
    expect(result.stdout).toContain('ctx=kind-cluster1 pod=helloworld-v1-abc');
    expect(result.stdout).toContain(`${env.WORKSPACE}\n`);
    // The learner's own rc still ran: their alias works.
    expect(result.stdout).toMatch(/k is aliased to .kubectl./);
    // The prompt names the lesson and the task.
    expect(result.stderr).toMatch(/\(mesh-workshop tour · Write a greeting\) tour [$#] /); // # as root
    // What was typed is kept in the workspace, and read back as this visit's commands.
    const history = readFileSync(launch.historyFile, 'utf8');
    expect(commandsTypedSince(history, launch.historyStart)).toEqual(['echo "kc=$KUBECONFIG"', 'echo "first=${PATH%%:*}"', 'echo "ctx=$CTX_CLUSTER1 pod=$POD"', 'pwd', 'type k', 'exit']);
    // A second visit shows only its own commands.
    const again = workshopShell({ env, workspace: env.WORKSPACE ?? '', scratch: path.join(state, 'tmp', 'tour'), lessonId: 'tour', shell: 'bash' });
    spawnSync(again.command, again.args, { input: 'echo second\nexit\n', env: again.env, cwd: again.cwd, encoding: 'utf8' });
    expect(commandsTypedSince(readFileSync(again.historyFile, 'utf8'), again.historyStart)).toEqual(['echo second', 'exit']);
  });

  it('says in its banner what is set and that your own kubeconfig is not used', () => {
    const state = tempDir('mw-state-');
    const env = stepEnv(state, learnerHome());
    const launch = workshopShell({ env, workspace: env.WORKSPACE ?? '', scratch: state, lessonId: 'one-mesh', taskTitle: 'Exchange the remote secrets', captured: ['POD', 'NOT_CAPTURED_YET'], shell: '/usr/bin/bash' });
    expect(launch.banner.split('\n')).toEqual([
      'mesh-workshop shell · lesson one-mesh · task: Exchange the remote secrets',
      `  in ${env.WORKSPACE} ($WORKSPACE: your files for this lesson)`,
      `  KUBECONFIG is the workshop's own (${env.KUBECONFIG}): your ~/.kube/config is not used`,
      '  the pinned kubectl, istioctl and kind come first on PATH; contexts: $CTX_CLUSTER1',
      '  values from earlier steps: $POD',
      '  Type exit (or press Ctrl-D) to go back: the workshop then checks the task.',
    ]);
  });

  it("starts zsh with its own start-up folder, which reads the learner's .zshrc first", () => {
    const state = tempDir('mw-state-');
    const env = stepEnv(state, learnerHome());
    const launch = workshopShell({ env, workspace: env.WORKSPACE ?? '', scratch: state, lessonId: 'tour', shell: '/bin/zsh' });
    expect(launch.args).toEqual(['-i']);
    const rc = readFileSync(path.join(launch.env.ZDOTDIR ?? '', '.zshrc'), 'utf8');
    expect(rc.indexOf('.zshrc')).toBeLessThan(rc.indexOf('export KUBECONFIG='));
    expect(rc).toContain(`HISTFILE='${launch.historyFile}'`);
  });

  it('reads bash and zsh history formats, and shows typed control characters harmlessly', () => {
    const bash = '#1765000000\nkubectl get pods\n#1765000001\nexit\n';
    expect(commandsTypedSince(bash, 0)).toEqual(['kubectl get pods', 'exit']);
    expect(commandsTypedSince(`${bash}#1765000002\nls\n`, Buffer.byteLength(bash))).toEqual(['ls']);
    expect(commandsTypedSince(': 1765000000:0;kubectl apply -f vs.yaml\n', 0)).toEqual(['kubectl apply -f vs.yaml']);
    expect(commandsTypedSince('echo \u001b]0;title\u0007done\n', 0)).toEqual(['echo done']);
  });
});

describe('the workspace', () => {
  it("copies a scaffold in once and never over the learner's file; reset clears it", () => {
    const home = tempDir('mw-state-');
    const lessonDir = tempDir('mw-lesson-');
    mkdirSync(path.join(lessonDir, 'tasks'));
    writeFileSync(path.join(lessonDir, 'tasks', 'vs.yaml'), 'kind: VirtualService\n');
    const workspace = lessonWorkspace(home, 'traffic-entry');
    const first = placeScaffold(lessonDir, workspace, 'tasks/vs.yaml');
    expect(first).toEqual({ file: path.join(workspace, 'vs.yaml'), copied: true });
    writeFileSync(first.file, 'kind: VirtualService # mine\n');
    expect(placeScaffold(lessonDir, workspace, 'tasks/vs.yaml').copied).toBe(false);
    expect(readFileSync(first.file, 'utf8')).toBe('kind: VirtualService # mine\n');
    expect(clearWorkspace(home, 'traffic-entry')).toBe(true);
    expect(existsSync(workspace)).toBe(false);
    expect(clearWorkspace(home, 'traffic-entry')).toBe(false);
  });
});

describe("the learner's file after the editor", () => {
  it('names each problem as kubectl apply would refuse it, as FILE:LINE:COL, and says when it is valid', async () => {
    const { writtenFileNotes } = await import('../../src/workspace/written-file.js');
    const dir = tempDir('mw-written-');
    const starter = readFileSync('lessons/00-tour/tasks/pod.yaml', 'utf8');
    const file = path.join(dir, 'pod.yaml');
    writeFileSync(file, starter.replace(/^ {3}labels:/m, '  labels:'));
    const broken = await writtenFileNotes(file);
    expect(broken.lines).toEqual(['pod.yaml:9:1: missing required field "spec.containers"', 'pod.yaml:10:3: unknown field "spec.containerz" (did you mean "containers"?)']);
    expect(broken.message).toBe('pod.yaml has 2 problems (below), as kubectl apply would refuse it: e to fix it');
    writeFileSync(file, readFileSync('lessons/00-tour/tasks/solved/pod.yaml', 'utf8'));
    expect(await writtenFileNotes(file)).toEqual({ lines: ['✓ pod.yaml: valid (Pod/hello)'], message: 'pod.yaml is valid. a: apply it (or apply it from the shell) · Enter: check' });
    writeFileSync(path.join(dir, 'notes.txt'), 'anything');
    expect((await writtenFileNotes(path.join(dir, 'notes.txt'))).message).toBe('notes.txt saved. Enter: check the task');
  });
});

describe("the learner's file against the finished one (the solution level of a file task)", () => {
  it('gives the finished file when there is none yet, says when they are the same, else what differs', async () => {
    const { fileAgainstFinished } = await import('../../src/workspace/workspace.js');
    const workspace = tempDir('mw-ws-');
    const compare = () => fileAgainstFinished('lessons/00-tour', workspace, 'tasks/pod.yaml', 'tasks/solved/pod.yaml');
    const finished = readFileSync('lessons/00-tour/tasks/solved/pod.yaml', 'utf8');
    expect(compare()).toEqual({ name: 'pod.yaml', state: 'missing', finished: finished.trimEnd().split('\n') });
    writeFileSync(path.join(workspace, 'pod.yaml'), finished);
    expect(compare()).toEqual({ name: 'pod.yaml', state: 'same' });
    writeFileSync(path.join(workspace, 'pod.yaml'), finished.replace('containers:', 'containerz:'));
    const differs = compare();
    expect(differs.state === 'differs' && differs.diff.filter((line) => /^[-+] /.test(line))).toEqual(['-   containerz:', '+   containers:']);
  });
});
