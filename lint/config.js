// The project's ESLint set-up: type-aware typescript-eslint, React's hooks rules, jsx-a11y, and
// the import graph (no cycles; the layers of lib/ keep their direction). Imported by the root
// eslint.config.js; its plugins resolve from this folder's own dependencies.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { importX } from 'eslint-plugin-import-x';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { fileURLToPath } from 'node:url';
import tseslint from 'typescript-eslint';

const root = fileURLToPath(new URL('..', import.meta.url));

export default defineConfig(
  {
    ignores: ['.output/**', '.wxt/**', 'node_modules/**', 'lint/**', 'test-results/**', 'playwright-report/**'],
  },
  {
    files: ['**/*.{ts,tsx}'],
    extends: [js.configs.recommended, ...tseslint.configs.strictTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: root },
      globals: { ...globals.browser, ...globals.node },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // A count or a status code in a sentence reads as it should.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      // `onClick={() => setOpen(false)}` is React's idiom, not a value mistaken for a result.
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      // A bare block is a merge's leftover (two were found in MoveSettings.tsx), never a scope we meant.
      'no-lone-blocks': 'error',
      // `_name` marks what is left out on purpose (a rest sibling, an unused parameter).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    // Tests, the bench and scripts: a failed `!` fails the test or the run where it stands, which
    // is what it should do there (noUncheckedIndexedAccess makes every `rows[0]` possibly missing).
    files: ['test/**', 'bench/**', 'scripts/**'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      // Fakes implement async interfaces (a browser API, a fetch) with answers at hand.
      '@typescript-eslint/require-await': 'off',
      // vitest's asymmetric matchers (expect.any, expect.stringContaining …) are typed `any`.
      '@typescript-eslint/no-unsafe-assignment': 'off',
    },
  },
  {
    files: ['**/*.tsx'],
    extends: [reactHooks.configs.flat.recommended, jsxA11y.flatConfigs.recommended],
    rules: {
      // Kept on purpose: Safari drops a list's semantics when CSS takes its bullets away.
      'jsx-a11y/no-redundant-roles': ['error', { ul: ['list'] }],
    },
  },
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: {
      // Followed through the graph (the default is .js only).
      'import-x/extensions': ['.ts', '.tsx'],
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: `${root}tsconfig.json` })],
    },
    rules: {
      'import-x/no-cycle': 'error',
      'import-x/no-restricted-paths': [
        'error',
        {
          basePath: root,
          zones: [
            {
              target: ['./lib', './components'],
              from: './entrypoints',
              message: 'entrypoints/ use lib/ and components/, never the other way round.',
            },
            // The background's folders say what a file may touch: worker/ (generic pieces) knows
            // nothing above it, projection/ (stored state to the browser) knows no capability, and
            // nothing outside lib/background/ reaches into it.
            {
              target: './lib/background/worker',
              from: [
                './lib/background/projection',
                './lib/background/capabilities',
                './lib/background/migrations',
                './lib/background/start-up.ts',
              ],
              message: 'worker/ holds the generic pieces: it imports no projection, capability or migration.',
            },
            {
              target: './lib/background/projection',
              from: ['./lib/background/capabilities', './lib/background/migrations', './lib/background/start-up.ts'],
              message: 'projection/ derives the browser from stored state: it imports no capability or migration.',
            },
            {
              target: ['./lib/background/capabilities', './lib/background/migrations'],
              from: './lib/background/start-up.ts',
              message: 'start-up.ts sits above everything it starts.',
            },
            {
              target: ['./lib/common', './lib/providers', './lib/pages', './lib/build', './components'],
              from: './lib/background',
              message: 'lib/background/ is the service worker: only entrypoints/background.ts and tests import it.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['lib/background/projection/rules.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)providers(/|$)',
              message:
                'rules.ts is a pure function of stored state: it knows no provider (Instantly, Unstructured) code.',
            },
          ],
        },
      ],
    },
  },
);
