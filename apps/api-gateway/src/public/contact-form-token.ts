import { createHmac, timingSafeEqual } from 'node:crypto';

/*
 * The contact form's protection without any third-party service: the page carries a token
 * signed by the gateway with the time it was served and the workspace it is for. A submission
 * must bring it back, no sooner than a person could have filled the form and no later than a
 * day; and a field hidden from people (the honeypot) must come back empty.
 */

/** Faster than this after the form was served is a script, not a person. */
export const MIN_FILL_MS = 2_000;
/** A form left open longer is served again (with a fresh token). */
export const MAX_AGE_MS = 86_400_000;

/** The token's own key, derived from the gateway's secret so that it signs nothing else. */
function key(secret: string): Buffer {
  return createHmac('sha256', secret).update('switchboard contact form token v1').digest();
}

function mac(secret: string, workspaceId: string, issuedAt: number): string {
  return createHmac('sha256', key(secret)).update(`${workspaceId}.${issuedAt}`).digest('base64url');
}

/** `<issued at, ms>.<hmac>`, bound to one workspace. */
export function signFormToken(secret: string, workspaceId: string, now = Date.now()): string {
  return `${now}.${mac(secret, workspaceId, now)}`;
}

export type FormTokenVerdict = 'ok' | 'invalid' | 'too-fast' | 'expired';

export function verifyFormToken(
  secret: string,
  workspaceId: string,
  token: unknown,
  now = Date.now(),
): FormTokenVerdict {
  const match = typeof token === 'string' ? /^(\d{1,15})\.([A-Za-z0-9_-]{43})$/.exec(token) : null;
  if (!match) return 'invalid';
  const issuedAt = Number(match[1]);
  const expected = Buffer.from(mac(secret, workspaceId, issuedAt));
  const given = Buffer.from(match[2]);
  if (!timingSafeEqual(expected, given)) return 'invalid';
  if (now - issuedAt < MIN_FILL_MS) return 'too-fast';
  if (now - issuedAt > MAX_AGE_MS) return 'expired';
  return 'ok';
}

/**
 * Why a submission is refused (the message the person sees), or null to accept it. The honeypot
 * is checked first and answered like a bad token: a bot learns nothing about which field gave
 * it away.
 */
export function refusalOf(
  secret: string,
  workspaceId: string,
  fields: { formToken?: unknown; website?: unknown },
  now = Date.now(),
): string | null {
  const filledHoneypot = typeof fields.website === 'string' && fields.website.trim() !== '';
  const verdict = filledHoneypot
    ? 'invalid'
    : verifyFormToken(secret, workspaceId, fields.formToken, now);
  switch (verdict) {
    case 'ok':
      return null;
    case 'too-fast':
      return 'That was very quick: please check the form and send it again.';
    case 'expired':
      return 'The form was open too long: please send it again.';
    case 'invalid':
      return 'The form could not be accepted: please reload the page and send it again.';
  }
}
