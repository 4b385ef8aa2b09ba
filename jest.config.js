// Three projects so that a developer can run just the fast ones (`--selectProjects unit`).
// tsconfig.json sets isolatedModules, so ts-jest transpiles each file without type-checking it;
// `npm run typecheck` checks the types once for the whole project.
const typescript = ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }];

const shared = {
  transform: { '^.+\\.ts$': typescript },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: {
    '^@partnerships/access$': '<rootDir>/libs/access/src/index.ts',
    '^@partnerships/config$': '<rootDir>/libs/config/src/index.ts',
    '^@partnerships/domain$': '<rootDir>/libs/domain/src/index.ts',
    '^@partnerships/event-store$': '<rootDir>/libs/event-store/src/index.ts',
    '^@partnerships/domain/testing$': '<rootDir>/libs/domain/src/testing/index.ts',
    '^@partnerships/event-store/testing$': '<rootDir>/libs/event-store/src/testing/index.ts',
    '^@partnerships/projections/testing$': '<rootDir>/libs/projections/src/testing/index.ts',
    '^@partnerships/projections$': '<rootDir>/libs/projections/src/index.ts',
    '^@partnerships/log-follower$': '<rootDir>/libs/log-follower/src/index.ts',
    '^@partnerships/webhooks$': '<rootDir>/libs/webhooks/src/index.ts',
    '^@partnerships/messaging/testing$': '<rootDir>/libs/messaging/src/testing/index.ts',
    '^@partnerships/messaging$': '<rootDir>/libs/messaging/src/index.ts',
    '^@partnerships/seed$': '<rootDir>/libs/seed/src/index.ts',
  },
  testEnvironment: 'node',
  rootDir: __dirname,
};

// The integration and e2e tests publish to a real broker: started once if none answers on 9092.
const kafkaBroker = {
  globalSetup: '<rootDir>/libs/messaging/src/testing/kafka-broker.global-setup.ts',
  globalTeardown: '<rootDir>/libs/messaging/src/testing/kafka-broker.global-teardown.ts',
};

module.exports = {
  testTimeout: 60000,
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts'] },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['<rootDir>/{apps,libs}/**/*.int-spec.ts'],
      ...kafkaBroker,
    },
    {
      ...shared,
      displayName: 'e2e',
      testMatch: ['<rootDir>/apps/*/test/**/*.e2e-spec.ts'],
      ...kafkaBroker,
    },
  ],
};
