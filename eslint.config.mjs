import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', '.bench-dist/**', 'data/**', 'coverage/**', '*.js', '*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      'no-console': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[object.name='process'][property.name='env']", message: 'Read configuration through src/config.' },
      ],
    },
  },
  // Command-line tools read their own environment (npm run package takes BOT_ID).
  { files: ['src/config/**', 'test/**', 'bench/**', 'src/main/**', 'tools/**'], rules: { 'no-restricted-syntax': 'off' } },
  { files: ['test/**', 'bench/**', 'src/main/**'], rules: { 'no-console': 'off' } },
  { files: ['**/*.js'], languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly', process: 'readonly', __dirname: 'readonly' } } },
  {
    // The dashboard page's plain browser scripts (no bundler), with the libraries' globals.
    files: ['dashboard/**/*.js'],
    languageOptions: {
      sourceType: 'script',
      globals: { window: 'readonly', document: 'readonly', navigator: 'readonly', history: 'readonly', fetch: 'readonly', URL: 'readonly', URLSearchParams: 'readonly', getComputedStyle: 'readonly', setTimeout: 'readonly', Chart: 'readonly', microsoftTeams: 'readonly' },
    },
  },
  {
    // Only the Teams edge may know about the Teams libraries.
    files: ['src/store/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['botbuilder*', '@microsoft/teams-ai'] }],
    },
  },
  {
    // Dependencies point inward: the domain, use cases and cards know neither Teams nor Cosmos.
    files: ['src/domain/**', 'src/usecases/**', 'src/cards/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['botbuilder*', '@microsoft/teams-ai', '@azure/*', 'express'] }],
    },
  },
);
