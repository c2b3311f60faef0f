// The esbuild settings of the shipped CLI, shared with the benchmarks that must bundle "the same way".
import { fileURLToPath } from 'node:url';

/** zod's `z.locales` namespace is every translation of its messages; the bundle gets English alone. */
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(build) {
    const englishOnly = fileURLToPath(new URL('../src/lesson/zod-english-only.ts', import.meta.url));
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, ({ importer }) =>
      /[\\/]zod[\\/]v4[\\/](?:classic[\\/]external|core[\\/]index)\.js$/.test(importer) ? { path: englishOnly } : undefined,
    );
  },
};
export const BUNDLE_OPTIONS = {
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: true,
  // Some bundled CommonJS dependencies call require(); give ESM chunks a real one.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  // Ink loads React DevTools only when DEV=true; it is not shipped.
  external: ['react-devtools-core'],
  // kubernetes-models' compiled validators read six formats from this package, whose `formats` object
  // brings every ajv format (URI and e-mail parsers, 80 kB); src/manifests/kubernetes-formats.ts has the six.
  // marked-terminal's highlighter and emoji table (1.4 MB): see src/views/marked-terminal-trims.ts.
  alias: {
    '@kubernetes-models/validate': './src/manifests/kubernetes-formats.ts',
    'cli-highlight': './src/views/marked-terminal-trims.ts',
    'node-emoji': './src/views/marked-terminal-trims.ts',
  },
  define: { 'process.env.NODE_ENV': '"production"' },
  jsx: 'automatic',
  plugins: [zodEnglishOnly],
};
