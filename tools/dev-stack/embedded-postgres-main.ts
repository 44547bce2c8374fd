import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { serveEmbeddedPostgres } from './embedded-postgres';
import { DATA_DIR } from './paths';

/**
 * `node dist/tools/dev-stack/embedded-postgres-main.js [--port 5432] [--data DIR]`: an embedded
 * PostgreSQL in the foreground until killed. The dev stack runs it as a child process; CI runs it
 * through scripts/embedded-postgres.js when no PostgreSQL can be started.
 */
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '5432' },
    data: { type: 'string', default: join(DATA_DIR, 'postgres-ci') },
  },
});
const port = Number(values.port);
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  process.stderr.write(`embedded-postgres: --port ${values.port} is not a port number\n`);
  process.exit(64); // EX_USAGE
}
serveEmbeddedPostgres({ port, dataDir: resolve(values.data) }).catch((error: Error) => {
  process.stderr.write(`embedded-postgres: ${error.message}\n`);
  process.exit(1);
});
