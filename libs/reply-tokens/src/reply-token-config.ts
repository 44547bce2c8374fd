import { IsString, MinLength } from 'class-validator';

/** The development default; services warn when they run with it (and refuse it in production). */
export const DEVELOPMENT_REPLY_TOKEN_SECRET = 'switchboard-development-reply-token-secret';

/**
 * The variable of every service that signs or verifies reply tokens (notification, mail-ingest):
 * the same secret in both, at least 32 bytes. Put on `REPLY_TOKEN_SECRET` of a config class.
 */
export function ReplyTokenSecret(): PropertyDecorator {
  return (target, key) => {
    IsString()(target, key);
    MinLength(32, { message: `${String(key)} must be at least 32 characters` })(target, key);
  };
}
