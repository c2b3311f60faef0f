/**
 * `lint` on a step's `docs` (test/fixtures/doc-links-lint/NN-name/lesson.yaml, one mistake each): every problem
 * line asserted whole, PATH:LINE:COL: message, as the author sees it.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadLessonFile } from '../../src/lesson/load.js';
import { formatProblem, sortProblems } from '../../src/lesson/problems.js';
import { docUrlProblem, lintLesson } from '../../src/lint/lint-lesson.js';

const FIXTURES = 'test/fixtures/doc-links-lint';

function lint(folder: string): string[] {
  const load = loadLessonFile(path.join(FIXTURES, folder, 'lesson.yaml'));
  const problems = load.lesson ? [...load.problems, ...lintLesson(load.lesson)] : [...load.problems];
  return sortProblems(problems).map(formatProblem);
}

const at = (folder: string, position: string, message: string): string => `${FIXTURES}/${folder}/lesson.yaml:${position}: ${message}`;
const NO_DOCS = 'warning: step has no docs: link the page it follows (istio.io, kind, Kubernetes), so the learner can read the procedure behind it';

const CASES: [folder: string, mistake: string, lines: string[]][] = [
  ['00-valid', 'none: a cluster lesson whose step links a page', []],
  ['01-not-https', 'an http:// address', [at('01-not-https', '11:14', "'http://kind.sigs.k8s.io/docs/user/quick-start/' is not https: link the https:// address of the page")]],
  ['02-relative-url', "a path on istio.io without the site", [at('02-relative-url', '11:14', "'/latest/docs/setup/install/multicluster/multi-primary/' is not an absolute address: write it whole, starting with https://")]],
  ['03-blank-title', 'a title of spaces', [at('03-blank-title', '10:16', 'a doc needs a title: the words the learner sees for the link')]],
  ['04-empty-title', 'an empty title (the schema refuses it)', [at('04-empty-title', '10:16', 'must not be empty')]],
  ['05-duplicate-url', 'the same page twice in a step', [at('05-duplicate-url', '13:14', 'the same page is linked twice in this step (first as docs item 1)')]],
  ['06-duplicate-title', 'two pages with one title', [at('06-duplicate-title', '12:16', "two links in this step are titled 'kind: Quick Start' (first as docs item 1): give each page its own title")]],
  [
    '07-escape-in-url',
    'an escape sequence in the address, which would end the terminal link early (shown escaped, never sent)',
    [at('07-escape-in-url', '11:14', "'https://kind.sigs.k8s.io/\\u001b]8;;https://example.com/\\u001b\\\\' has a space or control character: write the address as the browser shows it")],
  ],
  ['08-cluster-steps-without-docs', 'a setup, a step and a cleanup step without docs in a lesson on clusters', [at('08-cluster-steps-without-docs', '8:9', NO_DOCS), at('08-cluster-steps-without-docs', '26:9', NO_DOCS), at('08-cluster-steps-without-docs', '63:9', NO_DOCS)]],
  ['09-no-clusters-no-docs', 'none: a lesson without clusters need not link pages', []],
];

describe('lint: a step\'s docs', () => {
  for (const [folder, mistake, lines] of CASES) {
    it(`${folder}: ${mistake}`, () => {
      expect(lint(folder)).toEqual(lines);
    });
  }

  it('has a case for every fixture', () => {
    const folders = readdirSync(FIXTURES, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
    expect(folders.sort()).toEqual(CASES.map(([folder]) => folder).sort());
  });
});

describe('docUrlProblem', () => {
  it('accepts absolute https addresses, with a fragment or a query', () => {
    for (const url of ['https://istio.io/latest/docs/setup/install/multicluster/verify/', 'https://kind.sigs.k8s.io/docs/user/loadbalancer/#installing-cloud-provider-kind', 'https://kubernetes.io/docs/?q=service', 'HTTPS://ISTIO.IO/']) {
      expect(docUrlProblem(url), url).toBeUndefined();
    }
  });

  it('refuses other schemes, relative and scheme-relative addresses, and addresses without a host', () => {
    for (const url of ['http://istio.io/', 'ftp://istio.io/', 'file:///etc/passwd', 'javascript:alert(1)', '//istio.io/latest/', 'istio.io/latest/docs/', 'https:istio.io/latest/', 'https:/istio.io/', 'https://']) {
      expect(docUrlProblem(url), url).toBeDefined();
    }
  });

  it('refuses spaces and control characters (BEL or ST would end the link)', () => {
    for (const url of ['https://istio.io/a b', 'https://istio.io/\u0007', 'https://istio.io/\u009c', 'https://istio.io/\n']) expect(docUrlProblem(url), JSON.stringify(url)).toMatch(/space or control character/);
  });
});
