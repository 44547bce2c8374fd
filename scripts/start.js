'use strict';
// `npm start`: installs dependencies when missing, builds, then runs the dev stack in this very
// process (require, not spawn), so that Ctrl-C and SIGTERM reach the stack directly.
const { spawnSync } = require('node:child_process');
const { existsSync } = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');

function npm(...args) {
  const result = spawnSync('npm', args, {
    cwd: root,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (!existsSync(path.join(root, 'node_modules'))) npm('ci');
npm('run', 'build', '--silent');
require(path.join(root, 'dist/tools/dev-stack/main.js'));
