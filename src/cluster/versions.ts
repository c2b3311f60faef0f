/**
 * The pinned tools: version, where each release publishes its files and its checksums, per OS and
 * architecture. Sources: istio/release-builder (archive and .sha256 names), kind's release assets
 * (`kind-<os>-<arch>` with `.sha256sum`), cloud-provider-kind's goreleaser defaults
 * (`<project>_<version>_<os>_<arch>.tar.gz` and `<project>_<version>_checksums.txt`), the Istio VM
 * packages in the istio-release bucket, and Kubernetes' release bucket for kubectl
 * (`dl.k8s.io/release/<version>/bin/<os>/<arch>/kubectl`, with a bare-hash `kubectl.sha256` beside it).
 * The project's reference notes on Istio and kind (istio-kind.md §0) collect these.
 */
export const PINNED = {
  kind: 'v0.33.0',
  istio: '1.31.1',
  cloudProviderKind: 'v0.11.1',
  /** The clusters' own Kubernetes version (the node image below), so the steps' kubectl has no skew at all. */
  kubectl: 'v1.36.4',
  /** kind's node image for Kubernetes 1.36 (inside Istio 1.31's supported 1.32–1.36), by digest. */
  nodeImage: 'kindest/node:v1.36.4@sha256:099e049362a1526b2db71494e1947aae99bd16290d7c895f2b7ea312e3cbfaed',
} as const;

/**
 * The oldest kubectl the lessons work with, 1.28 (as its minor version). Steps wait for a field to appear
 * with `kubectl wait --for=jsonpath='{.status.loadBalancer.ingress}'` (a JSONPath without `=value`), which
 * kubectl accepts from 1.28 on (its usage line became `--for=jsonpath='{}'[=value]`); 1.27 and older reject
 * it ("jsonpath wait format must be --for=jsonpath='{.status.readyReplicas}'=3") and the step fails.
 */
export const KUBECTL_MINIMUM_MINOR = 28;

/** The minor version of a Kubernetes version (`v1.32.4-dispatcher` → 32), or undefined when it is not `v1.<minor>…`. */
export function kubernetesMinor(version: string): number | undefined {
  const minor = /^v?1\.(\d+)/.exec(version)?.[1];
  return minor === undefined ? undefined : Number(minor);
}

export type ToolName = 'kind' | 'istioctl' | 'kubectl' | 'istio-release' | 'cloud-provider-kind' | 'istio-sidecar.deb';

export interface Platform {
  os: 'linux' | 'darwin';
  arch: 'amd64' | 'arm64';
}

/** One file to fetch: where from, how its checksum is published, and what to keep of it. */
export interface Download {
  tool: ToolName;
  version: string;
  /**
   * The file's name: what it is kept as while it downloads, and its name in a mirror (a flat folder, so the
   * name carries the version and platform). `url` usually ends with it; kubectl's does not (upstream names
   * it `kubectl` in a folder per version and platform, so in a mirror it is `kubectl-<version>-<os>-<arch>`).
   */
  file: string;
  url: string;
  /** Where the expected sha256 is published: a file of `<hex> <name>` lines, or a single hash. Named in a mirror as `file` is. */
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
  const kubectlFile = `kubectl-${PINNED.kubectl}-${os}-${arch}`;
  const kubectlBase = `https://dl.k8s.io/release/${PINNED.kubectl}/bin/${os}/${arch}`;
  const debFile = arch === 'amd64' ? 'istio-sidecar.deb' : `istio-sidecar-${arch}.deb`;
  const debBase = `https://storage.googleapis.com/istio-release/releases/${PINNED.istio}/deb`;
  const kindBase = `${GITHUB}/kubernetes-sigs/kind/releases/download/${PINNED.kind}`;
  const istioBase = `${GITHUB}/istio/istio/releases/download/${PINNED.istio}`;
  const cpkBase = `${GITHUB}/kubernetes-sigs/cloud-provider-kind/releases/download/${PINNED.cloudProviderKind}`;
  return [
    { tool: 'kind', version: PINNED.kind, ...asset(kindBase, kindFile, `${kindFile}.sha256sum`), unpack: 'binary', versionArgs: ['version'], versionPattern: /^kind (v\S+)/ },
    { tool: 'istioctl', version: PINNED.istio, ...asset(istioBase, istioctlFile, `${istioctlFile}.sha256`), unpack: 'tar.gz', member: 'istioctl', versionArgs: ['version', '--remote=false'], versionPattern: /^(?:client version: )?(\d+\.\d+\.\d+\S*)/m },
    // Upstream's names are `kubectl` and `kubectl.sha256` for every platform; the mirror-safe names are `file` and `checksumFile`.
    // `-o json`: older clients print a Go struct for a plain `version --client`, and every one prints gitVersion in JSON.
    { tool: 'kubectl', version: PINNED.kubectl, file: kubectlFile, url: `${kubectlBase}/kubectl`, checksumFile: `${kubectlFile}.sha256`, checksumUrl: `${kubectlBase}/kubectl.sha256`, unpack: 'binary', versionArgs: ['version', '--client', '-o', 'json'], versionPattern: /"gitVersion":\s*"(v[^"]+)"/ },
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

/**
 * With a mirror (a room's local cache: one flat folder over HTTP), every file comes from there, as
 * `<mirror>/<file>` and `<mirror>/<checksumFile>` (for kubectl, not upstream's `kubectl` and `kubectl.sha256`).
 */
export function throughMirror(download: Download, mirror: string | undefined): Download {
  if (!mirror) return download;
  const base = mirror.replace(/\/+$/, '');
  return { ...download, url: `${base}/${download.file}`, checksumUrl: `${base}/${download.checksumFile}` };
}
