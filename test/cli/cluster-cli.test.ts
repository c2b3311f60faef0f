// The cluster commands through the built CLI, on a machine without a Docker engine (as CI and this
// workplace are): clear messages and exit codes, never a pretend cluster.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { mw } from '../helpers/cli.js';

const NO_ENGINE = spawnSync('docker', ['info'], { encoding: 'utf8' }).status !== 0;

describe.runIf(NO_ENGINE)('cluster commands without a Docker engine', () => {
  it.each([['up'], ['down', 'cluster2'], ['status'], ['route']])('cluster %s says there is no engine and how to start one', (...args) => {
    const { status, stdout, stderr } = mw(['cluster', ...args]);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^mesh-workshop: no Docker engine \(.+\)\. Start Docker \(Docker Desktop, or 'sudo systemctl start docker'\), then run this again\.\n$/);
    expect(status).toBe(2);
  });

  it('doctor reports it first, with the fix, and exits 1; --json says the same', () => {
    const text = mw(['doctor']);
    expect(text.status).toBe(1);
    expect(text.stdout.split('\n')[0]).toMatch(/^✗ Docker engine +not reachable: /);
    expect(text.stdout.split('\n')[1]).toMatch(/^ +fix: sudo systemctl start docker$/);
    const json = mw(['doctor', '--json']);
    const findings = JSON.parse(json.stdout) as { check: string; severity: string }[];
    expect(findings[0]).toMatchObject({ check: 'Docker engine', severity: 'fail' });
    expect(json.status).toBe(1);
  });
});

describe('cluster commands, whatever the machine', () => {
  it('name an unknown cluster or action plainly', () => {
    expect(mw(['cluster', 'explode']).stderr).toBe("mesh-workshop: unknown action 'explode'; usage: mesh-workshop cluster up [NAME…] | down [NAME…] | status [--json] | route\n");
    expect(mw(['tools', 'install', 'kubectx']).stderr).toBe("mesh-workshop: no pinned tool 'kubectx'; the tools are kind, istioctl, cloud-provider-kind, istio-sidecar.deb\n");
  });
});

describe.runIf(NO_ENGINE)('the end-to-end suite without a Docker engine', () => {
  it('prints exactly one line, SKIPPED, and exits 0 without claiming a pass', () => {
    const result = spawnSync(process.execPath, ['scripts/e2e.mjs'], { encoding: 'utf8' });
    expect(result.stdout).toBe('SKIPPED: no Docker engine\n');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
  it('verify, for instructors, refuses plainly instead', () => {
    const { status, stderr } = mw(['verify']);
    expect(stderr).toMatch(/^mesh-workshop: verify needs a Docker engine, and there is none \(.+\); 'mesh-workshop doctor' says how to fix this machine\n$/);
    expect(status).toBe(2);
  });
});
