import { describe, expect, it } from '@jest/globals';
import { dkimSign } from 'mailauth';
import type { DNSResolver } from 'mailauth';
import { generateKeyPairSync } from 'node:crypto';
import { MailIngestConfig } from '../config';
import { MailAuthenticator, offlineResolver } from './mail-authenticator';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const PUBLIC_KEY = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');

/** The DNS of example.test, as the test decides it: SPF, the DKIM key and a DMARC policy. */
const records: Record<string, string> = {
  'example.test': 'v=spf1 ip4:192.0.2.10 -all',
  'sel._domainkey.example.test': `v=DKIM1; k=rsa; p=${PUBLIC_KEY}`,
  '_dmarc.example.test': 'v=DMARC1; p=reject',
};
const resolver: DNSResolver = async (name, type) => {
  const record = type === 'TXT' ? records[name.toLowerCase()] : undefined;
  if (record) return [[record]];
  const error = new Error(`ENOTFOUND ${name}`) as NodeJS.ErrnoException;
  error.code = 'ENOTFOUND';
  throw error;
};

const MESSAGE = [
  'From: Ann <ann@example.test>',
  'To: support@acme.test',
  'Subject: Signed',
  'Message-ID: <signed@example.test>',
  'Date: Mon, 7 Dec 2026 10:00:00 +0000',
  '',
  'Hello, this mail is signed.',
  '',
].join('\r\n');

async function signed(body = MESSAGE): Promise<Buffer> {
  const { signatures } = await dkimSign(body, {
    signatureData: [
      {
        signingDomain: 'example.test',
        selector: 'sel',
        privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }),
      },
    ],
  } as never);
  return Buffer.from(signatures + body);
}

const authenticator = (dns: DNSResolver) =>
  new MailAuthenticator(
    Object.assign(new MailIngestConfig(), { SMTP_HOSTNAME: 'mx.acme.test' }),
    dns,
  );

const session = (clientIp: string) => ({
  clientIp,
  helo: 'mail.example.test',
  mailFrom: 'ann@example.test',
});

describe('MailAuthenticator', () => {
  it('passes SPF, DKIM and DMARC for a signed mail from an allowed address', async () => {
    expect(await authenticator(resolver).check(await signed(), session('192.0.2.10'))).toEqual({
      spf: 'pass',
      dkim: 'pass',
      dmarc: 'pass',
    });
  });

  it('fails SPF from another address, and DKIM for a mail altered after signing', async () => {
    const altered = Buffer.from(
      (await signed()).toString().replace('this mail is signed', 'this mail was changed'),
    );
    expect(await authenticator(resolver).check(altered, session('198.51.100.7'))).toEqual({
      spf: 'fail',
      // mailauth reports a body that no longer matches its hash as "neutral" (RFC 6376 §6.1.3).
      dkim: 'neutral',
      dmarc: 'fail',
    });
  });

  it('says none, without failing, when DNS knows nothing (offline)', async () => {
    const result = await authenticator(offlineResolver).check(
      Buffer.from(MESSAGE),
      session('192.0.2.10'),
    );
    expect(result.dkim).toBe('none');
    expect(['none', 'temperror']).toContain(result.spf);
    expect(['none', 'temperror']).toContain(result.dmarc);
  });
});
