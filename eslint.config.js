import tseslint from 'typescript-eslint';

export default tseslint.config(
  {ignores: ['dist/', 'node_modules/', 'coverage/', 'tests/artifacts/', 'bench/results/', '.tmp/']},
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', {argsIgnorePattern: '^_', varsIgnorePattern: '^_'}],
      '@typescript-eslint/consistent-type-imports': ['error', {fixStyle: 'inline-type-imports'}],
      'no-console': ['error', {allow: ['warn', 'error', 'info']}],
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    // Scripts that report to a terminal.
    files: ['tests/run-all.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    rules: {'no-console': 'off'},
  },
);
