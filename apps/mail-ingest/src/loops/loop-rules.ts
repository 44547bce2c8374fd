/**
 * Loop and noise protection, in one place: which mail nothing automatic may answer, which mail is
 * a delivery report, and when one sender writing to one ticket is a loop. Pure functions over
 * what the mail and its SMTP envelope said, so every rule has its own unit test.
 */

/** A mail's headers by lowercase name, each with every value it had. */
export type HeaderMap = ReadonlyMap<string, readonly string[]>;

export interface NoiseFacts {
  headers: HeaderMap;
  /** MAIL FROM of the SMTP envelope; empty for the null return path `<>`. */
  envelopeFrom: string;
  /** The address in the From header, if any. */
  fromAddress?: string;
  /** True when the mail's own Message-ID is one of ours (a token that verifies). */
  ownMessageId: boolean;
}

export type NoiseReason =
  | 'auto-submitted'
  | 'precedence'
  | 'auto-response-suppress'
  | 'null-return-path'
  | 'mailer-daemon'
  | 'own-message-id';

export interface NoiseVerdict {
  /** Nothing automatic (auto-responder, acknowledgement, notification) may answer this mail. */
  noAutoReply: boolean;
  reasons: NoiseReason[];
}

const DAEMON_LOCAL_PARTS = new Set(['mailer-daemon', 'postmaster']);
const BULK_PRECEDENCE = new Set(['bulk', 'list', 'junk']);

function first(headers: HeaderMap, name: string): string | undefined {
  return headers.get(name)?.[0]?.trim();
}

function localPart(address: string | undefined): string {
  const at = address?.lastIndexOf('@') ?? -1;
  return at > 0 ? address!.slice(0, at).toLowerCase() : (address ?? '').toLowerCase();
}

/** Why (if at all) this mail must not be answered automatically (RFC 3834, RFC 5321 §4.5.5). */
export function classifyNoise(facts: NoiseFacts): NoiseVerdict {
  const reasons: NoiseReason[] = [];
  const autoSubmitted = first(facts.headers, 'auto-submitted');
  // RFC 3834: any value other than "no" (with optional parameters) marks automatic mail.
  if (autoSubmitted && autoSubmitted.split(';')[0].trim().toLowerCase() !== 'no') {
    reasons.push('auto-submitted');
  }
  const precedence = first(facts.headers, 'precedence')?.toLowerCase();
  if (precedence && BULK_PRECEDENCE.has(precedence)) reasons.push('precedence');
  // Microsoft's "do not answer me automatically"; present at all means suppress.
  if (facts.headers.has('x-auto-response-suppress')) reasons.push('auto-response-suppress');
  if (facts.envelopeFrom.trim() === '') reasons.push('null-return-path');
  if (
    DAEMON_LOCAL_PARTS.has(localPart(facts.envelopeFrom)) ||
    DAEMON_LOCAL_PARTS.has(localPart(facts.fromAddress))
  ) {
    reasons.push('mailer-daemon');
  }
  if (facts.ownMessageId) reasons.push('own-message-id');
  return { noAutoReply: reasons.length > 0, reasons };
}

/**
 * A delivery status notification (RFC 3464): `multipart/report; report-type=delivery-status`.
 * It is attached to the ticket of the mail it reports on and never opens a ticket.
 */
export function isDeliveryReport(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const [type, ...params] = contentType.toLowerCase().split(';');
  if (type.trim() !== 'multipart/report') return false;
  const reportType = params
    .map((param) => param.trim().split('='))
    .find(([name]) => name.trim() === 'report-type')?.[1];
  // Without a report-type we still treat it as a report: a bounce must never open a ticket.
  return reportType === undefined || reportType.replace(/"/g, '').trim() === 'delivery-status';
}

/**
 * More than `limit` mails from one sender onto one ticket within the last hour is a loop (two
 * auto-responders answering each other): the next one is held, not added. `recentCount` is how
 * many were added in the hour before this one.
 */
export function isLoop(recentCount: number, limit: number): boolean {
  return recentCount >= limit;
}

/** The window `isLoop` counts over. */
export const LOOP_WINDOW_MS = 60 * 60 * 1000;
