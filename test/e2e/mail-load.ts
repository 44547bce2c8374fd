import { createTransport } from 'nodemailer';

/** What became of a batch of mails sent over SMTP: accepted (250) or refused, by Message-ID. */
export interface SendOutcome {
  accepted: string[];
  /** Message-ID → the SMTP reply code (or 0 for a connection that failed). */
  refused: Map<string, number>;
}

let sequence = 0;

/** `count` fresh Message-IDs under one label. */
export function messageIds(label: string, count: number): string[] {
  const run = `${Date.now()}.${process.pid}.${++sequence}`;
  return Array.from({ length: count }, (_, index) => `<${label}.${run}.${index}@load.test>`);
}

/**
 * Sends one small mail per Message-ID to `to` over `connections` pooled SMTP connections, as a
 * mail server would, and records each answer. Never throws: a refusal is an outcome.
 */
export async function sendMails(
  port: number,
  to: string,
  ids: string[],
  options: { connections?: number; bodyBytes?: number; onAccepted?: () => void } = {},
): Promise<SendOutcome> {
  const transport = createTransport({
    host: '127.0.0.1',
    port,
    secure: false,
    ignoreTLS: true,
    pool: true,
    maxConnections: options.connections ?? 8,
    maxMessages: Infinity,
  });
  const body = 'x'.repeat(Math.max(0, (options.bodyBytes ?? 200) - 1)) + '\n';
  const outcome: SendOutcome = { accepted: [], refused: new Map() };
  try {
    await Promise.all(
      ids.map(async (messageId, index) => {
        try {
          await transport.sendMail({
            from: `customer${index % 50}@load.test`,
            to,
            subject: `Load ${index}`,
            text: body,
            messageId,
          });
          outcome.accepted.push(messageId);
          options.onAccepted?.();
        } catch (error) {
          outcome.refused.set(messageId, (error as { responseCode?: number }).responseCode ?? 0);
        }
      }),
    );
  } finally {
    transport.close();
  }
  return outcome;
}
