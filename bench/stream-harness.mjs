// In one Node process, alternately: a step that prints 20 MB run through the engine (runLesson: line
// splitting, neutralising, the bounded tail, check texts, events, the full log file) and the same command
// spawned with its output piped to `cat > /dev/null` and redirected to /dev/null. Node's own start-up is
// thus outside every figure, which then compares the cost of handling the stream itself.
// Usage: node bench/stream-harness.mjs ENGINE_BUNDLE LESSON_FILE HOME ROUNDS COMMAND
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [engineBundle, lessonFile, home, roundsText, command] = process.argv.slice(2);
const { runLesson, loadLessonFile } = await import(pathToFileURL(engineBundle).href);
const loaded = loadLessonFile(lessonFile).lesson;
if (!loaded) throw new Error(`cannot load ${lessonFile}`);

async function throughEngine() {
  let characters = 0;
  const started = performance.now();
  const outcome = await runLesson({ lesson: loaded, home, emit: (event) => { if (event.type === 'output') characters += event.text.length; } });
  const ms = performance.now() - started;
  if (outcome.status !== 'passed') throw new Error(`the flood step did not pass: ${outcome.status}`);
  rmSync(path.join(home, 'logs'), { recursive: true, force: true });
  return { ms, characters };
}

function spawned(script) {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    spawn('bash', ['-c', script], { stdio: 'ignore' }).on('close', (code) => (code === 0 ? resolve({ ms: performance.now() - started }) : reject(new Error(`${script} exited ${code}`))));
  });
}

const sides = {
  engine: throughEngine,
  cat: () => spawned(`${command} | cat > /dev/null`),
  devnull: () => spawned(`${command} > /dev/null`),
};
const results = { engine: [], cat: [], devnull: [] };
const names = Object.keys(sides);
const rounds = Number(roundsText);
for (let round = -1; round < rounds; round++) {
  const shift = ((round % names.length) + names.length) % names.length;
  for (const name of [...names.slice(shift), ...names.slice(0, shift)]) {
    const result = await sides[name]();
    if (round >= 0) results[name].push(result);
  }
}
process.stdout.write(`${JSON.stringify(results)}\n`);
