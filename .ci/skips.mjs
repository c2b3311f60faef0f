// After `npm test` in CI: the plain closing line from vitest's JSON report ("tests: N passed, N failed,
// N skipped"), then the gate on skipped tests. Tests that drive a system tool skip where it is missing
// (describe.runIf(HAS_SHELLCHECK), it.skipIf(!HAS_TMUX), …), which is right on a learner's or a
// contributor's machine and wrong in CI: there a skip would hide the very check the tool is for. So in
// CI every skipped test fails the run, unless ALLOWED below names it with the reason it may skip.
// Usage: node .ci/skips.mjs [report]   (default .test-report.json; exit 1 on a skip that is not allowed)
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** Skips CI accepts: the test file, a pattern for the describe block (or test) title, and why. */
const ALLOWED = [
  {
    file: 'test/cli/cluster-cli.test.ts',
    title: /without a Docker engine/,
    reason: 'these run only where no Docker engine answers; with one, `npm run test:e2e` drives real clusters instead',
  },
  {
    file: 'test/cli/verify-cli.test.ts',
    title: /without a Docker engine/,
    reason: 'verify and prefetch are read without an engine only where none answers; the e2e workflow runs them with one',
  },
  {
    file: 'test/workflows/dry-reading.test.ts',
    title: /without a Docker engine/,
    reason: 'the dry reading of the e2e jobs stops at their first Docker command, so it runs where no engine answers (macOS runners, here)',
  },
];

/** The tool each test file skips without, for the message (.ci/run's tools step provides them all). */
const TOOLS = {
  'test/lessons/shellcheck.test.ts': 'shellcheck',
  'test/tui/terminal.test.ts': 'tmux',
  'test/tui/classroom-in-terminal.test.ts': 'tmux',
  'test/checks/jsonpath.test.ts': 'kubectl',
  'test/lessons/kubectl-usage.test.ts': 'kubectl',
  'test/lessons/cluster-lessons.test.ts': 'kubectl',
  'test/lessons/tools-up-front.test.ts': 'make and openssl',
  'test/paths/spaced-home.test.ts': 'make',
  'test/workflows/workflows.test.ts': 'shellcheck',
  'test/recording/asciinema-cat.test.ts': 'asciinema',
  'test/classroom/classroom-page.test.ts': 'chromium (/usr/bin/chromium)',
  'test/classroom/classroom-load.test.ts': 'chromium (/usr/bin/chromium)',
};

const reportFile = process.argv[2] ?? '.test-report.json';
const report = JSON.parse(readFileSync(reportFile, 'utf8'));
const skippedCount = report.numPendingTests + report.numTodoTests;
console.log(`tests: ${report.numPassedTests} passed, ${report.numFailedTests} failed, ${skippedCount} skipped`);

const root = process.cwd();
const unexpected = new Map(); // file → titles
let allowed = 0;
for (const file of report.testResults) {
  const relative = path.relative(root, file.name).split(path.sep).join('/');
  for (const test of file.assertionResults) {
    if (test.status === 'passed' || test.status === 'failed') continue;
    const titles = [...test.ancestorTitles, test.title];
    if (ALLOWED.some((rule) => rule.file === relative && titles.some((title) => rule.title.test(title)))) {
      allowed++;
      continue;
    }
    if (!unexpected.has(relative)) unexpected.set(relative, []);
    unexpected.get(relative).push(`${titles.join(' › ')} (${test.status})`);
  }
}
if (allowed > 0) console.log(`${allowed} skipped as allowed in .ci/skips.mjs (${ALLOWED.map((rule) => `${rule.file}: ${rule.reason}`).join('; ')})`);
if (unexpected.size === 0) process.exit(0);

const total = [...unexpected.values()].reduce((sum, titles) => sum + titles.length, 0);
console.error(`\nFAIL: ${total} test${total === 1 ? '' : 's'} skipped that CI must run:`);
for (const [file, titles] of unexpected) {
  const tool = TOOLS[file];
  console.error(`  ${file}: ${titles.length} skipped${tool ? ` (is ${tool} on PATH?)` : ''}`);
  for (const title of titles.slice(0, 3)) console.error(`    - ${title}`);
  if (titles.length > 3) console.error(`    - … and ${titles.length - 3} more`);
}
console.error('A test skips where a tool it drives is missing. Install the tool for CI (see the tools step in .ci/run);');
console.error('if the skip is right in CI, add it to ALLOWED in .ci/skips.mjs with the reason.');
process.exit(1);
