// One lint tool for the whole tree. The import-direction rules below are the
// pipeline of docs/architecture.md: imports point down the pipeline only.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const layer = (files, message, patterns) => ({
  files,
  rules: {
    'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
  },
});

const SDK = ['@aws-sdk/*', '@smithy/*'];
const UI = ['ink', 'ink/*', 'react', 'react/*', 'ink-*'];
const CEL = ['@marcbachmann/cel-js'];
const up = (...dirs) => dirs.flatMap((d) => [`**/${d}/*`, `**/${d}/**`, `../${d}/*`, `../../${d}/*`]);

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.cache/**', 'coverage/**', 'charts/**', 'fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', fetch: 'readonly', AbortController: 'readonly', performance: 'readonly', structuredClone: 'readonly', NodeJS: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
      eqeqeq: ['error', 'smart'],
    },
  },
  layer(['src/errors.ts'], 'errors.ts imports nothing from kubelift.', [...up('cli', 'ui', 'export', 'plan', 'mapping', 'rules', 'model', 'collect', 'aws', 'snapshot', 'events'), ...SDK, ...UI]),
  layer(['src/events/**'], 'events/ may use errors only.', [...up('cli', 'ui', 'export', 'plan', 'mapping', 'rules', 'model', 'collect', 'aws', 'snapshot'), ...SDK, ...UI]),
  layer(['src/aws/**'], 'aws/ may use errors and events only; it is the only folder that imports the AWS SDK.', [...up('cli', 'ui', 'export', 'plan', 'mapping', 'rules', 'model', 'collect', 'snapshot'), ...UI, ...CEL]),
  layer(['src/collect/**'], 'collect/ may use aws, snapshot, events and errors; the SDK only through aws/.', [...up('cli', 'ui', 'export', 'plan', 'mapping', 'rules', 'model'), ...SDK, ...UI, ...CEL]),
  layer(['src/snapshot/**'], 'snapshot/ may use errors only.', [...up('cli', 'ui', 'export', 'plan', 'mapping', 'rules', 'model', 'collect', 'aws'), ...SDK, ...UI, ...CEL]),
  layer(['src/model/**'], 'model/ is pure and may use snapshot and errors only.', [...up('cli', 'ui', 'export', 'plan', 'mapping', 'rules', 'collect', 'aws'), ...SDK, ...UI, ...CEL, 'node:fs', 'node:fs/*', 'fs']),
  layer(['src/rules/**'], 'rules/ may use model, snapshot, events and errors; the CEL library only in rules/cel.ts.', [...up('cli', 'ui', 'export', 'plan', 'mapping', 'collect', 'aws'), ...SDK, ...UI]),
  layer(['src/mapping/**'], 'mapping/ is pure and may use model, rules (types), snapshot and errors.', [...up('cli', 'ui', 'export', 'plan', 'collect', 'aws'), ...SDK, ...UI, ...CEL, 'node:fs', 'node:fs/*', 'fs']),
  layer(['src/plan/**'], 'plan/ may use mapping, rules, model, snapshot, errors.', [...up('cli', 'ui', 'export', 'collect', 'aws'), ...SDK, ...UI, ...CEL]),
  layer(['src/export/**'], 'export/ may use plan, mapping, rules, model, snapshot, errors, events.', [...up('cli', 'ui', 'collect', 'aws'), ...SDK, ...UI, ...CEL]),
  layer(['src/ui/**'], 'ui/ works offline on a snapshot: never aws/ or collect/, and never cli/.', [...up('cli', 'collect', 'aws'), ...SDK, ...CEL]),
  // Start-up: the AWS SDK takes most of a second to load, so cli/ loads collect/run.ts (and with it aws/) only inside `scan`.
  {
    files: ['src/cli/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: [...up('aws'), '**/collect/run.js', ...SDK], allowTypeImports: true, message: 'cli/ loads collect/run.js with import() inside scan, so other commands start without the AWS SDK.' }] }],
    },
  },
  {
    files: ['src/rules/cel.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: [...up('cli', 'ui', 'export', 'plan', 'mapping', 'collect', 'aws'), ...SDK, ...UI], message: 'rules/ may use model, snapshot, events and errors.' }] }] },
  },
);
