import { readdirSync } from 'node:fs';
import js from '@eslint/js';
import importPlugin from 'eslint-plugin-import';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Every feature folder, read from disk: a new feature is under the same rules without editing this file. */
const features = readdirSync(new URL('./src/features/', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

export default tseslint.config(
  { ignores: ['dist', 'dist-demo', 'node_modules', 'test-results', 'playwright-report', 'data', 'bench-results'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  ...tseslint.configs.stylistic,
  {
    languageOptions: { globals: { ...globals.node } },
    plugins: { import: importPlugin },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
      eqeqeq: ['error', 'always'],
      'import/no-cycle': ['error', { ignoreExternal: true }],
      'import/no-restricted-paths': [
        'error',
        {
          zones: [
            { target: './src', from: './server', message: 'The console never imports the service.' },
            { target: './src', from: './sim', message: 'The console never imports the PBX simulator.' },
            { target: './server', from: './src', message: 'The service never imports the console.' },
            {
              target: './src',
              from: './i18n/translate.ts',
              message: 'The console loads its parts of the catalogues (src/i18n/i18n.ts), never both of them whole.',
            },
            {
              target: './i18n',
              from: ['./src', './server', './contract', './mocks', './sim'],
              message: 'The catalogues know nothing of the code that says their messages.',
            },
            {
              target: './server/lib',
              from: './server',
              except: ['./lib'],
              message: 'Shared pieces (server/lib) depend on nothing of the service.',
            },
            {
              target: './server/desks',
              from: './server/occupancy',
              message:
                'The occupancy reads desks; desks reach it through DeskOccupancyPort (desks/desk-occupancy-port.ts).',
            },
            {
              target: './server/occupancy',
              from: './server/mail',
              message: 'Mail reads the occupancy, not the other way round.',
            },
            {
              target: './server/db',
              from: './server',
              except: ['./db', './lib'],
              message: 'The database layer knows no domain.',
            },
            {
              target: './contract',
              from: ['./src', './server', './mocks', './sim'],
              message: 'The contract depends on nothing.',
            },
            { target: './src/lib', from: ['./src/features', './src/app'], message: 'Shared code does not reach up.' },
            {
              target: './src/platform',
              from: ['./src/features', './src/app', './src/lib', './src/components', './src/i18n'],
              message: 'What the browser gives (storage) depends on nothing of the console.',
            },
            {
              target: './src/i18n',
              from: ['./src/features', './src/app', './src/lib'],
              message: 'Languages sit below shared code.',
            },
            {
              target: './src/components',
              from: ['./src/features', './src/app'],
              message: 'Shared code does not reach up.',
            },
            ...features.map((feature) => ({
              target: `./src/features/${feature}`,
              from: './src/features',
              except: [`./${feature}`],
              message: 'A feature never imports another feature; compose them in src/app.',
            })),
          ],
        },
      ],
    },
    settings: { 'import/resolver': { node: { extensions: ['.ts', '.tsx', '.js'] } } },
  },
  {
    files: ['src/**/*.{ts,tsx}', 'contract/**/*.ts', 'mocks/handlers/**/*.ts'],
    ignores: ['contract/zod.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'zod',
              message: 'Import z from contract/zod.ts: it sets jitless before any schema exists (strict CSP).',
            },
          ],
        },
      ],
    },
  },
  {
    // The rest of the service knows the Pbx interface (and its error types) only, never the adapter.
    files: ['server/**/*.ts'],
    ignores: ['server/pbx/**', 'server/service.ts', '**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/pbx/innovaphone.ts', '**/pbx/app-websocket.ts', '**/pbx/user-replica.ts'],
              message: 'Use the Pbx interface (server/pbx/pbx.ts); only service.ts wires the innovaphone adapter.',
            },
          ],
        },
      ],
    },
  },
  {
    // Thin routes: SQL lives in the stores and services, never in app.ts or a route module.
    files: ['server/app.ts', 'server/routes/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "CallExpression[callee.type='MemberExpression'][callee.property.name=/^(query|exec|transaction)$/]:not([callee.object.property.name='req'])",
          message: 'No SQL in routes: call a store or service function.',
        },
      ],
    },
  },
  {
    files: ['sim/launcher/**/*.js'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['src/**/*.{ts,tsx}', 'mocks/handlers/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks, 'jsx-a11y': jsxA11y },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...jsxA11y.flatConfigs.strict.rules,
      // A region that scrolls sideways must be reachable by keyboard to be scrolled (axe: scrollable-region-focusable).
      'jsx-a11y/no-noninteractive-tabindex': ['error', { roles: ['tabpanel', 'region'], tags: [] }],
    },
  },
);
