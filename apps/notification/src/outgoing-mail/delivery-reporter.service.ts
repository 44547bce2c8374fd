import { Injectable, Logger } from '@nestjs/common';
import * as c from '@switchboard/contracts';
import { NatsRpcClient, PollingService } from '@switchboard/messaging';
import { inTransaction } from '@switchboard/database';
import { DataSource } from 'typeorm';
import { NotificationConfig } from '../config';
import { system } from '../directory/ticket-core-directory';

interface Unreported {
  id: string;
  workspace_id: string;
  ticket_id: string;
  ticket_message_id: string;
  message_id: string;
  recipient: string | null;
  state: c.DeliveryState;
  last_error: string | null;
}

const BATCH = 100;

/**
 * Tells ticket-core what became of each mail that carries a ticket message (an agent's reply),
 * so the desk shows it on the message: `sent` with our Message-ID (mail-ingest threads replies
 * by it), `failed` with the reason (ticket-core adds a system note), and `queued` with the reason
 * while a temporary failure is being retried. Reported until ticket-core has it: a stopped
 * ticket-core delays the report, never loses it. A mail sent at once is reported once, as sent.
 */
@Injectable()
export class DeliveryReporter extends PollingService {
  private readonly logger = new Logger(DeliveryReporter.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly rpc: NatsRpcClient,
    private readonly config: NotificationConfig,
  ) {
    super();
  }

  protected async round(): Promise<number> {
    try {
      const reported = await this.reportSome();
      return reported >= BATCH ? 0 : this.config.MAIL_POLL_MS;
    } catch (error) {
      this.logger.warn(`delivery reports failed: ${(error as Error).message}`);
      return 1000;
    }
  }

  private reportSome(): Promise<number> {
    // The rows stay locked while ticket-core is told, so two replicas never report one twice.
    return inTransaction(this.dataSource, async (manager) => {
      const rows: Unreported[] = await manager.query(
        `SELECT id, workspace_id, ticket_id, ticket_message_id, message_id, recipient, state, last_error
           FROM outgoing_mail
          WHERE ticket_message_id IS NOT NULL AND reported_state IS DISTINCT FROM state
            AND (state <> 'queued' OR last_error IS NOT NULL)
          ORDER BY created_at
          LIMIT $1
          FOR UPDATE SKIP LOCKED`,
        [BATCH],
      );
      const reported: Unreported[] = [];
      // One request per workspace (a system actor speaks for one), not one per mail.
      for (const batch of byWorkspace(rows)) {
        try {
          // A message that is gone (a deleted ticket's purge) answers null: nothing will ever
          // take its report, so it counts as made.
          await this.rpc.request(c.RECORD_DELIVERIES_V1, {
            actor: system(batch[0].workspace_id),
            deliveries: batch.map((row) => ({
              ticketId: row.ticket_id,
              messageId: row.ticket_message_id,
              mailMessageId: row.message_id,
              state: row.state,
              recipient: row.recipient ?? undefined,
              reason: row.last_error?.slice(0, 2000) ?? undefined,
            })),
          });
          reported.push(...batch);
        } catch (error) {
          this.logger.warn(
            `${batch.length} delivery outcome(s) not reported: ${(error as Error).message}`,
          );
        }
      }
      if (reported.length > 0) {
        await manager.query(
          `UPDATE outgoing_mail m SET reported_state = r.state
             FROM unnest($1::uuid[], $2::text[]) AS r(id, state) WHERE m.id = r.id`,
          [reported.map((row) => row.id), reported.map((row) => row.state)],
        );
      }
      return rows.length;
    });
  }
}

function byWorkspace(rows: Unreported[]): Unreported[][] {
  const groups = new Map<string, Unreported[]>();
  for (const row of rows) {
    const group = groups.get(row.workspace_id);
    if (group) group.push(row);
    else groups.set(row.workspace_id, [row]);
  }
  return [...groups.values()];
}
