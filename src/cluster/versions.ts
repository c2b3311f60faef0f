/**
 * The pinned tools: version, where each release publishes its files and its checksums, per OS and
 * architecture. Sources: istio/release-builder (archive and .sha256 names), kind's release assets
 * (`kind-<os>-<arch>` with `.sha256sum`), cloud-provider-kind's goreleaser defaults
 * (`<project>_<version>_<os>_<arch>.tar.gz` and `<project>_<version>_checksums.txt`), and the Istio VM
 * packages in the istio-release bucket. See ../shared/reference/istio-kind.md §0.
 */
export const PINNED = {
  kind: 'v0.33.0',
  istio: '1.31.1',
  cloudProviderKind: 'v0.11.1',
  /** kind's node image for Kubernetes 1.36 (inside Istio 1.31's supported 1.32–1.36), by digest. */
  nodeImage: 'kindest/node:v1.36.4@sha256:099e049362a1526b2db71494e1947aae99bd16290d7c895f2b7ea312e3cbfaed',
} as const;

export type ToolName = 'kind' | 'istioctl' | 'istio-release' | 'cloud-provider-kind' | 'istio-sidecar.deb';

export interface Platform {
  os: 'linux' | 'darwin';
  arch: 'amd64' | 'arm64';
}

/** One file to fetch: where from, how its checksum is published, and what to keep of it. */
export interface Download {
  tool: ToolName;
  version: string;
  /** The file's name (also its name in a mirror, which is a flat folder). */
  file: string;
  url: string;
  /** Where the expected sha256 is published: a file of `<hex> <name>` lines, or a single hash. */
  checksumFile: string;
  checksumUrl: string;
  /** binary: the file is the program; tar.gz: the program is `member` inside; tree: the whole archive is kept unpacked; file: kept as it is. */
  unpack: 'binary' | 'tar.gz' | 'tree' | 'file';
  member?: string;
  /** What a tool already on PATH prints for its version, to use it as it is when it is the pinned one. */
  versionArgs?: string[];
  versionPattern?: RegExp;
}

export function currentPlatform(): Platform {
  const os = process.platform === 'darwin' ? 'darwin' : process.platform === 'linux' ? 'linux' : undefined;
  const arch = process.arch === 'x64' ? 'amd64' : process.arch === 'arm64' ? 'arm64' : undefined;
  if (!os || !arch) throw new Error(`the pinned tools are published for Linux and macOS on amd64 and arm64, not ${process.platform}/${process.arch}`);
  return { os, arch };
}

const GITHUB = 'https://github.com';

export function downloadsFor(platform: Platform): Download[] {
  const { os, arch } = platform;
  const kindFile = `kind-${os}-${arch}`;
  const istioOs = os === 'darwin' ? 'osx' : 'linux';
  const istioctlFile = `istioctl-${PINNED.istio}-${istioOs}-${arch}.tar.gz`;
  const istioFile = `istio-${PINNED.istio}-${istioOs}-${arch}.tar.gz`;
  const cpkVersion = PINNED.cloudProviderKind.replace(/^v/, '');
  const cpkFile = `cloud-provider-kind_${cpkVersion}_${os}_${arch}.tar.gz`;
  const cpkSums = `cloud-provider-kind_${cpkVersion}_checksums.txt`;
  const debFile = arch === 'amd64' ? 'istio-sidecar.deb' : `istio-sidecar-${arch}.deb`;
  const debBase = `https://storage.googleapis.com/istio-release/releases/${PINNED.istio}/deb`;
  const kindBase = `${GITHUB}/kubernetes-sigs/kind/releases/download/${PINNED.kind}`;
  const istioBase = `${GITHUB}/istio/istio/releases/download/${PINNED.istio}`;
  const cpkBase = `${GITHUB}/kubernetes-sigs/cloud-provider-kind/releases/download/${PINNED.cloudProviderKind}`;
  return [
    { tool: 'kind', version: PINNED.kind, ...asset(kindBase, kindFile, `${kindFile}.sha256sum`), unpack: 'binary', versionArgs: ['version'], versionPattern: /^kind (v\S+)/ },
    { tool: 'istioctl', version: PINNED.istio, ...asset(istioBase, istioctlFile, `${istioctlFile}.sha256`), unpack: 'tar.gz', member: 'istioctl', versionArgs: ['version', '--remote=false'], versionPattern: /^(?:client version: )?(\d+\.\d+\.\d+\S*)/m },
    // The release archive: samples/, tools/certs/ and manifests/, which the lessons use (ISTIO_DIR).
    { tool: 'istio-release', version: PINNED.istio, ...asset(istioBase, istioFile, `${istioFile}.sha256`), unpack: 'tree' },
    { tool: 'cloud-provider-kind', version: PINNED.cloudProviderKind, ...asset(cpkBase, cpkFile, cpkSums), unpack: 'tar.gz', member: 'cloud-provider-kind' },
    { tool: 'istio-sidecar.deb', version: PINNED.istio, ...asset(debBase, debFile, `${debFile}.sha256`), unpack: 'file' },
  ];
}

/** A file and its checksum file, both published under one base URL. */
function asset(base: string, file: string, checksumFile: string): Pick<Download, 'file' | 'url' | 'checksumFile' | 'checksumUrl'> {
  return { file, url: `${base}/${file}`, checksumFile, checksumUrl: `${base}/${checksumFile}` };
}

/** With a mirror (a room's local cache: one flat folder over HTTP), every file comes from there. */
export function throughMirror(download: Download, mirror: string | undefined): Download {
  if (!mirror) return download;
  const base = mirror.replace(/\/+$/, '');
  return { ...download, url: `${base}/${download.file}`, checksumUrl: `${base}/${download.checksumFile}` };
}
