// Tasks from the command line: unattended runs do them with their solutions, the line-by-line run offers
// the TUI's choices, `shell` opens the workshop shell for a lesson, and `reset` clears the workspace.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mw } from '../helpers/cli.js';
import { tempDir } from '../helpers/lessons.js';

const TOUR_SHELL_TASK = ['--from', 'your-turn-shell', '--to', 'your-turn-shell'];

describe('tasks on the command line', () => {
  it('run --yes does a task with its solution, then its checks, and says so', () => {
    const home = tempDir('mw-cli-home-');
    const result = mw(['run', 'tour', '--yes', ...TOUR_SHELL_TASK], { home });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/✓ your-turn-shell .*\n {6}a task: its solution ran unattended, then its checks/);
    expect(readFileSync(path.join(home, 'work', 'tour', 'greeting.txt'), 'utf8')).toBe('hello mesh\n');
    const saved = JSON.parse(readFileSync(path.join(home, 'progress.json'), 'utf8')) as { lessons: { tour: { steps: Record<string, { doneBy?: string }> } } };
    expect(saved.lessons.tour.steps['your-turn-shell']?.doneBy).toBe('unattended');
  });

  it('the line-by-line run checks the learner\'s work, gives hints, then does it for them when asked', () => {
    const home = tempDir('mw-cli-home-');
    // Enter: check (nothing written yet: it fails); h, h: the two hints; h: the solution; f: do it for me.
    const result = mw(['run', 'tour', ...TOUR_SHELL_TASK], { home, input: '\nh\nh\nh\nf\n' });
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/Your turn\. \[Enter\] check · \[s\]hell · \[h\]int · \[f\] do it for me · s\[k\]ip · \[q\]uit: /);
    expect(result.stdout).toMatch(/✗ greeting\.txt says hello mesh/);
    expect(result.stderr).toMatch(/hint 1: `echo` prints a line/);
    expect(result.stderr).toMatch(/hint 2: Type `echo hello mesh > greeting\.txt` in the shell/);
    expect(result.stderr).toMatch(/solution:\n {2}echo hello mesh > greeting\.txt/);
    expect(result.stdout).toMatch(/done with help: the workshop ran the solution when asked/);
  });

  it("the learner's own work passes when it is right: their file is checked, nothing runs for them", () => {
    const home = tempDir('mw-cli-home-');
    mkdirSync(path.join(home, 'work', 'tour'), { recursive: true });
    writeFileSync(path.join(home, 'work', 'tour', 'greeting.txt'), 'hello mesh\n');
    const result = mw(['run', 'tour', ...TOUR_SHELL_TASK], { home, input: '\n' });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/done by the learner/);
  });

  it('the editor path in the line-by-line run: e copies the starter once, the editor runs, the file is read back', () => {
    const home = tempDir('mw-cli-home-');
    const editor = path.join(tempDir('mw-editor-'), 'editor.sh');
    // An editor that fixes the two mistakes the starter has, as a learner would.
    writeFileSync(editor, '#!/bin/sh\nsed -i -e "s/^   labels:/  labels:/" -e "s/containerz:/containers:/" "$1"\n', { mode: 0o755 });
    const result = mw(['run', 'tour', '--from', 'your-turn-editor', '--to', 'your-turn-editor'], { home, input: 'e\n\n', env: { EDITOR: editor, VISUAL: '' } });
    expect(result.stderr).toMatch(/Copied the starter pod\.yaml into .*work\/tour\./);
    expect(result.stderr).toMatch(/pod\.yaml is valid/);
    expect(readFileSync(path.join(home, 'work', 'tour', 'pod.yaml'), 'utf8')).toMatch(/^ {2}labels:$/m);
    expect(result.status).toBe(0);
  });

  it('reset asks before it clears the workspace, and says what it removed', () => {
    const home = tempDir('mw-cli-home-');
    mw(['run', 'tour', '--yes', ...TOUR_SHELL_TASK], { home });
    const workspace = path.join(home, 'work', 'tour');
    const no = mw(['reset', 'tour'], { home, input: 'n\n' });
    expect(no.stderr).toContain(`Forget your progress in 'tour' and your files in ${workspace}? [y/N]`);
    expect(existsSync(path.join(workspace, 'greeting.txt'))).toBe(true);
    const yes = mw(['reset', 'tour'], { home, input: 'y\n' });
    expect(yes.stdout).toBe(`Forgot your progress in 'tour' and your files in ${workspace}.\n`);
    expect(existsSync(workspace)).toBe(false);
  });

  it('shell opens the workshop shell for a lesson from the command line, in its workspace', () => {
    const home = tempDir('mw-cli-home-');
    const learner = tempDir('mw-learner-');
    const result = mw(['shell', 'tour'], { home, input: 'pwd\necho "kc=$KUBECONFIG"\nexit\n', env: { SHELL: '/bin/bash', HOME: learner } });
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/^mesh-workshop shell · lesson tour/m);
    expect(result.stderr).toMatch(/Type exit \(or press Ctrl-D\) to leave/);
    expect(result.stdout).toContain(`${path.join(home, 'work', 'tour')}\n`);
    expect(result.stdout).toContain(`kc=${path.join(home, 'kubeconfig')}`);
    expect(result.stderr).toMatch(/Left the workshop shell \(3 commands typed, kept in .*\.workshop_history\)\./);
    expect(mw(['shell', 'no-such-lesson'], { home }).stderr).toMatch(/no lesson 'no-such-lesson'/);
  });
});

describe('the workshop shell and the workshop kubeconfig', () => {
  it("a learner's own config copied in from the shell is undone when they leave it, and they are told", () => {
    const home = tempDir('mw-cli-home-');
    mkdirSync(path.join(home, 'kubeconfigs'));
    const kind = 'apiVersion: v1\nkind: Config\nclusters:\n- cluster: {server: "https://127.0.0.1:40001"}\n  name: kind-cluster1\ncontexts:\n- context: {cluster: kind-cluster1, user: kind-cluster1}\n  name: kind-cluster1\nusers:\n- name: kind-cluster1\n  user: {token: t}\n';
    writeFileSync(path.join(home, 'kubeconfigs', 'cluster1'), kind);
    writeFileSync(path.join(home, 'kubeconfig'), kind);
    const learner = tempDir('mw-learner-');
    mkdirSync(path.join(learner, '.kube'));
    writeFileSync(path.join(learner, '.kube', 'config'), kind.replaceAll('kind-cluster1', 'prod').replace('127.0.0.1:40001', 'prod.example.com:6443'));
    const result = mw(['shell', 'tour'], { home, input: 'cp ~/.kube/config "$KUBECONFIG"\nexit\n', env: { SHELL: '/bin/bash', HOME: learner } });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`Back from the shell: the workshop kubeconfig (${path.join(home, 'kubeconfig')}) changed: context 'prod' appeared, pointing at https://prod.example.com:6443.`);
    expect(readFileSync(path.join(home, 'kubeconfig'), 'utf8')).toBe(kind);
  });
});
