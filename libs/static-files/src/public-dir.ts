import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Where the web UI's built files are: `dist/web` (written by `vite build`, part of
 * `npm run build`), found by walking up from `from` (this file's folder, in `dist/` or in the
 * sources). Throws when there is no build, so that the caller can say so.
 */
export function webPublicDir(from: string = __dirname): string {
  for (let dir = from; dirname(dir) !== dir; dir = dirname(dir)) {
    for (const candidate of [join(dir, 'web'), join(dir, 'dist/web')]) {
      if (existsSync(join(candidate, 'index.html')) && existsSync(join(candidate, 'assets')))
        return candidate;
    }
  }
  throw new Error(`the web UI's build (dist/web/index.html) was not found above ${from}`);
}

/**
 * Where the chat widget's built files are: `dist/widget` (its own `vite build`), found like the
 * web UI's. Throws when there is no build.
 */
export function widgetPublicDir(from: string = __dirname): string {
  for (let dir = from; dirname(dir) !== dir; dir = dirname(dir)) {
    for (const candidate of [join(dir, 'widget'), join(dir, 'dist/widget')]) {
      if (existsSync(join(candidate, 'widget.js'))) return candidate;
    }
  }
  throw new Error(`the chat widget's build (dist/widget/widget.js) was not found above ${from}`);
}
