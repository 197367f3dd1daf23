/** Jest runs TypeScript through ts-jest without type-checking (isolatedModules); `npm run typecheck` does that once. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  // dist/ holds the compiled CLI (npm run compile); tests import the TypeScript sources.
  modulePathIgnorePatterns: ['<rootDir>/dist/'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  testTimeout: 60000,
};
