/**
 * The pinned tools on this machine: which copy each step uses (one already on PATH at the pinned version,
 * else the verified download in the cache), and installing the missing ones. The cache's bin folder comes
 * first on every step's PATH.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { UserError } from '../errors.js';
import { writeFileAtomic } from '../files/atomic-file.js';
import { stateFileValue } from '../files/state-file.js';
import { fetchVerified, type FetchOptions } from './download.js';
import { findOnPath } from './tools.js';
import { downloadsFor, throughMirror, type Download, type Platform, type ToolName } from './versions.js';

export function toolsHome(home: string): string {
  return path.join(home, 'cache', 'tools');
}

export function toolsBin(home: string): string {
  return path.join(toolsHome(home), 'bin');
}

/** Where non-program files (the VM's .deb) are kept. */
export function toolsFiles(home: string): string {
  return path.join(toolsHome(home), 'files');
}

/** The unpacked Istio release (samples/, tools/certs/, manifests/): ISTIO_DIR for steps. */
export function istioRelease(home: string, version: string): string {
  return path.join(toolsHome(home), `istio-${version}`);
}

/** Versions of what the cache holds, written after each verified install. */
function installedFile(home: string): string {
  return path.join(toolsHome(home), 'installed.json');
}

function installed(home: string): Record<string, string> {
  return stateFileValue(installedFile(home), installedShape, 'tools record', {}, "'mesh-workshop tools install' fetches and verifies the tools again.");
}

/** installed.json: each tool's installed version. */
function installedShape(data: unknown): { value: Record<string, string> } | { problem: string } {
  if (typeof data !== 'object' || data === null || Array.isArray(data) || Object.values(data).some((version) => typeof version !== 'string')) return { problem: 'not a map of tools to versions' };
  return { value: data as Record<string, string> };
}

/** PATH for steps: the cache's tools first. */
export function stepPath(home: string, current = process.env.PATH ?? ''): string {
  // Commands set the process PATH with this too, and steps then build theirs from it: keep one copy.
  const rest = current.split(path.delimiter).filter((dir) => dir && dir !== toolsBin(home));
  return [toolsBin(home), ...rest].join(path.delimiter);
}

/** What a program prints for its version, or undefined when it cannot say. */
export function versionOf(program: string, download: Download): string | undefined {
  if (!download.versionArgs || !download.versionPattern) return undefined;
  try {
    const output = execFileSync(program, download.versionArgs, { encoding: 'utf8', timeout: 10_000, stdio: ['ignore', 'pipe', 'pipe'] });
    return download.versionPattern.exec(output.trim())?.[1];
  } catch {
    return undefined;
  }
}

export interface ToolStatus {
  tool: ToolName;
  pinned: string;
  /** Where the copy steps use lives, or undefined when there is none yet. */
  using?: string;
  from: 'cache' | 'path' | 'missing';
  /** A copy on PATH that is not the pinned version (so the cache's is used instead). */
  otherOnPath?: { path: string; version: string | undefined };
}

export function toolStatuses(home: string, platform: Platform, searchPath = process.env.PATH ?? '', probe = versionOf): ToolStatus[] {
  const have = installed(home);
  return downloadsFor(platform).map((download) => {
    const base = { tool: download.tool, pinned: download.version };
    if (download.unpack === 'file' || download.unpack === 'tree') {
      const kept = download.unpack === 'tree' ? istioRelease(home, download.version) : path.join(toolsFiles(home), download.file);
      return existsSync(kept) && have[download.tool] === download.version ? { ...base, using: kept, from: 'cache' as const } : { ...base, from: 'missing' as const };
    }
    const cached = path.join(toolsBin(home), download.tool);
    if (existsSync(cached) && have[download.tool] === download.version) return { ...base, using: cached, from: 'cache' as const };
    const onPath = findOnPath(download.tool, searchPath);
    if (onPath) {
      const version = probe(onPath, download);
      if (version === download.version) return { ...base, using: onPath, from: 'path' as const };
      return { ...base, from: 'missing' as const, otherOnPath: { path: onPath, version } };
    }
    return { ...base, from: 'missing' as const };
  });
}

/** The pinned downloads not yet here (neither in the cache nor on PATH at the pinned version). */
export function missingDownloads(home: string, platform: Platform): Download[] {
  const statuses = toolStatuses(home, platform);
  return downloadsFor(platform).filter((download) => statuses.find((status) => status.tool === download.tool)?.from === 'missing');
}

/** Takes the program out of a verified download and puts it in the cache's bin folder. */
function unpack(download: Download, file: string, home: string): string {
  if (download.unpack === 'file') {
    mkdirSync(toolsFiles(home), { recursive: true });
    const kept = path.join(toolsFiles(home), download.file);
    renameSync(file, kept);
    return kept;
  }
  if (download.unpack === 'tree') {
    // The archive holds one folder (istio-<version>/); it replaces any earlier copy whole.
    const scratch = mkdtempSync(path.join(toolsHome(home), 'unpack-'));
    try {
      execFileSync('tar', ['-xzf', file, '-C', scratch], { stdio: ['ignore', 'ignore', 'pipe'] });
      const [top] = readdirSync(scratch);
      if (!top) throw new UserError(`${download.file} is empty; it was verified, so the release itself differs from what the workshop expects`);
      const target = istioRelease(home, download.version);
      rmSync(target, { recursive: true, force: true });
      renameSync(path.join(scratch, top), target);
      rmSync(file, { force: true });
      return target;
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  }
  const bin = toolsBin(home);
  mkdirSync(bin, { recursive: true });
  const target = path.join(bin, download.tool);
  if (download.unpack === 'binary') {
    copyFileSync(file, `${target}.new`);
  } else {
    const scratch = mkdtempSync(path.join(toolsHome(home), 'unpack-'));
    try {
      execFileSync('tar', ['-xzf', file, '-C', scratch], { stdio: ['ignore', 'ignore', 'pipe'] });
      const found = findMember(scratch, download.member ?? download.tool);
      if (!found) throw new UserError(`${download.file} has no ${download.member ?? download.tool} inside; it was verified, so the release itself differs from what the workshop expects`);
      copyFileSync(found, `${target}.new`);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  }
  chmodSync(`${target}.new`, 0o755);
  renameSync(`${target}.new`, target);
  rmSync(file, { force: true });
  return target;
}

function findMember(dir: string, name: string): string | undefined {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isFile() && entry.name === name) return full;
    if (entry.isDirectory()) {
      const inner = findMember(full, name);
      if (inner) return inner;
    }
  }
  return undefined;
}

export interface InstallOptions extends FetchOptions {
  mirror?: string;
  /** Called as each tool starts, for a progress line. */
  onTool?(download: Download): void;
}

/** Installs each given download (verified) into the cache; returns where each went. */
export async function installDownloads(home: string, downloads: readonly Download[], options: InstallOptions = {}): Promise<string[]> {
  const placed: string[] = [];
  for (const original of downloads) {
    const download = throughMirror(original, options.mirror);
    options.onTool?.(download);
    const file = await fetchVerified(download, path.join(toolsHome(home), 'downloads'), options);
    placed.push(unpack(download, file, home));
    writeFileAtomic(installedFile(home), `${JSON.stringify({ ...installed(home), [download.tool]: download.version }, null, 2)}\n`);
  }
  return placed;
}
