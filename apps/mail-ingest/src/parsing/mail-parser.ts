import PostalMime from 'postal-mime';
import type { Address, Email } from 'postal-mime';
import { HeaderMap } from '../loops/loop-rules';
import { splitQuotedText, stripQuotedHtml } from './quote-splitter';

export interface MailAddress {
  name?: string;
  address: string;
}

export interface ParsedAttachment {
  /** Only metadata: never a path, never trusted for anything (see safeFileName). */
  name: string;
  contentType: string;
  contentId?: string;
  inline: boolean;
  content: Buffer;
}

/** What mail-ingest needs of a mail, every string free of NUL characters. */
export interface ParsedMail {
  headers: HeaderMap;
  contentType?: string;
  messageId?: string;
  inReplyTo?: string;
  references: string[];
  subject: string;
  from?: MailAddress;
  replyTo?: MailAddress;
  to: MailAddress[];
  cc: MailAddress[];
  /** The new text, without the quoted history. */
  text: string;
  html?: string;
  quotedText?: string;
  attachments: ParsedAttachment[];
  /** False when nothing could be read: no text, no HTML, no file. Such a mail is parked. */
  readable: boolean;
}

const MESSAGE_ID = /<[^<>\s]+>/g;

/** windows-1252's characters at 0x80–0x9F (undefined positions stay as they are). */
const CP1252_C1 =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/**
 * Removes NUL characters, which PostgreSQL text cannot hold and no mail needs, and reads C1
 * control characters as windows-1252: Node 20's TextDecoder decodes `windows-1252` (and the
 * labels WHATWG maps to it: iso-8859-1, us-ascii) as ISO-8859-1, turning € and curly quotes
 * into invisible controls, which no real text contains.
 */
export function noNul(text: string): string {
  const clean = text.includes('\0') ? text.replace(/\0/g, '') : text;
  return clean.replace(/[\u0080-\u009f]/g, (c) => CP1252_C1[c.charCodeAt(0) - 0x80]);
}

/** The `<id>` tokens of a Message-ID, In-Reply-To or References header. */
export function messageIdsOf(value: string | undefined): string[] {
  return value ? [...noNul(value).matchAll(MESSAGE_ID)].map((match) => match[0]) : [];
}

function mailboxes(addresses: Address[] | Address | undefined): MailAddress[] {
  const list = addresses === undefined ? [] : Array.isArray(addresses) ? addresses : [addresses];
  return list
    .flatMap((entry) => (entry.group ? entry.group : [entry]))
    .filter((mailbox) => mailbox.address && mailbox.address.includes('@'))
    .map((mailbox) => ({
      address: noNul(mailbox.address).trim().toLowerCase(),
      ...(mailbox.name ? { name: noNul(mailbox.name).trim() } : {}),
    }));
}

/** A file name as plain metadata: no path, no control characters, at most 200 characters. */
export function safeFileName(name: string | null | undefined, fallback: string): string {
  const cleaned = noNul(name ?? '')
    // eslint-disable-next-line no-control-regex -- control characters are what it removes
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .replace(/[\\/]/g, '_')
    .trim()
    .slice(0, 200);
  return cleaned && cleaned !== '.' && cleaned !== '..' ? cleaned : fallback;
}

/** Text of an HTML-only mail, for the message's plain body and search. */
export function textOfHtml(html: string): string {
  return html
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, '')
    .replace(/<br\s*\/?>|<\/(p|div|li|tr|h\d)>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * The last resort for broken MIME (a boundary that never appears, a part postal-mime could not
 * place): the body as plain text, without boundary lines and part headers. Better a message
 * with some noise than a mail that says nothing.
 */
export function rawBodyText(raw: Buffer): string {
  const text = raw.toString('utf8');
  const start = text.search(/\r?\n\r?\n/);
  if (start < 0) return '';
  return noNul(
    text
      .slice(start)
      .split(/\r?\n/)
      .filter((line) => !/^--\S*$/.test(line) && !/^Content-[\w-]+:/i.test(line))
      .join('\n'),
  ).trim();
}

function toBuffer(content: ArrayBuffer | Uint8Array | string): Buffer {
  if (typeof content === 'string') return Buffer.from(content);
  return Buffer.from(content instanceof Uint8Array ? content : new Uint8Array(content));
}

/**
 * Parses a raw mail with postal-mime: every charset and encoded word it knows, text and HTML,
 * files. Broken MIME yields whatever could be read; this never throws (a parser crash leaves an
 * empty, unreadable result, which is parked rather than dropped).
 */
export async function parseMail(raw: Buffer): Promise<ParsedMail> {
  let email: Email;
  try {
    email = await PostalMime.parse(raw, { attachmentEncoding: 'arraybuffer', maxNestingDepth: 50 });
  } catch {
    return {
      headers: new Map(),
      references: [],
      subject: '',
      to: [],
      cc: [],
      text: '',
      attachments: [],
      readable: false,
    };
  }
  const headers = new Map<string, string[]>();
  for (const header of email.headers) {
    const values = headers.get(header.key) ?? [];
    values.push(noNul(header.value));
    headers.set(header.key, values);
  }
  const attachments = email.attachments.map((attachment, index) => ({
    name: safeFileName(attachment.filename, `attachment-${index + 1}`),
    contentType: noNul(attachment.mimeType || 'application/octet-stream').toLowerCase(),
    ...(attachment.contentId
      ? { contentId: noNul(attachment.contentId).replace(/^<|>$/g, '') }
      : {}),
    inline: attachment.disposition === 'inline' || Boolean(attachment.related),
    content: toBuffer(attachment.content),
  }));
  const html = email.html ? noNul(email.html) : undefined;
  let fullText = noNul(email.text ?? (html ? textOfHtml(html) : ''));
  if (!fullText.trim() && !html && email.attachments.length === 0) fullText = rawBodyText(raw);
  const split = splitQuotedText(fullText);
  const [messageId] = messageIdsOf(email.messageId);
  const [inReplyTo] = messageIdsOf(email.inReplyTo);
  const replyTo = mailboxes(email.replyTo)[0];
  const from = mailboxes(email.from)[0];
  return {
    headers,
    contentType: headers.get('content-type')?.[0],
    ...(messageId ? { messageId } : {}),
    ...(inReplyTo ? { inReplyTo } : {}),
    references: messageIdsOf(email.references),
    subject: noNul(email.subject ?? '')
      .replace(/\s+/g, ' ')
      .trim(),
    ...(from ? { from } : {}),
    ...(replyTo ? { replyTo } : {}),
    to: mailboxes(email.to),
    cc: mailboxes(email.cc),
    text: split.text,
    ...(html ? { html: stripQuotedHtml(html) } : {}),
    ...(split.quoted ? { quotedText: split.quoted } : {}),
    attachments,
    readable: Boolean(fullText.trim() || html?.trim() || attachments.length > 0),
  };
}
