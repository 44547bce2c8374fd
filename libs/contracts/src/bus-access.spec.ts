import { describe, expect, it } from '@jest/globals';
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as contracts from '.';
import {
  BUS_USERS,
  OPERATOR,
  RESOURCE_OWNERS,
  SERVICE_CALLS,
  SERVICE_CONSUMES,
  busPermissions,
} from './bus-access';
import { SERVICE_NAMES, ServiceName } from './messages/system/ping.v1';
import { eventClasses, requestRoutes } from './subject-map';

/** A NATS subject pattern: `*` one token, `>` the rest. */
function matches(pattern: string, subject: string): boolean {
  const want = pattern.split('.');
  const have = subject.split('.');
  for (let i = 0; i < want.length; i++) {
    if (want[i] === '>') return have.length > i;
    if (i >= have.length || (want[i] !== '*' && want[i] !== have[i])) return false;
  }
  return want.length === have.length;
}
const anyMatches = (patterns: string[], subject: string) =>
  patterns.some((pattern) => matches(pattern, subject));

const requestSubjects = Object.keys(requestRoutes);
const eventSubjects = Object.keys(eventClasses);

/** Who may answer (subscribe to) a request subject, and who may publish an event. */
const answerers = (subject: string) =>
  SERVICE_NAMES.filter((s) => anyMatches(busPermissions(s).subscribe, subject));
const publishers = (subject: string) =>
  BUS_USERS.filter((user) => anyMatches(busPermissions(user).publish, subject));

describe('the bus-access table', () => {
  it('gives every command and query exactly one service that answers it', () => {
    const wrong = requestSubjects
      .map((subject) => [subject, answerers(subject)] as const)
      .filter(([, who]) => who.length !== 1);
    expect(wrong).toEqual([]);
  });

  it('lets only the owner publish each event', () => {
    const wrong = eventSubjects
      .map((subject) => [subject, publishers(subject)] as const)
      .filter(([, who]) => who.length !== 1);
    expect(wrong).toEqual([]);
    expect(publishers('helpdesk.evt.ticket.created.v1')).toEqual(['ticket-core']);
  });

  it('lets only ticket-core answer ticket commands, and the gateway only send them', () => {
    expect(answerers('helpdesk.cmd.ticket.solve.v1')).toEqual(['ticket-core']);
    expect(busPermissions('api-gateway').publish).toContain('helpdesk.cmd.ticket.solve.v1');
    expect(
      anyMatches(busPermissions('api-gateway').subscribe, 'helpdesk.cmd.ticket.solve.v1'),
    ).toBe(false);
  });

  it('leaves workspace creation to the operator alone', () => {
    expect(publishers('helpdesk.cmd.workspace.create.v1')).toEqual([OPERATOR]);
  });

  it('keeps each user to its own inbox', () => {
    for (const user of BUS_USERS) {
      const others = BUS_USERS.filter((other) => other !== user);
      for (const other of others)
        expect(anyMatches(busPermissions(user).subscribe, `_INBOX_${other}.x.y`)).toBe(false);
      expect(anyMatches(busPermissions(user).subscribe, `_INBOX_${user}.x.y`)).toBe(true);
    }
  });

  it('prefixes subjects, streams and consumers with a namespace', () => {
    const permissions = busPermissions('notification', 'ns1');
    expect(permissions.publish).toContain('ns1.helpdesk.qry.ticket.get.v1');
    expect(permissions.publish).toContain('$JS.API.STREAM.INFO.ns1_HELPDESK_EVENTS');
    expect(permissions.publish).toContain(
      '$JS.ACK.ns1_HELPDESK_EVENTS.ns1_notification__helpdesk_evt_ticket_created_v1.>',
    );
    expect(permissions.subscribe).toContain('ns1.helpdesk.cmd.notification.>');
  });
});

/**
 * The table against the code: each app's `@OnRequest`, `.request(` and `@OnEvent(s)` subjects, read
 * from its source and resolved through the contracts' exported constants.
 */
describe('the bus-access table matches what the apps do', () => {
  const root = resolve(__dirname, '../../..');
  const constants = new Map<string, string>();
  for (const [name, value] of Object.entries(contracts))
    if (typeof value === 'string' && value.startsWith('helpdesk.')) constants.set(name, value);

  function sourceFiles(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return sourceFiles(path);
      return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
    });
  }

  /** The subjects named after `pattern` (a regex whose group 1 is the constant's name). */
  function used(app: ServiceName, pattern: RegExp): string[] {
    const found = new Set<string>();
    for (const file of sourceFiles(join(root, 'apps', app, 'src'))) {
      for (const match of readFileSync(file, 'utf8').matchAll(pattern)) {
        found.add(constants.get(match[1]) ?? `unresolved constant ${match[1]} in ${file}`);
      }
    }
    return [...found].sort();
  }

  const constant = String.raw`\s*(?:\w+\.)?([A-Z][A-Z0-9_]*)`;

  it.each(SERVICE_NAMES)('%s calls exactly what the table grants it', (app) => {
    expect(used(app, new RegExp(String.raw`\.request\(${constant}`, 'g'))).toEqual(
      [...SERVICE_CALLS[app]].sort(),
    );
  });

  it.each(SERVICE_NAMES)('%s answers only subjects of its own resources', (app) => {
    const answered = used(app, new RegExp(String.raw`@OnRequest\(${constant}`, 'g'));
    const foreign = answered.filter((subject) => answerers(subject)[0] !== app);
    expect(foreign).toEqual([]);
    expect(RESOURCE_OWNERS[app].length).toBeGreaterThan(0);
  });

  it.each(SERVICE_NAMES)('%s consumes exactly the events the table lists', (app) => {
    expect(used(app, new RegExp(String.raw`@OnEvents?\(${constant}`, 'g'))).toEqual(
      [...SERVICE_CONSUMES[app]].sort(),
    );
  });
});
