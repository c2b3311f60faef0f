import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { BUNDLE_OPTIONS } from './scripts/bundle-options.mjs';

// The tests see the modules the bundle ships: the same stand-ins as scripts/bundle-options.mjs, resolved from
// the project's root. An alias reaches inside a dependency only when vitest transforms it (deps.inline below):
// marked-terminal is, so lesson Markdown renders here as it does for a learner.
const shippedAliases = Object.fromEntries(
  Object.entries(BUNDLE_OPTIONS.alias).map(([name, path]) => [name, fileURLToPath(new URL(path, import.meta.url))]),
);

export default defineConfig({
  resolve: { alias: shippedAliases },
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Engine tests start real bash process groups; two cores run them best a few at a time.
    maxWorkers: 2,
    server: { deps: { inline: ['marked-terminal'] } },
    // In CI a JSON report lets .ci/run print the plain "N passed, N failed" closing line.
    ...(process.env.CI ? { reporters: ['default', 'json'], outputFile: { json: '.test-report.json' } } : {}),
  },
});
