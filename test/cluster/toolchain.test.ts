// Pinned tool downloads against a loopback server: a generated archive and its published checksum.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectedChecksum } from '../../src/cluster/download.js';
import { installDownloads, stepPath, toolsBin, toolsHome, toolStatuses } from '../../src/cluster/toolchain.js';
import { findOnPath } from '../../src/cluster/tools.js';
import { downloadsFor, PINNED, throughMirror, type Download, type Platform } from '../../src/cluster/versions.js';
import { serverPerTest, sha256 } from '../helpers/file-server.js';
import { tempDir } from '../helpers/lessons.js';

const VERSION = '1.31.1';
const FILE = `istioctl-${VERSION}-linux-amd64.tar.gz`;

/** A real tar.gz holding an `istioctl` that prints the pinned version, as the release's does. */
function istioctlArchive(): Buffer {
  const dir = tempDir('mw-archive-');
  writeFileSync(path.join(dir, 'istioctl'), `#!/bin/sh\necho "client version: ${VERSION}"\n`, { mode: 0o755 });
  execFileSync('tar', ['-czf', path.join(dir, FILE), '-C', dir, 'istioctl']);
  return readFileSync(path.join(dir, FILE));
}

const currentServer = serverPerTest();

function istioctlDownload(base: string): Download {
  const pinned = downloadsFor({ os: 'linux', arch: 'amd64' }).find((download) => download.tool === 'istioctl');
  if (!pinned) throw new Error('istioctl is not pinned');
  return { ...pinned, url: `${base}/release/${FILE}`, checksumUrl: `${base}/release/${FILE}.sha256` };
}

function serveRelease(archive: Buffer, behaviour: 'ok' | 'truncate' | 'stall' = 'ok', checksumOf = archive): void {
  currentServer().set(`/release/${FILE}`, archive, behaviour);
  // release-builder's format: "<hex> <filename>\n", one space.
  currentServer().set(`/release/${FILE}.sha256`, `${sha256(checksumOf)} ${FILE}\n`);
}

function kubectlFor(platform: Platform): Download {
  const pinned = downloadsFor(platform).find((download) => download.tool === 'kubectl');
  if (!pinned) throw new Error('kubectl is not pinned');
  return pinned;
}

/** This machine's real kubectl (its bytes stand in for the pinned release's: the test is the fetching, not the version). */
function realKubectl(): { path: string; bytes: Buffer; version: string } {
  const found = findOnPath('kubectl');
  if (!found) throw new Error('these tests need the real kubectl on PATH');
  const version = (JSON.parse(execFileSync(found, ['version', '--client', '-o', 'json'], { encoding: 'utf8' })) as { clientVersion: { gitVersion: string } }).clientVersion.gitVersion;
  return { path: found, bytes: readFileSync(found), version };
}

const leftovers = (home: string): string[] => (existsSync(path.join(toolsHome(home), 'downloads')) ? readdirSync(path.join(toolsHome(home), 'downloads')) : []);

describe('installing a pinned tool', () => {
  it('downloads, verifies, unpacks, and steps then find it first on PATH', async () => {
    const home = tempDir('mw-home-');
    const archive = istioctlArchive();
    serveRelease(archive);
    const seen: number[] = [];
    const [placed] = await installDownloads(home, [istioctlDownload(currentServer().url)], { onProgress: (received) => seen.push(received) });
    expect(placed).toBe(path.join(toolsBin(home), 'istioctl'));
    expect(execFileSync(placed ?? '', ['version'], { encoding: 'utf8' })).toBe(`client version: ${VERSION}\n`);
    expect(seen.at(-1)).toBe(archive.length);
    expect(leftovers(home)).toEqual([]);
    expect(stepPath(home, '/usr/bin').split(':')).toEqual([toolsBin(home), '/usr/bin']);
    const status = toolStatuses(home, { os: 'linux', arch: 'amd64' }, '/nonexistent').find((tool) => tool.tool === 'istioctl');
    expect(status).toMatchObject({ from: 'cache', using: placed });
  });

  it('stops on a checksum mismatch, names both sums, and removes the partial file', async () => {
    const home = tempDir('mw-home-');
    const archive = istioctlArchive();
    const corrupt = Buffer.from(archive);
    corrupt[corrupt.length - 10] = (corrupt[corrupt.length - 10] ?? 0) ^ 0xff;
    serveRelease(corrupt, 'ok', archive);
    await expect(installDownloads(home, [istioctlDownload(currentServer().url)])).rejects.toThrow(
      new RegExp(`^checksum mismatch for ${FILE.replace(/\./g, '\\.')} from http://127\\.0\\.0\\.1:\\d+/release/.*: expected sha256 ${sha256(archive)} \\(from .*\\.sha256\\), got ${sha256(corrupt)}\\. The file was removed; nothing was installed\\.$`),
    );
    expect(leftovers(home)).toEqual([]);
    expect(existsSync(path.join(toolsBin(home), 'istioctl'))).toBe(false);
  });

  it('says when the connection is cut part way, and keeps nothing', async () => {
    const home = tempDir('mw-home-');
    const archive = istioctlArchive();
    serveRelease(archive, 'truncate');
    await expect(installDownloads(home, [istioctlDownload(currentServer().url)])).rejects.toThrow(new RegExp(`^the download of ${FILE.replace(/\./g, '\\.')} from .* ended early, after \\d+ of ${archive.length} bytes; try again$`));
    expect(leftovers(home)).toEqual([]);
  });

  it('says when the file is not there (404)', async () => {
    const home = tempDir('mw-home-');
    currentServer().set(`/release/${FILE}.sha256`, `${'0'.repeat(64)} ${FILE}\n`);
    await expect(installDownloads(home, [istioctlDownload(currentServer().url)])).rejects.toThrow(/\/release\/istioctl-1\.31\.1-linux-amd64\.tar\.gz answered HTTP 404 \(not found: is the version right, or does the mirror lack this file\?\)$/);
    expect(leftovers(home)).toEqual([]);
  });

  it('gives up on a download that stalls, instead of hanging', async () => {
    const home = tempDir('mw-home-');
    serveRelease(istioctlArchive(), 'stall');
    const started = Date.now();
    await expect(installDownloads(home, [istioctlDownload(currentServer().url)], { stallMs: 400 })).rejects.toThrow(/^no data from http:\/\/127\.0\.0\.1:\d+\/release\/.* for 0.4 s; the download was stopped/);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(leftovers(home)).toEqual([]);
  });

  it('fetches everything from a mirror when one is set, never from the release site', async () => {
    const home = tempDir('mw-home-');
    const archive = istioctlArchive();
    currentServer().set(`/room-cache/${FILE}`, archive);
    currentServer().set(`/room-cache/${FILE}.sha256`, `${sha256(archive)} ${FILE}\n`);
    // The original address is a closed port: any request there would fail the install.
    const [placed] = await installDownloads(home, [istioctlDownload('http://127.0.0.1:1')], { mirror: `${currentServer().url}/room-cache/` });
    expect(existsSync(placed ?? '')).toBe(true);
    expect(currentServer().requests).toEqual([`/room-cache/${FILE}.sha256`, `/room-cache/${FILE}`]);
  });
});

describe('the pinned kubectl', () => {
  const LINUX: Platform = { os: 'linux', arch: 'amd64' };
  /** The pinned download, from the local currentServer() at dl.k8s.io's own layout: `/release/<version>/bin/<os>/<arch>/kubectl`. */
  const fromServer = (): Download => {
    const pinned = kubectlFor(LINUX);
    return { ...pinned, url: pinned.url.replace('https://dl.k8s.io', currentServer().url), checksumUrl: pinned.checksumUrl.replace('https://dl.k8s.io', currentServer().url) };
  };
  const UPSTREAM = '/release/v1.36.4/bin/linux/amd64';

  it('is fetched, verified against its bare-hash kubectl.sha256, installed, and is the kubectl steps run', async () => {
    const home = tempDir('mw-home-');
    const kubectl = realKubectl();
    currentServer().set(`${UPSTREAM}/kubectl`, kubectl.bytes);
    // dl.k8s.io publishes the hash alone, with no file name and no newline.
    currentServer().set(`${UPSTREAM}/kubectl.sha256`, sha256(kubectl.bytes));
    const [placed] = await installDownloads(home, [fromServer()]);
    expect(currentServer().requests).toEqual([`${UPSTREAM}/kubectl.sha256`, `${UPSTREAM}/kubectl`]);
    expect(placed).toBe(path.join(toolsBin(home), 'kubectl'));
    expect(sha256(readFileSync(placed ?? ''))).toBe(sha256(kubectl.bytes));
    expect(leftovers(home)).toEqual([]);
    // First on every step's PATH, ahead of the learner's own kubectl, and it runs.
    expect(findOnPath('kubectl', stepPath(home, path.dirname(kubectl.path)))).toBe(placed);
    expect(execFileSync(placed ?? '', ['version', '--client', '-o', 'json'], { encoding: 'utf8' })).toContain(`"gitVersion": "${kubectl.version}"`);
    expect(toolStatuses(home, LINUX, path.dirname(kubectl.path)).find((tool) => tool.tool === 'kubectl')).toMatchObject({ from: 'cache', using: placed, pinned: 'v1.36.4' });
  });

  it('is refused on a checksum mismatch: nothing installed, nothing left, the learner\'s kubectl still the one found', async () => {
    const home = tempDir('mw-home-');
    const kubectl = realKubectl();
    const other = sha256(Buffer.from('another build of kubectl'));
    currentServer().set(`${UPSTREAM}/kubectl`, kubectl.bytes);
    currentServer().set(`${UPSTREAM}/kubectl.sha256`, other);
    await expect(installDownloads(home, [fromServer()])).rejects.toThrow(
      new RegExp(`^checksum mismatch for kubectl-v1\\.36\\.4-linux-amd64 from http://127\\.0\\.0\\.1:\\d+${UPSTREAM}/kubectl: expected sha256 ${other} \\(from http://127\\.0\\.0\\.1:\\d+${UPSTREAM}/kubectl\\.sha256\\), got ${sha256(kubectl.bytes)}\\. The file was removed; nothing was installed\\.$`),
    );
    expect(leftovers(home)).toEqual([]);
    expect(existsSync(path.join(toolsBin(home), 'kubectl'))).toBe(false);
    expect(findOnPath('kubectl', stepPath(home, path.dirname(kubectl.path)))).toBe(kubectl.path);
  });

  it('comes from a mirror under its mirror-safe name, never from dl.k8s.io', async () => {
    const home = tempDir('mw-home-');
    const kubectl = realKubectl();
    currentServer().set('/room-cache/kubectl-v1.36.4-linux-amd64', kubectl.bytes);
    currentServer().set('/room-cache/kubectl-v1.36.4-linux-amd64.sha256', `${sha256(kubectl.bytes)}  kubectl-v1.36.4-linux-amd64\n`);
    // The pinned download as it is: its dl.k8s.io address is never asked.
    const [placed] = await installDownloads(home, [kubectlFor(LINUX)], { mirror: `${currentServer().url}/room-cache` });
    expect(currentServer().requests).toEqual(['/room-cache/kubectl-v1.36.4-linux-amd64.sha256', '/room-cache/kubectl-v1.36.4-linux-amd64']);
    expect(placed).toBe(path.join(toolsBin(home), 'kubectl'));
  });

  it('a kubectl on PATH counts as the pinned one only at the pinned version (the real one here is another)', () => {
    const home = tempDir('mw-home-');
    const kubectl = realKubectl();
    const status = toolStatuses(home, LINUX, path.dirname(kubectl.path)).find((tool) => tool.tool === 'kubectl');
    expect(kubectl.version).not.toBe(PINNED.kubectl);
    expect(status).toMatchObject({ from: 'missing', otherOnPath: { path: kubectl.path, version: kubectl.version } });
    // What kubectl v1.36.4 prints for `version --client -o json` (the pattern reads every client's JSON the same way).
    const bin = tempDir('mw-bin-');
    writeFileSync(path.join(bin, 'kubectl'), `#!/bin/sh\ncat <<'EOF'\n{\n  "clientVersion": {\n    "major": "1",\n    "minor": "36",\n    "gitVersion": "v1.36.4"\n  },\n  "kustomizeVersion": "v5.7.1"\n}\nEOF\n`, { mode: 0o755 });
    expect(toolStatuses(home, LINUX, bin).find((tool) => tool.tool === 'kubectl')).toMatchObject({ from: 'path', using: path.join(bin, 'kubectl') });
  });
});

describe('the Istio release archive', () => {
  it('is kept unpacked (samples, tools/certs), and steps find it as ISTIO_DIR', async () => {
    const home = tempDir('mw-home-');
    const dir = tempDir('mw-release-');
    const file = 'istio-1.31.1-linux-amd64.tar.gz';
    mkdirSync(path.join(dir, 'istio-1.31.1', 'samples', 'helloworld'), { recursive: true });
    mkdirSync(path.join(dir, 'istio-1.31.1', 'tools', 'certs'), { recursive: true });
    writeFileSync(path.join(dir, 'istio-1.31.1', 'samples', 'helloworld', 'helloworld.yaml'), 'apiVersion: v1\nkind: Service\nmetadata: {name: helloworld}\n');
    writeFileSync(path.join(dir, 'istio-1.31.1', 'tools', 'certs', 'Makefile.selfsigned.mk'), 'root-ca:\n');
    execFileSync('tar', ['-czf', path.join(dir, file), '-C', dir, 'istio-1.31.1']);
    const archive = readFileSync(path.join(dir, file));
    currentServer().set(`/release/${file}`, archive);
    currentServer().set(`/release/${file}.sha256`, `${sha256(archive)} ${file}\n`);
    const pinned = downloadsFor({ os: 'linux', arch: 'amd64' }).find((download) => download.tool === 'istio-release');
    if (!pinned) throw new Error('the release archive is not pinned');
    const [placed] = await installDownloads(home, [{ ...pinned, url: `${currentServer().url}/release/${file}`, checksumUrl: `${currentServer().url}/release/${file}.sha256` }]);
    expect(placed).toBe(path.join(toolsHome(home), 'istio-1.31.1'));
    expect(readFileSync(path.join(placed ?? '', 'samples', 'helloworld', 'helloworld.yaml'), 'utf8')).toContain('helloworld');
    const { clusterEnvironment } = await import('../../src/cluster/step-environment.js');
    expect(clusterEnvironment(home).ISTIO_DIR).toBe(placed);
    expect(clusterEnvironment(tempDir('mw-home-')).ISTIO_DIR).toBeUndefined();
    expect(toolStatuses(home, { os: 'linux', arch: 'amd64' }, '/nonexistent').find((tool) => tool.tool === 'istio-release')).toMatchObject({ from: 'cache', using: placed });
  });
});

describe('the versions manifest', () => {
  it('names every file and its checksum per platform, as the releases publish them', () => {
    const linux = downloadsFor({ os: 'linux', arch: 'amd64' });
    expect(linux.map((download) => download.url)).toEqual([
      'https://github.com/kubernetes-sigs/kind/releases/download/v0.33.0/kind-linux-amd64',
      'https://github.com/istio/istio/releases/download/1.31.1/istioctl-1.31.1-linux-amd64.tar.gz',
      'https://dl.k8s.io/release/v1.36.4/bin/linux/amd64/kubectl',
      'https://github.com/istio/istio/releases/download/1.31.1/istio-1.31.1-linux-amd64.tar.gz',
      'https://github.com/kubernetes-sigs/cloud-provider-kind/releases/download/v0.11.1/cloud-provider-kind_0.11.1_linux_amd64.tar.gz',
      'https://storage.googleapis.com/istio-release/releases/1.31.1/deb/istio-sidecar.deb',
    ]);
    const mac = downloadsFor({ os: 'darwin', arch: 'arm64' });
    expect(mac.map((download) => download.file)).toEqual(['kind-darwin-arm64', 'istioctl-1.31.1-osx-arm64.tar.gz', 'kubectl-v1.36.4-darwin-arm64', 'istio-1.31.1-osx-arm64.tar.gz', 'cloud-provider-kind_0.11.1_darwin_arm64.tar.gz', 'istio-sidecar-arm64.deb']);
    expect(mac.map((download) => download.checksumFile)).toEqual(['kind-darwin-arm64.sha256sum', 'istioctl-1.31.1-osx-arm64.tar.gz.sha256', 'kubectl-v1.36.4-darwin-arm64.sha256', 'istio-1.31.1-osx-arm64.tar.gz.sha256', 'cloud-provider-kind_0.11.1_checksums.txt', 'istio-sidecar-arm64.deb.sha256']);
    expect(throughMirror(linux[0] as Download, 'http://10.0.0.5:8080/cache').url).toBe('http://10.0.0.5:8080/cache/kind-linux-amd64');
  });

  it('pins kubectl to the clusters\' own version; upstream names it kubectl per platform folder, a mirror by version and platform', () => {
    expect(PINNED.nodeImage).toMatch(new RegExp(`^kindest/node:${PINNED.kubectl.replace(/\./g, '\\.')}@sha256:`));
    const mac = kubectlFor({ os: 'darwin', arch: 'arm64' });
    expect(mac).toMatchObject({ version: 'v1.36.4', url: 'https://dl.k8s.io/release/v1.36.4/bin/darwin/arm64/kubectl', checksumUrl: 'https://dl.k8s.io/release/v1.36.4/bin/darwin/arm64/kubectl.sha256', unpack: 'binary' });
    // Four platforms' files side by side in one flat folder: none may be called just `kubectl`.
    expect(throughMirror(mac, 'http://10.0.0.5:8080/cache/')).toMatchObject({ url: 'http://10.0.0.5:8080/cache/kubectl-v1.36.4-darwin-arm64', checksumUrl: 'http://10.0.0.5:8080/cache/kubectl-v1.36.4-darwin-arm64.sha256' });
    const names = (['linux', 'darwin'] as const).flatMap((os) => (['amd64', 'arm64'] as const).map((arch) => kubectlFor({ os, arch }).file));
    expect(new Set(names).size).toBe(4);
  });

  it('reads each checksum format: one line per file (goreleaser, sha256sum) or a bare hash', () => {
    const a = 'a'.repeat(64);
    const b = 'b'.repeat(64);
    expect(expectedChecksum(`${a}  cloud-provider-kind_0.11.1_darwin_amd64.tar.gz\n${b}  cloud-provider-kind_0.11.1_linux_amd64.tar.gz\n`, 'cloud-provider-kind_0.11.1_linux_amd64.tar.gz', 'sums')).toBe(b);
    expect(expectedChecksum(`${a} istioctl-1.31.1-linux-amd64.tar.gz\n`, 'istioctl-1.31.1-linux-amd64.tar.gz', 'sums')).toBe(a);
    expect(expectedChecksum(`${b}\n`, 'istio-sidecar.deb', 'sums')).toBe(b);
    expect(() => expectedChecksum(`${a}  other-file\n`, 'kind-linux-amd64', 'https://x/sums')).toThrow('https://x/sums has no sha256 for kind-linux-amd64');
  });

  it('uses a tool already on PATH when it is the pinned version, and says when it is another', () => {
    const home = tempDir('mw-home-');
    const bin = tempDir('mw-bin-');
    mkdirSync(bin, { recursive: true });
    writeFileSync(path.join(bin, 'kind'), '#!/bin/sh\necho "kind v0.33.0 go1.25.1 linux/amd64"\n', { mode: 0o755 });
    writeFileSync(path.join(bin, 'istioctl'), '#!/bin/sh\necho "client version: 1.29.0"\n', { mode: 0o755 });
    const statuses = toolStatuses(home, { os: 'linux', arch: 'amd64' }, bin);
    expect(statuses.find((tool) => tool.tool === 'kind')).toMatchObject({ from: 'path', using: path.join(bin, 'kind') });
    expect(statuses.find((tool) => tool.tool === 'istioctl')).toMatchObject({ from: 'missing', otherOnPath: { path: path.join(bin, 'istioctl'), version: '1.29.0' } });
    expect(statuses.find((tool) => tool.tool === 'cloud-provider-kind')).toMatchObject({ from: 'missing' });
  });
});
