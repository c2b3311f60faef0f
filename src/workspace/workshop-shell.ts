/**
 * The workshop shell: the learner's own $SHELL (bash when unset), started in the lesson's workspace with
 * everything a step gets (the workshop kubeconfig, the pinned tools first on PATH, the role contexts,
 * captured values) and a prompt naming the lesson and the task. Only the launch is prepared here; who hands
 * the terminal over (the TUI, the line-by-line run, `mesh-workshop shell`) runs it.
 *
 * The learner's rc file runs first, so their aliases and completion work; the workshop's values are set
 * again after it, since an rc file that exports KUBECONFIG or puts another kubectl first on PATH would
 * otherwise point the shell at other clusters or other tools.
 */
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { plainText } from '../terminal-text.js';

export interface ShellRequest {
  /** The environment a step of this lesson gets (buildEnvironment). */
  env: Readonly<Record<string, string>>;
  workspace: string;
  /** A folder for the shell's start-up files (the lesson's scratch folder). */
  scratch: string;
  lessonId: string;
  /** The task the learner is on, for the prompt and the banner. */
  taskTitle?: string;
  /** Names of the values captured by earlier steps, for the banner. */
  captured?: readonly string[];
  /** The learner's $SHELL (default: the environment's SHELL, else bash). */
  shell?: string;
  /** Opened from the command line (`mesh-workshop shell`) rather than from the workshop's screen. */
  fromCommandLine?: boolean;
}

export interface ShellLaunch {
  command: string;
  args: string[];
  env: Record<string, string>;
  cwd: string;
  /** Printed before the shell starts: what is set, and how to come back. */
  banner: string;
  /** Where the shell keeps what the learner types; its size now marks where this visit begins. */
  historyFile: string;
  historyStart: number;
}

/** Variables the workshop owns in the shell: set again after the learner's rc file. */
const WORKSHOP_VARIABLE = /^(KUBECONFIG|MESH_WORKSHOP|MESH_WORKSHOP_HOME|LESSON_DIR|LESSON_TMP|WORKSPACE|ISTIO_DIR|ISTIO_SIDECAR_DEB|ISTIO_VERSION|CTX_[A-Z0-9_]+|API_SERVER_[A-Z0-9_]+)$/;

export const HISTORY_FILE = '.workshop_history';

/** A value as one single-quoted word for bash and zsh. */
function quoted(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** The first PATH entries the workshop put there (the pinned tools), to put first again after the rc file. */
function workshopPathEntries(env: Readonly<Record<string, string>>): string[] {
  const inherited = new Set((process.env.PATH ?? '').split(path.delimiter));
  return (env.PATH ?? '').split(path.delimiter).filter((entry) => entry !== '' && !inherited.has(entry));
}

function exportsFor(request: ShellRequest, names: readonly string[]): string[] {
  const lines = names.map((name) => `export ${name}=${quoted(request.env[name] ?? '')}`);
  const first = workshopPathEntries(request.env);
  if (first.length > 0) lines.push(`export PATH=${quoted(first.join(path.delimiter))}:"$PATH"`);
  return lines;
}

function promptLabel(request: ShellRequest): string {
  // Shown on every prompt: kept short, and free of anything the shell would expand.
  const task = request.taskTitle ? ` · ${request.taskTitle.length > 32 ? `${request.taskTitle.slice(0, 31)}…` : request.taskTitle}` : '';
  return `mesh-workshop ${request.lessonId}${task}`.replace(/[\\$`%!]/g, '');
}

function shellKind(shell: string): 'bash' | 'zsh' | 'other' {
  const name = path.basename(shell);
  return name === 'bash' ? 'bash' : name === 'zsh' ? 'zsh' : 'other';
}

export function workshopShell(request: ShellRequest): ShellLaunch {
  const shell = request.shell ?? (request.env.SHELL || 'bash');
  const kind = shellKind(shell);
  const historyFile = path.join(request.workspace, HISTORY_FILE);
  mkdirSync(request.workspace, { recursive: true });
  mkdirSync(request.scratch, { recursive: true });
  const owned = Object.keys(request.env).filter((name) => WORKSHOP_VARIABLE.test(name) || request.captured?.includes(name)).sort();
  const label = promptLabel(request);
  const env: Record<string, string> = { ...request.env, HISTFILE: historyFile, MESH_WORKSHOP_SHELL: request.lessonId };
  let args: string[];
  if (kind === 'bash') {
    const rc = path.join(request.scratch, 'workshop-shell.bashrc');
    writeFileSync(
      rc,
      [
        '# Written by mesh-workshop for its workshop shell: your ~/.bashrc, then the workshop\'s values again.',
        '[ -f ~/.bashrc ] && . ~/.bashrc',
        ...exportsFor(request, owned),
        `HISTFILE=${quoted(historyFile)}`,
        'HISTTIMEFORMAT="${HISTTIMEFORMAT:-%F %T }"',
        // Appended after every command, so the workshop can show what was typed even if the shell is killed.
        'PROMPT_COMMAND="history -a${PROMPT_COMMAND:+; $PROMPT_COMMAND}"',
        `PS1=${quoted(`(${label}) \\W \\$ `)}`,
        '',
      ].join('\n'),
    );
    args = ['--rcfile', rc, '-i'];
  } else if (kind === 'zsh') {
    const dir = path.join(request.scratch, 'zsh');
    mkdirSync(dir, { recursive: true });
    const own = request.env.ZDOTDIR || request.env.HOME || '';
    writeFileSync(
      path.join(dir, '.zshrc'),
      [
        '# Written by mesh-workshop for its workshop shell: your .zshrc, then the workshop\'s values again.',
        `[ -f ${quoted(path.join(own, '.zshrc'))} ] && ZDOTDIR=${quoted(own)} . ${quoted(path.join(own, '.zshrc'))}`,
        ...exportsFor(request, owned),
        `HISTFILE=${quoted(historyFile)}`,
        'setopt INC_APPEND_HISTORY EXTENDED_HISTORY',
        `PROMPT=${quoted(`(${label}) %1~ %# `)}`,
        '',
      ].join('\n'),
    );
    env.ZDOTDIR = dir;
    args = ['-i'];
  } else {
    env.PS1 = `(${label}) $ `;
    args = ['-i'];
  }
  return { command: shell, args, env, cwd: request.workspace, banner: shellBanner(request, kind), historyFile, historyStart: fileSize(historyFile) };
}

function fileSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

function shellBanner(request: ShellRequest, kind: 'bash' | 'zsh' | 'other'): string {
  const contexts = Object.keys(request.env).filter((name) => /^CTX_/.test(name)).sort();
  const captured = request.captured?.filter((name) => request.env[name] !== undefined) ?? [];
  return [
    `mesh-workshop shell · lesson ${request.lessonId}${request.taskTitle ? ` · task: ${request.taskTitle}` : ''}`,
    `  in ${request.workspace} ($WORKSPACE: your files for this lesson)`,
    `  KUBECONFIG is the workshop's own (${request.env.KUBECONFIG ?? '?'}): your ~/.kube/config is not used`,
    `  the pinned kubectl, istioctl and kind come first on PATH${contexts.length > 0 ? `; contexts: ${contexts.map((name) => `$${name}`).join(' ')}` : ''}`,
    ...(captured.length > 0 ? [`  values from earlier steps: ${captured.map((name) => `$${name}`).join(' ')}`] : []),
    ...(kind === 'other' ? [`  (${path.basename(request.shell ?? request.env.SHELL ?? '')}: the prompt and history may not be set; bash and zsh get them)`] : []),
    request.fromCommandLine
      ? `  Type exit (or press Ctrl-D) to leave${request.taskTitle ? '; press Enter in the workshop to check the task' : ''}.`
      : `  Type exit (or press Ctrl-D) to go back${request.taskTitle ? ': the workshop then checks the task' : ''}.`,
  ]
    .map(plainText)
    .join('\n');
}

/**
 * The commands typed since `start` (a byte offset in the history file), oldest first: bash's file with
 * `#<epoch>` stamp lines, zsh's extended `: <epoch>:<elapsed>;command`, or plain lines.
 */
export function commandsTypedSince(text: string, start: number): string[] {
  const added = Buffer.from(text, 'utf8').subarray(start).toString('utf8');
  const commands: string[] = [];
  for (const line of added.split('\n')) {
    if (line.trim() === '' || /^#\d+$/.test(line)) continue;
    const zsh = /^: \d+:\d+;(.*)$/.exec(line);
    commands.push(plainText(zsh ? (zsh[1] ?? '') : line));
  }
  return commands;
}
