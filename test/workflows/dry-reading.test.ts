// A dry reading of each e2e job, on this machine without a Docker engine: its CLI calls run here, in order,
// in the step's environment as the runner would give it, up to the first that needs Docker, which must
// fail saying so (not with a usage error). `tools install` needs the internet; here it goes to an empty
// loopback mirror and must get as far as asking it for the first pinned file. Then the steps a runner with
// Docker reaches next are read too: verify names the missing engine, and the summary step writes its table.
import { execFile, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN } from '../helpers/cli.js';
import { startFileServer, type FileServer } from '../helpers/file-server.js';
import { tempDir } from '../helpers/lessons.js';
import { cliLines, expandedArgs, matrixEntries, stepEnvironment, workflow, type Contexts, type WorkflowStep } from '../helpers/workflows.js';

const NO_ENGINE = spawnSync('docker', ['info'], { encoding: 'utf8' }).status !== 0;

/** What the CLI prints for a mistake in how it was called: these must never appear in a dry reading. */
const USAGE_ERROR = /Run 'mesh-workshop --help'|unknown command|unknown action|usage: mesh-workshop|no lesson '|no pinned tool/;
const NO_DOCKER = /^mesh-workshop: no Docker engine \(.+\)\. Start Docker \(Docker Desktop, or 'sudo systemctl start docker'\), then run this again\.\n$/;

interface Call {
  step: WorkflowStep;
  env: Record<string, string>;
  args: string[];
}

const e2e = workflow('e2e.yml');
const job = e2e.document.jobs.verify;
if (job === undefined) throw new Error('e2e.yml has no verify job');

/** The job's CLI calls for one matrix entry, in order, each with its step and environment. */
function callsOf(contexts: Contexts): Call[] {
  return (job?.steps ?? []).flatMap((step) => {
    if (step.run === undefined) return [];
    const env = stepEnvironment(e2e.document, job as NonNullable<typeof job>, step, contexts);
    return cliLines(step.run).map(({ text }) => ({ step, env, args: expandedArgs(text, env) }));
  });
}

/** The built CLI, without blocking this process: the loopback mirror here must answer while it runs. */
function runCli(args: string[], env: Record<string, string>): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 120_000, env: { ...process.env, NO_COLOR: '1', ...env } }, (error, stdout, stderr) => {
      resolve({ status: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr });
    });
  });
}

describe.runIf(NO_ENGINE)('a dry reading of each e2e job, without a Docker engine', () => {
  let mirror: FileServer;
  beforeAll(async () => {
    mirror = await startFileServer(); // serves nothing: every request is answered 404
  });
  afterAll(async () => {
    await mirror.close();
  });

  it.each(matrixEntries(job).map((matrix) => [String(matrix.lessons), matrix] as const))('%s: every CLI call up to the first that needs Docker runs, and that one says there is no engine', async (_lessons, matrix) => {
    const workspace = tempDir('mw-runner-workspace-');
    const contexts: Contexts = { matrix, workspace, os: 'Linux' };
    const calls = callsOf(contexts);
    const reached: string[] = [];
    let stoppedAt: string | undefined;
    for (const call of calls) {
      const command = call.args.join(' ');
      const env = { ...call.env, MESH_WORKSHOP_MIRROR: mirror.url };
      const result = await runCli(call.args, env);
      expect(`${result.stdout}${result.stderr}`, command).not.toMatch(USAGE_ERROR);
      reached.push(command);
      if (result.status === 0) continue;
      if (call.args[0] === 'tools' && call.args[1] === 'install') {
        // The internet is out of reach here: the command got as far as asking the mirror for the first missing
        // tool's checksum (kind's, unless a kind of the pinned version is on PATH already).
        expect(result.stderr, command).toMatch(new RegExp(`^Fetching \\S+ v?[\\d.]+ from ${mirror.url.replace(/[.]/g, '\\.')}/\\S+\\nmesh-workshop: ${mirror.url.replace(/[.]/g, '\\.')}/\\S+ answered HTTP 404`, 'm'));
        expect(result.status).toBe(2);
        continue;
      }
      expect(result.stderr, command).toMatch(NO_DOCKER);
      expect(result.status).toBe(2);
      stoppedAt = command;
      break;
    }
    expect(reached).toEqual(['tools install', 'tools list', 'prefetch']);
    expect(stoppedAt).toBe('prefetch');
  }, 60_000);

  it.each(matrixEntries(job).map((matrix) => [String(matrix.lessons), matrix] as const))('%s: past that, verify says which lessons cannot run without the engine, and the summary step writes its table', async (lessons, matrix) => {
    const workspace = tempDir('mw-runner-workspace-');
    const calls = callsOf({ matrix, workspace, os: 'Linux' });
    const verify = calls.find((call) => call.args[0] === 'verify');
    if (verify === undefined) throw new Error('the job calls no verify');
    const result = await runCli(verify.args, verify.env);
    expect(`${result.stdout}${result.stderr}`).not.toMatch(USAGE_ERROR);
    const ids = lessons.split(' ');
    const needClusters = ids.length === 1;
    if (needClusters) {
      expect(result.stdout.split('\n')[0]).toMatch(new RegExp(`^No Docker engine \\(.+\\): ${lessons} needs clusters, so it cannot run here\\. 'mesh-workshop doctor' says how to fix this machine\\.$`));
      expect(result.status).toBe(3);
    } else {
      // The lessons that need no cluster run here for real; concepts' optional step, on cluster1, waits for a runner.
      expect(result.stdout.split('\n')[0]).toBe('No Docker engine: only the lessons that need no cluster run (without the optional steps that need one).');
      expect(result.status).toBe(0);
    }
    // The summary step, its script run as the runner runs it (bash -e), with the job summary file it appends to.
    const summaryStep = (job?.steps ?? []).find((step) => step.run?.includes('scripts/e2e-summary.mjs'));
    if (summaryStep?.run === undefined) throw new Error('the job has no summary step');
    const summaryFile = path.join(workspace, 'step-summary.md');
    writeFileSync(summaryFile, '');
    const env = { ...stepEnvironment(e2e.document, job as NonNullable<typeof job>, summaryStep, { matrix, workspace, os: 'Linux' }), GITHUB_STEP_SUMMARY: summaryFile, GITHUB_EVENT_NAME: 'schedule' };
    const summary = spawnSync('bash', ['-e', '-c', summaryStep.run], { encoding: 'utf8', env: { ...process.env, ...env } });
    expect(summary.stderr).toBe('');
    expect(summary.status).toBe(0);
    const rows = readFileSync(summaryFile, 'utf8').split('\n').filter((line) => line.startsWith('| `'));
    expect(rows.map((row) => /^\| `([\w-]+)` \| (\S+)/.exec(row)?.slice(1))).toEqual(ids.map((id) => [id, needClusters ? '➖' : '✅']));
  }, 120_000);
});
