// @ts-check
/**
 * Three tiers, as in STYLE.md: unit specs beside the code, integration specs per app or lib
 * against the real PostgreSQL and NATS, and cross-process e2e specs. `npm test` runs all three;
 * `npm run test:unit|test:integration|test:e2e` one each.
 */
const { esmPackagePattern } = require('./tools/jest/esm-packages');

/** What every project shares: SWC with the build's own .swcrc, and the lib aliases. */
const base = {
  rootDir: __dirname,
  testEnvironment: 'node',
  // Resolve packages as Node 20.19 does for require(esm): file-type exports only `module-sync`.
  testEnvironmentOptions: { customExportConditions: ['node', 'node-addons', 'module-sync'] },
  transform: {
    // The build's .swcrc, so decorators and their metadata behave as in dist/.
    '^.+\\.ts$': ['@swc/jest', { swcrc: true }],
    // NestJS 12 and a few other dependencies ship ES modules only; Node 20 loads them through
    // require(esm), which jest's module system does not, so they are compiled to CommonJS.
    '^.+\\.m?js$': [
      '@swc/jest',
      {
        swcrc: false,
        jsc: { parser: { syntax: 'ecmascript' }, target: 'es2023' },
        module: { type: 'commonjs' },
      },
    ],
  },
  transformIgnorePatterns: [esmPackagePattern(__dirname)],
  moduleNameMapper: {
    '^@switchboard/([a-z-]+)$': '<rootDir>/libs/$1/src',
    // Under `nodenext` a relative import names its `.js` file (the gateway's metadata.ts does).
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  setupFiles: ['reflect-metadata'],
  // The build copies the libs' package.json files into dist/ (and packs them): not modules here.
  modulePathIgnorePatterns: ['<rootDir>/dist/'],
};

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  globalSetup: '<rootDir>/test/setup/global-setup.ts',
  globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
  reporters: ['default', '<rootDir>/tools/jest/summary-reporter.js'],
  // Two cores: one worker each. The e2e project runs after the others, one file at a time.
  maxWorkers: 2,
  projects: [
    {
      ...base,
      displayName: 'unit',
      testMatch: [
        '<rootDir>/apps/*/src/**/*.spec.ts',
        '<rootDir>/libs/*/src/**/*.spec.ts',
        '<rootDir>/test/deploy/**/*.spec.ts',
        '<rootDir>/test/packages/**/*.spec.ts',
      ],
    },
    {
      ...base,
      displayName: 'integration',
      testMatch: [
        '<rootDir>/apps/*/test/**/*.int-spec.ts',
        '<rootDir>/libs/*/test/**/*.int-spec.ts',
        '<rootDir>/test/integration/**/*.int-spec.ts',
      ],
      setupFilesAfterEnv: ['<rootDir>/tools/jest/timeout-60s.js'],
    },
    {
      ...base,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'],
      setupFilesAfterEnv: ['<rootDir>/tools/jest/timeout-180s.js'],
      // Each e2e file starts several service processes; on 2 cores one file at a time.
      runner: '<rootDir>/tools/jest/one-worker-runner.js',
    },
  ],
};
