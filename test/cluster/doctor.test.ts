// The doctor's parsing of real outputs (see test/fixtures/doctor/README.md) and its verdicts on facts.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDockerInfo } from '../../src/cluster/docker-engine.js';
import { doctorFindings, doctorLines, gatherFacts, parseKubectlVersion, type Finding, type MachineFacts } from '../../src/cluster/doctor.js';
import { toolsBin, toolsHome } from '../../src/cluster/toolchain.js';
import { findOnPath } from '../../src/cluster/tools.js';
import { downloadsFor } from '../../src/cluster/versions.js';
import { tempDir } from '../helpers/lessons.js';
import { READY_MACHINE } from '../helpers/machine.js';

const fixture = (name: string): string => readFileSync(new URL(`../fixtures/doctor/${name}`, import.meta.url), 'utf8');

describe('reading what the tools print', () => {
  it('docker info of a running engine: version, CPUs, memory', () => {
    expect(parseDockerInfo(fixture('docker-info-no-swarm.json'), '', 0)).toEqual({ reachable: true, serverVersion: '17.06.1-ce', cpus: 2, memoryBytes: 2097356800, operatingSystem: 'Ubuntu 16.04.3 LTS' });
  });
  it('docker info without an engine: not reachable, in Docker\'s words', () => {
    expect(parseDockerInfo(fixture('docker-info-no-daemon.json'), fixture('docker-info-no-daemon.stderr'), 1)).toEqual({ reachable: false, problem: 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?' });
    expect(parseDockerInfo('', '', null, true)).toEqual({ reachable: false, problem: 'the docker command is not installed' });
  });
  it('kubectl, kind and istioctl versions', () => {
    expect(parseKubectlVersion(fixture('kubectl-version-client.json'))).toBe('v1.32.4-dispatcher');
    expect(parseKubectlVersion('not json')).toBeUndefined();
    const [kind, istioctl] = downloadsFor({ os: 'linux', arch: 'amd64' });
    expect(kind?.versionPattern?.exec('kind v0.33.0 go1.25.1 linux/amd64')?.[1]).toBe('v0.33.0');
    expect(istioctl?.versionPattern?.exec('client version: 1.24.2')?.[1]).toBe('1.24.2');
    expect(istioctl?.versionPattern?.exec('Istio is not present in the cluster: no running Istio pods in namespace "istio-system"\nclient version: 1.29.0')?.[1]).toBe('1.29.0');
  });
});

const healthy = READY_MACHINE;

describe('doctorFindings', () => {
  it('a ready machine: every check passes, and says so', () => {
    const findings = doctorFindings(healthy);
    expect(findings.every((finding) => finding.severity === 'ok')).toBe(true);
    expect(findings.map((finding) => finding.check)).toEqual(['Docker engine', 'cgroup v2', 'kind', 'istioctl', 'kubectl', 'inotify instances', 'inotify watches', 'disk space', 'terminal']);
    expect(doctorLines(findings).at(-1)).toBe('Ready for every lesson.');
  });

  it('each problem comes with one fix to copy', () => {
    const findings = doctorFindings({
      ...healthy,
      docker: { reachable: true, serverVersion: '24.0.0', cpus: 2, memoryBytes: 2097356800, cgroupVersion: '1' },
      tools: [{ tool: 'istioctl', pinned: '1.31.1', from: 'missing', otherOnPath: { path: '/usr/bin/istioctl', version: '1.29.0' } }],
      kubectl: 'v1.32.4',
      inotify: { instances: 128, watches: 8192 },
      disk: { path: '/h', freeBytes: 3 * 1024 ** 3 },
      busyPorts: [8080],
      terminal: { isTTY: true, columns: 50, rows: 12, colours: false },
    });
    const problems = findings.filter((finding) => finding.severity !== 'ok');
    expect(problems.map((finding) => [finding.check, finding.severity, finding.fix])).toEqual([
      ['Docker memory', 'warn', 'close other containers, or run the lessons on a machine with 8 GiB free'],
      ['Docker CPUs', 'warn', 'expect slower steps; nothing else to do'],
      ['cgroup v2', 'fail', expect.stringContaining('systemd.unified_cgroup_hierarchy=1')],
      ['istioctl', 'fail', 'mesh-workshop tools install istioctl'],
      ['kubectl', 'warn', 'mesh-workshop tools install kubectl'],
      ['inotify instances', 'warn', 'sudo sysctl fs.inotify.max_user_instances=512'],
      ['inotify watches', 'warn', 'sudo sysctl fs.inotify.max_user_watches=524288'],
      ['disk space', 'fail', expect.stringContaining('docker system prune')],
      ['port 8080', 'warn', expect.stringContaining('lsof -i :8080')],
      ['terminal', 'warn', 'make the window larger'],
    ]);
    expect(problems.find((finding) => finding.check === 'istioctl')?.detail).toBe('/usr/bin/istioctl is 1.29.0, not the pinned 1.31.1');
    expect(doctorLines(findings).at(-1)).toBe('3 problem(s) and 7 warning(s). The tour runs anyway; the cluster lessons need the problems fixed.');
  });

  it('no engine: one failure with the way to start it, per platform', () => {
    const down = { reachable: false, problem: 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?' };
    expect(doctorFindings({ ...healthy, docker: down })[0]).toEqual({ check: 'Docker engine', severity: 'fail', detail: `not reachable: ${down.problem}`, fix: 'sudo systemctl start docker' });
    expect(doctorFindings({ ...healthy, platform: 'darwin', docker: down })[0]?.fix).toMatch(/^open -a Docker/);
    expect(doctorFindings({ ...healthy, docker: { reachable: false, problem: 'permission denied while trying to connect to the Docker daemon socket' } })[0]?.fix).toMatch(/usermod -aG docker/);
  });
});

describe('kubectl: the one the steps run, judged by what the lessons need', () => {
  const kubectlOf = (facts: Partial<MachineFacts>): Finding | undefined => doctorFindings({ ...healthy, ...facts }).find((finding) => finding.check === 'kubectl');
  const FIX = 'mesh-workshop tools install kubectl';

  it('1.27 cannot run the steps (kubectl wait --for=jsonpath without a value came in 1.28): a failure, fixed by the pinned one', () => {
    expect(kubectlOf({ kubectl: 'v1.27.16', kubectlPath: '/usr/bin/kubectl' })).toEqual({
      check: 'kubectl',
      severity: 'fail',
      detail: "v1.27.16 (/usr/bin/kubectl) is older than the lessons need (1.28 or newer, for kubectl wait --for=jsonpath='{…}' without a value); steps use the pinned v1.36.4 once it is installed",
      fix: FIX,
    });
    const findings = doctorFindings({ ...healthy, kubectl: 'v1.27.16' });
    expect(doctorLines(findings).at(-1)).toBe('1 problem(s) and 0 warning(s). The tour runs anyway; the cluster lessons need the problems fixed.');
    // Not a skew warning as well: one finding, the failure.
    expect(findings.filter((finding) => finding.check === 'kubectl')).toHaveLength(1);
  });

  it('1.30 runs the steps (so no failure), but six minors from the clusters\' 1.36 is a skew warning with the same fix', () => {
    expect(kubectlOf({ kubectl: 'v1.30.13', kubectlPath: '/usr/bin/kubectl' })).toEqual({
      check: 'kubectl',
      severity: 'warn',
      detail: "v1.30.13 (/usr/bin/kubectl) is 6 minor versions from the clusters' 1.36 (kubectl supports one); steps use the pinned v1.36.4 once it is installed",
      fix: FIX,
    });
    // 1.28, the oldest the lessons need, likewise.
    expect(kubectlOf({ kubectl: 'v1.28.15' })).toMatchObject({ severity: 'warn', fix: FIX });
  });

  it('1.33: works, but three minors from the clusters\' 1.36, so a warning with the same fix', () => {
    expect(kubectlOf({ kubectl: 'v1.33.1', kubectlPath: '/usr/local/bin/kubectl' })).toEqual({
      check: 'kubectl',
      severity: 'warn',
      detail: "v1.33.1 (/usr/local/bin/kubectl) is 3 minor versions from the clusters' 1.36 (kubectl supports one); steps use the pinned v1.36.4 once it is installed",
      fix: FIX,
    });
    // The real kubectl on CI machines (fixtures/doctor: v1.32.4-dispatcher) is such a case.
    expect(kubectlOf({ kubectl: parseKubectlVersion(fixture('kubectl-version-client.json')) })).toMatchObject({ severity: 'warn', fix: FIX });
  });

  it('1.36: fine, the pinned one from the workshop cache or another 1.36 build (and 1.35, one minor away)', () => {
    const cached = '/h/cache/tools/bin/kubectl';
    expect(kubectlOf({ kubectl: 'v1.36.4', kubectlPath: cached, tools: [...healthy.tools, { tool: 'kubectl', pinned: 'v1.36.4', from: 'cache', using: cached }] })).toEqual({ check: 'kubectl', severity: 'ok', detail: 'v1.36.4 (workshop cache)' });
    expect(kubectlOf({ kubectl: 'v1.36.2', kubectlPath: '/usr/bin/kubectl', tools: [...healthy.tools, { tool: 'kubectl', pinned: 'v1.36.4', from: 'missing', otherOnPath: { path: '/usr/bin/kubectl', version: 'v1.36.2' } }] })).toEqual({ check: 'kubectl', severity: 'ok', detail: 'v1.36.2 (/usr/bin/kubectl)' });
    expect(kubectlOf({ kubectl: 'v1.35.0' })?.severity).toBe('ok');
    // A kubectl newer than the clusters by more than one minor is a skew too.
    expect(kubectlOf({ kubectl: 'v1.38.0' })).toMatchObject({ severity: 'warn', fix: FIX });
  });

  it('missing: a failure, fixed by the pinned one (no longer a link to install it by hand)', () => {
    const { kubectl: _kubectl, ...without } = healthy;
    expect(doctorFindings(without).find((finding) => finding.check === 'kubectl')).toEqual({ check: 'kubectl', severity: 'fail', detail: 'not found; the lessons use v1.36.4', fix: FIX });
    // One that is there but cannot say its version is no better.
    expect(doctorFindings({ ...without, kubectlPath: '/opt/bin/kubectl' }).find((finding) => finding.check === 'kubectl')).toMatchObject({ severity: 'fail', detail: '/opt/bin/kubectl does not say its version (kubectl version --client -o json); the lessons use v1.36.4', fix: FIX });
  });

  it('gatherFacts asks the kubectl first on the steps\' PATH: the workshop cache\'s once it holds one, else the learner\'s', async () => {
    const real = findOnPath('kubectl');
    if (!real) throw new Error('this test needs the real kubectl on PATH');
    const version = parseKubectlVersion(execFileSync(real, ['version', '--client', '-o', 'json'], { encoding: 'utf8' }));
    if (!version) throw new Error(`${real} does not say its version`);
    const home = tempDir('mw-home-');
    const bare = await gatherFacts(home);
    expect(bare).toMatchObject({ kubectl: version, kubectlPath: real });
    expect(bare.tools.find((tool) => tool.tool === 'kubectl')).toMatchObject({ from: 'missing', otherOnPath: { path: real, version } });
    // The real kubectl, placed in the cache as \`tools install\` places the pinned one (and recorded as installed).
    mkdirSync(toolsBin(home), { recursive: true });
    copyFileSync(real, path.join(toolsBin(home), 'kubectl'));
    writeFileSync(path.join(toolsHome(home), 'installed.json'), '{"kubectl": "v1.36.4"}\n');
    const cached = await gatherFacts(home);
    expect(cached).toMatchObject({ kubectl: version, kubectlPath: path.join(toolsBin(home), 'kubectl') });
    // Judged by what it says it is, not by the cache's record.
    expect(doctorFindings(cached).find((finding) => finding.check === 'kubectl')?.detail).toMatch(new RegExp(`^${version.replace(/\./g, '\\.')} \\(workshop cache\\)`));
  }, 30_000);
});
