// The GitHub workflows, checked here so a runner with Docker never meets a mistake a machine without one
// could have found: their YAML against the published workflow schema (schemastore's, a fixture), third-party
// actions pinned by commit, the e2e matrix against the lessons, every CLI call against the CLI's own parser,
// and every run script through shellcheck.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { isCommand } from '../../src/cli.js';
import { parseFlags } from '../../src/commands/options.js';
import { clustersToVerify, selectLessons, verifyRequest } from '../../src/commands/verify-plan.js';
import { workshopClusters } from '../../src/cluster/topology.js';
import { listingOf } from '../../src/lesson/listing.js';
import { loadLessonPack } from '../../src/lesson/load.js';
import { defaultAssetsDir, defaultLessonsDir } from '../../src/paths.js';
import { cliLines, expandedArgs, matrixEntries, stepEnvironment, workflow, workflows, type Contexts, type WorkflowJob } from '../helpers/workflows.js';

const SCHEMA = JSON.parse(readFileSync('test/fixtures/github-workflow/github-workflow.json', 'utf8')) as object;
const HAS_SHELLCHECK = spawnSync('shellcheck', ['--version']).status === 0;

/**
 * The pinned actions: each release tag's commit, read with `git rev-parse <tag>^{commit}` in a clone of the
 * action's repository (github.com/actions/checkout, setup-node, cache, upload-artifact). A new pin is added
 * here with where it was read, so the version comment beside a SHA cannot drift from it.
 */
const PINNED_ACTIONS: Record<string, { sha: string; version: string }> = {
  'actions/checkout': { sha: '3d3c42e5aac5ba805825da76410c181273ba90b1', version: 'v7.0.1' },
  'actions/setup-node': { sha: '820762786026740c76f36085b0efc47a31fe5020', version: 'v7.0.0' },
  'actions/cache': { sha: '27d5ce7f107fe9357f9df03efb73ab90386fccae', version: 'v5.0.5' },
  'actions/upload-artifact': { sha: 'bbbca2ddaa5d8feaa63e36b76fdaad77386f024f', version: 'v7.0.0' },
};

const { lessons: loaded, problems } = loadLessonPack(defaultLessonsDir());
const LISTINGS = loaded.map(listingOf);
const CLUSTER_ORDER = workshopClusters(defaultAssetsDir()).map((cluster) => cluster.name);

function jobsOf(name: string): [string, WorkflowJob][] {
  return Object.entries(workflow(name).document.jobs);
}

describe('the workflows', () => {
  it('are the two the project ships', () => {
    expect(workflows().map((found) => path.basename(found.file))).toEqual(['ci.yml', 'e2e.yml']);
  });

  const validate = new Ajv({ strict: false, allErrors: true }).compile(SCHEMA);

  it.each(workflows().map((found) => [path.basename(found.file), found] as const))('%s is valid against the GitHub workflow schema', (_name, found) => {
    const valid = validate(found.document);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('the schema catches what it is here for: a misspelt key, a step with neither run nor uses, a bad trigger', () => {
    const good = workflow('e2e.yml').document;
    const job = good.jobs.verify as WorkflowJob;
    const misspelt = { ...good, jobs: { verify: { ...job, 'timeout-minute': 5 } } };
    const emptyStep = { ...good, jobs: { verify: { ...job, steps: [{ name: 'nothing' }] } } };
    const badTrigger = { ...good, on: { pushh: {} } };
    for (const broken of [misspelt, emptyStep, badTrigger]) expect(validate(broken)).toBe(false);
  });

  it.each(workflows().map((found) => [path.basename(found.file), found] as const))('%s pins every third-party action by full commit SHA, its version in a comment', (_name, found) => {
    const uses = found.text.split('\n').filter((line) => /^\s*(?:-\s+)?uses:/.test(line));
    expect(uses.length).toBeGreaterThan(0);
    for (const line of uses) {
      const pinned = /uses: ([\w-]+\/[\w.-]+)@([0-9a-f]{40}) # (v\d+\.\d+\.\d+)$/.exec(line);
      expect(pinned, line).not.toBeNull();
      const [, action = '', sha, version] = pinned ?? [];
      expect({ action, sha, version }).toEqual({ action, ...PINNED_ACTIONS[action] });
    }
  });

  it.each(workflows().map((found) => [path.basename(found.file), found] as const))('%s reads only contents and sets a time limit on each job', (_name, found) => {
    expect((found.document as { permissions?: unknown }).permissions).toEqual({ contents: 'read' });
    for (const job of Object.values(found.document.jobs)) expect(job['timeout-minutes']).toBeDefined();
  });

  it('runs no ${{ }} expression inside a script (values reach scripts through env, never spliced into the code)', () => {
    for (const found of workflows()) for (const job of Object.values(found.document.jobs)) for (const step of job.steps) expect(step.run ?? '').not.toContain('${{');
  });
});

describe('e2e.yml', () => {
  const document = workflow('e2e.yml').document;
  const [[jobId, job] = ['', {} as WorkflowJob]] = jobsOf('e2e.yml');
  const entries = matrixEntries(job);

  it('runs on push, pull requests, a weekly schedule and by hand', () => {
    expect(Object.keys(document.on as object).sort()).toEqual(['pull_request', 'push', 'schedule', 'workflow_dispatch']);
    const [schedule] = (document.on as { schedule: { cron: string }[] }).schedule;
    // minute hour * * weekday: once a week.
    expect(schedule?.cron).toMatch(/^\d+ \d+ \* \* [0-6]$/);
    expect(jobId).toBe('verify');
  });

  it('the lessons are all there to read', () => {
    expect(problems.filter((problem) => problem.severity === 'error')).toEqual([]);
    expect(LISTINGS.length).toBeGreaterThan(0);
  });

  it('has a job for each cluster lesson and one for all the lessons that need no cluster, each lesson once', () => {
    const named = entries.map((entry) => String(entry.lessons).split(' '));
    expect(named.flat().sort()).toEqual(LISTINGS.map((listing) => listing.id).sort());
    const byId = new Map(LISTINGS.map((listing) => [listing.id, listing]));
    const noCluster = named.filter((ids) => ids.every((id) => (byId.get(id)?.clusters.length ?? 0) === 0));
    expect(noCluster).toEqual([LISTINGS.filter((listing) => listing.clusters.length === 0).map((listing) => listing.id)]);
    for (const ids of named.filter((group) => group !== noCluster[0])) expect(ids).toHaveLength(1);
  });

  it.each(entries.map((entry) => [String(entry.lessons), entry] as const))('%s: names the clusters verify brings up for it (optional steps included)', (_lessons, entry) => {
    const chosen = selectLessons(LISTINGS, String(entry.lessons).split(' '));
    expect(String(entry.clusters)).toBe(clustersToVerify(chosen, true, CLUSTER_ORDER).join(' '));
  });

  it.each(entries.map((entry) => [String(entry.lessons), entry] as const))('%s: its time limit is the lessons\' estimate plus 20 minutes or more, within GitHub\'s 360', (_lessons, entry) => {
    const estimate = selectLessons(LISTINGS, String(entry.lessons).split(' ')).reduce((total, listing) => total + listing.estimateMinutes, 0);
    expect(Number(entry.minutes)).toBeGreaterThanOrEqual(estimate + 20);
    expect(Number(entry.minutes)).toBeLessThanOrEqual(360);
    expect(job['timeout-minutes']).toBe('${{ matrix.minutes }}');
  });

  it('caches the pinned tools keyed on the file that pins their versions and checksums', () => {
    const cache = job.steps.find((step) => step.uses?.startsWith('actions/cache@'));
    expect(cache?.with?.path).toBe('${{ env.MESH_WORKSHOP_HOME }}/cache/tools');
    expect(String(cache?.with?.key)).toContain("hashFiles('src/cluster/versions.ts')");
    const source = readFileSync('src/cluster/versions.ts', 'utf8');
    expect(source).toMatch(/export const PINNED = \{/);
  });

  it('on failure uploads the JUnit folder (support bundles sit beside the JUnit files) and the step logs', () => {
    const upload = job.steps.find((step) => step.uses?.startsWith('actions/upload-artifact@'));
    expect(upload?.if).toBe('failure()');
    expect(String(upload?.with?.path).trim().split('\n')).toEqual(['${{ env.JUNIT_DIR }}', '${{ env.MESH_WORKSHOP_HOME }}/logs']);
    const verify = job.steps.find((step) => step.run?.includes(' verify '));
    expect(verify?.run).toContain('--junit-dir "$JUNIT_DIR"');
  });

  it('writes the summary table on every outcome, into the job summary only', () => {
    const summary = job.steps.find((step) => step.run?.includes('scripts/e2e-summary.mjs'));
    expect(summary?.if).toBe('always()');
    expect(summary?.run).toMatch(/>> "\$GITHUB_STEP_SUMMARY"\n$/);
  });
});

describe('ci.yml', () => {
  const [[, job] = ['', {} as WorkflowJob]] = jobsOf('ci.yml');

  it('runs .ci/run on Node 20, 22 and 24, on Linux and macOS', () => {
    const entries = matrixEntries(job);
    expect(entries.map((entry) => `${entry.os} ${entry.node}`).sort()).toEqual(['macos-latest 20', 'macos-latest 22', 'macos-latest 24', 'ubuntu-latest 20', 'ubuntu-latest 22', 'ubuntu-latest 24']);
    expect(job['runs-on']).toBe('${{ matrix.os }}');
    expect(job.steps.at(-1)?.run).toBe('.ci/run');
  });

  it('gives macOS its tools from Homebrew (no apt there), and Linux from apt with sudo: every tool .ci/run needs', () => {
    // .ci/run installs what is missing with apt as root; the runners are not root, so the workflow does it first.
    const needed = /^for tool in ([\w ]+); do/m.exec(readFileSync('.ci/run', 'utf8'))?.[1]?.split(' ') ?? [];
    expect(needed).toContain('tmux');
    const words = (run: string | undefined, command: RegExp): string[] => (run ?? '').split('\n').filter((line) => command.test(line)).flatMap((line) => line.split(/\s+/));
    const linux = job.steps.find((step) => step.if === "runner.os == 'Linux'");
    expect(linux?.run).toMatch(/sudo .*apt-get install/);
    expect(words(linux?.run, /apt-get install/)).toEqual(expect.arrayContaining(needed));
    // macOS comes with make, openssl and python3.
    const mac = job.steps.find((step) => step.if === "runner.os == 'macOS'");
    expect(words(mac?.run, /^brew install/)).toEqual(expect.arrayContaining(needed.filter((tool) => !['make', 'openssl', 'python3'].includes(tool))));
    // The classroom's page tests need a Chromium, which .ci/run looks for at $CHROMIUM: each system names its own.
    expect(readFileSync('.ci/run', 'utf8')).toContain('[ -x "${CHROMIUM:-/usr/bin/chromium}" ] || missing+=(chromium)');
    for (const step of [linux, mac]) expect(step?.run).toMatch(/^echo "CHROMIUM=\/.+" >> "\$GITHUB_ENV"$/m);
  });
});

describe('README', () => {
  const readme = readFileSync('README.md', 'utf8');

  it('has a badge for each workflow file there is, with the OWNER/REPO placeholder named for replacing', () => {
    const badges = [...readme.matchAll(/\(https:\/\/github\.com\/OWNER\/REPO\/actions\/workflows\/([\w.-]+)\/badge\.svg/g)].map((match) => match[1]);
    expect(badges).toEqual(['ci.yml', 'e2e.yml']);
    expect(readme).toMatch(/<!-- Badges: replace OWNER\/REPO with this repository's path on GitHub/);
  });

  it('has a "verified live" column for every lesson, pointing at the scheduled e2e runs', () => {
    const lines = readme.split('\n');
    const header = lines.indexOf('| lesson | clusters | what you do | verified live |');
    expect(header).toBeGreaterThan(0);
    const table = lines.slice(header + 2);
    const rows = table.slice(0, table.findIndex((line) => !line.startsWith('|')));
    expect(rows.map((row) => /^\| `([\w-]+)`/.exec(row)?.[1])).toEqual(LISTINGS.map((listing) => listing.id));
    for (const row of rows) expect(row).toMatch(/ \| \[weekly run\]\[live\] \|$/);
    expect(readme).toMatch(/^\[live\]: https:\/\/github\.com\/OWNER\/REPO\/actions\/workflows\/e2e\.yml\?query=event%3Aschedule$/m);
  });
});

/** Every CLI call in every job of a workflow, for each matrix entry, with its words as bash expands them. */
function cliCalls(name: string): { where: string; args: string[] }[] {
  const found = workflow(name);
  return Object.entries(found.document.jobs).flatMap(([jobId, job]) =>
    matrixEntries(job).flatMap((matrix) => {
      const contexts: Contexts = { matrix, workspace: '/home/runner/work/mesh-workshop/mesh-workshop', os: 'Linux' };
      return job.steps.flatMap((step) => {
        if (step.run === undefined) return [];
        const env = stepEnvironment(found.document, job, step, contexts);
        return cliLines(step.run).map(({ line, text }) => ({ where: `${name} ${jobId} [${Object.values(matrix).join(', ')}] '${step.name ?? ''}' line ${line}`, args: expandedArgs(text, env) }));
      });
    }),
  );
}

describe('every CLI call in the workflows, against the CLI\'s own parser', () => {
  const calls = workflows().flatMap((found) => cliCalls(path.basename(found.file)));

  it('there are calls to check (tools, prefetch, verify in each e2e job)', () => {
    const commands = new Set(calls.map((call) => call.args.slice(0, 2).join(' ')));
    expect([...commands].sort()).toEqual(['prefetch', 'tools install', 'tools list', 'verify tour', ...LISTINGS.filter((listing) => listing.clusters.length > 0).map((listing) => `verify ${listing.id}`)].sort());
  });

  it.each(calls.map((call) => [call.where, call] as const))('%s', (_where, { args }) => {
    const { values, positionals } = parseFlags(args);
    const [command = '', ...rest] = positionals;
    expect(isCommand(command), `unknown command '${command}'`).toBe(true);
    if (command === 'verify') {
      const request = verifyRequest(values, rest);
      expect(request.optional).toBe(true);
      expect(selectLessons(LISTINGS, request.lessons).map((listing) => listing.id)).toEqual(request.lessons);
    }
  });

  it('the parser check fails on a misspelt option, and the command check on a misspelt command', () => {
    expect(() => parseFlags(['verify', 'no-mesh', '--optionl'])).toThrow(/Unknown option '--optionl'/);
    expect(isCommand('verfy')).toBe(false);
    expect(() => selectLessons(LISTINGS, ['no-msh'])).toThrow(/no lesson 'no-msh' \(did you mean 'no-mesh'\?\)/);
  });
});

describe.runIf(HAS_SHELLCHECK)('shellcheck on every run script of the workflows', () => {
  const scripts = workflows().flatMap((found) =>
    Object.entries(found.document.jobs).flatMap(([jobId, job]) => job.steps.filter((step) => step.run !== undefined).map((step) => [`${path.basename(found.file)} ${jobId}: ${step.name ?? step.run}`, step.run ?? ''] as const)),
  );

  it.each(scripts)('%s', (_where, script) => {
    // GitHub runs a run script with bash -e on Linux and macOS runners.
    const result = spawnSync('shellcheck', ['--shell=bash', '--format=gcc', '-'], { input: script, encoding: 'utf8' });
    expect(result.stdout).toBe('');
    expect(result.status).toBe(0);
  });

  it('and .ci/run, the script ci.yml runs', () => {
    const result = spawnSync('shellcheck', ['--format=gcc', '.ci/run'], { encoding: 'utf8' });
    expect(result.stdout).toBe('');
    expect(result.status).toBe(0);
  });

  it('shellcheck here does find what it is for: an unquoted variable in a script', () => {
    const result = spawnSync('shellcheck', ['--shell=bash', '--format=gcc', '-'], { input: 'node bin/mesh-workshop.js verify --junit-dir $JUNIT_DIR\n', encoding: 'utf8' });
    expect(result.stdout).toMatch(/SC2086/);
  });
});
