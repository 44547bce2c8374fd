'use strict';
// `node scripts/embedded-postgres.js [--port 5432] [--data .data/postgres-ci]`: an embedded
// PostgreSQL (user postgres, no password, 127.0.0.1 only) in the foreground until killed. CI's
// scripts/ensure-services.sh falls back to it. The code is tools/dev-stack/embedded-postgres.ts,
// built first when dist/ does not have it yet.
const { spawnSync } = require('node:child_process');
const { existsSync } = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const entry = path.join(root, 'dist/tools/dev-stack/embedded-postgres-main.js');

if (!existsSync(entry)) {
  const build = spawnSync('npm', ['run', 'build', '--silent'], {
    cwd: root,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
require(entry);
