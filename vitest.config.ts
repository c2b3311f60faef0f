import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Engine tests start real bash process groups; two cores run them best a few at a time.
    maxWorkers: 2,
    // In CI a JSON report lets .ci/run print the plain "N passed, N failed" closing line.
    ...(process.env.CI ? { reporters: ['default', 'json'], outputFile: { json: '.test-report.json' } } : {}),
  },
});
