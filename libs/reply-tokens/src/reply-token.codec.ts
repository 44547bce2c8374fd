import { base32nopad } from '@scure/base';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Token format version: a new one can be read beside the old while mail in flight drains. */
const VERSION = 'r1';
/** 80 bits of HMAC-SHA256: forging one by guessing takes 2^80 tries. */
const MAC_BYTES = 10;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The token inside a plus-address or a Message-ID: version, then 42 base32 characters. */
const TOKEN = new RegExp(`^${VERSION}([a-z2-7]{42})$`);

/**
 * Signed reply tokens: they tie an outgoing mail to its ticket, so that the customer's answer
 * threads back even when their mail program drops the headers. A token is the ticket id and an
 * HMAC of it together with the workspace id, in lowercase base32 (mail servers may lowercase a
 * local part), so it fits a plus-address (`support+<token>@…`, under 64 characters) and a
 * Message-ID. It names no workspace: the receiving mailbox says which one, and a token is valid
 * only for the workspace it was made for. notification signs; mail-ingest verifies and ignores
 * what does not verify.
 */
export class ReplyTokenCodec {
  private readonly key: Buffer;

  constructor(secret: string) {
    if (Buffer.byteLength(secret) < 32) {
      throw new Error('the reply-token secret must be at least 32 bytes');
    }
    this.key = Buffer.from(secret);
  }

  /** The token of one ticket of one workspace. */
  sign(workspaceId: string, ticketId: string): string {
    const id = uuidBytes(ticketId);
    return `${VERSION}${base32(Buffer.concat([id, this.mac(workspaceId, id)]))}`;
  }

  /** The ticket id a token was signed for in this workspace, or undefined when it does not verify. */
  verify(token: string, workspaceId: string): string | undefined {
    const body = TOKEN.exec(token.toLowerCase())?.[1];
    if (!body || !UUID.test(workspaceId)) return undefined;
    const bytes = unbase32(body);
    const id = bytes.subarray(0, 16);
    const mac = bytes.subarray(16);
    if (mac.length !== MAC_BYTES || !timingSafeEqual(mac, this.mac(workspaceId, id))) {
      return undefined;
    }
    return uuidString(id);
  }

  /** `support+<token>@example.com` for `support@example.com`. */
  plusAddress(mailbox: string, workspaceId: string, ticketId: string): string {
    const at = mailbox.lastIndexOf('@');
    const local = mailbox.slice(0, at).replace(/\+.*$/, '');
    return `${local}+${this.sign(workspaceId, ticketId)}${mailbox.slice(at)}`;
  }

  /**
   * A fresh Message-ID of our own for a mail about this ticket, `<token.nonce@domain>`: a reply
   * that references it threads back through the token, whatever mailbox it reaches.
   */
  messageId(workspaceId: string, ticketId: string, domain: string): string {
    return `<${this.sign(workspaceId, ticketId)}.${randomBytes(8).toString('hex')}@${domain}>`;
  }

  private mac(workspaceId: string, ticketId: Buffer): Buffer {
    return createHmac('sha256', this.key)
      .update(uuidBytes(workspaceId))
      .update(ticketId)
      .digest()
      .subarray(0, MAC_BYTES);
  }
}

/** The token in a plus-address's local part (`support+<token>@…`), if it has one. */
export function tokenOfAddress(address: string): string | undefined {
  const local = address.slice(0, address.lastIndexOf('@'));
  const plus = local.indexOf('+');
  return plus >= 0 ? local.slice(plus + 1) : undefined;
}

/**
 * The token in one of our own Message-IDs (`<token.nonce@domain>`), if it looks like one;
 * whether it is ours is for `verify` to say.
 */
export function tokenOfMessageId(messageId: string): string | undefined {
  const local = /^<?([^@>]+)@/.exec(messageId.trim())?.[1];
  const token = local?.split('.')[0];
  return token && TOKEN.test(token.toLowerCase()) ? token : undefined;
}

function uuidBytes(uuid: string): Buffer {
  if (!UUID.test(uuid)) throw new Error(`not a uuid: ${uuid}`);
  return Buffer.from(uuid.replace(/-/g, ''), 'hex');
}

function uuidString(bytes: Buffer): string {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** RFC 4648 base32 without padding, in lowercase (mail servers may lowercase a local part). */
function base32(bytes: Buffer): string {
  return base32nopad.encode(bytes).toLowerCase();
}

function unbase32(text: string): Buffer {
  return Buffer.from(base32nopad.decode(text.toUpperCase()));
}
