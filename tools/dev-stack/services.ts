import { AppName, SERVICE_PORTS, SMTP_LISTENER } from '@switchboard/config';
import { existsSync } from 'node:fs';
import { StackContext } from './context';
import { StackError } from './errors';
import { ManagedProcess } from './managed-process';
import { PortPlan } from './ports';
import { distEntry } from './paths';
import { busServiceEnv } from '@switchboard/messaging';
import { SIGNING_SECRETS, stackSecrets } from './secrets';
import { DEMO_LOGIN } from '../seed/demo-data';

export interface RunningService {
  app: AppName;
  port: number;
  process: ManagedProcess;
}

export interface ServiceEnvironment {
  databaseUrl: string;
  natsUrl: string;
  ports: PortPlan;
  /** Where notification sends mail: the dev catcher, or the developer's SMTP_URL. */
  smtpUrl: string;
  /** The bus's credentials (.data/nats-bus) when the stack started its own nats-server. */
  natsBusDir?: string;
}

/** A service's own NATS credentials, when the server asks for them. */
function natsUserOf(app: AppName, busDir?: string): NodeJS.ProcessEnv {
  if (!busDir || app === 'web') return {};
  return busServiceEnv(busDir, app);
}

/** Every app of SERVICE_PORTS (six services and web), each `node dist/apps/<app>/src/main.js`. */
export function startServices(context: StackContext, setup: ServiceEnvironment): RunningService[] {
  const apps = Object.keys(SERVICE_PORTS) as AppName[];
  const missing = apps
    .map((app) => distEntry(`apps/${app}/src/main.js`))
    .filter((entry) => !existsSync(entry));
  if (missing.length > 0)
    throw new StackError(
      `not built: ${missing.join(', ')}. Run \`npm run build\` (npm start does).`,
    );
  const secrets = stackSecrets(context.env);
  const env: NodeJS.ProcessEnv = {
    ...context.env,
    ...Object.fromEntries(SIGNING_SECRETS.map((name) => [name, secrets[name]])),
    DATABASE_URL: setup.databaseUrl,
    NATS_URL: setup.natsUrl,
    LOG_LEVEL: context.output.level,
    SMTP_URL: setup.smtpUrl,
    // The development launcher's demo workspace: the desk's login page shows this login.
    DEMO_LOGIN: context.env.DEMO_LOGIN ?? `${DEMO_LOGIN.email}:${DEMO_LOGIN.password}`,
    // The desk takes its live updates from chat-gateway's sockets.
    CHAT_PUBLIC_URL:
      context.env.CHAT_PUBLIC_URL ?? `http://localhost:${setup.ports['chat-gateway']}`,
    [SMTP_LISTENER.variable]: String(setup.ports.smtp),
    ...Object.fromEntries(
      apps.map((app) => [SERVICE_PORTS[app].variable, String(setup.ports[app])]),
    ),
  };
  return apps.map((app) => ({
    app,
    port: setup.ports[app],
    process: context.start(
      {
        name: app,
        command: process.execPath,
        args: [distEntry(`apps/${app}/src/main.js`)],
        env: { ...env, ...natsUserOf(app, setup.natsBusDir) },
      },
      'service',
    ),
  }));
}
