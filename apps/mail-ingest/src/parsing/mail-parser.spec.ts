import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ParsedMail, parseMail } from './mail-parser';

/** A fixture mail from ./fixtures, parsed. */
const parse = (name: string): Promise<ParsedMail> =>
  parseMail(readFileSync(join(__dirname, 'fixtures', name)));

describe('parseMail: client replies split from their quoted history', () => {
  it('Outlook: the From:/Sent: block and divRplyFwdMsg', async () => {
    const mail = await parse('outlook-reply.eml');
    expect(mail.text).toBe('Thanks, that works now.\n\nCarla');
    expect(mail.quotedText).toMatch(/^From: Acme Support <support@acme\.test>\nSent: Monday/);
    expect(mail.quotedText).toContain('Please try the new link.');
    expect(mail.html).toContain('Thanks, that works now.');
    expect(mail.html).not.toContain('Please try the new link.');
    expect(mail.inReplyTo).toBe('<r1aaaa.0001@mail.acme.test>');
  });

  it('Gmail: "On … wrote:" and the gmail_quote block, References in order', async () => {
    const mail = await parse('gmail-reply.eml');
    expect(mail.text).toBe('Yes, please ship it.');
    expect(mail.quotedText).toMatch(
      /^On Mon, 7 Dec 2026 at 10:00, Acme Support .* wrote:\n\n> Shall/,
    );
    expect(mail.html).toBe('<div dir="ltr">Yes, please ship it.</div><br>');
    expect(mail.references).toEqual(['<first@acme.test>', '<r1bbbb.0002@mail.acme.test>']);
  });

  it('Apple Mail: a quoted "> On … wrote:" block and blockquote type=cite', async () => {
    const mail = await parse('apple-mail-reply.eml');
    expect(mail.text).toBe('Friday works for me.');
    expect(mail.quotedText).toMatch(/^> On 7 Dec 2026, at 10:00/);
    expect(mail.html).not.toContain('When can we come by?');
    expect(mail.messageId).toBe('<A1B2C3D4-0000-1111-2222-333344445555@icloud.test>');
  });
});

describe('parseMail: charsets and encoded words', () => {
  it('ISO-8859-1, quoted-printable, in the body, the subject and the sender name', async () => {
    const mail = await parse('iso-8859-1.eml');
    expect(mail.subject).toBe('Résumé für Sie');
    expect(mail.from).toEqual({ address: 'juergen@example.test', name: 'Jürgen Müller' });
    expect(mail.text).toBe('Schöne Grüße aus Köln');
  });

  it('Windows-1252: the euro sign, dashes and curly quotes of 0x80–0x9F', async () => {
    expect((await parse('windows-1252.eml')).text).toBe('It costs € 20 – “cheap”.');
  });

  it('ISO-2022-JP in the body and in B-encoded words', async () => {
    const mail = await parse('iso-2022-jp.eml');
    expect(mail.subject).toBe('問い合わせ');
    expect(mail.from?.name).toBe('山田');
    expect(mail.text).toBe('こんにちは、注文について。');
  });

  it('raw 8-bit UTF-8 in headers, and NUL characters removed', async () => {
    const mail = await parse('8bit-headers.eml');
    expect(mail.subject).toBe('Grüße – naïve café');
    expect(mail.from).toEqual({ address: 'zoe@example.test', name: 'Zoë Ünal' });
    expect(mail.text).toBe('Body with ümlauts and a NUL here:done.');
  });
});

describe('parseMail: files', () => {
  it('an inline image keeps its Content-ID for the cid: link', async () => {
    const mail = await parse('inline-image.eml');
    expect(mail.html).toContain('src="cid:shot@example.test"');
    expect(mail.attachments).toMatchObject([
      { name: 'shot.png', contentType: 'image/png', contentId: 'shot@example.test', inline: true },
    ]);
    expect(mail.attachments[0].content.subarray(1, 4).toString()).toBe('PNG');
  });

  it('several attachments with their names (RFC 2231 too), types and bytes', async () => {
    const mail = await parse('attachments.eml');
    expect(mail.text).toBe('Three files attached.');
    expect(
      mail.attachments.map(({ name, contentType, inline, content }) => ({
        name,
        contentType,
        inline,
        content: content.toString('latin1'),
      })),
    ).toEqual([
      {
        name: 'invoice.pdf',
        contentType: 'application/pdf',
        inline: false,
        content: '%PDF-1.4 fake pdf',
      },
      { name: 'notes.txt', contentType: 'text/plain', inline: false, content: 'plain notes' },
      {
        name: 'données.zip',
        contentType: 'application/zip',
        inline: false,
        content: 'PK\x03\x04zipbytes',
      },
    ]);
  });
});

describe('parseMail: hostile and broken mail', () => {
  it('a script in the subject, the sender, the body and a file name is kept as inert text', async () => {
    const mail = await parse('script.eml');
    // Stored as sent: the subject and names are data, rendered escaped; the HTML is sanitized
    // by ticket-core where every message is written; the file name can never be a path.
    expect(mail.subject).toBe("<script>alert('subject')</script>");
    expect(mail.from?.name).toBe('<script>alert(1)</script>');
    expect(mail.attachments[0].name).toBe('<script>alert(3)<_script>.html');
    expect(mail.attachments[0].name).not.toMatch(/[\\/]/);
    expect(mail.text).toBe('Hello');
  });

  it('a broken boundary still yields the text that could be read', async () => {
    const mail = await parse('broken-boundary.eml');
    expect(mail.readable).toBe(true);
    expect(mail.text).toContain('The text survives a wrong boundary.');
    expect(mail.subject).toBe('Broken');
  });

  it('garbage never throws; a mail with nothing in it is unreadable', async () => {
    const garbage = await parseMail(Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x0d, 0x0a]));
    expect(garbage.subject).toBe('');
    const empty = await parseMail(
      Buffer.from('Subject: nothing\r\nMessage-ID: <e@x.test>\r\n\r\n'),
    );
    expect(empty).toMatchObject({ readable: false, messageId: '<e@x.test>', subject: 'nothing' });
  });
});
