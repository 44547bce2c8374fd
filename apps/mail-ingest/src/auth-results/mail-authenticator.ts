import { Inject, Injectable, Optional } from '@nestjs/common';
import { AuthResult, MailAuthenticationV1 } from '@switchboard/contracts';
import { authenticate } from 'mailauth';
import type { AuthStatus, DNSResolver } from 'mailauth';
import { promises as dns } from 'node:dns';
import { MailIngestConfig } from '../config';

/** The DNS resolver authentication asks; tests put one that answers offline. */
export const DNS_RESOLVER = Symbol('DnsResolver');

/** What the SMTP session said about the client, kept with the raw mail. */
export interface SmtpSession {
  clientIp: string | null;
  helo: string | null;
  mailFrom: string;
}

/** A resolver that knows nothing: every lookup is NXDOMAIN (tests, `MAIL_AUTH_DNS=offline`). */
export const offlineResolver: DNSResolver = (name) => {
  const error = new Error(`queryTxt ENOTFOUND ${name}`) as NodeJS.ErrnoException;
  error.code = 'ENOTFOUND';
  return Promise.reject(error);
};

const KNOWN: readonly string[] = [
  'pass',
  'fail',
  'softfail',
  'neutral',
  'none',
  'policy',
  'temperror',
  'permerror',
];

function result(status: AuthStatus | undefined): AuthResult {
  const value = status?.result === 'temperr' ? 'temperror' : status?.result;
  return value && KNOWN.includes(value) ? (value as AuthResult) : 'none';
}

/**
 * SPF, DKIM and DMARC of an inbound mail with mailauth, from the SMTP session (client address,
 * HELO, MAIL FROM) as it was recorded before the `250`. A DNS failure is a `temperror`, never a
 * reason not to take the mail.
 */
@Injectable()
export class MailAuthenticator {
  private readonly resolver: DNSResolver;

  constructor(
    private readonly config: MailIngestConfig,
    @Optional() @Inject(DNS_RESOLVER) resolver?: DNSResolver,
  ) {
    this.resolver =
      resolver ??
      (config.MAIL_AUTH_DNS === 'offline'
        ? offlineResolver
        : (name, type) => dns.resolve(name, type) as Promise<string[][] | string[]>);
  }

  async check(raw: Buffer, session: SmtpSession): Promise<MailAuthenticationV1> {
    try {
      const outcome = await authenticate(raw, {
        ip: session.clientIp ?? undefined,
        helo: session.helo ?? undefined,
        sender: session.mailFrom,
        mta: this.config.SMTP_HOSTNAME,
        resolver: this.resolver,
        disableArc: true,
        disableBimi: true,
      });
      const dkimResults = outcome.dkim?.results ?? [];
      const dkim = dkimResults.some((one) => one.status?.result === 'pass')
        ? 'pass'
        : dkimResults.length > 0
          ? result(dkimResults[0].status)
          : 'none';
      return {
        spf: outcome.spf ? result(outcome.spf.status) : 'none',
        dkim,
        dmarc: outcome.dmarc ? result(outcome.dmarc.status) : 'none',
      };
    } catch {
      return { spf: 'temperror', dkim: 'temperror', dmarc: 'temperror' };
    }
  }
}
