/**
 * What `mesh-workshop lint` finds beyond the schema: duplicate step ids, missing files, regular expressions
 * and JSONPath templates that do not compile, `${VARS}` used before a step captures them, and checks whose
 * examples do not behave as labelled (a pass example that fails, a fail example that passes).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { evaluateCheck, observedFromText } from '../checks/evaluate.js';
import { FILTER_OPERATORS, JsonPathError, parseJsonPath, type JsonPathNode } from '../checks/jsonpath.js';
import { referencedVars, scriptVars } from '../checks/templating.js';
import { malformedLineRules } from '../checks/verifiers.js';
import { problemAt, type ParsedLesson } from '../lesson/load.js';
import type { Problem } from '../lesson/problems.js';
import { DOWNLOAD_VARIABLES, RESERVED_VARIABLES, type Check, type Example, type Step } from '../lesson/schema.js';
import { stepChecks, stepScripts } from '../lesson/steps.js';
import { positionOf, type DataPath } from '../lesson/source-map.js';
import { closestName } from '../lesson/suggest.js';
import { diagramNames, diagramsDir, loadDiagram } from '../diagrams/load.js';
import { defaultAssetsDir } from '../paths.js';

/** Variables every command has without a lesson setting them (the cluster layer adds the CTX_ names). */
export const PROVIDED_VARIABLES = new Set([
  ...RESERVED_VARIABLES,
  'CTX_CLUSTER1',
  'CTX_CLUSTER2',
  'CTX_CLUSTER3',
  'API_SERVER_CLUSTER1',
  'API_SERVER_CLUSTER2',
  'API_SERVER_CLUSTER3',
  'ISTIO_VERSION',
  'HOME',
  'PATH',
  'USER',
  'PWD',
  'TMPDIR',
  'SHELL',
  'RANDOM',
  'HOSTNAME',
]);

type Report = (severity: Problem['severity'], message: string, at: DataPath, key?: string, text?: string) => void;

interface StepRef {
  step: Step;
  path: DataPath;
}

function stepsWithPaths(loaded: ParsedLesson): StepRef[] {
  const { lesson } = loaded;
  const phases = [
    ['setup', lesson.setup ?? []],
    ['steps', lesson.steps],
    ['cleanup', lesson.cleanup ?? []],
  ] as const;
  return phases.flatMap(([key, steps]) => steps.map((step, index) => ({ step, path: [key, index] as DataPath })));
}

function checksWithPaths(ref: StepRef): { check: Check; path: DataPath }[] {
  const checks = stepChecks(ref.step);
  const many = Array.isArray(ref.step.check);
  return checks.map((check, index) => ({ check, path: many ? [...ref.path, 'check', index] : [...ref.path, 'check'] }));
}

export function lintLesson(loaded: ParsedLesson): Problem[] {
  const problems: Problem[] = [];
  const locate = problemAt(loaded.file, loaded.parsed);
  const report: Report = (severity, message, at, key, text) => problems.push(locate(severity, message, at, key, text));
  const refs = stepsWithPaths(loaded);

  lintLessonEnv(loaded, report);
  lintDownloadsDeclared(loaded, refs, report);
  lintDiagram(loaded.lesson.diagram, undefined, [], report);
  lintDuplicateIds(loaded, refs, report);
  const captured = new Set<string>();
  for (const ref of refs) {
    lintFiles(loaded, ref, report);
    lintDiagram(ref.step.diagram, ref.step.highlight, ref.path, report);
    lintStepShape(ref, report);
    lintTask(loaded, ref, report);
    lintDocs(loaded, ref, report);
    lintVariables(loaded, ref, captured, report);
    for (const name of Object.keys(ref.step.capture ?? {})) captured.add(name);
    lintCaptures(ref, report);
    for (const { check, path: checkPath } of checksWithPaths(ref)) lintCheck(check, checkPath, report);
  }
  lintQuizKeys(refs, report);
  return problems;
}

/** Lessons with at least this many questions are told when all of them share one answer number. */
export const SAME_ANSWER_MIN_QUIZZES = 2;
/** Lessons with at least this many questions are told when the right choice is the longest in each. */
export const LONGEST_RIGHT_MIN_QUIZZES = 3;

/** Whether the right choice is longer than every other choice of its question (a tie gives nothing away). */
function rightIsLongest(quiz: NonNullable<Step['quiz']>): boolean {
  const right = quiz.choices[quiz.answer - 1];
  return right !== undefined && quiz.choices.every((choice, index) => index === quiz.answer - 1 || choice.length < right.length);
}

/**
 * A lesson's questions, taken together. The workshop shows each learner the choices in an order of their
 * own, but a lesson read as a file (printed, reviewed, reused elsewhere) should show no pattern in its answer
 * keys; and the longest choice being the right one in every question gives the answer away in any order.
 */
function lintQuizKeys(refs: readonly StepRef[], report: Report): void {
  const quizzes = refs.flatMap((ref) => (ref.step.quiz ? [{ quiz: ref.step.quiz, path: ref.path }] : []));
  const [first] = quizzes;
  if (!first) return;
  const answers = new Set(quizzes.map(({ quiz }) => quiz.answer));
  if (quizzes.length >= SAME_ANSWER_MIN_QUIZZES && answers.size === 1) {
    report('warning', `all ${quizzes.length} questions of this lesson have answer ${first.quiz.answer}: write the right choice in different places`, [...first.path, 'quiz', 'answer']);
  }
  if (quizzes.length >= LONGEST_RIGHT_MIN_QUIZZES && quizzes.every(({ quiz }) => rightIsLongest(quiz))) {
    report('warning', `the right choice is the longest in all ${quizzes.length} questions of this lesson: a learner can pick by length; make some wrong choices as long, or right ones shorter`, [...first.path, 'quiz', 'choices']);
  }
}

function lintLessonEnv(loaded: ParsedLesson, report: Report): void {
  for (const name of Object.keys(loaded.lesson.env ?? {})) {
    if (RESERVED_VARIABLES.includes(name)) report('error', `${name} is set by the workshop and cannot be set by a lesson`, ['env'], name);
  }
}

/** A lesson that reads a pinned download (${ISTIO_DIR}, ${ISTIO_SIDECAR_DEB}) says so in `tools`, so the home screen names it when it is missing. */
function lintDownloadsDeclared(loaded: ParsedLesson, refs: StepRef[], report: Report): void {
  for (const [name, tool] of Object.entries(DOWNLOAD_VARIABLES)) {
    if ((loaded.lesson.tools as readonly string[] | undefined)?.includes(tool)) continue;
    const user = refs.find((ref) => stepScripts(ref.step).some((script) => scriptVars(script).includes(name)));
    if (user) report('warning', `step uses \${${name}}: add ${tool} to the lesson's tools, so a learner without it is told before starting`, [...user.path, 'id']);
  }
}

function lintDuplicateIds(loaded: ParsedLesson, refs: StepRef[], report: Report): void {
  const seen = new Map<string, DataPath>();
  for (const ref of refs) {
    const first = seen.get(ref.step.id);
    if (first) report('error', `duplicate step id '${ref.step.id}' (first used on line ${positionOf(loaded.parsed, [...first, 'id']).line})`, [...ref.path, 'id']);
    else seen.set(ref.step.id, ref.path);
  }
}

function lintFiles(loaded: ParsedLesson, ref: StepRef, report: Report): void {
  const text = ref.step.text;
  if (text !== undefined && typeof text !== 'string' && !existsSync(path.join(loaded.dir, text.file))) {
    report('error', `file not found: ${text.file} (looked in ${path.relative(process.cwd(), loaded.dir) || '.'})`, [...ref.path, 'text', 'file']);
  }
  if (ref.step.cwd !== undefined && !existsSync(path.resolve(loaded.dir, ref.step.cwd))) {
    report('error', `folder not found: ${ref.step.cwd}`, [...ref.path, 'cwd']);
  }
}

/** The diagram a step names is one the workshop ships, and its highlight is a path in it. */
function lintDiagram(name: string | undefined, highlight: string | undefined, at: DataPath, report: Report): void {
  if (name === undefined) {
    if (highlight !== undefined) report('error', 'highlight needs a diagram to mark it in', [...at, 'highlight']);
    return;
  }
  const assets = defaultAssetsDir();
  const names = diagramNames(assets);
  if (!names.includes(name)) {
    const guess = closestName(name, names);
    report('error', `no diagram '${name}'${guess ? ` (did you mean '${guess}'?)` : ''}; mesh-workshop diagram --list shows them`, [...at, 'diagram']);
    return;
  }
  if (highlight === undefined) return;
  const { diagram } = loadDiagram(path.join(diagramsDir(assets), `${name}.yaml`));
  const ids = new Set([...(diagram?.outside ?? []), ...(diagram?.clusters.flatMap((cluster) => cluster.rows.flat()) ?? [])].map((node) => node.id));
  const named = diagram?.paths?.[highlight];
  const unknown = named ? [] : highlight.split(',').filter((id) => !ids.has(id));
  if (unknown.length > 0) report('error', `'${highlight}' is neither a path of the diagram ${name} (${Object.keys(diagram?.paths ?? {}).join(', ') || 'it names none'}) nor its boxes (no ${unknown.join(', ')})`, [...at, 'highlight']);
}

function lintStepShape(ref: StepRef, report: Report): void {
  const { step } = ref;
  if (step.quiz) {
    if (step.quiz.answer > step.quiz.choices.length) {
      report('error', `answer ${step.quiz.answer} is not one of the ${step.quiz.choices.length} choices`, [...ref.path, 'quiz', 'answer']);
    }
    return;
  }
  for (const name of Object.keys(step.env ?? {})) {
    if (RESERVED_VARIABLES.includes(name)) report('error', `${name} is set by the workshop and cannot be set by a lesson`, [...ref.path, 'env'], name);
  }
  if (stepChecks(step).length === 0) report('warning', 'step has no check: give it one that proves the step worked', [...ref.path, 'id']);
  const hints = step.hint === undefined ? 0 : typeof step.hint === 'string' ? 1 : step.hint.length;
  if (hints < 2) report('warning', `step has ${hints === 0 ? 'no hint' : 'one hint level'}: give two levels, from a nudge to the command`, [...ref.path, 'id']);
  if (step.solution === undefined) report('warning', 'step has no solution', [...ref.path, 'id']);
}

/**
 * A task is the learner's to do: the workshop runs no command of its own, so its checks must read the
 * clusters or the workspace themselves, and it needs a solution for "do it for me", run --yes and verify.
 */
function lintTask(loaded: ParsedLesson, ref: StepRef, report: Report): void {
  const { step } = ref;
  if (step.task === undefined) return;
  const at = [...ref.path, 'task'];
  if (step.run !== undefined) report('error', 'a task runs no command (the learner does it): move the command to `solution`', [...ref.path, 'run']);
  if (step.quiz) report('error', 'a step is a task or a question, not both', at);
  if (step.solution === undefined) report('error', 'a task needs a `solution`: the script "do it for me", run --yes and verify run', at);
  if (step.capture !== undefined) report('error', 'a task has no output to capture from: capture in the step after it', [...ref.path, 'capture']);
  if (step.view !== undefined) report('error', 'a task has no output to show: give the view to the step after it', [...ref.path, 'view']);
  if (step.cwd !== undefined) report('error', "a task and its checks run in the learner's workspace ($WORKSPACE): cwd has no effect", [...ref.path, 'cwd']);
  if (stepChecks(step).length === 0) report('error', "a task needs checks that read the learner's work (each with its own `run`)", at);
  for (const { check, path: checkPath } of checksWithPaths(ref)) {
    if (check.run === undefined) report('error', "a task's check needs its own `run`: there is no command output to read (check the cluster or the workspace)", checkPath);
  }
  if (step.task === true) return;
  for (const key of ['scaffold', 'reference'] as const) {
    const file = step.task[key];
    if (file !== undefined && !existsSync(path.join(loaded.dir, file))) report('error', `file not found: ${file} (looked in ${path.relative(process.cwd(), loaded.dir) || '.'})`, [...at, key]);
  }
  if (step.task.reference !== undefined && step.task.scaffold === undefined) report('error', 'a reference is compared with the learner\'s file: name the scaffold it finishes', [...at, 'reference']);
}

/** Characters that would end or break the terminal link a doc is drawn as (OSC 8), or hide part of it. */
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/;

/** Why a doc's address cannot be shown as a link a learner can open, or undefined when it can. */
export function docUrlProblem(url: string): string | undefined {
  if (CONTROL_CHARACTERS.test(url) || /\s/.test(url)) return `'${JSON.stringify(url).slice(1, -1)}' has a space or control character: write the address as the browser shows it`;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `'${url}' is not an absolute address: write it whole, starting with https://`;
  }
  if (parsed.protocol !== 'https:') return `'${url}' is not https: link the https:// address of the page`;
  if (!url.toLowerCase().startsWith('https://') || parsed.hostname === '') return `'${url}' is not an absolute address: write it whole, starting with https://`;
  return undefined;
}

/**
 * A step's `docs`: each a titled https page, none twice. In a lesson on clusters every step (setup and cleanup
 * too) links the page it follows, so a learner can read the procedure behind what runs (a warning: --strict fails on it).
 */
function lintDocs(loaded: ParsedLesson, ref: StepRef, report: Report): void {
  const docs = ref.step.docs ?? [];
  const urls = new Map<string, number>();
  const titles = new Map<string, number>();
  for (const [index, doc] of docs.entries()) {
    const at: DataPath = [...ref.path, 'docs', index];
    if (doc.title.trim() === '' || CONTROL_CHARACTERS.test(doc.title)) report('error', 'a doc needs a title: the words the learner sees for the link', [...at, 'title']);
    const problem = docUrlProblem(doc.url);
    if (problem) report('error', problem, [...at, 'url']);
    const firstUrl = urls.get(doc.url);
    if (firstUrl !== undefined) report('error', `the same page is linked twice in this step (first as docs item ${firstUrl + 1})`, [...at, 'url']);
    else urls.set(doc.url, index);
    const title = doc.title.trim().toLowerCase();
    const firstTitle = titles.get(title);
    if (firstTitle !== undefined && firstUrl === undefined) report('error', `two links in this step are titled '${doc.title.trim()}' (first as docs item ${firstTitle + 1}): give each page its own title`, [...at, 'title']);
    else if (firstTitle === undefined) titles.set(title, index);
  }
  if (docs.length === 0 && (loaded.lesson.clusters?.length ?? 0) > 0) {
    report('warning', 'step has no docs: link the page it follows (istio.io, kind, Kubernetes), so the learner can read the procedure behind it', [...ref.path, 'id']);
  }
}

/** Names a script assigns itself (NAME=…, read NAME, for NAME in, local/export/declare NAME). */
function scriptLocals(script: string): Set<string> {
  const names = new Set<string>();
  const patterns = [/(?:^|[\s;&|(])(?:export\s+|local\s+|declare\s+(?:-\w+\s+)*|readonly\s+)?([A-Za-z_][A-Za-z0-9_]*)=/g, /\bread\s+(?:-\w+\s+)*([A-Za-z_][A-Za-z0-9_]*)/g, /\bfor\s+([A-Za-z_][A-Za-z0-9_]*)\s+in\b/g];
  for (const pattern of patterns) for (const match of script.matchAll(pattern)) if (match[1]) names.add(match[1]);
  return names;
}

function lintVariables(loaded: ParsedLesson, ref: StepRef, captured: ReadonlySet<string>, report: Report): void {
  const { step } = ref;
  const envNames = new Set([...Object.keys(loaded.lesson.env ?? {}), ...Object.keys(step.env ?? {})]);
  const known = (name: string): boolean => captured.has(name) || PROVIDED_VARIABLES.has(name);
  const unknownMessage = (name: string): string => `\${${name}} is used before any step captures it`;

  const scripts: [string, DataPath][] = [];
  if (step.run !== undefined) scripts.push([step.run, [...ref.path, 'run']]);
  for (const { check, path: checkPath } of checksWithPaths(ref)) if (check.run !== undefined) scripts.push([check.run, [...checkPath, 'run']]);
  for (const [script, at] of scripts) {
    const locals = scriptLocals(script);
    for (const name of new Set(referencedVars(script))) {
      if (!known(name) && !envNames.has(name) && !locals.has(name)) report('error', unknownMessage(name), at, undefined, `\${${name}}`);
    }
  }
  for (const [name, value] of Object.entries(step.env ?? {})) {
    for (const used of referencedVars(value)) {
      if (!known(used) && !Object.hasOwn(loaded.lesson.env ?? {}, used)) report('error', unknownMessage(used), [...ref.path, 'env', name], undefined, `\${${used}}`);
    }
  }
  for (const { check, path: checkPath } of checksWithPaths(ref)) {
    // Check texts are filled from captured variables only; they are not run by a shell.
    for (const [text, field] of checkTexts(check)) {
      for (const used of new Set(referencedVars(text))) {
        if (!captured.has(used) && !Object.keys(step.capture ?? {}).includes(used)) {
          report('error', `\${${used}} in a check must be a variable captured by this or an earlier step`, [...checkPath, ...field], undefined, `\${${used}}`);
        }
      }
    }
  }
}

/** The texts of a check that may hold `${VARS}`, each with where it sits in the check. */
function checkTexts(check: Check): [string, DataPath][] {
  const texts: [string, DataPath][] = [];
  for (const key of ['contains', 'notContains', 'equals', 'matches', 'elided', 'like', 'jsonpath'] as const) {
    const value = (check as Partial<Record<typeof key, unknown>>)[key];
    if (typeof value === 'string') texts.push([value, [key]]);
  }
  if ('lines' in check) {
    if (typeof check.lines === 'string') texts.push([check.lines, ['lines']]);
    else check.lines.forEach((line, index) => texts.push([line, ['lines', index]]));
  }
  if ('distribution' in check) texts.push([check.distribution.extract, ['distribution', 'extract']]);
  return texts;
}

function regexProblem(source: string, flags = ''): string | undefined {
  try {
    new RegExp(source, flags);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/** kubectl's parser speaks of "actions"; authors think in braces. */
const JSONPATH_WORDS: [RegExp, string][] = [
  [/^unclosed action$/, 'missing "}" to close "{"'],
  [/^unterminated array$/, 'missing "]" to close "["'],
  [/^invalid array index "(.*)"$/, 'a key in brackets needs single quotes, as [\'$1\']'],
];

function jsonPathProblem(template: string): string | undefined {
  try {
    const operator = unknownFilterOperator(parseJsonPath(template).nodes);
    return operator === undefined ? undefined : `invalid JSONPath '${template}': a filter cannot use "${operator}"; use one of ${FILTER_OPERATORS.join(' ')}`;
  } catch (error) {
    if (!(error instanceof JsonPathError)) throw error;
    const plain = JSONPATH_WORDS.reduce((message, [pattern, words]) => message.replace(pattern, words), error.message);
    return `invalid JSONPath '${template}': ${plain}`;
  }
}

/** kubectl parses `[?(@.a="b")]` and fails only when it runs; lint finds it first. */
function unknownFilterOperator(nodes: readonly JsonPathNode[]): string | undefined {
  for (const node of nodes) {
    const children: readonly JsonPathNode[] =
      node.type === 'list' ? node.nodes : node.type === 'filter' ? [node.left, node.right] : node.type === 'union' ? node.branches : [];
    if (node.type === 'filter' && node.operator !== 'exists' && !FILTER_OPERATORS.includes(node.operator)) return node.operator;
    const inner = unknownFilterOperator(children);
    if (inner !== undefined) return inner;
  }
  return undefined;
}

function lintCaptures(ref: StepRef, report: Report): void {
  for (const [name, capture] of Object.entries(ref.step.capture ?? {})) {
    const at = [...ref.path, 'capture', name];
    const problem = 'regex' in capture ? regexProblem(capture.regex) : jsonPathProblem(capture.jsonpath);
    if (problem) report('error', problem, [...at, 'regex' in capture ? 'regex' : 'jsonpath']);
  }
}

function lintCheck(check: Check, at: DataPath, report: Report): void {
  const compileProblems: [string | undefined, DataPath, string?][] = [];
  if ('matches' in check && check.matches !== undefined) compileProblems.push([regexProblem(check.matches, 'flags' in check ? check.flags : ''), [...at, 'matches']]);
  if ('distribution' in check) compileProblems.push([regexProblem(check.distribution.extract), [...at, 'distribution', 'extract']]);
  if ('jsonpath' in check) compileProblems.push([jsonPathProblem(check.jsonpath), [...at, 'jsonpath']]);
  if ('lines' in check) {
    const [bad] = malformedLineRules(check.lines);
    if (bad !== undefined) {
      const message = `each line must start with "+ " or "- ": ${JSON.stringify(bad)}`;
      compileProblems.push(Array.isArray(check.lines) ? [message, [...at, 'lines', check.lines.indexOf(bad)]] : [message, [...at, 'lines'], bad]);
    }
  }
  const compiled = compileProblems.every(([problem, where, text]) => {
    if (problem) report('error', problem, where, undefined, text);
    return problem === undefined;
  });
  if (!check.examples) {
    report('warning', 'check has no examples: add real outputs it must pass and must fail', at);
    return;
  }
  if (!compiled) return;
  lintExamples(check, check.examples.pass, true, [...at, 'examples', 'pass'], report);
  lintExamples(check, check.examples.fail, false, [...at, 'examples', 'fail'], report);
}

function lintExamples(check: Check, examples: readonly Example[], shouldPass: boolean, at: DataPath, report: Report): void {
  for (const [index, example] of examples.entries()) {
    const verdict = evaluateCheck(check, observedFromText(example.output, example.exitCode ?? 0), example.vars ?? {});
    if (verdict.passed !== shouldPass) {
      const why = shouldPass ? `: ${verdict.explanation ?? 'failed'}` : '';
      report('error', `this ${shouldPass ? 'pass' : 'fail'} example ${shouldPass ? 'fails' : 'passes'} the check${why}`, [...at, index]);
    }
  }
}
