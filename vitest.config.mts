import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';
import { resolve } from 'node:path';

const lib = (name: string) => resolve(import.meta.dirname, `libs/${name}/src`);

export default defineConfig({
  // SWC instead of esbuild: Nest's dependency injection needs decorator metadata.
  plugins: [swc.vite({ module: { type: 'es6' } })],
  resolve: {
    alias: {
      '@switchboard/contracts': lib('contracts'),
      '@switchboard/messaging': lib('messaging'),
      '@switchboard/database': lib('database'),
      '@switchboard/config': lib('config'),
      '@switchboard/observability': lib('observability'),
      '@switchboard/testing': lib('testing'),
      '@switchboard/storage': lib('storage'),
      '@switchboard/api-client': lib('api-client'),
    },
  },
  test: {
    globalSetup: ['libs/testing/src/global-setup.ts'],
    setupFiles: ['reflect-metadata'],
    reporters: ['default', './libs/testing/src/summary-reporter.ts'],
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: [
            'apps/*/src/**/*.spec.ts',
            'libs/*/src/**/*.spec.ts',
            'test/deploy/**/*.spec.ts',
          ],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['apps/*/test/**/*.int-spec.ts', 'libs/*/test/**/*.int-spec.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.e2e-spec.ts'],
          testTimeout: 180_000,
          hookTimeout: 120_000,
          // Each e2e file starts several service processes; on 2 cores one file at a time.
          fileParallelism: false,
        },
      },
    ],
  },
});
