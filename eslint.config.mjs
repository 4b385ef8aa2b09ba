import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// The domain is pure: a framework or infrastructure import there is a build failure.
const forbiddenInDomain = [
  '@nestjs/*',
  '@eventstore/*',
  '@kurrent/*',
  '@electric-sql/*',
  'kafkajs',
  'pg',
  'pg-*',
  'rxjs',
  'class-validator',
  'class-transformer',
  'reflect-metadata',
  'prom-client',
  'pino',
  'fs',
  'node:*',
  '@partnerships/event-store',
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'coverage/**', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name=/^(it|test|describe)$/][callee.property.name=/^(only|skip)$/]",
          message: 'Focused or skipped tests must not be committed.',
        },
      ],
    },
  },
  {
    files: ['libs/domain/**/*.ts'],
    // Specs may use Node to run tools (the rule's own spec runs ESLint); shipped code may not.
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: forbiddenInDomain,
              message: 'libs/domain is pure TypeScript: no framework or infrastructure imports.',
            },
          ],
        },
      ],
    },
  },
);
