import { Injectable } from '@nestjs/common';
import {
  CannedReplyListV1,
  CannedReplyV1,
  CreateCannedReplyV1,
  DeleteCannedReplyV1,
  ListCannedRepliesV1,
  UpdateCannedReplyV1,
} from '@switchboard/contracts';
import { EntityManager } from 'typeorm';
import { TicketCoreException } from '../core/ticket-core.exception';
import { Transactions } from '../core/command-context';
import {
  ownerForNewReply,
  requireDeskUser,
  requireMayChange,
  visibleCannedReplies,
} from './canned-reply-access';
import { CANNED_REPLY_COLUMNS, CannedReplyRow, toCannedReplyV1 } from './canned-reply-row';

/** Personal and workspace-wide reply templates (PRODUCT §5). */
@Injectable()
export class CannedRepliesService {
  constructor(private readonly transactions: Transactions) {}

  create(command: CreateCannedReplyV1): Promise<CannedReplyV1> {
    return this.transactions.transaction(command.actor, async ({ manager, actor, now }) => {
      const owner = ownerForNewReply(actor, command.shared ?? false);
      const [row]: CannedReplyRow[] = await manager.query(
        `INSERT INTO canned_replies AS r (workspace_id, owner_agent_id, title, body, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $5) RETURNING ${CANNED_REPLY_COLUMNS}`,
        [actor.workspaceId, owner, requireTitle(command.title), command.body, now],
      );
      return toCannedReplyV1(row);
    });
  }

  /** Changes the title and/or body; an update naming neither answers the reply unchanged. */
  update(command: UpdateCannedReplyV1): Promise<CannedReplyV1> {
    return this.transactions.transaction(command.actor, async ({ manager, actor, now }) => {
      const reply = await this.lock(manager, actor.workspaceId, command.cannedReplyId);
      requireMayChange(actor, reply);
      if (command.title === undefined && command.body === undefined) return toCannedReplyV1(reply);
      const title = command.title === undefined ? null : requireTitle(command.title);
      const [[row]]: [CannedReplyRow[], number] = await manager.query(
        `UPDATE canned_replies AS r
            SET title = coalesce($2, r.title), body = coalesce($3, r.body), updated_at = $4
          WHERE r.id = $1 RETURNING ${CANNED_REPLY_COLUMNS}`,
        [reply.id, title, command.body ?? null, now],
      );
      return toCannedReplyV1(row);
    });
  }

  delete(command: DeleteCannedReplyV1): Promise<{ deleted: true }> {
    return this.transactions.transaction(command.actor, async ({ manager, actor }) => {
      const reply = await this.lock(manager, actor.workspaceId, command.cannedReplyId);
      requireMayChange(actor, reply);
      await manager.query(`DELETE FROM canned_replies WHERE id = $1`, [reply.id]);
      return { deleted: true as const };
    });
  }

  /** The workspace's shared replies and the caller's own, by title. */
  list(query: ListCannedRepliesV1): Promise<CannedReplyListV1> {
    return this.transactions.transaction(query.actor, async ({ manager, actor }) => {
      requireDeskUser(actor);
      const params: unknown[] = [];
      const rows: CannedReplyRow[] = await manager.query(
        `SELECT ${CANNED_REPLY_COLUMNS} FROM canned_replies r
          WHERE ${visibleCannedReplies(actor, params)}
          ORDER BY lower(r.title), r.title, r.id`,
        params,
      );
      return { items: rows.map(toCannedReplyV1) };
    });
  }

  /** A reply of the workspace, locked; the caller's right to change it is checked afterwards. */
  private async lock(
    manager: EntityManager,
    workspaceId: string,
    id: string,
  ): Promise<CannedReplyRow> {
    const [row]: CannedReplyRow[] = await manager.query(
      `SELECT ${CANNED_REPLY_COLUMNS} FROM canned_replies r
        WHERE r.id = $1 AND r.workspace_id = $2 FOR UPDATE`,
      [id, workspaceId],
    );
    if (!row) throw TicketCoreException.notFound('canned reply');
    return row;
  }
}

function requireTitle(title: string): string {
  const trimmed = title.trim();
  if (!trimmed) throw TicketCoreException.invalid('title', 'title must not be blank');
  return trimmed;
}
