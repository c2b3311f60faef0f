#!/usr/bin/env node
// Benchmarks for mesh-workshop, reported as RATIOS against a baseline measured in the same run, with the
// A and B runs interleaved (A B A B …) so that noise from a shared machine hits both sides alike.
// Timing goals are informational (exit code stays 0); correctness failures (a non-zero exit, a step log
// that does not hold the whole output) exit 1.
//
//   npm run bench              (builds first)
//   node bench/run.mjs         (uses the existing dist/)
//
// Plain Node, standard library only.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, readSync, closeSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = path.join(ROOT, 'bin', 'mesh-workshop.js');
const NODE = process.execPath;
const GNU_TIME = '/usr/bin/time';

const STARTUP_PAIRS = Number(process.env.BENCH_STARTUP_PAIRS ?? 15);
const STREAM_PAIRS = Number(process.env.BENCH_STREAM_PAIRS ?? 5);
const STREAM_BYTES = 20_000_000;
const STREAM_LINE = 'Hello version: v1, instance: helloworld-v1-7d4b8c9f6-x2k7q';
// The command the brief asks for is `yes '…' | head -c 20000000`. The engine runs every step with
// `bash -e -o pipefail`, and `yes` is killed by SIGPIPE (exit 141) when `head` stops reading, so under
// pipefail that pipeline fails with 141. `{ yes … || true; }` prints exactly the same bytes and exits 0
// both in the engine and in the plain-bash baseline; A and B run the identical string.
const STREAM_COMMAND = `{ yes '${STREAM_LINE}' || true; } | head -c ${STREAM_BYTES}`;
// After the step's output the engine appends a marker per check attempt to the step log.
const CHECK_MARKERS = /^(?:\n# check \d+, attempt \d+\n)*$/;

const GOALS = { startupRatio: 2, streamRatio: 1.5, peakRssMb: 200 };

// ---------------------------------------------------------------------------------------------------------

const tmp = mkdtempSync(path.join(os.tmpdir(), 'mesh-workshop-bench-'));
const benchHome = path.join(tmp, 'home-startup');
mkdirSync(benchHome, { recursive: true });
const ENV = { ...process.env, MESH_WORKSHOP_HOME: benchHome, NO_COLOR: '1' };
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

/** One timed run: wall time in ms, the exit status, and the child's output (dropped unless it failed). */
function timed(file, args, options = {}) {
  const started = process.hrtime.bigint();
  const result = spawnSync(file, args, { cwd: ROOT, env: ENV, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 16 * 1024 * 1024, ...options });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.error) fail(`cannot run ${file} ${args.join(' ')}: ${result.error.message}`);
  return { ms, status: result.status, signal: result.signal, stdout: result.stdout?.toString() ?? '', stderr: result.stderr?.toString() ?? '' };
}

function expectSuccess(run, label) {
  if (run.status !== 0) {
    fail(`${label} exited with ${run.status ?? `signal ${run.signal}`}`, `--- stdout ---\n${run.stdout.slice(-4000)}\n--- stderr ---\n${run.stderr.slice(-4000)}`);
  }
}

const sorted = (values) => [...values].sort((a, b) => a - b);
function median(values) {
  const s = sorted(values);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}
const summary = (values) => ({ min: round(Math.min(...values)), median: round(median(values)), max: round(Math.max(...values)), n: values.length });
const round = (value, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

/**
 * Alternates A and B after a warm-up; `a`/`b` return a run (with `ms`). Reports min/median/max of each side
 * and the median of the per-pair ratios A/B.
 */
function pairs({ a, b, count, warmup = 2, onA }) {
  for (let i = 0; i < warmup; i++) {
    onA?.(a(), -1 - i);
    b();
  }
  const aMs = [];
  const bMs = [];
  const ratios = [];
  for (let i = 0; i < count; i++) {
    // Swap the order on odd pairs so neither side always runs first (A B, B A, A B, …).
    let runA;
    let runB;
    if (i % 2 === 0) {
      runA = a();
      runB = b();
    } else {
      runB = b();
      runA = a();
    }
    onA?.(runA, i);
    aMs.push(runA.ms);
    bMs.push(runB.ms);
    ratios.push(runA.ms / runB.ms);
  }
  return { a: summary(aMs), b: summary(bMs), ratio: round(median(ratios), 3), ratios: ratios.map((r) => round(r, 3)) };
}

// --------------------------------------------------------------------------------------------- preflight

if (!existsSync(path.join(ROOT, 'dist', 'main.js'))) {
  fail("dist/main.js is missing: build first ('node scripts/build.mjs' or 'npm run bench').");
}
const benchStarted = process.hrtime.bigint();
const results = { startup: {}, stream: {} };
const progress = (text) => process.stderr.write(`bench: ${text}\n`);

// --------------------------------------------------------------------------------------------- 1. startup

const nodeBaseline = () => timed(NODE, ['-e', '0']);
const startupCases = [
  { key: 'list', label: 'list vs node -e 0', args: ['list'] },
  { key: 'version', label: '--version vs node -e 0', args: ['--version'] },
  { key: 'lint', label: 'lint vs node -e 0', args: ['lint'] },
];
for (const { key, label, args } of startupCases) {
  progress(`startup: ${label} (${STARTUP_PAIRS} pairs)`);
  const a = () => timed(NODE, [CLI, ...args]);
  results.startup[key] = {
    label,
    command: `node bin/mesh-workshop.js ${args.join(' ')}`,
    ...pairs({ a, b: nodeBaseline, count: STARTUP_PAIRS, onA: (run) => expectSuccess(run, `mesh-workshop ${args.join(' ')}`) }),
  };
}

// --------------------------------------------------------------------------------------------- 2. stream

const pack = path.join(tmp, 'pack');
const streamHome = path.join(tmp, 'home');
const rssFile = path.join(tmp, 'rss.txt');
mkdirSync(path.join(pack, '00-flood'), { recursive: true });
writeFileSync(
  path.join(pack, '00-flood', 'lesson.yaml'),
  [
    'id: flood',
    'title: Print a flood of output',
    'summary: One step that prints 20 MB through the engine, for the benchmark.',
    'estimate: 1m',
    'steps:',
    '  - id: flood',
    '    title: Print 20 MB',
    `    run: ${JSON.stringify(STREAM_COMMAND)}`,
    '    check: {exitCode: 0}',
    '',
  ].join('\n'),
);

const haveGnuTime = existsSync(GNU_TIME) && spawnSync(GNU_TIME, ['-f', '%M', '-o', rssFile, 'true']).status === 0;
const withTime = (file, args) => (haveGnuTime ? [GNU_TIME, ['-f', '%M', '-o', rssFile, file, ...args]] : [file, args]);
const readRssKb = () => {
  if (!haveGnuTime) return undefined;
  // GNU time may write "Command exited with non-zero status N" before the figure; take the last number.
  const numbers = readFileSync(rssFile, 'utf8').trim().split(/\s+/).filter((word) => /^\d+$/.test(word));
  return numbers.length > 0 ? Number(numbers.at(-1)) : undefined;
};

const expectedOutput = Buffer.alloc(STREAM_BYTES);
{
  const line = Buffer.from(`${STREAM_LINE}\n`);
  for (let offset = 0; offset < STREAM_BYTES; offset += line.length) line.copy(expectedOutput, offset, 0, Math.min(line.length, STREAM_BYTES - offset));
}

function findLogs(dir, name, found = []) {
  if (!existsSync(dir)) return found;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) findLogs(full, name, found);
    else if (entry.name === name) found.push(full);
  }
  return found;
}

const logChecks = [];
function verifyStreamLog(label) {
  const logs = findLogs(path.join(streamHome, 'logs', 'flood'), '01-flood.log');
  if (logs.length !== 1) fail(`${label}: expected one step log ${streamHome}/logs/flood/**/01-flood.log, found ${logs.length}`);
  const file = logs[0];
  const size = statSync(file).size;
  if (size < STREAM_BYTES) fail(`${label}: step log ${file} has ${size} bytes, expected the whole ${STREAM_BYTES} bytes of output`);
  const fd = openSync(file, 'r');
  const head = Buffer.alloc(STREAM_BYTES);
  readSync(fd, head, 0, STREAM_BYTES, 0);
  const tail = Buffer.alloc(size - STREAM_BYTES);
  readSync(fd, tail, 0, tail.length, STREAM_BYTES);
  closeSync(fd);
  if (!head.equals(expectedOutput)) fail(`${label}: the first ${STREAM_BYTES} bytes of ${file} are not the command's output`);
  const extra = tail.toString('utf8');
  if (!CHECK_MARKERS.test(extra)) fail(`${label}: step log ${file} has ${size} bytes: ${STREAM_BYTES} of output then unexpected text`, JSON.stringify(extra.slice(0, 500)));
  logChecks.push({ size, outputBytes: STREAM_BYTES, markerBytes: tail.length });
  rmSync(path.join(streamHome, 'logs'), { recursive: true, force: true });
}

const rssKb = [];
const streamA = () => {
  const [file, args] = withTime(NODE, [CLI, '--lessons', pack, '--home', streamHome, 'run', 'flood', '--yes']);
  return timed(file, args);
};
const streamB = () => {
  const [file, args] = withTime('bash', ['-c', `${STREAM_COMMAND} > /dev/null`]);
  return timed(file, args);
};
progress(`stream: 20 MB step through the engine vs bash > /dev/null (${STREAM_PAIRS} pairs${haveGnuTime ? ', under /usr/bin/time' : ''})`);
let runIndex = 0;
// B also runs under /usr/bin/time (when used) so both sides carry the same wrapper.
const streamBWithCheck = () => {
  const run = streamB();
  expectSuccess(run, 'baseline bash -c "<command> > /dev/null"');
  return run;
};
const streamAWithRss = () => {
  const run = streamA();
  if (run.status === 0) {
    const kb = readRssKb();
    if (kb !== undefined) rssKb.push(kb);
  }
  return run;
};
results.stream.step = {
  label: '20 MB step vs > /dev/null',
  command: STREAM_COMMAND,
  ...pairs({
    a: streamAWithRss,
    b: streamBWithCheck,
    count: STREAM_PAIRS,
    warmup: 1,
    onA: (run) => {
      runIndex++;
      expectSuccess(run, `mesh-workshop run flood (run ${runIndex})`);
      verifyStreamLog(`mesh-workshop run flood (run ${runIndex})`);
    },
  }),
};
results.stream.log = {
  expectedOutputBytes: STREAM_BYTES,
  logBytes: [...new Set(logChecks.map((c) => c.size))],
  checkMarkerBytes: [...new Set(logChecks.map((c) => c.markerBytes))],
  runsVerified: logChecks.length,
};
results.stream.peakRss = haveGnuTime && rssKb.length > 0
  ? { measured: true, maxMb: round(Math.max(...rssKb) / 1024, 1), medianMb: round(median(rssKb) / 1024, 1), runs: rssKb.length, tool: GNU_TIME }
  : { measured: false, reason: haveGnuTime ? 'no RSS figure was read' : `${GNU_TIME} (GNU time) not found` };

// --------------------------------------------------------------------------------------------- 3. report

const totalSeconds = round(Number(process.hrtime.bigint() - benchStarted) / 1e9, 1);
const ms = (value) => `${Math.round(value)} ms`;
const verdict = (met) => (met ? 'met' : 'NOT met');
const rows = [];
for (const { key } of startupCases) {
  const r = results.startup[key];
  r.goal = `<= ${GOALS.startupRatio}x`;
  r.met = r.ratio <= GOALS.startupRatio;
  rows.push([r.label, ms(r.a.median), ms(r.b.median), `${r.ratio.toFixed(2)}×`, `≤ ${GOALS.startupRatio}×`, verdict(r.met)]);
}
{
  const r = results.stream.step;
  r.goal = `<= ${GOALS.streamRatio}x`;
  r.met = r.ratio <= GOALS.streamRatio;
  rows.push([r.label, ms(r.a.median), ms(r.b.median), `${r.ratio.toFixed(2)}×`, `≤ ${GOALS.streamRatio}×`, verdict(r.met)]);
}
{
  const r = results.stream.peakRss;
  r.goal = `< ${GOALS.peakRssMb} MB`;
  if (r.measured) {
    r.met = r.maxMb < GOALS.peakRssMb;
    rows.push(['peak RSS of the 20 MB run', `${Math.round(r.maxMb)} MB`, '', '', `< ${GOALS.peakRssMb} MB`, verdict(r.met)]);
  } else {
    r.met = null;
    rows.push(['peak RSS of the 20 MB run', 'not measured', '', '', `< ${GOALS.peakRssMb} MB`, `(${r.reason})`]);
  }
}

const header = ['figure', 'A median', 'B median', 'ratio (median of pairs)', 'goal', ''];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
const align = ['left', 'right', 'right', 'right', 'left', 'left'];
const cell = (text, i) => (align[i] === 'right' ? text.padStart(widths[i]) : text.padEnd(widths[i]));
const line = (row) => row.map(cell).join('   ').trimEnd();
const out = [];
out.push('');
out.push(line(header));
for (const row of rows) out.push(line(row));
out.push('');
out.push('Spread (min / median / max), A = mesh-workshop, B = baseline:');
for (const r of [...startupCases.map(({ key }) => results.startup[key]), results.stream.step]) {
  out.push(`  ${r.label.padEnd(widths[0])}  A ${ms(r.a.min)} / ${ms(r.a.median)} / ${ms(r.a.max)}   B ${ms(r.b.min)} / ${ms(r.b.median)} / ${ms(r.b.max)}   pair ratios ${r.ratios.map((x) => x.toFixed(2)).join(' ')}`);
}
const lg = results.stream.log;
out.push(
  `Step log: ${lg.runsVerified} runs verified; ${STREAM_BYTES.toLocaleString('en')} bytes of output, byte for byte` +
    (lg.checkMarkerBytes.some((b) => b > 0) ? `, followed by the engine's check-attempt marker (${lg.checkMarkerBytes.join('/')} bytes; log file ${lg.logBytes.map((b) => b.toLocaleString('en')).join('/')} bytes)` : '') +
    '.',
);
if (results.stream.peakRss.measured) out.push(`Peak RSS: max ${results.stream.peakRss.maxMb} MB, median ${results.stream.peakRss.medianMb} MB over ${results.stream.peakRss.runs} runs (GNU time %M).`);
out.push(`Timing goals are informational; ${os.cpus().length} CPUs, load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}, node ${process.version}, bench took ${totalSeconds} s.`);
out.push('');
process.stdout.write(`${out.join('\n')}\n`);

const json = {
  node: process.version,
  platform: `${process.platform}-${process.arch}`,
  cpus: os.cpus().length,
  loadavg: os.loadavg().map((l) => round(l)),
  seconds: totalSeconds,
  goals: GOALS,
  ...results,
};
process.stdout.write(`BENCH_JSON ${JSON.stringify(json)}\n`);
cleanUp();
