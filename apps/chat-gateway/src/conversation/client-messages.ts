import { Injectable } from '@nestjs/common';
import { ChatMessageSentV1 } from '@switchboard/contracts';
import { inTransaction } from '@switchboard/database';
import { DataSource } from 'typeorm';

/**
 * Messages sent at most once per client id: a widget or desk that resends after a lost ack (a
 * reconnect, a reload) gets the first message's id back instead of a second message.
 */
@Injectable()
export class ClientMessages {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Runs `send` unless this client id was sent already. The row is locked while sending, so a
   * resend racing the first waits and then finds its id; a send that fails leaves no row.
   */
  once(
    ticketId: string,
    clientId: string,
    send: () => Promise<string>,
  ): Promise<ChatMessageSentV1> {
    return inTransaction(
      this.dataSource,
      async (manager) => {
        // One statement claims the id: a new row, or the existing one locked (ON CONFLICT DO
        // UPDATE waits for a send in flight and then sees its message id).
        const [row]: { message_id: string | null }[] = await manager.query(
          `INSERT INTO client_messages (ticket_id, client_id) VALUES ($1, $2)
           ON CONFLICT (ticket_id, client_id) DO UPDATE SET client_id = excluded.client_id
           RETURNING message_id`,
          [ticketId, clientId],
        );
        if (row.message_id) return { messageId: row.message_id, duplicate: true };
        const messageId = await send();
        await manager.query(
          `UPDATE client_messages SET message_id = $3 WHERE ticket_id = $1 AND client_id = $2`,
          [ticketId, clientId, messageId],
        );
        return { messageId, duplicate: false };
      },
      // Retrying the unit would send the message again.
      { retries: 0 },
    );
  }

  /** Records a message sent by other means (a chat's first message, sent with the ticket). */
  async record(ticketId: string, clientId: string, messageId: string): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO client_messages (ticket_id, client_id, message_id) VALUES ($1, $2, $3)
       ON CONFLICT DO NOTHING`,
      [ticketId, clientId, messageId],
    );
  }
}
