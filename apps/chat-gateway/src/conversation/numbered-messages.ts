import { ChatMessageEventV1, MessagePlaceV1, MessageV1 } from '@switchboard/contracts';

export type Reader = 'customer' | 'agent';

/**
 * A ticket's messages as one reader sees them, each with its place in that history (`seq`, from
 * 1): customers see the public ones only, agents their notes too. The numbers come from
 * ticket-core's history alone, so every replica gives the same message the same number and a
 * client that reconnects with its last number misses nothing.
 */
export function numberedMessages(
  ticketId: string,
  messages: MessageV1[],
  reader: Reader,
  /** How many of the reader's history come before `messages` (a read from an offset). */
  after = 0,
): ChatMessageEventV1[] {
  return messages
    .filter((message) => reader === 'agent' || message.visibility === 'public')
    .map((message, index) => ({
      seq: after + index + 1,
      id: message.id,
      ticketId,
      visibility: message.visibility,
      authorKind: message.authorKind,
      authorId: reader === 'agent' || message.authorKind === 'customer' ? message.authorId : null,
      authorName: message.authorName,
      bodyText: message.bodyText,
      attachments: message.attachments,
      createdAt: message.createdAt,
    }));
}

/** The seq of the last customer message among `messages`, or `known` if that is later. */
export function lastCustomerSeq(messages: ChatMessageEventV1[], known = 0): number {
  return messages.reduce(
    (last, message) => (message.authorKind === 'customer' ? Math.max(last, message.seq) : last),
    known,
  );
}

/** Whether the customer wrote after the agent's last seen message: a reply now would be stale. */
export function customerWroteSince(history: ChatMessageEventV1[], seenSeq: number): boolean {
  return history.some((message) => message.seq > seenSeq && message.authorKind === 'customer');
}

/** A message as the event that announced it tells it. */
export interface AddedMessage {
  eventId: string;
  message: MessageV1;
  /** Absent in events of an older ticket-core. */
  place?: MessagePlaceV1;
}

/**
 * A reader's messages after its first `after`, as far as the event alone tells them: none when
 * the reader already has the added message or never sees it, the message itself when it is the
 * next one; undefined when there is a gap only ticket-core's history can fill.
 */
export function fromEvent(
  ticketId: string,
  added: AddedMessage,
  reader: Reader,
  after: number,
): ChatMessageEventV1[] | undefined {
  if (!added.place) return undefined;
  if (reader === 'customer' && added.message.visibility !== 'public') return [];
  const place = reader === 'agent' ? added.place.all : added.place.public;
  if (place <= after) return [];
  if (place === after + 1) return numberedMessages(ticketId, [added.message], reader, after);
  return undefined;
}
