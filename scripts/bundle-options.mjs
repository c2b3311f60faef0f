// The esbuild settings of the shipped CLI, shared with the benchmarks that must bundle "the same way".
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
  alias: { '@kubernetes-models/validate': './src/manifests/kubernetes-formats.ts' },
  define: { 'process.env.NODE_ENV': '"production"' },
  jsx: 'automatic',
};
