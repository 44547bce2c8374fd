import { BUS_USERS, busPermissions, natsPasswordVariable } from '@switchboard/contracts';
import { randomBytes } from 'node:crypto';

/** Where the committed authorization lives (docker compose and the dev launcher include it). */
export const NATS_AUTHORIZATION_FILE = 'deploy/nats/authorization.conf';

/** A random password of the shape NATS_PASSWORD_PATTERN asks: `p` and 64 hex digits. */
export function randomNatsPassword(): string {
  return `p${randomBytes(32).toString('hex')}`;
}

const list = (subjects: string[]) =>
  `[\n${subjects.map((subject) => `          ${JSON.stringify(subject)}`).join('\n')}\n        ]`;

/**
 * The nats-server `authorization` block for the users of libs/contracts' bus-access table: one
 * user per service and the operator, each password read from the server's environment
 * (`$NATS_TICKET_CORE_PASSWORD` …; the server refuses to start when one is missing). A bcrypt
 * hash in the variable works as well as the password itself. nats-server 2.9 syntax.
 */
export function natsAuthorizationConfig(namespace = ''): string {
  const users = BUS_USERS.map((user) => {
    const permissions = busPermissions(user, namespace);
    return [
      '    {',
      `      user: ${JSON.stringify(user)}`,
      `      password: $${natsPasswordVariable(user)}`,
      '      permissions: {',
      `        publish: { allow: ${list(permissions.publish)} }`,
      `        subscribe: { allow: ${list(permissions.subscribe)} }`,
      ...(permissions.allowResponses ? ['        allow_responses: true'] : []),
      '      }',
      '    }',
    ].join('\n');
  });
  return [
    '# Generated from libs/contracts/src/bus-access.ts by `npm run nats:authorization`: do not edit.',
    '# Each service connects as its own user and may publish and subscribe only to what it owns or',
    '# calls; anything else, and a connection without credentials, is refused by the server.',
    'authorization {',
    '  users = [',
    users.join('\n'),
    '  ]',
    '}',
    '',
  ].join('\n');
}
