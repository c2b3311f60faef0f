// Lint: typescript-eslint's recommended rules everywhere; react-hooks for the TUI (its .tsx files and its
// hooks in .ts files), with
// exhaustive-deps as an error (a stale closure in an input handler is a bug a learner feels).
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'schema/**', '.stryker-tmp/**', 'reports/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{js,mjs,ts,tsx}'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  // The classroom's page runs in the instructor's browser, not in Node.
  { files: ['assets/classroom/**/*.js'], languageOptions: { globals: { ...globals.browser } } },
  {
    files: ['**/*.tsx', 'src/tui/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules, 'react-hooks/exhaustive-deps': 'error' },
  },
);
