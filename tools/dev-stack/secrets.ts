import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DATA_DIR } from './paths';

/** The signing secrets every service of the stack shares. */
export const SIGNING_SECRETS = ['JWT_SECRET', 'REPLY_TOKEN_SECRET'] as const;
const SECRET_NAMES = SIGNING_SECRETS;
type Secrets = Record<string, string>;

const make = () => randomBytes(48).toString('base64url');

export const SECRETS_FILE = join(DATA_DIR, 'secrets.json');

/**
 * The stack's secrets: random ones made on the first `npm start` and kept in `.data/secrets.json`
 * (readable by the owner only), so sessions and reply links outlive a restart; a variable
 * set in the environment wins. No installation ever runs on the published defaults.
 */
export function stackSecrets(env: NodeJS.ProcessEnv, file = SECRETS_FILE): Secrets {
  const kept: Partial<Secrets> = existsSync(file)
    ? (JSON.parse(readFileSync(file, 'utf8')) as Partial<Secrets>)
    : {};
  const made = Object.fromEntries(SECRET_NAMES.map((name) => [name, kept[name] ?? make()]));
  if (SECRET_NAMES.some((name) => kept[name] !== made[name])) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(made, null, 2)}\n`, { mode: 0o600 });
  }
  return Object.fromEntries(SECRET_NAMES.map((name) => [name, env[name] || made[name]]));
}
