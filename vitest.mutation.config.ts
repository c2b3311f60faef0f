// The tests Stryker runs against each mutant (stryker.config.mjs): the ones that exercise the mutated modules
// in-process. Tests that drive the built CLI (dist/) or a real terminal cannot see a mutant, so running them
// would only cost time, and the sandboxes hold no build (stryker.config.mjs): test/files/state-file.test.ts runs
// the CLI once, so it stays out; the in-process state-file tests are in test/files/*.test.ts beside it.
// (mergeConfig would append these globs to the suite's, so the include is replaced.)
import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: [
      'test/checks/**/*.test.ts',
      'test/cluster/context-guard*.test.ts',
      'test/cluster/kubeconfig-integrity.test.ts',
      'test/cluster/shell-words*.test.ts',
      'test/diagnosis/rules*.test.ts',
      'test/lessons/context-guard.test.ts',
      'test/engine/output-handling.test.ts',
      'test/engine/terminal-*.test.ts',
      'test/go-text/**/*.test.ts',
      'test/views/proxy-config/**/*.test.ts',
      'test/progress/**/*.test.ts',
      'test/files/**/*.test.ts',
    ],
    // jsonpath.test.ts runs the real kubectl (seconds a mutant); jsonpath-language.test.ts states the same
    // behaviours in-process, template by template.
    exclude: ['test/files/state-file.test.ts', 'test/checks/jsonpath.test.ts'],
    // Only the console: no JSON report from inside a mutation run, even in CI.
    reporters: ['default'],
    outputFile: {},
  },
});
