import { Injectable } from '@nestjs/common';
import {
  ErrorCode,
  InboundMailListV1,
  InboundMailV1Summary,
  ListInboundMailsV1,
  ReplayInboundMailV1,
} from '@switchboard/contracts';
import { ServiceException } from '@switchboard/messaging';
import { DataSource } from 'typeorm';
import { InboxWorkers } from '../inbox/inbox-workers.service';
import { requireAdmin } from '../mailboxes/mailboxes.service';

const SUMMARY = `i.id, m.address AS "mailboxAddress", i.recipient, i.mail_from AS "mailFrom", i.size,
  i.status, i.outcome, i.attempts, i.last_error AS "lastError", i.ticket_id AS "ticketId",
  i.received_at AS "receivedAt", i.processed_at AS "processedAt"`;

interface SummaryRow extends Omit<InboundMailV1Summary, 'receivedAt' | 'processedAt'> {
  receivedAt: Date;
  processedAt: Date | null;
}

const toWire = (row: SummaryRow): InboundMailV1Summary => ({
  ...row,
  receivedAt: row.receivedAt.toISOString(),
  processedAt: row.processedAt?.toISOString() ?? null,
});

/**
 * The admin's view of received mail and the replay of a parked or held one: its raw bytes were
 * kept, so it goes through processing again as if it had just arrived.
 */
@Injectable()
export class InboundMailsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly workers: InboxWorkers,
  ) {}

  async list(query: ListInboundMailsV1): Promise<InboundMailListV1> {
    requireAdmin(query.actor);
    const rows: SummaryRow[] = await this.dataSource.query(
      `SELECT ${SUMMARY} FROM inbound_mails i JOIN mailboxes m ON m.id = i.mailbox_id
        WHERE i.workspace_id = $1 AND ($2::text IS NULL OR i.status = $2)
        ORDER BY i.received_at DESC LIMIT $3`,
      [query.actor.workspaceId, query.status ?? null, query.limit ?? 100],
    );
    return { items: rows.map(toWire) };
  }

  async replay(command: ReplayInboundMailV1): Promise<InboundMailV1Summary> {
    requireAdmin(command.actor);
    const [row]: SummaryRow[] = await this.dataSource.query(
      `WITH replayed AS (
         UPDATE inbound_mails
            SET status = 'pending', attempts = 0, next_attempt_at = now(), replayed = true,
                last_error = NULL
          WHERE id = $1 AND workspace_id = $2 AND status IN ('parked', 'held')
          RETURNING *)
       SELECT ${SUMMARY} FROM replayed i JOIN mailboxes m ON m.id = i.mailbox_id`,
      [command.mailId, command.actor.workspaceId],
    );
    if (!row) {
      const [exists] = await this.dataSource.query(
        `SELECT status FROM inbound_mails WHERE id = $1 AND workspace_id = $2`,
        [command.mailId, command.actor.workspaceId],
      );
      if (!exists) throw new ServiceException(ErrorCode.NOT_FOUND, 'inbound mail not found');
      throw new ServiceException(
        ErrorCode.CONFLICT,
        `only parked or held mail can be replayed; this one is ${exists.status}`,
      );
    }
    this.workers.wake();
    return toWire(row);
  }
}
