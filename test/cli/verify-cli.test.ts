// `mesh-workshop verify LESSON… --junit-dir DIR` through the built CLI, as the e2e workflow's jobs call it,
// on a machine without a Docker engine (as this workplace is): what runs, what is named as not run, where
// the JUnit files go, and mistakes named before anything runs.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mw } from '../helpers/cli.js';
import { tempDir } from '../helpers/lessons.js';

const NO_ENGINE = spawnSync('docker', ['info'], { encoding: 'utf8' }).status !== 0;

// Each test starts the built CLI, and one runs a whole lesson: on a loaded machine that takes a while.
describe.runIf(NO_ENGINE)('verify LESSON… without a Docker engine', { timeout: 90_000 }, () => {
  it('a cluster lesson alone: says at once that there is no engine and that it cannot run, runs nothing, exit 3', () => {
    const home = tempDir('mw-cli-home-');
    const junitDir = path.join(tempDir('mw-junit-'), 'junit');
    const { status, stdout, stderr } = mw(['verify', 'no-mesh', '--optional', '--junit-dir', junitDir], { home });
    const lines = stdout.split('\n');
    expect(lines[0]).toMatch(/^No Docker engine \(.+\): no-mesh needs clusters, so it cannot run here\. 'mesh-workshop doctor' says how to fix this machine\.$/);
    expect(stdout).toMatch(/^no-mesh +- not run +- +needs clusters, and there is no Docker engine \(.+\)/m);
    expect(stdout).toMatch(/^0 of 1 lessons ran and passed; 1 could not run on this machine \(see why above\)\.$/m);
    expect(stdout).not.toMatch(/^== /m); // no lesson started
    expect(stderr).toBe('');
    expect(status).toBe(3);
    expect(existsSync(junitDir)).toBe(false);
    expect(existsSync(path.join(home, 'logs'))).toBe(false);
  });

  it('two cluster lessons: both named, neither run', () => {
    const { status, stdout } = mw(['verify', 'vm', 'multi-network']);
    expect(stdout.split('\n')[0]).toMatch(/^No Docker engine \(.+\): multi-network, vm need clusters, so none can run here\./);
    expect(stdout).toMatch(/^multi-network +- not run/m);
    expect(stdout).toMatch(/^vm +- not run/m);
    expect(status).toBe(3);
  });

  it('a lesson that needs no cluster runs here, its JUnit file in --junit-dir, not in the state directory', () => {
    const home = tempDir('mw-cli-home-');
    const junitDir = path.join(tempDir('mw-junit-'), 'reports');
    const { status, stdout } = mw(['verify', 'tour', '--junit-dir', junitDir], { home });
    expect(stdout.split('\n')[0]).toBe('No Docker engine: only the lessons that need no cluster run.');
    expect(stdout).toMatch(new RegExp(`^tour +✓ pass +\\d+s +${path.join(junitDir, 'tour.xml').replace(/[.]/g, '\\.')}$`, 'm'));
    expect(stdout).toMatch(/^All 1 lessons pass on this machine\.$/m);
    expect(status).toBe(0);
    expect(readdirSync(junitDir)).toEqual(['tour.xml']);
    expect(readFileSync(path.join(junitDir, 'tour.xml'), 'utf8')).toMatch(/<testsuite name="tour" tests="\d+" failures="0"/);
    expect(existsSync(path.join(home, 'verify'))).toBe(false);
  });

  it('prefetch names the missing engine before pulling anything', () => {
    const { status, stdout, stderr } = mw(['prefetch']);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^mesh-workshop: no Docker engine \(.+\)\. Start Docker \(Docker Desktop, or 'sudo systemctl start docker'\), then run this again\.\n$/);
    expect(status).toBe(2);
  });
});

describe('verify, whatever the machine: mistakes are named before the engine is even asked', { timeout: 60_000 }, () => {
  it('an unknown lesson, with the closest one and the list; nothing runs', () => {
    const home = tempDir('mw-cli-home-');
    const { status, stdout, stderr } = mw(['verify', 'traffic-entry', 'no-msh'], { home });
    expect(stderr).toBe("mesh-workshop: verify: no lesson 'no-msh' (did you mean 'no-mesh'?); the lessons are tour, concepts, no-mesh, traffic-entry, resilience-security, one-mesh, multi-mesh, multi-network, vm\n");
    expect(stdout).toBe('');
    expect(status).toBe(2);
  });

  it('a misspelt option, through the CLI\'s parser', () => {
    const { status, stderr } = mw(['verify', 'tour', '--junit-dri', 'x']);
    expect(stderr).toMatch(/^mesh-workshop: Unknown option '--junit-dri'/);
    expect(stderr).toMatch(/Run 'mesh-workshop --help' for the commands and options\.\n$/);
    expect(status).toBe(2);
  });

  it('help shows the lessons and --junit-dir', () => {
    const { stdout } = mw(['verify', '--help']);
    expect(stdout).toMatch(/^Usage: mesh-workshop verify \[LESSON…\] \[--optional\]$/m);
    expect(stdout).toMatch(/^ {2}LESSON… +only these lessons, and only the clusters they need \(default: all\)$/m);
    expect(stdout).toMatch(/^ {2}--junit-dir DIR +the JUnit files \(and failed lessons' bundles\) here \(default: <state>\/verify\)$/m);
  });
});
