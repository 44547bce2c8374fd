import { BUS_FILES, writeBusFiles } from '@switchboard/messaging';
import { BUS_USERS } from '@switchboard/contracts';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

/**
 * `npm run nats:credentials -- [--dir DIR] [--namespace NS] [--k8s]`: makes the deployment's bus
 * keys in DIR (default deploy/nats/credentials) on first use, then writes the server's auth.conf,
 * each service's credentials and api-gateway's integration keys from the bus-access table. Run
 * it again after an upgrade (same keys, new permissions) and restart NATS and the services.
 * `--k8s` prints them as the Secret `switchboard-nats` that deploy/k8s mounts.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      dir: { type: 'string', default: 'deploy/nats/credentials' },
      namespace: { type: 'string', default: '' },
      k8s: { type: 'boolean', default: false },
    },
  });
  const dir = resolve(values.dir);
  await writeBusFiles(dir, values.namespace);
  if (!values.k8s) {
    console.log(`wrote the bus's server configuration and credentials to ${dir}`);
    return;
  }
  const files = [
    BUS_FILES.serverConfig,
    BUS_FILES.integrationKeys,
    ...BUS_USERS.map(BUS_FILES.credentials),
  ];
  // yaml is a development dependency: only this branch, run from a checkout, needs it.
  const { stringify } = await import('yaml');
  const secret = {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'switchboard-nats', namespace: 'switchboard' },
    type: 'Opaque',
    stringData: Object.fromEntries(
      files.map((file) => [file, readFileSync(join(dir, file), 'utf8')]),
    ),
  };
  process.stdout.write(stringify(secret, { lineWidth: 0 }));
}

void main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exit(1);
});
