/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  // The e2e tests boot real servers; running files in parallel on 2 cores only adds contention.
  maxWorkers: 2,
  testTimeout: 30000,
  // strip-bom@5 is ESM-only; @microsoft/app-manifest require()s it, which jest cannot load.
  moduleNameMapper: { '^strip-bom$': '<rootDir>/test/support/stripBom.js' },
  reporters: ['default', '<rootDir>/test/support/summaryReporter.js'],
};
