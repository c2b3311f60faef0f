// The doctor's parsing of real outputs (see test/fixtures/doctor/README.md) and its verdicts on facts.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDockerInfo } from '../../src/cluster/docker-engine.js';
import { doctorFindings, doctorLines, parseKubectlVersion } from '../../src/cluster/doctor.js';
import { downloadsFor } from '../../src/cluster/versions.js';
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
      ['kubectl', 'warn', 'install kubectl v1.36: https://kubernetes.io/docs/tasks/tools/'],
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
