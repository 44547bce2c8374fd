import { Secret } from '@switchboard/config';

/** The development default; services warn when they run with it (and refuse it in production). */
export const DEVELOPMENT_REPLY_TOKEN_SECRET = 'switchboard-development-reply-token-secret';

/**
 * The variable of every service that signs or verifies reply tokens (notification, mail-ingest):
 * the same secret in both, at least 32 bytes, the default refused in production. Put on `REPLY_TOKEN_SECRET` of a config class.
 */
export function ReplyTokenSecret(): PropertyDecorator {
  return Secret(DEVELOPMENT_REPLY_TOKEN_SECRET);
}
