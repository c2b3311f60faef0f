/**
 * `mesh-workshop lint` on lessons with exactly one deliberate mistake each (test/fixtures/broken/NN-name/lesson.yaml):
 * every problem line is asserted whole, as the author sees it: PATH:LINE:COL: message.
 *
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadLessonFile } from '../../src/lesson/load.js';
import { formatProblem, sortProblems } from '../../src/lesson/problems.js';
import { lintLesson } from '../../src/lint/lint-lesson.js';
import { lintPack } from '../../src/lint/lint-pack.js';

const BROKEN = 'test/fixtures/broken';
const PACK = 'test/fixtures/broken-pack';

/** The fixture folders a test is declared for (filled while tests are collected); the last test checks that none is missed. */
const covered = new Set<string>();

/** What `mesh-workshop lint` prints for one lesson: its load problems, then (if it loaded) the lint problems. */
function lint(folder: string): string[] {
  const load = loadLessonFile(path.join(BROKEN, folder, 'lesson.yaml'));
  const problems = load.lesson ? [...load.problems, ...lintLesson(load.lesson)] : [...load.problems];
  return sortProblems(problems).map(formatProblem);
}

/** A test of one fixture, given the lines lint prints for it. */
function fixture(folder: string, mistake: string, test: (lines: string[]) => void): void {
  covered.add(folder);
  it(`${folder}: ${mistake}`, () => test(lint(folder)));
}

it('runs from the project folder, so paths in messages are relative to it', () => {
  expect(path.relative(process.cwd(), path.resolve(BROKEN))).toBe(BROKEN);
});

fixture('00-valid-baseline', 'none: the valid lesson every fixture starts from', (lines) => {
  expect(lines).toEqual([]);
});

describe('one mistake, one exact problem line at the offending key or value', () => {
  const cases: [folder: string, mistake: string, lines: string[]][] = [
    ['01-unknown-field', 'a misspelt check kind (containz)', ["test/fixtures/broken/01-unknown-field/lesson.yaml:11:7: unknown field 'containz' (did you mean 'contains'?)"]],
    ['02-misspelt-title', 'tilte for title', ["test/fixtures/broken/02-misspelt-title/lesson.yaml:2:1: unknown field 'tilte' (did you mean 'title'?)"]],
    ['03-misspelt-retry', 'retyr for retry, in a list of checks', ["test/fixtures/broken/03-misspelt-retry/lesson.yaml:12:9: unknown field 'retyr' (did you mean 'retry'?)"]],
    ['04-yaml-tab', 'a tab in the indentation', ["test/fixtures/broken/04-yaml-tab/lesson.yaml:9:1: YAML: tabs are not allowed in indentation; use spaces"]],
    ['05-yaml-indentation', 'one line indented a space too far', ["test/fixtures/broken/05-yaml-indentation/lesson.yaml:9:6: YAML: this line is indented further than the field above it; line them up"]],
    ['06-timeout-fast', 'timeout: fast', ["test/fixtures/broken/06-timeout-fast/lesson.yaml:10:14: write a duration such as 30s, 2m or 1m30s"]],
    ['07-exitcode-sometimes', 'exitCode: sometimes', ["test/fixtures/broken/07-exitcode-sometimes/lesson.yaml:11:17: expected a number or \"nonzero\", got text \"sometimes\""]],
    ['08-empty-steps', 'steps: []', ["test/fixtures/broken/08-empty-steps/lesson.yaml:6:1: must not be empty"]],
    ['09-missing-summary', 'no summary', ["test/fixtures/broken/09-missing-summary/lesson.yaml:1:1: missing required field 'summary'"]],
    ['10-tools-not-a-list', 'tools: kubectl (a word, not a list)', ["test/fixtures/broken/10-tools-not-a-list/lesson.yaml:5:8: expected a list, got text \"kubectl\""]],
    ['11-duplicate-step-id', 'two steps with id greet', ["test/fixtures/broken/11-duplicate-step-id/lesson.yaml:23:9: duplicate step id 'greet' (first used on line 7)"]],
    ['12-missing-text-file', 'text: {file: greet.md} with no such file', ["test/fixtures/broken/12-missing-text-file/lesson.yaml:9:19: file not found: greet.md (looked in test/fixtures/broken/12-missing-text-file)"]],
    ['13-missing-cwd', 'cwd: manifests with no such folder', ["test/fixtures/broken/13-missing-cwd/lesson.yaml:9:10: folder not found: manifests"]],
    ['14-unclosed-regex-group', 'matches with an unclosed group', ["test/fixtures/broken/14-unclosed-regex-group/lesson.yaml:11:16: Invalid regular expression: /Hello version: (v\\d+/: Unterminated group"]],
    ['15-bad-capture-regex', 'capture regex with an unclosed character class', ["test/fixtures/broken/15-bad-capture-regex/lesson.yaml:12:16: Invalid regular expression: /address ([0-9.+)/: Unterminated character class"]],
    ['16-bad-distribution-extract', 'distribution.extract with one ) too many', ["test/fixtures/broken/16-bad-distribution-extract/lesson.yaml:13:18: Invalid regular expression: /Hello version: (v\\d+))/: Unmatched ')'"]],
    ['17-unclosed-jsonpath', '{.items[*].status.phase without its closing brace', ["test/fixtures/broken/17-unclosed-jsonpath/lesson.yaml:11:17: invalid JSONPath '{.items[*].status.phase': missing \"}\" to close \"{\""]],
    ['18-var-before-capture', '${INGRESS_IP} in a run script before any step captures it', ["test/fixtures/broken/18-var-before-capture/lesson.yaml:10:28: ${INGRESS_IP} is used before any step captures it"]],
    ['19-pass-example-fails', 'a pass example the check rejects', ["test/fixtures/broken/19-pass-example-fails/lesson.yaml:14:13: this pass example fails the check: the output does not contain \"hello version\""]],
    ['20-fail-example-passes', 'a fail example the check accepts', ["test/fixtures/broken/20-fail-example-passes/lesson.yaml:17:13: this fail example passes the check"]],
    ['21-quiz-answer-out-of-range', 'answer 4 of 3 choices', ["test/fixtures/broken/21-quiz-answer-out-of-range/lesson.yaml:15:15: answer 4 is not one of the 3 choices"]],
    ['22-lines-rule-without-sign', 'a lines rule without "+ "', ["test/fixtures/broken/22-lines-rule-without-sign/lesson.yaml:13:11: each line must start with \"+ \" or \"- \": \"helloworld-v2\""]],
    ['23-reserved-lesson-env', 'KUBECONFIG in the lesson env', ["test/fixtures/broken/23-reserved-lesson-env/lesson.yaml:7:3: KUBECONFIG is set by the workshop and cannot be set by a lesson"]],
    ['24-reserved-step-env', 'LESSON_TMP in a step env', ["test/fixtures/broken/24-reserved-step-env/lesson.yaml:10:7: LESSON_TMP is set by the workshop and cannot be set by a lesson"]],
    ['25-two-check-kinds', 'contains and matches in one list item', ["test/fixtures/broken/25-two-check-kinds/lesson.yaml:12:9: 'matches' cannot be combined with the other fields here: write one per list item"]],
    ['26-var-in-check-before-capture', '${POD} in a check text, never captured', ["test/fixtures/broken/26-var-in-check-before-capture/lesson.yaml:11:21: ${POD} in a check must be a variable captured by this or an earlier step"]],
    ['27-misspelt-kind-in-list', 'containz in the second check of a list', ["test/fixtures/broken/27-misspelt-kind-in-list/lesson.yaml:20:9: unknown field 'containz' (did you mean 'contains'?)"]],
    ['28-lowercase-capture-name', 'capture named ingress_ip', ["test/fixtures/broken/28-lowercase-capture-name/lesson.yaml:11:7: variable names are UPPER_SNAKE_CASE (e.g. INGRESS_IP), got 'ingress_ip'"]],
    ['29-retry-without-timeout', 'retry: {interval: 2s}', ["test/fixtures/broken/29-retry-without-timeout/lesson.yaml:12:7: missing required field 'timeout'"]],
    ['30-timeout-zero', 'timeout: 0', ["test/fixtures/broken/30-timeout-zero/lesson.yaml:10:14: must be more than 0"]],
    ['31-colon-in-plain-hint', 'a hint with an unquoted ": "', ["test/fixtures/broken/31-colon-in-plain-hint/lesson.yaml:21:9: expected text, got a mapping (an unquoted \": \" starts a mapping: put the text in quotes)"]],
    ['32-duplicate-key', 'run written twice in one step', ["test/fixtures/broken/32-duplicate-key/lesson.yaml:19:5: YAML: 'run' appears twice in the same mapping"]],
    ['33-bad-capture-jsonpath', 'capture jsonpath with an unclosed [', ["test/fixtures/broken/33-bad-capture-jsonpath/lesson.yaml:12:19: invalid JSONPath '{.items[0.metadata.name}': missing \"]\" to close \"[\""]],
    ['34-invalid-lesson-id', 'id: Invalid_Lesson_Id', ["test/fixtures/broken/34-invalid-lesson-id/lesson.yaml:1:5: use lower-case letters, digits and dashes (e.g. \"apply-gateway\"), got \"Invalid_Lesson_Id\""]],
    ['35-misspelt-tool', 'tools: [kind, kubctl]', ["test/fixtures/broken/35-misspelt-tool/lesson.yaml:5:15: expected one of \"docker\", \"kind\", \"kubectl\", \"istioctl\", \"istio-release\", \"istio-sidecar.deb\", \"curl\", \"helm\", \"make\", \"openssl\", got \"kubctl\" (did you mean \"kubectl\"?)"]],
    ['36-empty-file', 'a file with only a comment', ["test/fixtures/broken/36-empty-file/lesson.yaml:1:1: the lesson file is empty"]],
    ['37-colon-in-plain-value', 'summary: Route traffic: half to v1, half to v2.', ["test/fixtures/broken/37-colon-in-plain-value/lesson.yaml:3:23: YAML: this \": \" makes YAML read the value as a mapping; put the whole value in quotes"]],
    ['38-regex-flag-g', 'flags: g', ["test/fixtures/broken/38-regex-flag-g/lesson.yaml:12:14: flags may only be i, m, s and u, got \"g\""]],
    ['39-lowercase-env-name', 'env: {namespace: sample}', ["test/fixtures/broken/39-lowercase-env-name/lesson.yaml:6:3: variable names are UPPER_SNAKE_CASE (e.g. INGRESS_IP), got 'namespace'"]],
    ['40-filter-single-equals', 'a filter comparing with = instead of ==', ["test/fixtures/broken/40-filter-single-equals/lesson.yaml:11:17: invalid JSONPath '{.items[?(@.metadata.labels.app=\"helloworld\")].status.phase}': a filter cannot use \"=\"; use one of < > == != <= >="]],
    ['41-unknown-diagram', 'a diagram name with a letter missing', ["test/fixtures/broken/41-unknown-diagram/lesson.yaml:9:14: no diagram 'two-network' (did you mean 'two-networks'?); mesh-workshop diagram --list shows them"]],
    ['43-release-not-declared', "a step reading ${ISTIO_DIR} in a lesson without istio-release in its tools", ["test/fixtures/broken/43-release-not-declared/lesson.yaml:7:9: warning: step uses ${ISTIO_DIR}: add istio-release to the lesson's tools, so a learner without it is told before starting"]],
    ['42-highlight-not-a-path', 'a highlight naming a box the diagram lacks', ["test/fixtures/broken/42-highlight-not-a-path/lesson.yaml:10:16: 'endpoint-a-1,gateway-9' is neither a path of the diagram two-networks (across-networks) nor its boxes (no gateway-9)"]],
  ];

  for (const [folder, mistake, expected] of cases) {
    fixture(folder, mistake, (lines) => {
      expect(lines).toEqual(expected);
    });
  }
});

const PACK_LINES = [
  "test/fixtures/broken-pack/02-needs-base/lesson.yaml:5:12: requires unknown lesson 'bsae' (did you mean 'base'?)",
  "test/fixtures/broken-pack/03-base/lesson.yaml:1:5: lesson id 'base' is also used by test/fixtures/broken-pack/01-base/lesson.yaml",
];

describe('mistakes across lessons', () => {
  it('reports a misspelt requires and a repeated lesson id', () => {
    const { lessons, problems } = lintPack(PACK);
    expect(lessons.map((loaded) => loaded.lesson.id)).toEqual(['base', 'needs-base', 'base']);
    expect(problems.map(formatProblem)).toEqual(PACK_LINES);
  });

  it('prints them from the command line, exits 1 and shows no stack trace', () => {
    const result = spawnSync(process.execPath, ['bin/mesh-workshop.js', '--lessons', PACK, 'lint'], {
      cwd: process.cwd(),
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
      timeout: 30_000,
    });
    expect(result.error).toBeUndefined();
    expect(result.stdout.split('\n').filter(Boolean)).toEqual(PACK_LINES);
    expect(result.stderr).not.toMatch(/^ {4}at /m);
    expect(result.stderr).toBe('2 errors, 0 warnings in 3 lessons\n');
    expect(result.status).toBe(1);
  });
});

it('has a test for every broken fixture', () => {
  const folders = readdirSync(BROKEN, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  expect(folders.filter((folder) => !covered.has(folder))).toEqual([]);
});
