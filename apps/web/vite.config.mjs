// @ts-check
import { fileURLToPath, URL } from 'node:url';
import { defineConfig } from 'vite';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));

/**
 * The desk: apps/web/index.html and apps/web/src/app, built into dist/web (served at `/` by
 * api-gateway and by the web process). Vite's own transformer compiles the TSX (React's
 * automatic runtime); no plugin is needed for a production build.
 */
export default defineConfig({
  root: here('.'),
  base: '/',
  publicDir: false,
  logLevel: 'warn',
  resolve: {
    alias: { '@switchboard/api-client': here('../../libs/api-client/src/index.ts') },
  },
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: here('../../dist/web'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // Modulepreload's polyfill is an inline script, which the desk's CSP forbids.
    modulePreload: { polyfill: false },
  },
  server: { port: 5173, proxy: { '/api': 'http://127.0.0.1:3000' } },
});
