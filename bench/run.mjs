#!/usr/bin/env node
// Benchmarks for mesh-workshop, reported as RATIOS against baselines measured in the same run, with the
// runs interleaved (A B, B A, A B, …: the order rotates every round) so that noise on a shared machine
// hits every side alike. Prints a table, then one line `BENCH_JSON {…}` with every figure.
//
// Timing goals are informational: the exit code stays 0 whether or not they are met. Correctness is not:
// a CLI run that exits non-zero, or a step log that does not hold the whole 20 MB of output, exits 1.
//
//   npm run bench                 (builds first)
//   node bench/run.mjs            (uses the existing dist/)
//   BENCH_STARTUP_PAIRS=30 BENCH_STREAM_PAIRS=10 node bench/run.mjs
//   BENCH_CLASSROOM_LEARNERS=200 BENCH_CLASSROOM_RATE=10 BENCH_CLASSROOM_SECONDS=30 (the classroom load, bench/classroom.mjs)
//
// Plain Node, standard library only (the classroom's page is read through playwright-core, in bench/classroom.mjs).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUNDLE_OPTIONS } from '../scripts/bundle-options.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const NODE = process.execPath;
const GNU_TIME = '/usr/bin/time';

const STARTUP_PAIRS = positiveInt(process.env.BENCH_STARTUP_PAIRS, 15);
const STREAM_PAIRS = positiveInt(process.env.BENCH_STREAM_PAIRS, 5);
const NPX_PAIRS = positiveInt(process.env.BENCH_NPX_PAIRS, 3);
const GOALS = { startupRatio: 2, firstRunRatio: 2.5, oneStepRunRatio: 2, firstFrameRatio: 1.3, npxFirstFrameRatio: 1.3, streamRatio: 2, peakRssMb: 150, keyLatencyMs: 100, proxyConfigRatio: 2, packedKb: 800, unpackedMb: 3 };

// Two floods of about 20 MB each: short lines (7.6 bytes a line on average) and long ones (base64's 76
// characters); the lines per byte, not the bytes, are what cost a line-oriented reader. Each step is judged by
// its exit code, so the engine keeps only the output's head and tail for checks; a third step is searched
// whole by `contains` (the engine then also keeps the output beyond the head on disk): its time is shown for
// reference, its peak memory is held to the goal like the others'.
const FLOODS = [
  { id: 'flood-short', what: 'short lines (seq)', command: 'seq 1 2600000', check: '{exitCode: 0}', timeGoal: true },
  { id: 'flood-long', what: 'long lines (base64)', command: 'head -c 15000000 /dev/zero | base64', check: '{exitCode: 0}', timeGoal: true },
  { id: 'flood-searched', what: 'short lines searched whole', command: 'seq 1 2600000', check: '{contains: "2599999"}', timeGoal: false },
];
const TINY_LINE = 'Hello version: v1, instance: helloworld-v1-7d4b8c9f6-x2k7q';
const TUI_FLOOD_SECONDS = positiveInt(process.env.BENCH_TUI_FLOOD_SECONDS, 8);

function positiveInt(text, fallback) {
  const value = Number(text);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

// ------------------------------------------------------------------------------------------ temp + errors

const tmp = mkdtempSync(path.join(os.tmpdir(), 'mesh-workshop-bench-'));
const startupHome = path.join(tmp, 'home-startup');
mkdirSync(startupHome, { recursive: true });
const ENV = { ...process.env, MESH_WORKSHOP_HOME: startupHome, NO_COLOR: '1' };
let cleaned = false;
function cleanUp() {
  if (cleaned) return;
  cleaned = true;
  rmSync(tmp, { recursive: true, force: true });
}
process.on('exit', cleanUp);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    cleanUp();
    process.exit(130);
  });
}

function fail(message, detail) {
  process.stderr.write(`\nbench: CORRECTNESS FAILURE: ${message}\n`);
  if (detail) process.stderr.write(`${detail.trimEnd()}\n`);
  cleanUp();
  process.exit(1);
}

const progress = (text) => process.stderr.write(`bench: ${text}\n`);

// ------------------------------------------------------------------------------------------ measuring

const haveGnuTime = (() => {
  if (!existsSync(GNU_TIME)) return false;
  const probe = path.join(tmp, 'time-probe.txt');
  const ok = spawnSync(GNU_TIME, ['-f', '%M', '-o', probe, 'true'], { stdio: 'ignore' }).status === 0;
  return ok && /^\s*\d+\s*$/.test(readFileSync(probe, 'utf8'));
})();
const rssFile = path.join(tmp, 'rss.txt');

/**
 * One timed run: wall time (ms) around spawnSync, exit status, output (kept only to explain a failure) and,
 * with `rss`, the peak resident memory (KB) from GNU time, which then wraps the command.
 */
function timed(file, args, { rss = false, env = ENV } = {}) {
  const [command, argv] = rss && haveGnuTime ? [GNU_TIME, ['-f', '%M', '-o', rssFile, file, ...args]] : [file, args];
  const started = process.hrtime.bigint();
  const result = spawnSync(command, argv, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 16 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.error) fail(`cannot run ${command} ${argv.join(' ')}: ${result.error.message}`);
  let rssKb;
  if (rss && haveGnuTime) {
    // GNU time writes "Command exited with non-zero status N" before the figure when the command fails.
    const numbers = readFileSync(rssFile, 'utf8').trim().split(/\s+/).filter((word) => /^\d+$/.test(word));
    if (numbers.length > 0) rssKb = Number(numbers.at(-1));
  }
  return { ms, rssKb, status: result.status, signal: result.signal, stdout: result.stdout?.toString() ?? '', stderr: result.stderr?.toString() ?? '' };
}

function expectSuccess(run, label) {
  if (run.status !== 0) {
    fail(`${label} exited with ${run.status ?? `signal ${run.signal}`}`, `--- stdout ---\n${run.stdout.slice(-4000)}\n--- stderr ---\n${run.stderr.slice(-4000)}`);
  }
}

const round = (value, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;
function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}
const spread = (values) => ({ min: round(Math.min(...values)), median: round(median(values)), max: round(Math.max(...values)), n: values.length });

/**
 * Runs every side once per round, after `warmup` untimed rounds, rotating the order each round so that no
 * side always goes first. Each side is `{ run, check? }`; `check(result, label)` sees every run, warm-ups
 * included. Returns each side's wall times and results per round, so ratios can be taken within a round.
 */
function interleave(sides, { rounds, warmup }) {
  const names = Object.keys(sides);
  const out = Object.fromEntries(names.map((name) => [name, []]));
  for (let r = -warmup; r < rounds; r++) {
    const shift = ((r % names.length) + names.length) % names.length;
    const order = [...names.slice(shift), ...names.slice(0, shift)];
    for (const name of order) {
      const result = sides[name].run();
      sides[name].check?.(result, r < 0 ? `${name} (warm-up)` : `${name} (round ${r + 1})`);
      if (r >= 0) out[name].push(result);
    }
  }
  return out;
}

/** A figure: side A against side B, with min/median/max of each and the median of the per-round ratios. */
function figure(label, results, a, b, goal) {
  const ratios = results[a].map((run, i) => run.ms / results[b][i].ms);
  const ratio = round(median(ratios), 3);
  return {
    label,
    a: spread(results[a].map((run) => run.ms)),
    b: spread(results[b].map((run) => run.ms)),
    ratio,
    ratios: ratios.map((x) => round(x, 3)),
    ...(goal === undefined ? {} : { goal: `<= ${goal}x`, met: ratio <= goal }),
  };
}

// ------------------------------------------------------------------------------------------ preflight

// The CLI is measured from a snapshot of the package (what package.json ships, and itself) in the temp dir:
// a rebuild of dist/ by someone else while the bench runs (the build empties dist/ first) cannot then
// break runs half-way, and every run measures the same build. The bundle needs no node_modules.
const APP = path.join(tmp, 'app');
const CLI = path.join(APP, 'bin', 'mesh-workshop.js');
function snapshot() {
  for (let attempt = 1; ; attempt++) {
    rmSync(APP, { recursive: true, force: true });
    try {
      for (const entry of ['assets', 'bin', 'dist', 'lessons', 'schema', 'package.json', 'README.md']) cpSync(path.join(ROOT, entry), path.join(APP, entry), { recursive: true });
      const probe = spawnSync(NODE, [CLI, 'list'], { env: ENV, stdio: ['ignore', 'ignore', 'pipe'] });
      if (probe.status === 0) return;
      if (attempt >= 10) fail(`the built CLI does not run ('mesh-workshop list' exited with ${probe.status})`, probe.stderr?.toString());
    } catch (error) {
      if (attempt >= 10) fail(`cannot copy the built CLI: ${error.message}. Build first ('node scripts/build.mjs', or 'npm run bench').`);
    }
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500); // dist/ may be being rebuilt: wait, retry
  }
}
snapshot();
const benchStarted = process.hrtime.bigint();
const nodeEmpty = { run: () => timed(NODE, ['-e', '0']), check: (run, label) => expectSuccess(run, `node -e 0 ${label}`) };

// ------------------------------------------------------------------------------------------ 1. startup

// list and lint keep their results in the state directory (keyed by the pack's files): the goal rows
// measure that everyday case; the "first run" rows start each run with an empty state directory.
const startupCases = [
  { key: 'list', label: 'list vs node -e 0', args: ['list'], goal: true },
  { key: 'version', label: '--version vs node -e 0', args: ['--version'], goal: true },
  { key: 'lint', label: 'lint vs node -e 0', args: ['lint'], goal: true },
  { key: 'listFirst', label: 'list, first run', args: ['list'], cold: true, goal: true },
  { key: 'lintFirst', label: 'lint, first run', args: ['lint'], cold: true, goal: true },
];
let coldHomes = 0;
const coldEnv = () => ({ ...ENV, MESH_WORKSHOP_HOME: path.join(tmp, `home-cold-${++coldHomes}`) });
const startup = {};
for (const { key, label, args, goal, cold } of startupCases) {
  progress(`startup: ${label} (${STARTUP_PAIRS} pairs after 2 warm-up pairs)`);
  const results = interleave(
    {
      A: { run: () => timed(NODE, [CLI, ...args], cold ? { env: coldEnv() } : {}), check: (run, at) => expectSuccess(run, `mesh-workshop ${args.join(' ')} ${at}`) },
      B: nodeEmpty,
    },
    { rounds: STARTUP_PAIRS, warmup: 2 },
  );
  const goalRatio = cold ? GOALS.firstRunRatio : GOALS.startupRatio;
  startup[key] = { command: `node bin/mesh-workshop.js ${args.join(' ')}`, baseline: 'node -e 0', cold: cold === true, ...figure(label, results, 'A', 'B', goal ? goalRatio : undefined) };
}

// ------------------------------------------------------------------------------------------ 1b. first frame

progress(`first frame: the home screen in a pseudo-terminal vs a minimal Ink app bundled the same way (${STARTUP_PAIRS} pairs after 2 warm-up pairs)`);
let firstFrame;
{
  const run = spawnSync(NODE, [path.join(ROOT, 'bench', 'first-frame.mjs'), String(STARTUP_PAIRS)], { encoding: 'utf8', timeout: 180_000 });
  if (run.status !== 0) fail('the first-frame measurement failed', (run.stderr ?? '').slice(-2000));
  const raw = JSON.parse(run.stdout);
  const results = { A: raw.workshop.map((ms) => ({ ms })), B: raw.minimal.map((ms) => ({ ms })) };
  firstFrame = { command: 'mesh-workshop (home screen) in a pty', baseline: 'a minimal Ink app, bundled alike', ...figure('first frame vs minimal Ink app', results, 'A', 'B', GOALS.firstFrameRatio) };
}

// ------------------------------------------------------------------------------------------ 1c. npx, first run

progress(`npx: the packed package from an empty npm cache to the first frame vs a minimal Ink app packed the same way (${NPX_PAIRS} pairs after 1 warm-up pair)`);
let npxFirstFrame;
{
  const run = spawnSync(NODE, [path.join(ROOT, 'bench', 'npx-first-frame.mjs'), String(NPX_PAIRS)], { encoding: 'utf8', timeout: 600_000 });
  if (run.status !== 0) fail('the npx first-frame measurement failed', (run.stderr ?? '').slice(-2000));
  const raw = JSON.parse(run.stdout);
  const results = { A: raw.workshop.map((ms) => ({ ms })), B: raw.minimal.map((ms) => ({ ms })) };
  npxFirstFrame = { command: 'npx --offline --cache EMPTY --package mesh-workshop.tgz', baseline: 'a minimal Ink app, bundled and packed alike', ...figure('npx, empty cache, to first frame vs minimal Ink app', results, 'A', 'B', GOALS.npxFirstFrameRatio) };
}

// ------------------------------------------------------------------------------------------ 1d. package size

let packageSize;
{
  const run = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: APP, encoding: 'utf8', env: { ...process.env, npm_config_loglevel: 'error' } });
  if (run.status !== 0) fail('npm pack --dry-run failed', run.stderr);
  const [packed] = JSON.parse(run.stdout);
  const maps = packed.files.filter((file) => file.path.endsWith('.map')).length;
  packageSize = {
    packedKb: round(packed.size / 1000, 1),
    unpackedMb: round(packed.unpackedSize / 1e6, 2),
    files: packed.entryCount,
    sourceMaps: maps,
    goal: `<= ${GOALS.packedKb} kB packed, <= ${GOALS.unpackedMb} MB unpacked, no source maps`,
    met: packed.size / 1000 <= GOALS.packedKb && packed.unpackedSize / 1e6 <= GOALS.unpackedMb && maps === 0,
  };
}

// ------------------------------------------------------------------------------------------ 2. stream

function writeLesson(dir, id, title, stepTitle, command, check = '{exitCode: 0}') {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    path.join(dir, 'lesson.yaml'),
    [
      `id: ${id}`,
      `title: ${title}`,
      'summary: A lesson written by bench/run.mjs to measure the engine.',
      'estimate: 1m',
      'steps:',
      `  - id: ${id}`,
      `    title: ${stepTitle}`,
      `    run: ${JSON.stringify(command)}`,
      `    check: ${check}`,
      '',
    ].join('\n'),
  );
}
const floodPack = path.join(tmp, 'pack');
const floodHome = path.join(tmp, 'home');
for (const flood of FLOODS) writeLesson(path.join(floodPack, `00-${flood.id}`), flood.id, `Print ${flood.what}`, 'Print 20 MB', flood.command, flood.check);
// Reference: the same CLI and engine running a one-line step, i.e. the fixed cost of `run`.
const tinyPack = path.join(tmp, 'pack-tiny');
const tinyHome = path.join(tmp, 'home-tiny');
writeLesson(path.join(tinyPack, '00-tiny'), 'tiny', 'Print one line', 'Print one line', `echo '${TINY_LINE}'`);
// Reference: the least any Node runner that keeps a log does: spawn bash, pipe its stdout into a file.
const pipeLog = path.join(tmp, 'pipe.log');
const PIPE_SCRIPT = [
  "const { spawn } = require('node:child_process');",
  "const { createWriteStream } = require('node:fs');",
  "const child = spawn('bash', ['-c', process.argv[1]], { stdio: ['ignore', 'pipe', 'inherit'] });",
  'const log = createWriteStream(process.argv[2]);',
  'child.stdout.pipe(log);',
  // Pending writes keep Node alive until the log is complete.
  "child.on('close', (code) => { process.exitCode = code ?? 1; });",
].join('\n');

// What each flood prints, to hold every step log to, byte for byte.
for (const flood of FLOODS) {
  const printed = spawnSync('bash', ['-c', flood.command], { maxBuffer: 64 * 1024 * 1024 });
  if (printed.status !== 0) fail(`the flood command failed in plain bash: ${flood.command}`);
  flood.output = printed.stdout;
}

function findFiles(dir, name, found = []) {
  if (!existsSync(dir)) return found;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) findFiles(full, name, found);
    else if (entry.name === name) found.push(full);
  }
  return found;
}

/** The step log of the run that just ended must hold the command's output, byte for byte, and nothing else. */
const logChecks = [];
function verifyFloodLog(flood, label) {
  const logs = findFiles(path.join(floodHome, 'logs', flood.id), `01-${flood.id}.log`);
  if (logs.length !== 1) fail(`${label}: expected one step log ${floodHome}/logs/${flood.id}/**/01-${flood.id}.log, found ${logs.length}`);
  const log = readFileSync(logs[0]);
  if (log.length !== flood.output.length) fail(`${label}: the step log has ${log.length.toLocaleString('en')} bytes; the command printed ${flood.output.length.toLocaleString('en')}`);
  if (!log.equals(flood.output)) fail(`${label}: the step log is not the command's output, byte for byte`);
  logChecks.push({ flood: flood.id, size: log.length });
  rmSync(path.join(floodHome, 'logs'), { recursive: true, force: true });
}

progress(`stream: 20 MB steps (${FLOODS.map((flood) => flood.what).join(', ')}) through the CLI vs bash > /dev/null, with references (${STREAM_PAIRS} rounds after 1 warm-up${haveGnuTime ? ', under GNU time' : ''})`);
// Every side runs under GNU time (when there is one) so that all carry the same wrapper.
const floodSides = Object.fromEntries(
  FLOODS.flatMap((flood) => [
    [
      `cli-${flood.id}`,
      {
        run: () => timed(NODE, [CLI, '--lessons', floodPack, '--home', floodHome, 'run', flood.id, '--yes'], { rss: true }),
        check: (run, at) => {
          expectSuccess(run, `mesh-workshop run ${flood.id} ${at}`);
          verifyFloodLog(flood, `mesh-workshop run ${flood.id} ${at}`);
        },
      },
    ],
    [`devnull-${flood.id}`, { run: () => timed('bash', ['-c', `${flood.command} > /dev/null`], { rss: true }), check: (run, at) => expectSuccess(run, `bash -c "${flood.command} > /dev/null" ${at}`) }],
  ]),
);
const SHORT = FLOODS[0];
const stream = interleave(
  {
    ...floodSides,
    pipe: {
      run: () => timed(NODE, ['-e', PIPE_SCRIPT, SHORT.command, pipeLog], { rss: true }),
      check: (run, at) => {
        expectSuccess(run, `node spawn+pipe ${at}`);
        const size = statSync(pipeLog).size;
        if (size !== SHORT.output.length) fail(`node spawn+pipe ${at}: wrote ${size} bytes, expected ${SHORT.output.length}`);
      },
    },
    tiny: {
      run: () => timed(NODE, [CLI, '--lessons', tinyPack, '--home', tinyHome, 'run', 'tiny', '--yes'], { rss: true }),
      check: (run, at) => expectSuccess(run, `mesh-workshop run tiny ${at}`),
    },
    node: { run: () => timed(NODE, ['-e', '0'], { rss: true }), check: nodeEmpty.check },
  },
  { rounds: STREAM_PAIRS, warmup: 1 },
);
rmSync(pipeLog, { force: true });

progress(`stream: each 20 MB through the engine in one process vs the same command piped to cat / redirected (${STREAM_PAIRS} rounds after 1 warm-up)`);
const engineBundle = path.join(tmp, 'engine.mjs');
{
  const entry = path.join(tmp, 'engine-entry.ts');
  writeFileSync(entry, `export { runLesson } from ${JSON.stringify(path.join(ROOT, 'src/engine/run-lesson.ts'))};\nexport { loadLessonFile } from ${JSON.stringify(path.join(ROOT, 'src/lesson/load.ts'))};\n`);
  const { build } = await import('esbuild');
  // Bundled and minified as the shipped CLI is.
  const { splitting: _noSplitting, ...single } = BUNDLE_OPTIONS;
  await build({ ...single, entryPoints: [entry], outfile: engineBundle, logLevel: 'error', nodePaths: [path.join(ROOT, 'node_modules')] });
}
const inProcess = {};
for (const flood of FLOODS) {
  const harness = spawnSync(NODE, [path.join(ROOT, 'bench', 'stream-harness.mjs'), engineBundle, path.join(floodPack, `00-${flood.id}`, 'lesson.yaml'), path.join(tmp, 'home-harness'), String(STREAM_PAIRS), flood.command], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  if (harness.status !== 0) fail(`the in-process stream harness failed on ${flood.what}`, harness.stderr.slice(-2000));
  inProcess[flood.id] = JSON.parse(harness.stdout);
}

progress(`stream: the TUI in a pseudo-terminal while a step prints short lines for ${TUI_FLOOD_SECONDS} s, \`?\` pressed every 250 ms or so`);
let tuiFlood;
{
  const run = spawnSync(NODE, [path.join(ROOT, 'bench', 'tui-flood.mjs'), CLI, String(TUI_FLOOD_SECONDS), '20'], { encoding: 'utf8', timeout: 120_000 });
  if (run.status !== 0) fail('the TUI flood measurement failed', (run.stderr ?? '').slice(-3000));
  const raw = JSON.parse(run.stdout);
  const worst = Math.max(...raw.latenciesMs);
  tuiFlood = {
    keys: raw.latenciesMs.length,
    latencyMs: { median: median(raw.latenciesMs), max: worst, all: raw.latenciesMs },
    peakRssMb: raw.peakRssMb,
    goal: `every key answered within ${GOALS.keyLatencyMs} ms, peak RSS < ${GOALS.peakRssMb} MB`,
    met: worst <= GOALS.keyLatencyMs && raw.peakRssMb < GOALS.peakRssMb,
  };
}

const rssOf = (side) => stream[side].map((run) => run.rssKb).filter((kb) => kb !== undefined);
const peakRss = Object.fromEntries(
  FLOODS.map((flood) => {
    const runs = rssOf(`cli-${flood.id}`);
    if (runs.length === 0) return [flood.id, { measured: false, reason: haveGnuTime ? 'GNU time gave no figure' : `${GNU_TIME} (GNU time) not found`, goal: `< ${GOALS.peakRssMb} MB`, met: null }];
    const maxMb = round(Math.max(...runs) / 1024, 1);
    return [flood.id, { measured: true, maxMb, medianMb: round(median(runs) / 1024, 1), runs: runs.length, tool: `${GNU_TIME} -f %M`, goal: `< ${GOALS.peakRssMb} MB in every run`, met: maxMb < GOALS.peakRssMb }];
  }),
);
const referenceRss = Object.fromEntries(['tiny', 'pipe', 'node'].map((side) => [side, rssOf(side).length > 0 ? round(median(rssOf(side)) / 1024, 1) : null]));

const diffs = (a, b) => stream[a].map((run, i) => run.ms - stream[b][i].ms);
const streamResults = {
  floods: FLOODS.map(({ id, what, command, output }) => ({ id, what, command, bytes: output.length })),
  engine: Object.fromEntries(FLOODS.map((flood) => [flood.id, { ...figure(`20 MB of ${flood.what} through the engine vs | cat`, inProcess[flood.id], 'engine', 'cat', flood.timeGoal ? GOALS.streamRatio : undefined), where: 'in one process', check: flood.check }])),
  engineVsDevNull: Object.fromEntries(FLOODS.map((flood) => [flood.id, figure(`20 MB of ${flood.what} through the engine vs > /dev/null`, inProcess[flood.id], 'engine', 'devnull')])),
  step: Object.fromEntries(FLOODS.map((flood) => [flood.id, { baseline: `bash -c "<command> > /dev/null"`, ...figure(`whole CLI run, 20 MB of ${flood.what}, vs > /dev/null`, stream, `cli-${flood.id}`, `devnull-${flood.id}`) }])),
  reference: {
    pipeVsDevNull: figure(`node spawn+pipe to a file vs > /dev/null (${SHORT.what})`, stream, 'pipe', `devnull-${SHORT.id}`),
    stepVsPipe: figure(`20 MB step vs node spawn+pipe to a file (${SHORT.what})`, stream, `cli-${SHORT.id}`, 'pipe'),
    tinyVsNode: figure('run of a one-line step vs node -e 0', stream, 'tiny', 'node', GOALS.oneStepRunRatio),
    // The cost of the 20 MB itself, with each side's fixed start-up taken off within the same round.
    engineStreamingMs: round(median(diffs(`cli-${SHORT.id}`, 'tiny'))),
    minimalStreamingMs: round(median(diffs('pipe', 'node'))),
  },
  log: { runsVerified: logChecks.length, bytes: Object.fromEntries(FLOODS.map((flood) => [flood.id, flood.output.length])) },
  peakRss,
  referenceRss,
  tui: tuiFlood,
};

// ------------------------------------------------------------------------------------------ 2b. proxy-config

progress('proxy-config: parse a 21 MB config dump and render its route and cluster tables vs JSON.parse of it alone (9 interleaved rounds)');
let proxyConfig;
{
  const run = spawnSync(NODE, [path.join(ROOT, 'bench', 'proxy-config.mjs'), '9'], { encoding: 'utf8', timeout: 300_000 });
  if (run.status !== 0) fail('the proxy-config measurement failed', (run.stderr ?? '').slice(-2000));
  const raw = JSON.parse(run.stdout);
  const results = { A: raw.render.map((ms) => ({ ms })), B: raw.parse.map((ms) => ({ ms })) };
  proxyConfig = { dumpMb: raw.megabytes, clusters: raw.clusters, routes: raw.routes, ...figure(`route+cluster tables, ${raw.megabytes} MB dump, vs JSON.parse`, results, 'A', 'B', GOALS.proxyConfigRatio) };
}

// ------------------------------------------------------------------------------------------ 2c. classroom

const CLASSROOM = { learners: positiveInt(process.env.BENCH_CLASSROOM_LEARNERS, 200), rate: positiveInt(process.env.BENCH_CLASSROOM_RATE, 10), seconds: positiveInt(process.env.BENCH_CLASSROOM_SECONDS, 30) };
progress(`classroom: ${CLASSROOM.learners} learners × ${CLASSROOM.rate} events/s × ${CLASSROOM.seconds} s against the server, the page in headless Chromium`);
let classroom;
{
  const run = spawnSync(NODE, [path.join(ROOT, 'bench', 'classroom.mjs'), '--learners', String(CLASSROOM.learners), '--rate', String(CLASSROOM.rate), '--seconds', String(CLASSROOM.seconds)], { encoding: 'utf8', timeout: 1_800_000 });
  // A lost or doubled event fails the bench; a missing Chromium is said, and the figure left out.
  if (run.status === 2) classroom = { measured: false, reason: run.stderr.trim() };
  else if (run.status !== 0) fail('the classroom load run lost or doubled events, or failed', `${run.stdout}\n${(run.stderr ?? '').slice(-2000)}`);
  else classroom = { measured: true, ...JSON.parse(run.stdout) };
}

// ------------------------------------------------------------------------------------------ 3. report

const totalSeconds = round(Number(process.hrtime.bigint() - benchStarted) / 1e9, 1);
const ms = (value) => `${Math.round(value)} ms`;
const mark = (met) => (met ? 'met' : 'NOT met');
const ratioText = (r) => `${r.toFixed(2)}×`;

function table(header, rows, align) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const cell = (text, i) => (align[i] === 'r' ? text.padStart(widths[i]) : text.padEnd(widths[i]));
  return [header, ...rows].map((row) => row.map(cell).join('   ').trimEnd());
}

const mainRows = [];
for (const { key } of startupCases) {
  const f = startup[key];
  mainRows.push([f.label, ms(f.a.median), ms(f.b.median), ratioText(f.ratio), f.met === undefined ? '(reference)' : `≤ ${f.cold ? GOALS.firstRunRatio : GOALS.startupRatio}×`, f.met === undefined ? '' : mark(f.met)]);
}
{
  const f = streamResults.reference.tinyVsNode;
  mainRows.push([f.label, ms(f.a.median), ms(f.b.median), ratioText(f.ratio), `≤ ${GOALS.oneStepRunRatio}×`, mark(f.met)]);
}
mainRows.push([firstFrame.label, ms(firstFrame.a.median), ms(firstFrame.b.median), ratioText(firstFrame.ratio), `≤ ${GOALS.firstFrameRatio}×`, mark(firstFrame.met)]);
mainRows.push([npxFirstFrame.label, ms(npxFirstFrame.a.median), ms(npxFirstFrame.b.median), ratioText(npxFirstFrame.ratio), `≤ ${GOALS.npxFirstFrameRatio}×`, mark(npxFirstFrame.met)]);
mainRows.push([`package: ${packageSize.packedKb} kB packed, ${packageSize.unpackedMb} MB unpacked, ${packageSize.sourceMaps} maps`, '', '', '', `≤ ${GOALS.packedKb} kB, ≤ ${GOALS.unpackedMb} MB`, mark(packageSize.met)]);
for (const flood of FLOODS) {
  const f = streamResults.engine[flood.id];
  mainRows.push([f.label, ms(f.a.median), ms(f.b.median), ratioText(f.ratio), flood.timeGoal ? `≤ ${GOALS.streamRatio}×` : '(reference)', flood.timeGoal ? mark(f.met) : '']);
  const g = streamResults.engineVsDevNull[flood.id];
  mainRows.push([g.label, ms(g.a.median), ms(g.b.median), ratioText(g.ratio), '(reference)', '']);
  const h = streamResults.step[flood.id];
  mainRows.push([h.label, ms(h.a.median), ms(h.b.median), ratioText(h.ratio), '(reference)', '']);
  const rss = peakRss[flood.id];
  mainRows.push(
    rss.measured
      ? [`peak RSS, CLI run of ${flood.what}`, `${Math.round(rss.maxMb)} MB`, '', '', `< ${GOALS.peakRssMb} MB`, mark(rss.met)]
      : [`peak RSS, CLI run of ${flood.what}`, 'not measured', '', '', `< ${GOALS.peakRssMb} MB`, `(${rss.reason})`],
  );
}
mainRows.push([`TUI under a flood: ${tuiFlood.keys} keys, slowest answer`, `${tuiFlood.latencyMs.max} ms`, '', '', `≤ ${GOALS.keyLatencyMs} ms`, mark(tuiFlood.latencyMs.max <= GOALS.keyLatencyMs)]);
mainRows.push(['TUI under a flood: peak RSS', `${tuiFlood.peakRssMb} MB`, '', '', `< ${GOALS.peakRssMb} MB`, mark(tuiFlood.peakRssMb < GOALS.peakRssMb)]);
mainRows.push([proxyConfig.label, ms(proxyConfig.a.median), ms(proxyConfig.b.median), ratioText(proxyConfig.ratio), `≤ ${GOALS.proxyConfigRatio}×`, mark(proxyConfig.met)]);
const ref = streamResults.reference;
const refRows = [ref.pipeVsDevNull, ref.stepVsPipe].map((f) => [f.label, ms(f.a.median), ms(f.b.median), ratioText(f.ratio)]);

const out = [''];
out.push(...table(['figure', 'A median', 'B median', 'ratio (median of pairs)', 'goal', ''], mainRows, ['l', 'r', 'r', 'r', 'l', 'l']));
out.push('');
out.push('References for the 20 MB figure (same rounds, no goals):');
out.push(...table(['reference', 'A median', 'B median', 'ratio (median of rounds)'], refRows, ['l', 'r', 'r', 'r']).map((line) => `  ${line}`));
out.push(`  time the 20 MB itself adds: ${ms(ref.engineStreamingMs)} through the engine (20 MB run − one-line run), ${ms(ref.minimalStreamingMs)} through a bare Node pipe (pipe − node -e 0)`);
out.push('');
out.push('Spread (min / median / max):');
for (const f of [...startupCases.map(({ key }) => startup[key]), firstFrame, npxFirstFrame, streamResults.reference.tinyVsNode, ...Object.values(streamResults.engine), ...Object.values(streamResults.step), proxyConfig]) {
  out.push(`  ${f.label.padEnd(28)} A ${ms(f.a.min)} / ${ms(f.a.median)} / ${ms(f.a.max)}   B ${ms(f.b.min)} / ${ms(f.b.median)} / ${ms(f.b.max)}   ratios ${f.ratios.map((x) => x.toFixed(2)).join(' ')}`);
}
const lg = streamResults.log;
out.push(`Step logs: ${lg.runsVerified} runs checked: each log is the command's output, byte for byte (${FLOODS.map((flood) => `${flood.what}: ${flood.output.length.toLocaleString('en')} bytes`).join('; ')}).`);
for (const flood of FLOODS) {
  const rss = peakRss[flood.id];
  if (rss.measured) out.push(`Peak RSS (GNU time %M), CLI run of ${flood.what}: max ${rss.maxMb} MB, median ${rss.medianMb} MB over ${rss.runs} runs.`);
}
out.push(`Peak RSS of the references: one-line run ${referenceRss.tiny} MB, node spawn+pipe ${referenceRss.pipe} MB, node -e 0 ${referenceRss.node} MB. TUI under a flood: keys answered in ${tuiFlood.latencyMs.all.join(', ')} ms.`);
out.push(
  classroom.measured
    ? `Classroom: ${classroom.learners} learners × ${classroom.rate}/s × ${classroom.seconds} s: ${classroom.sent} events sent (in ${classroom.sendingSeconds} s), ${classroom.logged} logged, ${classroom.shownOnPage} on the page; event sent → row changed: median ${classroom.latencyMs.median} ms, p99 ${classroom.latencyMs.p99} ms, max ${classroom.latencyMs.max} ms.`
    : `Classroom: not measured (${classroom.reason}).`,
);
out.push(`Timing goals are informational. ${os.cpus().length} CPUs, load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}, node ${process.version}; the bench took ${totalSeconds} s.`);
out.push('');
process.stdout.write(`${out.join('\n')}\n`);

const json = {
  node: process.version,
  platform: `${process.platform}-${process.arch}`,
  cpus: os.cpus().length,
  loadavg: os.loadavg().map((l) => round(l)),
  seconds: totalSeconds,
  pairs: { startup: STARTUP_PAIRS, stream: STREAM_PAIRS, npx: NPX_PAIRS },
  goals: GOALS,
  startup,
  firstFrame,
  npxFirstFrame,
  packageSize,
  stream: streamResults,
  proxyConfig,
  classroom,
};
process.stdout.write(`BENCH_JSON ${JSON.stringify(json)}\n`);
cleanUp();
