/** Where the workshop keeps its files: the bundled lessons, and the learner's state directory. */
import { existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The lessons shipped in the package (`lessons/` beside `dist/` or `src/`). */
export function defaultLessonsDir(): string {
  return fileURLToPath(new URL('../lessons/', import.meta.url));
}

/** Files shipped beside the code: kind configs, diagrams (`assets/` beside `dist/` or `src/`). */
export function defaultAssetsDir(): string {
  return fileURLToPath(new URL('../assets/', import.meta.url));
}

/**
 * The workshop's own command (`bin/mesh-workshop.js`, executable), for steps and the workshop shell as
 * $MESH_WORKSHOP: a task's check can run `"$MESH_WORKSHOP" validate FILE` with the validator the editor uses.
 */
export function workshopCommand(): string {
  return fileURLToPath(new URL('../bin/mesh-workshop.js', import.meta.url));
}

/** What the default state directory depends on; tests pass their own (a macOS layout on any machine). */
export interface HomeSystem {
  platform: NodeJS.Platform;
  homedir: string;
  env: Readonly<Record<string, string | undefined>>;
}

function thisSystem(): HomeSystem {
  return { platform: process.platform, homedir: os.homedir(), env: process.env };
}

/**
 * The state directory (progress, logs, the workshop kubeconfig, downloaded tools) by default:
 * `$XDG_STATE_HOME/mesh-workshop`, else `~/.local/state/mesh-workshop`, on every platform, macOS included
 * (kubectl, gh and kind keep theirs in dot folders there too). So the default path has no space in it:
 * tools the lessons run split paths on spaces (GNU make's MAKEFILE_LIST). A home folder or an
 * XDG_STATE_HOME with a space is the user's own choice, and works (as does `--home` with one).
 */
export function defaultHome(system: HomeSystem = thisSystem()): string {
  const xdg = system.env.XDG_STATE_HOME;
  // The XDG base directory spec: a relative path in these variables is invalid and ignored.
  const stateHome = xdg && path.isAbsolute(xdg) ? xdg : path.join(system.homedir, '.local', 'state');
  return path.join(stateHome, 'mesh-workshop');
}

/** Where earlier versions kept the state directory on macOS (a path with a space). */
export function legacyHome(system: HomeSystem = thisSystem()): string | undefined {
  return system.platform === 'darwin' ? path.join(system.homedir, 'Library', 'Application Support', 'mesh-workshop') : undefined;
}

function isDirectory(file: string): boolean {
  try {
    return statSync(file).isDirectory();
  } catch {
    return false;
  }
}

export interface StateHomeOptions {
  system?: HomeSystem;
  /** One line for the learner (the command line writes it to stderr). */
  say?(line: string): void;
}

/**
 * The state directory when neither `--home` nor MESH_WORKSHOP_HOME names one: `defaultHome()`, after
 * bringing along what an earlier version kept elsewhere. A macOS learner's progress, captured values,
 * logs, kubeconfig and tools under `~/Library/Application Support/mesh-workshop` are moved to the new
 * place with one rename (atomic: all of it is in one place or the other, never half), and the learner is
 * told, once, since the old folder is gone afterwards. Nothing in the folder records its own path, so it
 * works unchanged where it lands. Progress is never silently set aside: when the move cannot be made
 * (another disk, no permission) the old folder stays in use, and when both folders exist the new one is
 * used; either way every run says so, until the learner resolves it.
 */
export function stateHome(options: StateHomeOptions = {}): string {
  const system = options.system ?? thisSystem();
  const say = options.say ?? ((line: string) => process.stderr.write(`mesh-workshop: ${line}\n`));
  const home = defaultHome(system);
  const legacy = legacyHome(system);
  if (legacy === undefined || legacy === home || !isDirectory(legacy)) return home;
  if (existsSync(home)) {
    say(`${legacy} holds progress from an earlier version; this one uses ${home}. Remove the old folder once you no longer need it, or pick it with --home.`);
    return home;
  }
  try {
    // XDG: the state folders are the user's own (0700) when we make them.
    mkdirSync(path.dirname(home), { recursive: true, mode: 0o700 });
    renameSync(legacy, home);
  } catch (error) {
    // Another run of the workshop, started at the same moment, moved it first.
    if (!existsSync(legacy) && existsSync(home)) return home;
    const code = (error as NodeJS.ErrnoException).code;
    say(`could not move ${legacy} to ${home} (${code ?? (error as Error).message}), so it is still used; move it yourself, or set MESH_WORKSHOP_HOME.`);
    return legacy;
  }
  say(`moved your progress, logs and tools from ${legacy} to ${home} (a path without spaces, which some of the lessons' tools need).`);
  return home;
}
