// @ts-check
const { readdirSync, readFileSync } = require('node:fs');
const { join } = require('node:path');

/**
 * Folders, relative to `modules`, of the installed packages whose package.json says
 * `"type": "module"`, nested node_modules included.
 * @param {string} modules @param {string} prefix @returns {string[]}
 */
function esmPackageFolders(modules, prefix = '') {
  const found = [];
  const names = [];
  for (const entry of safeReaddir(modules)) {
    if (entry.startsWith('.')) continue;
    if (entry.startsWith('@'))
      names.push(...safeReaddir(join(modules, entry)).map((n) => `${entry}/${n}`));
    else names.push(entry);
  }
  for (const name of names) {
    const folder = join(modules, name);
    try {
      if (JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')).type === 'module') {
        found.push(`${prefix}${name}`);
      }
    } catch {
      // not a package folder
    }
    found.push(
      ...esmPackageFolders(join(folder, 'node_modules'), `${prefix}${name}/node_modules/`),
    );
  }
  return found;
}

/** @param {string} folder */
function safeReaddir(folder) {
  try {
    return readdirSync(folder);
  } catch {
    return [];
  }
}

/**
 * The transformIgnorePatterns entry: every file under node_modules is left alone except those of
 * ES-module packages (NestJS 12, file-type, …) and `.mjs` files, found by reading the manifests, so a new
 * ESM-only dependency needs no edit here.
 * @param {string} root
 */
function esmPackagePattern(root) {
  const folders = esmPackageFolders(join(root, 'node_modules')).map((folder) =>
    folder.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'),
  );
  // `.mjs` files are ES modules whatever their package says (Node 20.19's `module-sync` exports).
  return `^(?!.*\\.mjs$)(?!.*/node_modules/(?:${folders.join('|')})/(?!.*/node_modules/)).*/node_modules/`;
}

module.exports = { esmPackagePattern };
