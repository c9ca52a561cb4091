// End-to-end tests against a real Docker engine (`npm run test:e2e`); `npm test` never runs these.
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/__tests__/e2e'],
  testMatch: ['**/*.e2e.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  modulePathIgnorePatterns: ['<rootDir>/dist/'],
  // One engine, one host network: files run one at a time, and image builds take minutes, not seconds.
  maxWorkers: 1,
  testTimeout: 20 * 60 * 1000,
  verbose: true,
};
