import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, posix, relative, resolve } from 'node:path';
import { AppName, SERVICE_PORTS, SMTP_LISTENER, loadConfig } from '@switchboard/config';
import { getMetadataStorage } from 'class-validator';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { expectWith } from '@switchboard/testing';
import {
  BUS_USERS,
  INTEGRATION_BRIDGE,
  OPERATOR,
  SERVICE_NAMES,
  ServiceName,
} from '@switchboard/contracts';
import { BUS_FILES, busServiceEnv, credentialsName } from '@switchboard/messaging';
import { parse, parseAllDocuments } from 'yaml';
import { ApiGatewayConfig } from '../../apps/api-gateway/src/config';
import { ChatGatewayConfig } from '../../apps/chat-gateway/src/config';
import { KnowledgeBaseConfig } from '../../apps/knowledge-base/src/config';
import { MailIngestConfig } from '../../apps/mail-ingest/src/config';
import { NotificationConfig } from '../../apps/notification/src/config';
import { TicketCoreConfig } from '../../apps/ticket-core/src/config';
import { WebConfig } from '../../apps/web/src/config';

/**
 * The deployment files (deploy/docker, docker-compose.yml, deploy/k8s) checked without a Docker
 * engine or a cluster: they are parsed and compared with what the apps' config classes declare.
 */

const root = resolve(__dirname, '../..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');

/** Each app's config class: the variables it declares are the ones it reads. */
const CONFIG_CLASSES: Record<AppName, new () => object> = {
  'api-gateway': ApiGatewayConfig,
  'chat-gateway': ChatGatewayConfig,
  'ticket-core': TicketCoreConfig,
  'mail-ingest': MailIngestConfig,
  notification: NotificationConfig,
  'knowledge-base': KnowledgeBaseConfig,
  web: WebConfig,
};

/** Variables that later issues add to an app's config class; the deployment files set them already. */
const LATER_VARIABLES: Partial<Record<AppName, string[]>> = {};

const APPS = Object.keys(SERVICE_PORTS) as AppName[];

/** Every variable an app's config class reads (the same lookup as loadConfig). */
function declaredVariables(app: AppName): string[] {
  const metadatas = getMetadataStorage().getTargetValidationMetadatas(
    CONFIG_CLASSES[app],
    '',
    true,
    false,
  );
  return [...new Set(metadatas.map((metadata) => metadata.propertyName))];
}

/**
 * The variables a deployment must set, among those the app declares: a connection URL's default
 * points at 127.0.0.1 (the container itself), and a port must match the health checks, probes
 * and published ports.
 */
function requiredVariables(app: AppName): string[] {
  return declaredVariables(app).filter(
    (name) => name === 'DATABASE_URL' || name === 'NATS_URL' || name.endsWith('_PORT'),
  );
}

/** The ports an app listens on: its HTTP port, and mail-ingest's SMTP listener. */
function appPorts(app: AppName): Record<string, number> {
  const { variable, port } = SERVICE_PORTS[app];
  return app === 'mail-ingest'
    ? { [variable]: port, [SMTP_LISTENER.variable]: SMTP_LISTENER.port }
    : { [variable]: port };
}

const words = (value: string | string[] | undefined): string =>
  Array.isArray(value) ? value.join(' ') : (value ?? '');

/** The service among the bus users that an app is (web uses no NATS). */
const serviceOf = (app: AppName) => SERVICE_NAMES.find((name): name is ServiceName => name === app);

// ---------------------------------------------------------------------------------------------
// The bus's files, as `npm run nats:credentials` makes them

/** The Secret `npm run nats:credentials -- --k8s` prints, which deploy/k8s mounts. */
const BUS_SECRET = 'switchboard-nats';

/** The variables that name a service's bus files (NATS_CREDS_FILE, NATS_INTEGRATION_KEYS_FILE). */
const BUS_VARIABLES = Object.keys(busServiceEnv('', INTEGRATION_BRIDGE));

/** The names of the bus files a service reads (its credentials; the bridge's integration keys). */
const busFilesOf = (service: ServiceName) =>
  Object.values(busServiceEnv('', service)).map((path) => basename(path));

/** A service's bus variables among its environment. */
const busVariables = (env: Record<string, string | undefined>) =>
  Object.fromEntries(BUS_VARIABLES.flatMap((name) => (env[name] ? [[name, env[name]]] : [])));

/**
 * The file nats-server opens for a config file's `include`: it joins the path onto the config
 * file's directory, an absolute path too (nats-server 2.9 and 2.10).
 */
const natsInclude = (configFile: string, path: string) =>
  posix.join(posix.dirname(configFile), path);

/** The files a nats.conf includes, opened from where it is. */
const natsIncludes = (conf: string, configFile: string) =>
  [...conf.matchAll(/^\s*include\s+"?([^"\s]+)"?/gm)].map((match) =>
    natsInclude(configFile, match[1]),
  );

/**
 * The credentials tool run as the image runs it: compiled with the build's own SWC
 * configuration, then `node tools/nats-credentials.js --k8s --dir DIR`. What it wrote in DIR,
 * and the Secret it printed.
 */
interface CredentialsToolRun {
  dir: string;
  files: string[];
  secret: Manifest;
}

function runCredentialsTool(work: string): CredentialsToolRun {
  const build = join(work, 'dist');
  execFileSync(
    join(root, 'node_modules/.bin/swc'),
    ['libs', 'tools', '--config-file', '.swcrc', '-d', build, '--ignore', '**/*.spec.ts', '-q'],
    { cwd: root, stdio: 'pipe' },
  );
  const dir = join(work, 'nats-bus');
  const printed = execFileSync(
    process.execPath,
    [join(build, 'tools/nats-credentials.js'), '--k8s', '--dir', dir],
    { cwd: root, env: { ...process.env, NODE_PATH: join(root, 'node_modules') }, encoding: 'utf8' },
  );
  return {
    dir,
    files: readdirSync(dir).sort(),
    secret: parse(printed) as Manifest,
  };
}

let work: string;
let tool: CredentialsToolRun;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'switchboard-deploy-'));
  tool = runCredentialsTool(work);
}, 60_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

/** The bus user whose credentials these are (the name in their JWT). */
const credentialsUser = (file: string) =>
  credentialsName(readFileSync(join(tool.dir, file), 'utf8'));

describe('config classes', () => {
  const services = APPS.filter((app) => app !== 'web');

  it.each(services)('%s requires DATABASE_URL, NATS_URL and its own ports', (app) => {
    expect(requiredVariables(app).sort()).toEqual(
      ['DATABASE_URL', 'NATS_URL', ...Object.keys(appPorts(app))].sort(),
    );
  });

  it('web (no database, no NATS) requires only WEB_PORT', () => {
    expect(requiredVariables('web')).toEqual([SERVICE_PORTS.web.variable]);
  });
});

// ---------------------------------------------------------------------------------------------
// docker-compose.yml

interface ComposeService {
  image?: string;
  build?: unknown;
  user?: string;
  restart?: string;
  command?: string | string[];
  environment?: Record<string, string | number | boolean | null> | string[];
  depends_on?: string[] | Record<string, { condition?: string }>;
  healthcheck?: { test?: string | string[] };
  ports?: (string | number | { target: number; published?: number | string })[];
  volumes?: (string | { source?: string; target: string; read_only?: boolean })[];
  shm_size?: string;
}

const compose = parse(read('docker-compose.yml'), { merge: true }) as {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
};

function composeEnv(service: ComposeService): Record<string, string> {
  const environment = service.environment ?? {};
  const pairs = Array.isArray(environment)
    ? environment.map((entry) => {
        const at = entry.indexOf('=');
        return at < 0 ? [entry, ''] : [entry.slice(0, at), entry.slice(at + 1)];
      })
    : Object.entries(environment).map(([key, value]) => [key, value == null ? '' : String(value)]);
  return Object.fromEntries(pairs) as Record<string, string>;
}

function composeConditions(service: ComposeService): Record<string, string> {
  const dependsOn = service.depends_on ?? {};
  if (Array.isArray(dependsOn)) return Object.fromEntries(dependsOn.map((name) => [name, '']));
  return Object.fromEntries(
    Object.entries(dependsOn).map(([name, value]) => [name, value?.condition ?? '']),
  );
}

/** Where a service mounts a named volume (or a host path), and whether read-only. */
function composeMounts(
  service: ComposeService | undefined,
  source: string,
): { target: string; readOnly: boolean }[] {
  return (service?.volumes ?? []).flatMap((volume) => {
    if (typeof volume === 'object') {
      return volume.source === source
        ? [{ target: volume.target, readOnly: volume.read_only === true }]
        : [];
    }
    const [from, target, mode] = volume.split(':');
    return from === source ? [{ target, readOnly: (mode ?? '').split(',').includes('ro') }] : [];
  });
}

/** The container ports a service publishes. */
function composePublishedTargets(service: ComposeService): number[] {
  return (service.ports ?? []).map((port) => {
    if (typeof port === 'object') return Number(port.target);
    const spec = String(port).split('/')[0];
    return Number(spec.split(':').at(-1));
  });
}

describe('docker-compose.yml', () => {
  const { services } = compose;

  it('runs postgres 16 with a pg_isready health check and a volume', () => {
    const postgres = services.postgres;
    expect(postgres?.image).toMatch(/^postgres:16/);
    expect(words(postgres.healthcheck?.test)).toContain('pg_isready');
    expect(postgres.volumes?.length).toBeGreaterThan(0);
  });

  it('gives postgres shared buffers beyond the image default, and room for parallel workers', () => {
    const postgres = services.postgres;
    const command = words(postgres.command).split(/\s+/);
    expect(command[0]).toBe('postgres');
    expect(command[command.indexOf('-c') + 1]).toMatch(
      /^shared_buffers=\$\{POSTGRES_SHARED_BUFFERS:-\d+GB\}$/,
    );
    expect(postgres.shm_size).toBe('256mb');
  });

  it('runs nats 2.9/2.10 from deploy/nats: JetStream on a file store, monitored on 8222', () => {
    const nats = services.nats;
    expect(nats?.image).toMatch(/^nats:2\.(9|10)-alpine$/);
    expect(words(nats.command)).toBe('-c /etc/nats/nats.conf');
    expect(nats.volumes).toContain('./deploy/nats:/etc/nats:ro');
    const conf = read('deploy/nats/nats.conf');
    expect(confBlock(conf, 'jetstream')).toMatch(/store_dir:\s*\/data/);
    expect(conf).toMatch(/^http:\s*8222$/m);
    expect(words(nats.healthcheck?.test)).toContain(':8222/healthz');
    expect(nats.volumes).toContain('nats-data:/data');
  });

  describe("the bus's keys and credentials (the one-shot nats-credentials)", () => {
    const oneShot = services['nats-credentials'];
    const command = words(oneShot?.command);
    const [written] = composeMounts(oneShot, 'nats-bus');

    it('runs the credentials tool from the app image, writing into the nats-bus volume', () => {
      expectWith('no service "nats-credentials"', oneShot).toBeDefined();
      expect(oneShot.image).toBe(services.migrate.image);
      expect(oneShot.restart).toBe('no');
      expect(Object.keys(compose.volumes ?? {})).toContain('nats-bus');
      expectWith('nats-credentials does not mount nats-bus', written).toBeDefined();
      expect(written.readOnly).toBe(false);
      expect(command).toContain(`node dist/tools/nats-credentials.js --dir ${written.target}`);
    });

    it("issues the permissions for the services' NATS_NAMESPACE", () => {
      expect(command).toMatch(/--namespace[= ]"\$\$NATS_NAMESPACE"/);
      for (const app of SERVICE_NAMES) {
        expect(composeEnv(oneShot).NATS_NAMESPACE).toBe(composeEnv(services[app]).NATS_NAMESPACE);
      }
    });

    it("writes as root, then gives the image's user what the services read, and no keys", () => {
      // The volume is created root-owned: the image's user could not write it.
      expect(oneShot.user).toMatch(/^(0|root)(:(0|root))?$/);
      const chown = /\bchown\s+(\S+)\s+([^&;|]+)/.exec(command);
      expectWith('no chown after the tool', chown).not.toBeNull();
      const imageUser = [...read('deploy/docker/Dockerfile').matchAll(/^USER\s+(\S+)/gm)].at(-1);
      expect(chown![1]).toBe(imageUser?.[1]);
      const globs = chown![2].trim().split(/\s+/);
      const given = (file: string) =>
        globs.some((glob) =>
          new RegExp(
            `^${glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}$`,
          ).test(posix.join(written.target, file)),
        );
      const theirs = [
        ...SERVICE_NAMES.flatMap(busFilesOf),
        // The operators' tools run in a service's container: workspace-create.
        BUS_FILES.credentials(OPERATOR),
      ];
      for (const file of theirs) {
        expect(tool.files).toContain(file);
        expectWith(`${file} is not given to ${chown![1]}`, given(file)).toBe(true);
      }
      expect(tool.files).toContain(BUS_FILES.keys);
      expect(given(BUS_FILES.keys)).toBe(false);
    });

    it('comes before nats, which reads auth.conf from the volume it wrote', () => {
      const nats = services.nats;
      expect(composeConditions(nats)).toMatchObject({
        'nats-credentials': 'service_completed_successfully',
      });
      const mounts = composeMounts(nats, 'nats-bus');
      expect(mounts).toEqual([{ target: expect.any(String), readOnly: true }]);
      // The command's config file, from the deploy/nats directory mounted where it says.
      const configFile = /-c\s+(\S+)/.exec(words(nats.command))?.[1] ?? '';
      const [config] = composeMounts(nats, './deploy/nats');
      expect(posix.dirname(configFile)).toBe(config?.target);
      const conf = read(join('deploy/nats', posix.basename(configFile)));
      expect(natsIncludes(conf, configFile)).toContain(
        posix.join(mounts[0].target, BUS_FILES.serverConfig),
      );
      expect(tool.files).toContain(BUS_FILES.serverConfig);
    });

    it("has the operators' tools in deploy/README.md sign in with the operator's credentials", () => {
      const [mount] = composeMounts(services[INTEGRATION_BRIDGE], 'nats-bus');
      const run = /docker compose run[^`]*?workspace-create\.js/.exec(read('deploy/README.md'));
      expectWith(
        'no `docker compose run … workspace-create.js` in deploy/README.md',
        run,
      ).not.toBeNull();
      expect(run![0]).toContain(
        `NATS_CREDS_FILE=${posix.join(mount.target, BUS_FILES.credentials(OPERATOR))}`,
      );
      expect(credentialsUser(BUS_FILES.credentials(OPERATOR))).toBe(OPERATOR);
    });
  });

  it('runs mailpit with SMTP on 1025 and its UI on 8025', () => {
    expect(services.mailpit?.image).toMatch(/^axllent\/mailpit/);
    expect(composePublishedTargets(services.mailpit)).toEqual(expect.arrayContaining([1025, 8025]));
  });

  it('takes the signing secrets from .env, with no default to fall back on', () => {
    const secrets = [
      ['api-gateway', 'JWT_SECRET'],
      ['mail-ingest', 'REPLY_TOKEN_SECRET'],
      ['notification', 'REPLY_TOKEN_SECRET'],
    ];
    for (const [service, name] of secrets) {
      expect(composeEnv(compose.services[service])[name]).toMatch(new RegExp(`^\\$\\{${name}:\\?`));
    }
    expect(read('.gitignore').split('\n')).toContain('.env');
    expect(read('.dockerignore').split('\n')).toContain('.env');
  });

  it('runs the migrations once PostgreSQL is healthy', () => {
    const migrate = services.migrate;
    expect(words(migrate?.command)).toBe('node dist/tools/migrate.js');
    expect(composeConditions(migrate)).toMatchObject({ postgres: 'service_healthy' });
    expect(composeEnv(migrate).DATABASE_URL).toMatch(/^postgres:\/\/.+@postgres:5432\//);
  });

  describe.each(APPS)('%s', (app) => {
    const service = services[app];
    const env = service ? composeEnv(service) : {};
    const { port } = SERVICE_PORTS[app];

    it('runs its own entry point from the image the migrations use', () => {
      expectWith(`no service "${app}"`, service).toBeDefined();
      expect(words(service.command)).toBe(`node dist/apps/${app}/src/main.js`);
      expect(service.image).toBe(services.migrate.image);
    });

    it('has a health check on /health/ready at its port', () => {
      const test = words(service.healthcheck?.test);
      expect(test).toContain('/health/ready');
      expect(test).toContain(`127.0.0.1:${port}/`);
    });

    it('starts after postgres and nats are healthy and the migrations completed', () => {
      expect(composeConditions(service)).toMatchObject({
        postgres: 'service_healthy',
        nats: 'service_healthy',
        migrate: 'service_completed_successfully',
      });
    });

    const natsUser = serviceOf(app);
    it('signs in to NATS with its own credentials from the nats-bus volume (web uses no NATS)', () => {
      const mounts = composeMounts(service, 'nats-bus');
      if (!natsUser) return expect([mounts, busVariables(env)]).toEqual([[], {}]);
      expect(composeConditions(service)).toMatchObject({
        'nats-credentials': 'service_completed_successfully',
      });
      expect(mounts).toEqual([{ target: expect.any(String), readOnly: true }]);
      expect(busVariables(env)).toEqual(busServiceEnv(mounts[0].target, natsUser));
      expect(credentialsUser(posix.basename(env.NATS_CREDS_FILE))).toBe(natsUser);
    });

    it('sets every variable its config class requires', () => {
      for (const name of requiredVariables(app)) {
        expectWith(`${app}: ${name} is not set`, env[name]).toBeTruthy();
      }
      for (const [name, value] of Object.entries(appPorts(app))) expect(env[name]).toBe(`${value}`);
      if (env.DATABASE_URL) expect(new URL(env.DATABASE_URL).hostname).toBe('postgres');
      if (env.NATS_URL) expect(env.NATS_URL).toBe('nats://nats:4222');
    });

    it("passes its config class's validation with the values compose gives", () => {
      // `${NAME:-default}` is what compose substitutes when NAME is not set on the host;
      // `${NAME:?…}` must come from .env, here a value of the shape deploy/README.md makes.
      const values = Object.fromEntries(
        Object.entries(env).map(([name, value]) => [
          name,
          value
            .replace(/\$\{[A-Z0-9_]+:-([^}]*)\}/g, '$1')
            .replace(/\$\{[A-Z0-9_]+:\?[^}]*\}/g, `p${'0123456789abcdef'.repeat(4)}`),
        ]),
      );
      expect(() => loadConfig(CONFIG_CLASSES[app], values)).not.toThrow();
    });

    it('sets no variable its config class does not know', () => {
      const known = new Set([...declaredVariables(app), ...(LATER_VARIABLES[app] ?? [])]);
      expect(Object.keys(env).filter((name) => !known.has(name))).toEqual([]);
    });

    it('publishes its ports', () => {
      expect(composePublishedTargets(service)).toEqual(
        expect.arrayContaining(Object.values(appPorts(app))),
      );
    });
  });
});

// ---------------------------------------------------------------------------------------------
// deploy/k8s

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: {
    secretKeyRef?: { name: string; key: string };
    configMapKeyRef?: { name: string; key: string };
  };
}
interface Probe {
  httpGet?: { path: string; port: number | string };
}
interface Container {
  name: string;
  image?: string;
  command?: string[];
  args?: string[];
  ports?: { name?: string; containerPort: number }[];
  env?: EnvVar[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  resources?: {
    requests?: { cpu?: string; memory?: string };
    limits?: { cpu?: string; memory?: string };
  };
  volumeMounts?: { name: string; mountPath: string; readOnly?: boolean }[];
}
interface PodSpec {
  containers: Container[];
  volumes?: {
    name: string;
    configMap?: { name: string };
    secret?: { secretName: string; items?: { key: string; path: string }[] };
  }[];
}
interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string };
  data?: Record<string, string>;
  stringData?: Record<string, string>;
  spec?: {
    replicas?: number;
    serviceName?: string;
    clusterIP?: string;
    selector?: Record<string, string> & { matchLabels?: Record<string, string> };
    maxUnavailable?: number | string;
    minAvailable?: number | string;
    ports?: { name?: string; port: number; targetPort?: number | string }[];
    template?: { metadata?: { labels?: Record<string, string> }; spec: PodSpec };
    volumeClaimTemplates?: { metadata: { name: string } }[];
    rules?: {
      http?: {
        paths: { path: string; backend: { service: { name: string; port: object } } }[];
      };
    }[];
  };
}

function yamlFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return yamlFiles(path);
    return /\.ya?ml$/.test(entry.name) ? [path] : [];
  });
}

const k8sFiles = yamlFiles('deploy/k8s');
const manifests: (Manifest & { file: string })[] = k8sFiles.flatMap((file) =>
  parseAllDocuments(read(file)).flatMap((document) => {
    if (document.errors.length > 0) {
      throw new Error(`${file}: ${document.errors.map((error) => error.message).join('; ')}`);
    }
    const manifest = document.toJS() as Manifest | null;
    return manifest ? [{ ...manifest, file: relative(root, join(root, file)) }] : [];
  }),
);

const ofKind = (kind: string) => manifests.filter((manifest) => manifest.kind === kind);
const named = (kind: string, name: string) =>
  ofKind(kind).find((manifest) => manifest.metadata.name === name);

/** The container port a probe or Service targets, by number or by name. */
function containerPort(container: Container, port: number | string | undefined): number {
  if (typeof port === 'number') return port;
  const found = container.ports?.find((candidate) => candidate.name === port);
  return found ? found.containerPort : Number(port);
}

/** A pod's volumes of the bus's Secret: the files each takes, and where the container has them. */
function busSecretMounts(pod: PodSpec | undefined, container: Container | undefined) {
  return (pod?.volumes ?? [])
    .filter((volume) => volume.secret?.secretName === BUS_SECRET)
    .map((volume) => ({
      items: volume.secret?.items,
      mounts: (container?.volumeMounts ?? []).filter((mount) => mount.name === volume.name),
    }));
}

/** A nats.conf block's text: `name { ... }` with nested braces. */
function confBlock(conf: string, name: string): string | undefined {
  const start = new RegExp(`^\\s*${name}\\s*[:=]?\\s*\\{`, 'm').exec(conf);
  if (!start) return undefined;
  let depth = 0;
  for (let index = start.index + start[0].length - 1; index < conf.length; index++) {
    if (conf[index] === '{') depth++;
    if (conf[index] === '}' && --depth === 0) {
      return conf.slice(start.index + start[0].length, index);
    }
  }
  return undefined;
}

/**
 * A manifest checked against the Kubernetes API's own schema (kubernetes-models: the API's
 * OpenAPI definitions compiled to validators, offline): types, required fields, enums.
 */
function kubernetesSchemaErrors(manifest: Manifest & { file: string }): string | undefined {
  const [group, version] = manifest.apiVersion.includes('/')
    ? manifest.apiVersion.split('/')
    : [undefined, manifest.apiVersion];
  const path = ['kubernetes-models', group, version, manifest.kind].filter(Boolean).join('/');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const model = require(path) as Record<string, new (value: unknown) => { validate(): void }>;
  const { file, ...document } = manifest;
  try {
    new model[manifest.kind](document).validate();
    return undefined;
  } catch (error) {
    return `${file}: ${manifest.kind} ${manifest.metadata.name}: ${(error as Error).message}`;
  }
}

describe('deploy/k8s against the Kubernetes API schema', () => {
  it.each(manifests.map((manifest) => [`${manifest.kind} ${manifest.metadata.name}`, manifest]))(
    '%s is valid',
    (_name, manifest) => {
      expect(kubernetesSchemaErrors(manifest as Manifest & { file: string })).toBeUndefined();
    },
  );

  it('catches a manifest the API would refuse', () => {
    const deployment = structuredClone(named('Deployment', 'ticket-core')!);
    deployment.spec!.replicas = 'two' as unknown as number;
    expect(kubernetesSchemaErrors(deployment)).toMatch(/replicas must be integer/);
  });
});

describe('deploy/k8s', () => {
  const namespace = ofKind('Namespace')[0]?.metadata.name;
  const configMap = named('ConfigMap', 'switchboard-config');
  const secret = ofKind('Secret')[0];
  const settings = configMap?.data ?? {};

  it('parses into manifests of one namespace', () => {
    expect(k8sFiles.length).toBeGreaterThan(0);
    expect(namespace).toBeTruthy();
    const elsewhere = manifests.filter(
      (manifest) => manifest.kind !== 'Namespace' && manifest.metadata.namespace !== namespace,
    );
    expect(elsewhere.map((manifest) => `${manifest.file}: ${manifest.kind}`)).toEqual([]);
  });

  it('has an example ConfigMap and Secret', () => {
    expect(configMap?.file).toBe('deploy/k8s/configmap.example.yaml');
    expect(secret?.file).toBe('deploy/k8s/secret.example.yaml');
    expect(secret.stringData ?? secret.data).toHaveProperty('DATABASE_URL');
  });

  describe.each(APPS)('%s', (app) => {
    const deployment = named('Deployment', app);
    const pod = deployment?.spec?.template;
    const container = pod?.spec.containers[0] as Container;
    const { port } = SERVICE_PORTS[app];

    it('has a Deployment of at least 2 replicas running its entry point', () => {
      expectWith(`no Deployment "${app}"`, deployment).toBeDefined();
      expect(deployment?.spec?.replicas).toBeGreaterThanOrEqual(2);
      expect(words(container.command)).toBe(`node dist/apps/${app}/src/main.js`);
    });

    it('probes /health/ready for readiness and /health/live for liveness on its port', () => {
      expect(container.readinessProbe?.httpGet?.path).toBe('/health/ready');
      expect(containerPort(container, container.readinessProbe?.httpGet?.port)).toBe(port);
      expect(container.livenessProbe?.httpGet?.path).toBe('/health/live');
      expect(containerPort(container, container.livenessProbe?.httpGet?.port)).toBe(port);
    });

    it('keeps a replica serving through node drains (a PodDisruptionBudget of its pods)', () => {
      const labels = pod?.metadata?.labels ?? {};
      const budget = ofKind('PodDisruptionBudget').find((candidate) =>
        Object.entries(candidate.spec?.selector?.matchLabels ?? { none: '' }).every(
          ([key, value]) => labels[key] === value,
        ),
      );
      expectWith(`no PodDisruptionBudget for ${app}`, budget).toBeDefined();
      // One pod may go at a time, never the last (2 replicas: either form says so).
      expect(budget?.spec?.minAvailable ?? budget?.spec?.maxUnavailable).toBe(1);
    });

    it('has resource requests and limits', () => {
      expect(container.resources?.requests).toMatchObject({
        cpu: expect.any(String),
        memory: expect.any(String),
      });
      expect(container.resources?.limits).toMatchObject({ memory: expect.any(String) });
    });

    it('takes its settings from the ConfigMap and the Secret', () => {
      expect(container.envFrom?.map((source) => source.configMapRef?.name)).toContain(
        configMap?.metadata.name,
      );
      const fromSecret = new Set(
        (container.envFrom ?? []).some((source) => source.secretRef?.name === secret.metadata.name)
          ? Object.keys(secret.stringData ?? secret.data ?? {})
          : [],
      );
      for (const variable of container.env ?? []) {
        const ref = variable.valueFrom?.secretKeyRef;
        if (!ref) continue;
        const source = named('Secret', ref.name);
        expectWith(`${app}: no example Secret "${ref.name}"`, source).toBeDefined();
        expect(Object.keys(source?.stringData ?? source?.data ?? {})).toContain(ref.key);
        fromSecret.add(variable.name);
      }
      const set = new Set([
        ...Object.keys(settings),
        ...fromSecret,
        ...(container.env ?? []).map((variable) => variable.name),
      ]);
      for (const name of requiredVariables(app)) expectWith(`${app}: ${name}`, set).toContain(name);
      for (const [name, value] of Object.entries(appPorts(app))) {
        expect(settings[name]).toBe(`${value}`);
      }
    });

    const natsUser = serviceOf(app);
    it("mounts only its own files of the bus's Secret, and NATS_CREDS_FILE names them", () => {
      const bus = busSecretMounts(pod?.spec, container);
      const env = Object.fromEntries(
        (container.env ?? []).map((variable) => [variable.name, variable.value]),
      );
      if (!natsUser) return expect([bus, busVariables(env)]).toEqual([[], {}]);
      expect(bus).toHaveLength(1);
      const [{ items, mounts }] = bus;
      expect(items).toEqual(busFilesOf(natsUser).map((file) => ({ key: file, path: file })));
      expect(mounts).toEqual([
        { name: expect.any(String), mountPath: expect.any(String), readOnly: true },
      ]);
      expect(busVariables(env)).toEqual(busServiceEnv(mounts[0].mountPath, natsUser));
      expect(credentialsName(tool.secret.stringData?.[BUS_FILES.credentials(natsUser)] ?? '')).toBe(
        natsUser,
      );
    });

    it('is given, one by one, only variables its config class knows', () => {
      const known = new Set([...declaredVariables(app), ...(LATER_VARIABLES[app] ?? [])]);
      const names = (container.env ?? []).map((variable) => variable.name);
      expect(names.filter((name) => !known.has(name))).toEqual([]);
    });

    it('has a Service for its ports', () => {
      const labels = pod?.metadata?.labels ?? {};
      const service = ofKind('Service').find(
        (candidate) =>
          candidate.spec?.selector &&
          Object.entries(candidate.spec.selector).every(([key, value]) => labels[key] === value),
      );
      expectWith(`no Service selecting ${app}'s pods`, service).toBeDefined();
      const targets = (service?.spec?.ports ?? []).map((servicePort) =>
        containerPort(container, servicePort.targetPort ?? servicePort.port),
      );
      expect(targets).toEqual(expect.arrayContaining(Object.values(appPorts(app))));
    });
  });

  describe('NATS', () => {
    const statefulSet = ofKind('StatefulSet').find((candidate) =>
      candidate.spec?.template?.spec.containers.some((container) =>
        container.image?.startsWith('nats:'),
      ),
    );
    const pod = statefulSet?.spec?.template?.spec;
    const container = pod?.containers.find((candidate) => candidate.image?.startsWith('nats:'));
    const configVolume = pod?.volumes?.find((volume) => volume.configMap);
    const configMount = container?.volumeMounts?.find((mount) => mount.name === configVolume?.name);
    const natsConfigMap = named('ConfigMap', configVolume?.configMap?.name ?? '');
    const [confKey, conf] = Object.entries(natsConfigMap?.data ?? {})[0] ?? ['', ''];

    it('is a StatefulSet of 3 behind a headless Service, with a volume per pod', () => {
      expectWith('no NATS StatefulSet', statefulSet).toBeDefined();
      expect(statefulSet?.spec?.replicas).toBe(3);
      expect(container?.image).toMatch(/^nats:2\.(9|10)-alpine$/);
      const headless = named('Service', statefulSet?.spec?.serviceName ?? '');
      expect(headless?.spec?.clusterIP).toBe('None');
      expect(statefulSet?.spec?.volumeClaimTemplates?.length).toBeGreaterThan(0);
    });

    it('starts from the nats.conf of its ConfigMap', () => {
      expect(conf).toBeTruthy();
      expect(words(container?.args)).toContain(`--config ${configMount?.mountPath}/${confKey}`);
    });

    it('enables JetStream with a file store on the pod volume', () => {
      const jetstream = confBlock(conf, 'jetstream');
      expectWith('no jetstream block', jetstream).toBeDefined();
      expect(jetstream).toMatch(/max_file_store\s*[:=]/);
      const storeDir = /store_dir\s*[:=]\s*"?([^"\s]+)/.exec(jetstream ?? '')?.[1];
      const claim = statefulSet?.spec?.volumeClaimTemplates?.[0]?.metadata.name;
      expect(container?.volumeMounts).toContainEqual({ name: claim, mountPath: storeDir });
    });

    it('clusters the 3 pods through routes to each of them', () => {
      const cluster = confBlock(conf, 'cluster');
      expectWith('no cluster block', cluster).toBeDefined();
      const list = /routes\s*[:=]?\s*\[([\s\S]*?)\]/.exec(cluster ?? '')?.[1] ?? '';
      const routes = list
        .split(/[\s,]+/)
        .filter((entry) => entry.startsWith('nats://') || entry.startsWith('nats-route://'));
      const { name } = statefulSet!.metadata;
      const service = statefulSet?.spec?.serviceName;
      expect(routes).toHaveLength(3);
      expect(
        routes.map((route) => new URL(route).hostname.split('.').slice(0, 2).join('.')),
      ).toEqual([0, 1, 2].map((index) => `${name}-${index}.${service}`));
    });

    it("trusts the bus's keys: nats.conf includes the auth.conf it mounts from the Secret", () => {
      expect(Object.keys(natsConfigMap?.data ?? {})).toEqual([confKey]);
      const bus = busSecretMounts(pod, container);
      expect(bus).toHaveLength(1);
      const [{ items, mounts }] = bus;
      expect(items).toEqual([{ key: BUS_FILES.serverConfig, path: BUS_FILES.serverConfig }]);
      expect(mounts).toEqual([
        { name: expect.any(String), mountPath: expect.any(String), readOnly: true },
      ]);
      expect(natsIncludes(conf, `${configMount?.mountPath}/${confKey}`)).toContain(
        posix.join(mounts[0].mountPath, BUS_FILES.serverConfig),
      );
    });

    it('is what NATS_URL points at', () => {
      const { name } = statefulSet!.metadata;
      const service = statefulSet?.spec?.serviceName;
      expect(settings.NATS_URL?.split(',')).toEqual(
        [0, 1, 2].map((index) => `nats://${name}-${index}.${service}:4222`),
      );
    });
  });

  it('runs the migrations in a Job', () => {
    const job = ofKind('Job').find((candidate) =>
      candidate.spec?.template?.spec.containers.some(
        (container) => words(container.command) === 'node dist/tools/migrate.js',
      ),
    );
    expectWith('no migrations Job', job).toBeDefined();
    const env = job?.spec?.template?.spec.containers[0].env ?? [];
    expect(env.map((variable) => variable.name)).toContain('DATABASE_URL');
  });

  it('routes / to api-gateway and /socket.io to chat-gateway in the Ingress example', () => {
    const routes = ofKind('Ingress').flatMap((ingress) =>
      (ingress.spec?.rules ?? []).flatMap((rule) =>
        (rule.http?.paths ?? []).map((path) => [path.path, path.backend.service.name]),
      ),
    );
    expect(routes).toEqual(
      expect.arrayContaining([
        ['/', 'api-gateway'],
        ['/socket.io', 'chat-gateway'],
      ]),
    );
  });
});

describe("deploy/k8s and the bus's Secret (`npm run nats:credentials -- --k8s`)", () => {
  const pods = manifests.flatMap((manifest) =>
    manifest.spec?.template ? [{ manifest, pod: manifest.spec.template.spec }] : [],
  );
  /** Every key of the bus's Secret a pod mounts. */
  const mounted = new Set(
    pods.flatMap(({ pod }) =>
      (pod.volumes ?? []).flatMap((volume) =>
        volume.secret?.secretName === BUS_SECRET
          ? (volume.secret.items ?? []).map((item) => item.key)
          : [],
      ),
    ),
  );

  it('is a valid Secret of the namespace, the one the manifests mount', () => {
    const secret = tool.secret;
    expect(secret.kind).toBe('Secret');
    expect(secret.metadata).toEqual({
      name: BUS_SECRET,
      namespace: ofKind('Namespace')[0]?.metadata.name,
    });
    expect(kubernetesSchemaErrors({ ...secret, file: 'nats-credentials --k8s' })).toBeUndefined();
  });

  it("carries every key the manifests mount; beyond them, only the operator's credentials", () => {
    const keys = Object.keys(tool.secret.stringData ?? {});
    expect([...mounted].filter((key) => !keys.includes(key))).toEqual([]);
    expect(keys.filter((key) => !mounted.has(key))).toEqual([BUS_FILES.credentials(OPERATOR)]);
    expect(keys.sort()).toEqual(
      [
        BUS_FILES.serverConfig,
        BUS_FILES.integrationKeys,
        ...BUS_USERS.map(BUS_FILES.credentials),
      ].sort(),
    );
    // The keys that sign anything stay with whoever ran the tool.
    expect(keys).not.toContain(BUS_FILES.keys);
  });

  it('is mounted file by file: no pod takes the whole Secret, nor a variable of it', () => {
    for (const { manifest, pod } of pods) {
      const where = `${manifest.file}: ${manifest.kind} ${manifest.metadata.name}`;
      for (const volume of pod.volumes ?? []) {
        if (volume.secret?.secretName !== BUS_SECRET) continue;
        expectWith(
          `${where} mounts all of ${BUS_SECRET}`,
          volume.secret.items?.length,
        ).toBeGreaterThan(0);
      }
      for (const container of pod.containers) {
        const fromSecret = [
          ...(container.envFrom ?? []).flatMap((source) => source.secretRef?.name ?? []),
          ...(container.env ?? []).flatMap(
            (variable) => variable.valueFrom?.secretKeyRef?.name ?? [],
          ),
        ];
        expectWith(where, fromSecret).not.toContain(BUS_SECRET);
      }
    }
  });
});

// ---------------------------------------------------------------------------------------------
// deploy/docker/Dockerfile and .dockerignore

describe('deploy/docker/Dockerfile', () => {
  const dockerfile = read('deploy/docker/Dockerfile');
  const instructions = dockerfile
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  const stageStarts = instructions.flatMap((line, index) => (/^FROM\s/i.test(line) ? [index] : []));
  const runtime = instructions.slice(stageStarts.at(-1));

  it('builds in stages', () => {
    expect(stageStarts.length).toBeGreaterThanOrEqual(2);
    expect(instructions.some((line) => /^RUN\b.*\bnpm ci\b/.test(line))).toBe(true);
    expect(instructions.some((line) => /^RUN\b.*\bnpm run build\b/.test(line))).toBe(true);
  });

  it('ships production dependencies and dist/ only', () => {
    expect(runtime.some((line) => /^RUN\b.*\bnpm ci\b.*--omit=dev/.test(line))).toBe(true);
    expect(runtime.some((line) => /^COPY\s+--from=\S+\s+\S*dist\b/.test(line))).toBe(true);
    expect(runtime.some((line) => /^COPY\s+(?!--from)(\.|apps|libs)\b/.test(line))).toBe(false);
  });

  it('runs as a non-root user', () => {
    const user = runtime.filter((line) => /^USER\s/i.test(line)).at(-1);
    expectWith('no USER in the runtime stage', user).toBeDefined();
    expect(user!.split(/\s+/)[1].split(':')[0]).not.toMatch(/^(root|0)$/);
  });

  it('has a .dockerignore beside the build context', () => {
    const ignored = read('.dockerignore').split('\n');
    for (const entry of ['node_modules', 'dist', '.data', 'test-results', '.git']) {
      expect(ignored).toContain(entry);
    }
  });
});
