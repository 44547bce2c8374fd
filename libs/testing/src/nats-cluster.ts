import { ChildProcess, spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './ports';
import { natsServerBinary, portAccepts } from './nats-server';
import { stopServerChild } from './server-child';
import { waitFor } from './wait-for';

export interface NatsClusterOptions {
  /** The bus's server configuration to include (BusUsers' auth.conf), as deploy/k8s does. */
  authorizationFile?: string;
}

interface Node {
  name: string;
  port: number;
  clusterPort: number;
  child?: ChildProcess;
}

/**
 * Three nats-servers clustered with JetStream on free loopback ports, configured like the
 * StatefulSet of deploy/k8s (a cluster block routing to all three, JetStream on each, the same
 * authorization), each with its own store. A node can be killed and started again; its store
 * and ports stay.
 */
export class NatsCluster {
  private constructor(
    private readonly dir: string,
    private readonly nodes: Node[],
  ) {}

  static async create(options: NatsClusterOptions = {}): Promise<NatsCluster> {
    const dir = mkdtempSync(join(tmpdir(), 'switchboard-nats-cluster-'));
    const nodes: Node[] = [];
    for (const name of ['n0', 'n1', 'n2'])
      nodes.push({ name, port: await freePort(), clusterPort: await freePort() });
    // An include is read relative to its configuration file: the copy sits beside them.
    if (options.authorizationFile) copyFileSync(options.authorizationFile, join(dir, 'auth.conf'));
    const routes = nodes.map((node) => `    nats://127.0.0.1:${node.clusterPort}`).join('\n');
    for (const node of nodes) {
      writeFileSync(
        join(dir, `${node.name}.conf`),
        [
          `server_name: ${node.name}`,
          `listen: 127.0.0.1:${node.port}`,
          `jetstream {`,
          `  store_dir: "${join(dir, node.name)}"`,
          `}`,
          `cluster {`,
          `  name: switchboard-test`,
          `  listen: 127.0.0.1:${node.clusterPort}`,
          `  routes: [`,
          routes,
          `  ]`,
          `}`,
          ...(options.authorizationFile ? ['include "auth.conf"'] : []),
          '',
        ].join('\n'),
      );
    }
    const cluster = new NatsCluster(dir, nodes);
    await Promise.all(nodes.map((_, index) => cluster.start(index)));
    return cluster;
  }

  /** Every node's URL, comma-separated, as NATS_URL takes them. */
  get url(): string {
    return this.nodes.map((node) => `nats://127.0.0.1:${node.port}`).join(',');
  }

  nodeUrl(index: number): string {
    return `nats://127.0.0.1:${this.nodes[index].port}`;
  }

  async start(index: number): Promise<void> {
    const node = this.nodes[index];
    node.child = spawn(natsServerBinary(), ['-c', join(this.dir, `${node.name}.conf`)], {
      stdio: 'ignore',
    });
    await waitFor(() => portAccepts(node.port), {
      timeoutMs: 10_000,
      description: `nats-server ${node.name} to listen`,
    });
  }

  /** Ends a node at once, as a lost machine would. */
  async kill(index: number): Promise<void> {
    const node = this.nodes[index];
    node.child?.kill('SIGKILL');
    await stopServerChild(node.child);
    node.child = undefined;
  }

  async destroy(): Promise<void> {
    await Promise.all(this.nodes.map((node) => stopServerChild(node.child)));
    rmSync(this.dir, { recursive: true, force: true });
  }
}
