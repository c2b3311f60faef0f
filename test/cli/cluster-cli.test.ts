// The cluster commands through the built CLI, on a machine without a Docker engine (as CI and this
// workplace are): clear messages and exit codes, never a pretend cluster.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mw } from '../helpers/cli.js';
import { tempDir } from '../helpers/lessons.js';

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
    expect(mw(['tools', 'install', 'kubectx']).stderr).toBe("mesh-workshop: no pinned tool 'kubectx'; the tools are kind, istioctl, kubectl, istio-release, cloud-provider-kind, istio-sidecar.deb\n");
  });
});

describe.runIf(NO_ENGINE)('the end-to-end suite without a Docker engine', () => {
  it('prints exactly one line, SKIPPED, and exits 0 without claiming a pass', () => {
    const result = spawnSync(process.execPath, ['scripts/e2e.mjs'], { encoding: 'utf8' });
    expect(result.stdout).toBe('SKIPPED: no Docker engine\n');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
  it('verify, for instructors, runs the lessons that need no cluster and names the others as not run, with exit 3', () => {
    const { status, stdout } = mw(['verify']);
    expect(stdout).toMatch(/^No Docker engine: only the lessons that need no cluster run\.$/m);
    expect(stdout).toMatch(/^tour +✓ pass +\d+s +\S+tour\.xml$/m);
    expect(stdout).toMatch(/^concepts +✓ pass /m);
    expect(stdout).toMatch(/^no-mesh +- not run +- +needs clusters, and there is no Docker engine \(.+\): 'mesh-workshop doctor' says how to fix this machine$/m);
    expect(stdout).toMatch(/^2 of 9 lessons ran and passed; 7 could not run on this machine \(see why above\)\.$/m);
    expect(status).toBe(3);
  });
});

describe('run --allow-context', () => {
  /** A learner's kubeconfig with one context of their own, written with the real kubectl. */
  function theirKubeconfig(): string {
    const file = path.join(tempDir('mw-user-'), 'config');
    const kubectl = (...args: string[]) => execFileSync('kubectl', args, { env: { ...process.env, KUBECONFIG: file } });
    kubectl('config', 'set-cluster', 'room-1', '--server=https://room-1.example.com:443');
    kubectl('config', 'set-credentials', 'room-1', '--token=t');
    kubectl('config', 'set-context', 'room-1', '--cluster=room-1', '--user=room-1');
    return file;
  }

  it('asks first; no means nothing is copied and nothing runs', () => {
    const home = tempDir('mw-cli-home-');
    const { status, stderr } = mw(['run', 'tour', '--allow-context', 'room-1'], { home, input: 'n\n', env: { KUBECONFIG: theirKubeconfig() } });
    expect(stderr).toMatch(/Copy your context 'room-1' from .*config into the workshop kubeconfig, so steps may use it\? \[y\/N\] mesh-workshop: the context 'room-1' was not allowed; nothing was run\n$/);
    expect(status).toBe(2);
    expect(existsSync(path.join(home, 'kubeconfig'))).toBe(false);
  });

  it('with --yes it copies the context, says so, and the steps may name it', () => {
    const home = tempDir('mw-cli-home-');
    const { status, stderr } = mw(['run', 'tour', '--yes', '--to', 'hello', '--allow-context', 'room-1'], { home, env: { KUBECONFIG: theirKubeconfig() } });
    expect(stderr).toMatch(/^Allowed your context 'room-1' for this workshop \(copied from .*config; 'mesh-workshop context forget room-1' takes it out again\)\.$/m);
    expect(status).toBe(0);
    expect(readFileSync(path.join(home, 'kubeconfig'), 'utf8')).toContain('room-1.example.com');
  });
});

describe('topology without clusters', () => {
  it('says there is nothing to draw yet and how to make it', () => {
    const { status, stderr } = mw(['topology']);
    expect(stderr).toBe("mesh-workshop: no workshop cluster to draw yet: 'mesh-workshop cluster up' creates them\n");
    expect(status).toBe(2);
  });
});
