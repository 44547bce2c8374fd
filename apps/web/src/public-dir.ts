import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * Where the web UI's built files are. Next to this file's folder first: apps/web/public when run
 * from source, dist/apps/web/public (copied by the build) when run from dist. Failing that, the
 * nearest apps/web/public above, for a build laid out differently.
 */
export function webPublicDir(from: string = __dirname): string {
  const beside = resolve(from, '../public');
  if (existsSync(join(beside, 'index.html'))) return beside;
  for (let dir = from; dirname(dir) !== dir; dir = dirname(dir)) {
    const candidate = join(dir, 'apps/web/public');
    if (existsSync(join(candidate, 'index.html'))) return candidate;
  }
  throw new Error(`the web UI's files (apps/web/public/index.html) were not found above ${from}`);
}
