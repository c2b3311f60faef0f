/** Whether a command-line tool is on this machine's PATH (what `which` answers), without running it. */
import { accessSync, constants } from 'node:fs';
import path from 'node:path';

export function findOnPath(tool: string, searchPath = process.env.PATH ?? ''): string | undefined {
  for (const dir of searchPath.split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, tool);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not here; try the next folder.
    }
  }
  return undefined;
}
