/** `mesh-workshop tools list | install [TOOL…] [--mirror URL]`: the pinned tools, and fetching them verified. */
import { UserError } from '../errors.js';
import { installDownloads, missingDownloads, toolStatuses } from '../cluster/toolchain.js';
import { currentPlatform, downloadsFor, type ToolName } from '../cluster/versions.js';
import type { Flags, GlobalOptions } from './options.js';

function megabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

/** A progress bar on a terminal (redrawn in place); elsewhere just the start and end lines. */
function progressLine(name: string): (received: number, total: number | undefined) => void {
  let last = 0;
  return (received, total) => {
    if (!process.stderr.isTTY) return;
    const now = Date.now();
    if (now - last < 100 && received !== total) return;
    last = now;
    const width = 30;
    const filled = total ? Math.round((received / total) * width) : 0;
    const bar = total ? `[${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${Math.floor((received / total) * 100)}%` : '';
    process.stderr.write(`\r  ${name} ${bar} ${megabytes(received)}${total ? ` of ${megabytes(total)}` : ''}\u001b[K`);
  };
}

export async function toolsCommand(globals: GlobalOptions, flags: Flags, args: string[]): Promise<number> {
  const [action = 'list', ...names] = args;
  const platform = currentPlatform();
  const mirror = flags.mirror ?? process.env.MESH_WORKSHOP_MIRROR;
  if (action === 'list') {
    for (const status of toolStatuses(globals.home, platform)) {
      const where = status.from === 'missing' ? `missing${status.otherOnPath ? ` (${status.otherOnPath.path} is ${status.otherOnPath.version ?? 'an unknown version'})` : ''}; 'mesh-workshop tools install ${status.tool}'` : `${status.using ?? ''} (from ${status.from === 'cache' ? 'the workshop cache' : 'PATH'})`;
      process.stdout.write(`${status.tool.padEnd(20)} ${status.pinned.padEnd(9)} ${where}\n`);
    }
    return 0;
  }
  if (action !== 'install') throw new UserError(`unknown action '${action}'; usage: mesh-workshop tools list | install [TOOL…] [--mirror URL]`);
  const all = downloadsFor(platform);
  const unknown = names.find((name) => !all.some((download) => download.tool === name));
  if (unknown) throw new UserError(`no pinned tool '${unknown}'; the tools are ${all.map((download) => download.tool).join(', ')}`);
  const wanted = names.length > 0 ? all.filter((download) => names.includes(download.tool)) : missingDownloads(globals.home, platform);
  if (wanted.length === 0) {
    process.stdout.write('Every pinned tool is here already (mesh-workshop tools list shows where).\n');
    return 0;
  }
  let onProgress = progressLine('');
  await installDownloads(globals.home, wanted, {
    ...(mirror ? { mirror } : {}),
    onTool: (download) => {
      process.stderr.write(`Fetching ${download.tool} ${download.version} from ${download.url}\n`);
      onProgress = progressLine(download.tool as ToolName);
    },
    onProgress: (received, total) => onProgress(received, total),
  });
  if (process.stderr.isTTY) process.stderr.write('\r\u001b[K');
  process.stdout.write(`Installed and verified (sha256): ${wanted.map((download) => `${download.tool} ${download.version}`).join(', ')}.\n`);
  return 0;
}
