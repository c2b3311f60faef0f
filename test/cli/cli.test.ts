import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { BIN, hasStackTrace, mw } from '../helpers/cli.js';
import { CAPTURE_LESSON, HEADER, tempDir, writeLesson } from '../helpers/lessons.js';
import { homeOfLearner, shownAnswer, shownWrongAnswer } from '../helpers/quiz.js';
import { choiceOrder } from '../../src/lesson/quiz-order.js';
import { loadLessonFile } from '../../src/lesson/load.js';

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };

function pack(lessons: Record<string, string>): string {
  const dir = tempDir('mw-pack-');
  for (const [folder, yaml] of Object.entries(lessons)) writeLesson(dir, folder, yaml);
  return dir;
}

const FAILING = `${HEADER}
steps:
  - id: ok
    title: Works
    run: echo fine
    check: { contains: fine }
  - id: broken
    title: Fails
    run: echo "no route to host"
    check: { contains: 'Hello version' }
    hint: [Look at the route first., kubectl get virtualservice]
`;

/** The concepts lesson's first question, and what the learner `learner-7` types to answer it right and wrong. */
const MESH_QUIZ = loadLessonFile('lessons/01-concepts/lesson.yaml').lesson?.lesson.steps.find((step) => step.id === 'mesh')?.quiz ?? { choices: [], answer: 1 };
const meshRight = shownAnswer('learner-7', 'concepts', 'mesh', MESH_QUIZ);
const meshWrong = shownWrongAnswer('learner-7', 'concepts', 'mesh', MESH_QUIZ);
const learnerHome = (): string => homeOfLearner(tempDir('mw-cli-home-'), 'learner-7');

describe('mesh-workshop (built bin)', () => {
  it('--version prints the package version', () => {
    expect(mw(['--version'])).toEqual({ status: 0, stdout: `${pkg.version}\n`, stderr: '' });
  });

  it('--help lists every command with one line', () => {
    const { status, stdout } = mw(['--help']);
    expect(status).toBe(0);
    for (const command of ['list [--json]', 'run <lesson>', 'lint [--strict]', 'schema']) expect(stdout).toContain(`  ${command}`);
    for (const option of ['--lessons DIR', '--home DIR', '--debug', '--reporter plain|json|junit', '--junit-file FILE']) expect(stdout).toContain(option);
  });

  it('every command has a --help of its own: what it does, its usage and its options, not the whole help', () => {
    const global = mw(['--help']).stdout;
    const section = global.slice(global.indexOf('Commands:'), global.indexOf('\n\n', global.indexOf('Commands:')));
    const commands = section.split('\n').slice(2).map((line) => line.trim().split(/\s+/)[0] ?? '');
    expect(commands).toEqual(expect.arrayContaining(['list', 'run', 'lint', 'cluster', 'proxy-config', 'tools', 'context']));
    for (const command of commands) {
      const { status, stdout } = mw([command, '--help']);
      expect(status, command).toBe(0);
      expect(stdout.split('\n')[0], command).toMatch(new RegExp(`^mesh-workshop ${command}: \\S`));
      expect(stdout, command).toMatch(new RegExp(`^Usage: mesh-workshop ${command}\\b`, 'm'));
      expect(stdout.length, command).toBeLessThan(global.length / 2);
    }
    const run = mw(['run', '--help']).stdout;
    for (const option of ['--yes, -y', '--from STEP, --to STEP', '--reporter plain|json|junit', '--home DIR']) expect(run).toContain(option);
    expect(run).not.toContain('--with-headers');
    expect(mw(['pc', '--help']).stdout.split('\n')[0]).toBe("mesh-workshop proxy-config: istioctl's tables from a captured config dump");
  });

  it('list shows the bundled lessons in order; --json gives their details', () => {
    const { status, stdout } = mw(['list']);
    expect(status).toBe(0);
    expect(stdout.split('\n')[1]).toMatch(/^ {2}0 {2}tour +A tour of the workshop runner +10m {2}nothing \(runs anywhere\)$/);
    const listed = JSON.parse(mw(['list', '--json']).stdout) as { id: string; estimateMinutes: number; clusters: string[] }[];
    expect(listed[0]).toMatchObject({ id: 'tour', estimateMinutes: 10, clusters: [] });
  });

  it('the bare command prints the list and a hint', () => {
    const { status, stdout } = mw([]);
    expect(status).toBe(0);
    expect(stdout).toContain('tour');
    expect(stdout).toContain("Run a lesson with 'mesh-workshop run <lesson>'");
  });

  it('run tour --yes passes on this machine, without Docker', () => {
    const { status, stdout, stderr } = mw(['run', 'tour', '--yes']);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(stdout).toMatch(/^PASSED: 8 passed, 0 failed, 1 skipped in /m);
  });

  it('run exits 1 when a check fails, and shows expected, actual and the hint', () => {
    const { status, stdout } = mw(['--lessons', pack({ '01-test': FAILING }), 'run', 'test', '--yes']);
    expect(status).toBe(1);
    expect(stdout).toContain('✗ contains "Hello version"');
    expect(stdout).toContain('expected: Hello version');
    expect(stdout).toContain('actual:   no route to host');
    expect(stdout).toContain('hint: Look at the route first.');
    expect(stdout).toMatch(/^FAILED: 1 passed, 1 failed, 0 skipped/m);
  });

  it('run names a step\'s diagram instead of drawing it (box drawing reads badly in a screen reader)', () => {
    const packDir = pack({ '01-test': `${HEADER}steps:\n  - { id: across, title: Call across, diagram: two-networks, highlight: across-networks, run: 'echo hi' }\n` });
    const { stderr } = mw(['--lessons', packDir, 'run', 'test'], { input: 'y\n' });
    expect(stderr).toContain('Step 1/1 across: Call across\n  picture: mesh-workshop diagram two-networks --highlight across-networks\n  $ echo hi\nRun it?');
  });

  it('run asks before each step on stdin; "s" skips, "q" stops', () => {
    const packDir = pack({ '01-test': FAILING });
    const skipped = mw(['--lessons', packDir, 'run', 'test'], { input: 'y\ns\n' });
    expect(skipped.status).toBe(0);
    expect(skipped.stderr).toContain('Step 1/2 ok: Works\n  $ echo fine\nRun it? [Y]es, [s]kip, [q]uit:');
    expect(skipped.stdout).toMatch(/- broken +Fails .* SKIPPED/);
    const quit = mw(['--lessons', packDir, 'run', 'test'], { input: 'q\n' });
    expect(quit.status).toBe(130);
    // End of input after an answer is a quit too, never a hang.
    expect(mw(['--lessons', packDir, 'run', 'test'], { input: 'y\n' }).status).toBe(130);
  });

  it("run, asking: each step's text before the question, then its checks' verdicts and the end of its output", () => {
    const { status, stdout, stderr } = mw(['run', 'tour', '--to', 'hello'], { input: 'y\n' });
    expect(status).toBe(0);
    // Markdown as plain words: no ** around "checks".
    expect(stderr).toContain('Step 1/1 hello: Run a step\n  Every step runs a real command in bash and then checks what happened.');
    expect(stdout).toMatch(/^ {6}✓ exitCode 0$/m);
    expect(stdout).toMatch(/^ {6}✓ matches \/\^Hello from the mesh-workshop runner on \\S\+\/$/m);
    expect(stdout).toMatch(/^ {6}last output:\n {8}\| Hello from the mesh-workshop runner on \S+\n {6}log: {2}\S+01-hello\.log$/m);
    // Unattended, a passed step stays one line; and one step is "1 step".
    const unattended = mw(['run', 'tour', '--yes', '--to', 'hello']).stdout;
    expect(unattended).not.toContain('last output:');
    expect(unattended.split('\n')[0]).toBe('tour: A tour of the workshop runner (1 step)');
  });

  it('run, asking: a question is asked at once, answered with its explanation, and a skipped one says the learner skipped it', () => {
    const answered = mw(['run', 'concepts', '--to', 'mesh'], { input: `${meshRight}\n`, home: learnerHome() });
    expect(answered.stderr).toMatch(/Step 1\/1 mesh: A mesh is made of proxies\n {2}Many services[\s\S]*\nIn an Istio mesh, what actually carries a request/);
    expect(answered.stderr).not.toContain('Run it?');
    expect(answered.stderr).toContain('Right. Requests only ever pass through Envoy proxies');
    const skipped = mw(['run', 'concepts', '--to', 'mesh'], { input: '\n' });
    expect(skipped.stdout).toMatch(/SKIPPED\n {6}skipped by the learner$/m);
  });

  it('run, asking: a failed step offers the next hint, then the solution, a new run, skip or quit; it does not end the lesson', () => {
    const packDir = pack({ '01-test': FAILING.replace('    hint: [Look at the route first., kubectl get virtualservice]', '    hint: [Look at the route first., kubectl get virtualservice]\n    solution: kubectl apply -f route.yaml') });
    const home = tempDir('mw-cli-home-');
    // Run ok, run broken: it fails; h, h, then run it again (fails again), then skip it.
    const { status, stdout, stderr } = mw(['--lessons', packDir, 'run', 'test'], { input: 'y\ny\nh\nh\nr\ns\n', home });
    expect(stdout).toMatch(/✗ broken +Fails .* FAILED[\s\S]*hint: Look at the route first\./);
    expect(stderr).toContain('[R]un it again, [h]int, [s]kip it, [q]uit: hint 2: kubectl get virtualservice\n');
    expect(stderr).toContain('[R]un it again, [h]int, [s]kip it, [q]uit: solution:\n  kubectl apply -f route.yaml\n');
    expect(stdout.match(/✗ broken +Fails/g)).toHaveLength(2);
    expect(stdout).toMatch(/- broken +Fails .* SKIPPED\n {6}skipped by the learner after it failed/);
    expect(status).toBe(0);
    expect(JSON.parse(readFileSync(path.join(home, 'progress.json'), 'utf8')).lessons.test.steps.broken.status).toBe('skipped');
  });

  it('run, asking: the choices come in the learner order (the TUI order), the same on every run; the report keeps the author numbers', () => {
    const home = learnerHome();
    const order = choiceOrder('learner-7', 'concepts', 'mesh', MESH_QUIZ.choices.length);
    const listed = order.map((author, index) => `  ${index + 1}. ${MESH_QUIZ.choices[author] ?? ''}`).join('\n');
    const first = mw(['run', 'concepts', '--to', 'mesh', '--reporter', 'json'], { input: `${meshRight}\n`, home });
    expect(first.stderr).toContain(`${listed}\nYour answer (1-4, empty to skip): Right.`);
    const answered = first.stdout
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { type: string; answer?: number; correct?: boolean })
      .find((event) => event.type === 'quiz-answered');
    expect(answered).toMatchObject({ answer: MESH_QUIZ.answer, correct: true });
    // A resume asks in the same order.
    expect(mw(['run', 'concepts', '--from', 'mesh', '--to', 'mesh'], { input: `${meshRight}\n`, home }).stderr).toContain(listed);
    // Unattended, nothing is asked and no learner id is made.
    const unattended = tempDir('mw-cli-home-');
    mw(['run', 'concepts', '--yes', '--to', 'mesh'], { home: unattended });
    expect(JSON.parse(readFileSync(path.join(unattended, 'progress.json'), 'utf8')).learnerId).toBeUndefined();
  });

  it('run, asking: a wrong answer to a question is said and the question stays; the right one passes it', () => {
    const { status, stdout, stderr } = mw(['run', 'concepts', '--to', 'mesh'], { input: `${meshWrong}\n${meshRight}\n`, home: learnerHome() });
    expect(stderr).toContain(`Not quite: ${meshWrong} is not it. Another answer (1-4, empty to skip): Right. Requests only ever pass through Envoy proxies`);
    expect(stdout).toMatch(/✓ mesh +A mesh is made of proxies/);
    expect(status).toBe(0);
  });

  it('run, asking: a returning learner is greeted and carries on at the first step not passed; q there keeps what passed', () => {
    const home = tempDir('mw-cli-home-');
    expect(mw(['run', 'tour', '--to', 'fail-on-purpose'], { input: 'y\ny\n', home }).status).toBe(0);
    const again = mw(['run', 'tour'], { input: 'q\n', home });
    expect(again.stderr).toMatch(/^Welcome back: 2 of 9 steps of tour passed; carrying on at step 3, Read JSON with JSONPath/m);
    expect(again.stdout.split('\n')[0]).toBe('tour: A tour of the workshop runner (7 steps)');
    // q on a step already passed (asked from the start with --from) leaves it passed.
    mw(['run', 'tour', '--from', 'hello'], { input: 'q\n', home });
    expect(JSON.parse(readFileSync(path.join(home, 'progress.json'), 'utf8')).lessons.tour.steps.hello.status).toBe('passed');
  });

  it('run without a terminal, without answers and without --yes says --yes is needed, and exits 2', () => {
    const packDir = pack({ '01-test': FAILING });
    const said = /^mesh-workshop: no answers to read: standard input is not a terminal and holds none\. Run with --yes to run the lesson unattended/m;
    // An empty pipe: found at the first question.
    const empty = mw(['--lessons', packDir, 'run', 'test'], { input: '' });
    expect(empty.status).toBe(2);
    expect(empty.stderr).toMatch(said);
    expect(hasStackTrace(empty.stderr)).toBe(false);
    // /dev/null: found before anything runs.
    const devNull = spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" --lessons "${packDir}" run test </dev/null`], { encoding: 'utf8', env: { ...process.env, MESH_WORKSHOP_HOME: tempDir('mw-cli-home-') } });
    expect(devNull.status).toBe(2);
    expect(devNull.stdout).toBe('');
    expect(devNull.stderr).toMatch(said);
  });

  it('run | head: the reader going away ends the run quietly, as a closed pipe ends any tool (141)', () => {
    const result = spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" run tour --yes | head -2; echo "exit \${PIPESTATUS[0]}" >&2`], {
      encoding: 'utf8',
      env: { ...process.env, MESH_WORKSHOP_HOME: tempDir('mw-cli-home-'), NO_COLOR: '1' },
    });
    expect(result.stdout.split('\n')[0]).toBe('tour: A tour of the workshop runner (9 steps)');
    expect(result.stderr).toBe('exit 141\n');
  });

  it('run --yes on a lesson of questions says they wait for a learner', () => {
    const { status, stdout } = mw(['run', 'concepts', '--yes']);
    expect(status).toBe(0);
    expect(stdout).toMatch(/^\(14 skipped: 13 of them are questions for a learner; run without --yes to answer them\)$/m);
  });

  it('run --from and --to choose the steps; an unknown step is named with a suggestion', () => {
    const packDir = pack({ '01-test': FAILING });
    expect(mw(['--lessons', packDir, 'run', 'test', '--yes', '--to', 'ok']).status).toBe(0);
    const bad = mw(['--lessons', packDir, 'run', 'test', '--yes', '--from', 'brokn']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe("mesh-workshop: --from brokn: no such step (did you mean 'broken'?); steps are: ok, broken\n");
  });

  it('run --reporter json prints one event per line; --junit-file writes JUnit XML too', () => {
    const home = tempDir('mw-cli-home-');
    const junit = path.join(home, 'report.xml');
    const { status, stdout } = mw(['--lessons', pack({ '01-test': FAILING }), 'run', 'test', '--yes', '--reporter', 'json', '--junit-file', junit], { home });
    expect(status).toBe(1);
    const types = stdout.trim().split('\n').map((line) => (JSON.parse(line) as { type: string }).type);
    expect(types[0]).toBe('lesson-started');
    expect(types.at(-1)).toBe('lesson-finished');
    expect(existsSync(junit)).toBe(true);
    const xml = readFileSync(junit, 'utf8');
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).toContain('<testcase classname="test" name="broken: Fails"');
  });

  it('saves captured values, so a later --from run can use them', () => {
    const home = tempDir('mw-cli-home-');
    const packDir = pack({
      '01-test': CAPTURE_LESSON,
    });
    expect(mw(['--lessons', packDir, 'run', 'test', '--yes', '--to', 'make'], { home }).status).toBe(0);
    expect(mw(['--lessons', packDir, 'run', 'test', '--yes', '--from', 'use'], { home }).status).toBe(0);
  });

  it('reports a corrupt progress file, keeps it, and carries on', () => {
    const home = tempDir('mw-cli-home-');
    writeFileSync(path.join(home, 'progress.json'), '{"format":1,"lessons":{"tour":');
    const { status, stderr } = mw(['run', 'tour', '--yes', '--to', 'hello'], { home });
    expect(status).toBe(0);
    expect(stderr).toMatch(/^mesh-workshop: .*progress\.json was not valid JSON .*; it was kept as .*progress\.json\.corrupt-.* and a fresh one started$/m);
  });

  it.each([
    [['run', 'tuor', '--yes'], "mesh-workshop: no lesson 'tuor' (did you mean 'tour'?). Lessons: tour, concepts, no-mesh, traffic-entry, resilience-security, one-mesh, multi-mesh, multi-network, vm\n"],
    [['run'], "mesh-workshop: which lesson? Usage: mesh-workshop run <lesson> (see 'mesh-workshop list')\n"],
    [['frobnicate'], 'mesh-workshop: unknown command \'frobnicate\'. Commands: list, run, lint, validate, schema, shell, reset, doctor, cluster, prefetch, report, verify, present, replay, proxy-config, proxy-status, diagram, topology, tools, context, classroom\n'],
    [['context', 'allow'], 'mesh-workshop: which context? usage: mesh-workshop context list | allow NAME [--kubeconfig FILE] [--as cluster1|cluster2|cluster3] | forget NAME\n'],
    [['run', 'tour', '--yes', '--classroom', 'http://127.0.0.1:7777', '--name', 'Ada'], "mesh-workshop: to join a classroom give all three: --classroom URL --code CODE --name NAME (from the instructor's screen)\n"],
    [['run', 'tour', '--yes', '--classroom', 'ftp://x', '--code', 'ABC123', '--name', 'Ada'], 'mesh-workshop: --classroom ftp://x: an http:// or https:// address\n'],
    [['classroom', 'hand'], 'mesh-workshop: classroom hand: say which classroom with --classroom URL --code CODE --name NAME\n'],
    [['list', '--colour'], "mesh-workshop: Unknown option '--colour'\nRun 'mesh-workshop --help' for the commands and options.\n"],
    [['run', 'tour', '--reporter', 'tap'], 'mesh-workshop: --reporter tap: choose one of plain, json, junit\n'],
    [['--lessons', '/nonexistent/lessons', 'list'], 'mesh-workshop: no lessons in /nonexistent/lessons: the folder does not exist\n'],
  ])('a user mistake (%j) gets one clear line and exit 2, no stack trace', (args, message) => {
    const { status, stderr } = mw(args);
    expect(stderr).toBe(message);
    expect(status).toBe(2);
  });

  it('--debug adds the stack trace', () => {
    const { stderr } = mw(['run', 'tuor', '--debug']);
    expect(hasStackTrace(stderr)).toBe(true);
  });

  it('run of a lesson that cannot be read names the file, line and column', () => {
    const packDir = pack({ '01-broken': `${HEADER}steps:\n  - id: a\n    tilte: A\n` });
    const { status, stderr } = mw(['--lessons', packDir, 'run', 'broken']);
    expect(status).toBe(2);
    expect(stderr).toContain("01-broken/lesson.yaml:7:5: unknown field 'tilte' (did you mean 'title'?)");
    expect(hasStackTrace(stderr)).toBe(false);
  });

  it('schema prints the JSON Schema, the same as the shipped schema file', () => {
    const { status, stdout } = mw(['schema']);
    expect(status).toBe(0);
    const schema = JSON.parse(stdout) as { properties: Record<string, unknown>; required: string[] };
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['id', 'title', 'steps', 'setup', 'cleanup', 'requires']));
    expect(schema).toEqual(JSON.parse(readFileSync('schema/lesson.schema.json', 'utf8')));
  });

  it('lint passes the bundled lessons in strict mode', () => {
    const { status, stdout, stderr } = mw(['lint', '--strict']);
    expect(stdout).toBe('');
    expect(stderr).toBe('0 errors, 0 warnings in 9 lessons\n');
    expect(status).toBe(0);
  });

  it('lint --strict fails on warnings that plain lint lets through', () => {
    const packDir = pack({ '01-test': `${HEADER}steps:\n  - id: a\n    title: A\n    run: echo a\n` });
    expect(mw(['--lessons', packDir, 'lint']).status).toBe(0);
    const strict = mw(['--lessons', packDir, 'lint', '--strict']);
    expect(strict.status).toBe(1);
    expect(strict.stdout).toContain('lesson.yaml:6:9: warning: step has no check');
  });
});

describe('the line-by-line workshop (--plain, ACCESSIBLE=1)', () => {
  it.each([[['--plain'], {}], [[], { ACCESSIBLE: '1' }]] as const)('lists, asks which lesson, then asks before each step (%j %j)', (args, env) => {
    const { status, stdout, stderr } = mw([...args], { input: '0\ny\nq\n', env });
    expect(stdout).toContain('tour');
    expect(stderr).toContain('Which lesson? Type its id or number (Enter: tour), or q to quit:');
    expect(stderr).toContain('Step 1/9 hello: Run a step');
    expect(stdout).toMatch(/✓ hello +Run a step/);
    expect(stderr).toContain('Step 2/9 fail-on-purpose');
    // Quitting at step 2 stops the lesson there.
    expect(status).toBe(130);
    // No spinners, no box drawing.
    expect(`${stdout}${stderr}`).not.toMatch(/[⠋⠙⠹│┌└─]/);
  });
});
