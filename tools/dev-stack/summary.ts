import { AppName, SERVICE_PORTS } from '@switchboard/config';
import { DEMO_LOGIN, DEMO_MAILBOX, DEMO_WORKSPACE } from '../seed/demo-data';
import { DatabaseEndpoint } from './database';
import { MailCatcher } from './mail-catcher';
import { NatsEndpoint } from './nats';
import { Output } from './output';
import { PortPlan } from './ports';

export interface SummaryInput {
  ports: PortPlan;
  database: DatabaseEndpoint;
  nats: NatsEndpoint;
  /** Whether the demo seed went through (its data, the login among it, exists). */
  seeded: boolean;
  /** The development mail catcher, unless SMTP_URL named a relay. */
  catcher?: MailCatcher;
}

const SOURCES = {
  DATABASE_URL: 'from DATABASE_URL',
  NATS_URL: 'from NATS_URL',
  local: 'the one already running here',
  embedded: 'embedded, started by npm start, data in .data/postgres',
  started: 'nats-server started by npm start, store in .data/nats',
} as const;

/** A URL without its password, fit to print. */
function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url;
  }
}

/** What the developer reads once everything is up: where things are, and how to log in. */
export function summaryLines(output: Output, input: SummaryInput): string[] {
  const { ports } = input;
  const desk = `http://localhost:${ports['api-gateway']}`;
  const row = (label: string, value: string) => `  ${label.padEnd(18)}${value}`.trimEnd();
  const health = (Object.keys(SERVICE_PORTS) as AppName[]).map((app) =>
    row(`  ${app}`, `http://localhost:${ports[app]}/health/ready`),
  );
  const rule = output.paint('gray', '─'.repeat(78));
  return [
    '',
    rule,
    `  ${output.paint('bold', 'Switchboard is running.')}  Ctrl-C stops everything.`,
    '',
    row('Agent desk', output.paint('cyan', desk)),
    row('API docs', `${desk}/api/docs  (the document: ${desk}/api/openapi.json)`),
    row('Help center', `${desk}/kb/${DEMO_WORKSPACE.slug}`),
    row('Live (socket.io)', `http://localhost:${ports['chat-gateway']}  (chat widget and desk)`),
    row('Web (alone)', `http://localhost:${ports.web}`),
    row('SMTP (inbound)', `localhost:${ports.smtp}  (mail-ingest)`),
    row(
      'Demo mailbox',
      input.seeded
        ? `${output.paint('bold', DEMO_MAILBOX)}  (e.g. swaks --server localhost:${ports.smtp} --to ${DEMO_MAILBOX})`
        : output.paint('red', 'not available: the demo seed failed (see above)'),
    ),
    input.catcher
      ? row(
          'Mail catcher',
          `${output.paint('cyan', input.catcher.webUrl)}  (sent mail, from SMTP ${input.catcher.smtpUrl}; also .eml files in .data/outbox/)`,
        )
      : row('Outbound mail', `the relay of SMTP_URL (${redact(process.env.SMTP_URL ?? '')})`),
    row('PostgreSQL', `${redact(input.database.url)}  (${SOURCES[input.database.source]})`),
    row('NATS', `${input.nats.url}  (${SOURCES[input.nats.source]})`),
    input.nats.open
      ? row(
          '',
          output.paint(
            'yellow',
            'open: it asks no credentials, so anything that reaches it may send any command. ' +
              'Unset NATS_URL and set SWITCHBOARD_LOCAL_NATS=off for a nats-server of its own ' +
              'where each service has its own user.',
          ),
        )
      : row('', 'each service signs in with its own credentials (.data/nats-bus)'),
    row('Health', ''),
    ...health,
    '',
    input.seeded
      ? row(
          'Demo login',
          `${output.paint('bold', DEMO_LOGIN.email)} / ${output.paint('bold', DEMO_LOGIN.password)}`,
        )
      : row('Demo login', output.paint('red', 'not available: the demo seed failed (see above)')),
    rule,
    '',
  ];
}
