// Mutation testing (npm run test:mutation): Stryker changes the modules whose mistakes hurt learners or the
// safety rules, one small change at a time, and runs the tests that cover each change; a change no test
// notices ("survived") is a behaviour nothing states. scripts/mutation-scores.mjs then prints each module's
// score from the JSON report and fails when one is below 85%.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  // related: a mutant runs only the tests that cover it, and one in module-level code ("static": a regular
  // expression, a table) runs the test files that import its module, not all of them.
  vitest: { configFile: 'vitest.mutation.config.ts', related: true },
  coverageAnalysis: 'perTest',
  mutate: [
    'src/checks/capture.ts',
    'src/checks/distribution.ts',
    'src/checks/evaluate.ts',
    'src/checks/jsonpath*.ts',
    'src/checks/search-whole.ts',
    'src/checks/templating.ts',
    'src/checks/text.ts',
    'src/checks/verifiers.ts',
    'src/cluster/command-forms.ts',
    'src/cluster/context-guard.ts',
    'src/cluster/kubeconfig-files.ts',
    'src/cluster/kubeconfig-integrity.ts',
    'src/cluster/shell-commands.ts',
    'src/cluster/shell-flow.ts',
    'src/cluster/shell-words.ts',
    'src/diagnosis/rules.ts',
    'src/engine/neutralise.ts',
    'src/go-text.ts',
    'src/terminal-text.ts',
    'src/views/proxy-config/routes.ts',
    'src/views/proxy-config/clusters.ts',
    'src/views/proxy-config/listeners.ts',
    'src/views/proxy-config/endpoints.ts',
    'src/progress/*.ts',
    'src/files/*.ts',
  ],
  // Sandboxes are copies of the project without the build: the tests run here import src/ (a mutant in dist/
  // would not exist), and copying dist/ while a build rewrites it fails.
  tempDirName: '.stryker-tmp',
  ignorePatterns: ['dist', '.bench', 'bench', 'coverage', 'reports', '.test-report.json', '*.tgz'],
  concurrency: 2,
  reporters: ['clear-text', 'progress', 'json', 'html'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  clearTextReporter: { allowColor: false, logTests: false, reportMutants: true },
  // Stryker's thresholds are global; the per-module floor of 85% is scripts/mutation-scores.mjs's.
  thresholds: { high: 90, low: 85, break: null },
  cleanTempDir: true,
  // Incremental: results of mutants whose code and covering tests are unchanged since the last run are taken
  // from stryker.incremental.json (committed), so CI tests only what changed. `npm run test:mutation:full`
  // (--force) tests every mutant again and rewrites the file: do that when code the mutated modules call
  // changes (Stryker diffs only the mutated files and the test files), and commit the file after a run.
  incremental: true,
  incrementalFile: 'stryker.incremental.json',
};
