import { NATS_AUTHORIZATION_FILE, natsAuthorizationConfig } from '@switchboard/messaging';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

/** The Kubernetes ConfigMap that carries the same authorization for the cluster's servers. */
export const NATS_K8S_FILE = 'deploy/k8s/nats.yaml';

/**
 * `npm run nats:authorization`: writes deploy/nats/authorization.conf and its copy in the NATS
 * ConfigMap of deploy/k8s from the bus-access table. Run it after changing who calls what; the
 * deploy test fails while either differs.
 */
function main(): void {
  const root = join(__dirname, '..', '..');
  const text = natsAuthorizationConfig();
  writeFileSync(join(root, NATS_AUTHORIZATION_FILE), text);
  const k8s = join(root, NATS_K8S_FILE);
  const documents = parseAllDocuments(readFileSync(k8s, 'utf8'));
  const configMap = documents.find((doc) => doc.get('kind') === 'ConfigMap');
  if (!configMap) throw new Error(`${NATS_K8S_FILE} has no ConfigMap`);
  configMap.setIn(['data', 'authorization.conf'], text);
  writeFileSync(k8s, documents.map((doc) => doc.toString({ lineWidth: 0 })).join(''));
  console.log(`wrote ${NATS_AUTHORIZATION_FILE} and the ConfigMap in ${NATS_K8S_FILE}`);
}

if (require.main === module) main();
