// `mesh-workshop tools list | install kubectl` through the built bin, against a loopback mirror (a room's flat folder).
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { toolsBin } from '../../src/cluster/toolchain.js';
import { findOnPath } from '../../src/cluster/tools.js';
import { BIN, type CliResult } from '../helpers/cli.js';
import { serverPerTest, sha256 } from '../helpers/file-server.js';
import { tempDir } from '../helpers/lessons.js';

/** Like helpers/cli's mw, but without blocking this process: the file currentServer() here must answer while the bin runs. */
function mwAsync(args: string[], home: string, env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, MESH_WORKSHOP_HOME: home, NO_COLOR: '1', MESH_WORKSHOP_MIRROR: '', ...env } }, (error, stdout, stderr) => {
      resolve({ status: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr });
    });
  });
}

const currentServer = serverPerTest();

/** The line `tools list` prints for kubectl. */
const kubectlLine = (stdout: string): string | undefined => stdout.split('\n').find((line) => line.startsWith('kubectl '));

describe('mesh-workshop tools (built bin)', () => {
  it('list names the pinned kubectl, and the learner\'s other kubectl it will not use', async () => {
    const real = findOnPath('kubectl');
    if (!real) throw new Error('this test needs the real kubectl on PATH');
    const { status, stdout } = await mwAsync(['tools', 'list'], tempDir('mw-cli-home-'));
    expect(status).toBe(0);
    expect(stdout.split('\n').map((line) => line.split(' ')[0]).filter(Boolean)).toEqual(['kind', 'istioctl', 'kubectl', 'istio-release', 'cloud-provider-kind', 'istio-sidecar.deb']);
    expect(kubectlLine(stdout)).toMatch(new RegExp(`^kubectl +v1\\.36\\.4 +missing \\(${real.replace(/\./g, '\\.')} is v1\\.\\d+\\.\\d+\\S*\\); 'mesh-workshop tools install kubectl'$`));
  });

  it('install kubectl fetches it from the mirror, verified, and list then names the workshop cache\'s copy', async () => {
    const home = tempDir('mw-cli-home-');
    const real = findOnPath('kubectl');
    if (!real) throw new Error('this test needs the real kubectl on PATH');
    // The real kubectl's bytes stand in for the release's: what is tested is fetching and verifying them.
    const bytes = readFileSync(real);
    const file = `kubectl-v1.36.4-${process.platform === 'darwin' ? 'darwin' : 'linux'}-${process.arch === 'arm64' ? 'arm64' : 'amd64'}`;
    currentServer().set(`/room/${file}`, bytes);
    currentServer().set(`/room/${file}.sha256`, sha256(bytes));
    const installed = await mwAsync(['tools', 'install', 'kubectl', '--mirror', `${currentServer().url}/room/`], home);
    expect(installed.stderr).toBe(`Fetching kubectl v1.36.4 from ${currentServer().url}/room/${file}\n`);
    expect(installed.stdout).toBe('Installed and verified (sha256): kubectl v1.36.4.\n');
    expect(installed.status).toBe(0);
    expect(currentServer().requests).toEqual([`/room/${file}.sha256`, `/room/${file}`]);
    const placed = path.join(toolsBin(home), 'kubectl');
    expect(sha256(readFileSync(placed))).toBe(sha256(bytes));
    const listed = await mwAsync(['tools', 'list'], home);
    expect(kubectlLine(listed.stdout)).toMatch(new RegExp(`^kubectl +v1\\.36\\.4 +${placed.replace(/[.\\]/g, '\\$&')} \\(from the workshop cache\\)$`));
  });

  it('install refuses a kubectl whose checksum does not match, and installs nothing', async () => {
    const home = tempDir('mw-cli-home-');
    const bytes = Buffer.from('#!/bin/sh\necho not the kubectl you pinned\n');
    const file = `kubectl-v1.36.4-${process.platform === 'darwin' ? 'darwin' : 'linux'}-${process.arch === 'arm64' ? 'arm64' : 'amd64'}`;
    currentServer().set(`/room/${file}`, bytes);
    currentServer().set(`/room/${file}.sha256`, `${'0'.repeat(64)}  ${file}\n`);
    const { status, stderr } = await mwAsync(['tools', 'install', 'kubectl'], home, { MESH_WORKSHOP_MIRROR: `${currentServer().url}/room` });
    expect(status).toBe(2);
    expect(stderr).toContain(`mesh-workshop: checksum mismatch for ${file} from ${currentServer().url}/room/${file}: expected sha256 ${'0'.repeat(64)}`);
    expect(findOnPath('kubectl', toolsBin(home))).toBeUndefined();
  });

  it('an unknown tool is named with the pinned ones, kubectl among them', async () => {
    const { status, stderr } = await mwAsync(['tools', 'install', 'kubctl'], tempDir('mw-cli-home-'));
    expect(stderr).toBe("mesh-workshop: no pinned tool 'kubctl'; the tools are kind, istioctl, kubectl, istio-release, cloud-provider-kind, istio-sidecar.deb\n");
    expect(status).toBe(2);
  });
});
