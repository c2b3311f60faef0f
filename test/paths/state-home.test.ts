// The default state directory: XDG on every platform, so its path has no space; a macOS learner's earlier
// folder under ~/Library/Application Support is moved, never left behind unnoticed. The platform and the
// home folder are passed in, so the macOS cases run on any machine.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultHome, legacyHome, stateHome, type HomeSystem } from '../../src/paths.js';
import { BIN } from '../helpers/cli.js';
import { tempDir } from '../helpers/lessons.js';

function system(platform: NodeJS.Platform, env: Record<string, string> = {}, homedir = tempDir('mw-user-')): HomeSystem {
  return { platform, homedir, env };
}

/** What an earlier version left on a Mac: progress, a log, the kubeconfig, a downloaded tool. */
function earlierState(dir: string): void {
  mkdirSync(path.join(dir, 'logs', 'tour'), { recursive: true });
  mkdirSync(path.join(dir, 'cache', 'tools', 'bin'), { recursive: true });
  writeFileSync(path.join(dir, 'progress.json'), '{"format":1,"lessons":{"tour":{}}}\n');
  writeFileSync(path.join(dir, 'logs', 'tour', '01-hello.log'), 'hello\n');
  writeFileSync(path.join(dir, 'kubeconfig'), 'apiVersion: v1\nkind: Config\n');
  writeFileSync(path.join(dir, 'cache', 'tools', 'bin', 'kind'), '#!/bin/sh\n', { mode: 0o755 });
}

function listing(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[]).sort();
}

describe('defaultHome', () => {
  it.each(['linux', 'darwin', 'win32'] as const)('is ~/.local/state/mesh-workshop on %s, macOS included: no space in it', (platform) => {
    const on = system(platform, {}, '/Users/ada');
    expect(defaultHome(on)).toBe('/Users/ada/.local/state/mesh-workshop');
    expect(defaultHome(on)).not.toMatch(/\s/);
  });
  it('follows XDG_STATE_HOME when it is an absolute path, and ignores a relative or empty one (as the XDG spec says)', () => {
    expect(defaultHome(system('darwin', { XDG_STATE_HOME: '/data/state' }, '/Users/ada'))).toBe('/data/state/mesh-workshop');
    expect(defaultHome(system('linux', { XDG_STATE_HOME: 'state' }, '/home/ada'))).toBe('/home/ada/.local/state/mesh-workshop');
    expect(defaultHome(system('linux', { XDG_STATE_HOME: '' }, '/home/ada'))).toBe('/home/ada/.local/state/mesh-workshop');
  });
  it('keeps a space the user chose (in their home folder or XDG_STATE_HOME) as it is', () => {
    expect(defaultHome(system('linux', {}, '/home/Ada Lovelace'))).toBe('/home/Ada Lovelace/.local/state/mesh-workshop');
    expect(defaultHome(system('darwin', { XDG_STATE_HOME: '/Volumes/My Disk/state' }))).toBe('/Volumes/My Disk/state/mesh-workshop');
  });
  it('knows the folder earlier versions used on macOS only', () => {
    expect(legacyHome(system('darwin', {}, '/Users/ada'))).toBe('/Users/ada/Library/Application Support/mesh-workshop');
    expect(legacyHome(system('linux', {}, '/home/ada'))).toBeUndefined();
  });
});

describe('stateHome', () => {
  it('on a fresh machine is the default, says nothing and creates nothing (the commands that write make it)', () => {
    const mac = system('darwin');
    const said: string[] = [];
    expect(stateHome({ system: mac, say: (line) => said.push(line) })).toBe(defaultHome(mac));
    expect(said).toEqual([]);
    expect(readdirSync(mac.homedir)).toEqual([]);
  });

  it("moves a macOS learner's earlier folder whole to the new place, says so once, and uses it", () => {
    const mac = system('darwin');
    const old = legacyHome(mac) ?? '';
    earlierState(old);
    const before = listing(old);
    const said: string[] = [];
    const say = (line: string) => said.push(line);
    expect(stateHome({ system: mac, say })).toBe(path.join(mac.homedir, '.local', 'state', 'mesh-workshop'));
    expect(existsSync(old)).toBe(false);
    expect(listing(defaultHome(mac))).toEqual(before);
    expect(readFileSync(path.join(defaultHome(mac), 'progress.json'), 'utf8')).toBe('{"format":1,"lessons":{"tour":{}}}\n');
    expect(said).toEqual([`moved your progress, logs and tools from ${old} to ${defaultHome(mac)} (a path without spaces, which some of the lessons' tools need).`]);
    // The next run finds it in place and says nothing more.
    expect(stateHome({ system: mac, say })).toBe(defaultHome(mac));
    expect(said).toHaveLength(1);
  });

  it('moves it under XDG_STATE_HOME when that is set', () => {
    const mac = system('darwin', { XDG_STATE_HOME: path.join(tempDir('mw-xdg-'), 'state') });
    earlierState(legacyHome(mac) ?? '');
    expect(stateHome({ system: mac, say: () => undefined })).toBe(path.join(mac.env.XDG_STATE_HOME ?? '', 'mesh-workshop'));
    expect(existsSync(path.join(defaultHome(mac), 'progress.json'))).toBe(true);
  });

  it('when both folders exist, uses the new one, leaves the old one alone and names it on every run', () => {
    const mac = system('darwin');
    const old = legacyHome(mac) ?? '';
    earlierState(old);
    mkdirSync(defaultHome(mac), { recursive: true });
    writeFileSync(path.join(defaultHome(mac), 'progress.json'), '{"format":1,"lessons":{}}\n');
    const said: string[] = [];
    for (let run = 0; run < 2; run++) expect(stateHome({ system: mac, say: (line) => said.push(line) })).toBe(defaultHome(mac));
    expect(said).toEqual(Array(2).fill(`${old} holds progress from an earlier version; this one uses ${defaultHome(mac)}. Remove the old folder once you no longer need it, or pick it with --home.`));
    expect(readFileSync(path.join(old, 'progress.json'), 'utf8')).toContain('tour');
  });

  it('when the move cannot be made, keeps using the old folder, intact, and says why', () => {
    // XDG_STATE_HOME below a plain file: the new place cannot be made (as root, permissions would not stop it).
    const blocker = path.join(tempDir('mw-xdg-'), 'a-file');
    writeFileSync(blocker, '');
    const mac = system('darwin', { XDG_STATE_HOME: path.join(blocker, 'state') });
    const old = legacyHome(mac) ?? '';
    earlierState(old);
    const before = listing(old);
    const said: string[] = [];
    expect(stateHome({ system: mac, say: (line) => said.push(line) })).toBe(old);
    expect(listing(old)).toEqual(before);
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(new RegExp(`^could not move ${old.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} to .*\\(ENOTDIR\\), so it is still used; move it yourself, or set MESH_WORKSHOP_HOME\\.$`));
  });

  it('leaves an Application Support folder alone on other platforms (it was never ours there)', () => {
    const linux = system('linux');
    const folder = path.join(linux.homedir, 'Library', 'Application Support', 'mesh-workshop');
    earlierState(folder);
    expect(stateHome({ system: linux, say: () => { throw new Error('nothing to say'); } })).toBe(defaultHome(linux));
    expect(existsSync(path.join(folder, 'progress.json'))).toBe(true);
  });
});

describe('the state directory the built command uses', () => {
  /** The bin with exactly this environment (no MESH_WORKSHOP_HOME unless given), as a learner starts it. */
  function bare(args: string[], env: Record<string, string>) {
    const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== 'MESH_WORKSHOP_HOME' && name !== 'XDG_STATE_HOME'));
    return spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', input: '', env: { ...inherited, NO_COLOR: '1', ...env }, timeout: 60_000 });
  }

  it('is $XDG_STATE_HOME/mesh-workshop by default; MESH_WORKSHOP_HOME beats it, and --home beats both', () => {
    const user = tempDir('mw-user-');
    const xdg = path.join(user, 'my state');
    const fromEnv = path.join(user, 'env home');
    const fromFlag = path.join(user, 'flag home');
    const progressIn = (dir: string) => existsSync(path.join(dir, 'progress.json'));
    expect(bare(['run', 'tour', '--yes', '--to', 'hello'], { HOME: user, XDG_STATE_HOME: xdg }).status).toBe(0);
    expect(progressIn(path.join(xdg, 'mesh-workshop'))).toBe(true);
    expect(bare(['run', 'tour', '--yes', '--to', 'hello'], { HOME: user, XDG_STATE_HOME: xdg, MESH_WORKSHOP_HOME: fromEnv }).status).toBe(0);
    expect(progressIn(fromEnv)).toBe(true);
    expect(bare(['--home', fromFlag, 'run', 'tour', '--yes', '--to', 'hello'], { HOME: user, XDG_STATE_HOME: xdg, MESH_WORKSHOP_HOME: fromEnv }).status).toBe(0);
    expect(progressIn(fromFlag)).toBe(true);
  });

  it.each([
    ['unset', {}],
    ['set but empty', { MESH_WORKSHOP_HOME: '' }],
  ] as const)('without XDG_STATE_HOME, and MESH_WORKSHOP_HOME %s, is ~/.local/state/mesh-workshop', (_how, env) => {
    const user = tempDir('mw-user-');
    const cwd = tempDir('mw-cwd-');
    const result = spawnSync(process.execPath, [BIN, 'run', 'tour', '--yes', '--to', 'hello'], {
      encoding: 'utf8',
      input: '',
      cwd,
      env: { ...Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== 'MESH_WORKSHOP_HOME' && name !== 'XDG_STATE_HOME')), NO_COLOR: '1', HOME: user, ...env },
      timeout: 60_000,
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(existsSync(path.join(user, '.local', 'state', 'mesh-workshop', 'progress.json'))).toBe(true);
    // An empty variable is not a path: nothing was written where the command ran.
    expect(existsSync(path.join(cwd, 'progress.json'))).toBe(false);
  });
});
