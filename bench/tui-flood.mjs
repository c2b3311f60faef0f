// The TUI while a step floods it: the real CLI in a pseudo-terminal (`script` gives it one), a lesson whose
// step prints short lines (seq) for several seconds, and, while it does, `?` pressed again and again: the
// time from each key to the keys overlay on the terminal, and the TUI process's peak memory (VmHWM).
// Prints one JSON line. Usage: node bench/tui-flood.mjs CLI SECONDS PROBES
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const [cli, secondsText = '8', probesText = '12'] = process.argv.slice(2);
const seconds = Number(secondsText);
const probes = Number(probesText);
const tmp = mkdtempSync(path.join(os.tmpdir(), 'mesh-workshop-tui-flood-'));
process.on('exit', () => rmSync(tmp, { recursive: true, force: true }));

// seq in a loop until the time is up: about 20 MB a second of 7-byte lines on a laptop, the hardest case
// for a screen (the most lines per byte).
const FLOOD = `end=$((SECONDS + ${seconds})); while [ "$SECONDS" -lt "$end" ]; do seq 1 400000; done`;
const pack = path.join(tmp, 'pack');
mkdirSync(path.join(pack, '00-flood'), { recursive: true });
writeFileSync(
  path.join(pack, '00-flood', 'lesson.yaml'),
  ['id: flood', 'title: A flood of output', 'summary: A lesson written by bench/tui-flood.mjs.', 'estimate: 1m', 'steps:', '  - id: flood', '    title: Print lines for a while', `    run: ${JSON.stringify(FLOOD)}`, '    check: {exitCode: 0}', ''].join('\n'),
);

const child = spawn('script', ['-qfec', `exec ${process.execPath} ${cli} --lessons ${pack}`, '/dev/null'], {
  env: { ...process.env, MESH_WORKSHOP_HOME: path.join(tmp, 'home'), TERM: 'xterm-256color', COLUMNS: '100', LINES: '30' },
  detached: true,
  stdio: ['pipe', 'pipe', 'ignore'],
});
let screen = '';
let waiting;
child.stdout.on('data', (chunk) => {
  screen += chunk.toString('utf8');
  if (screen.length > 1_000_000) screen = screen.slice(-200_000); // only what arrived since the last key matters
  if (waiting && screen.includes(waiting.marker)) {
    const { resolve } = waiting;
    waiting = undefined;
    resolve(performance.now());
  }
});

function fail(message) {
  process.stderr.write(`tui-flood: ${message}\nthe terminal showed (last 2000 characters):\n${screen.slice(-2000)}\n`);
  end();
  process.exit(1);
}

function end() {
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** Resolves with the time `marker` shows on the terminal (looking only at what comes after now). */
function shows(marker, what, timeoutMs = 20_000) {
  screen = '';
  return new Promise((resolve) => {
    const timer = setTimeout(() => fail(`no ${what} within ${timeoutMs} ms`), timeoutMs);
    waiting = {
      marker,
      resolve: (at) => {
        clearTimeout(timer);
        resolve(at);
      },
    };
  });
}

/** The workshop's own process: script's child (exec'd into node). */
function tuiPid() {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[1]) === child.pid && stat.includes('(node)')) return Number(entry);
    } catch {
      // gone while we looked
    }
  }
  return undefined;
}

const peakKb = (pid) => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

await shows('A flood of output', 'home screen');
child.stdin.write('\r');
await shows('Print lines for a while', 'lesson screen');
await sleep(300);
const started = performance.now();
child.stdin.write('\r');
await shows('400000', 'flood on the screen');
const pid = tuiPid();
if (pid === undefined) fail('cannot find the workshop process');
const latencies = [];
for (let probe = 0; probe < probes && performance.now() - started < (seconds - 1) * 1000; probe++) {
  await sleep(150);
  const opened = shows('Press any key to close.', 'keys overlay');
  const pressed = performance.now();
  child.stdin.write('?');
  latencies.push((await opened) - pressed);
  await sleep(100);
  child.stdin.write('?'); // any key closes it
}
const floodingMs = performance.now() - started;
const peak = peakKb(pid);
// Still flooding when the last key was answered: otherwise the figure says nothing about a flood.
if (floodingMs > seconds * 1000) fail(`the probes took ${Math.round(floodingMs)} ms, past the ${seconds} s flood`);
end();
process.stdout.write(`${JSON.stringify({ latenciesMs: latencies.map((ms) => Math.round(ms)), peakRssMb: Math.round(peak / 1024), floodSeconds: seconds })}\n`);
process.exit(0);
