/** Where the workshop keeps its files: the bundled lessons, and the learner's state directory. */
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

/** The state directory: progress, logs, the workshop kubeconfig. XDG on Linux, Application Support on macOS. */
export function defaultHome(): string {
  if (process.platform === 'darwin') return path.join(os.homedir(), 'Library', 'Application Support', 'mesh-workshop');
  const stateHome = process.env.XDG_STATE_HOME || path.join(os.homedir(), '.local', 'state');
  return path.join(stateHome, 'mesh-workshop');
}
