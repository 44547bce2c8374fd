import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * The repository root: the nearest folder above this file with a package.json. Found by search
 * because this file runs both from tools/dev-stack (jest) and from dist/tools/dev-stack (built).
 */
function findRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${start}`);
  }
}

export const ROOT = findRoot(__dirname);

/** Local state of the dev stack (embedded PostgreSQL, nats-server's JetStream store); git-ignored. */
export const DATA_DIR = resolve(ROOT, '.data');

/** A built entry point under dist/, e.g. `dist/apps/web/src/main.js`. */
export function distEntry(relative: string): string {
  return resolve(ROOT, 'dist', relative);
}
