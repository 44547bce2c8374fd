import { Injectable } from '@nestjs/common';
import {
  Actor,
  ErrorCode,
  MailboxListV1,
  MailboxV1,
  UpsertMailboxV1,
} from '@switchboard/contracts';
import { ServiceException } from '@switchboard/messaging';
import { DataSource } from 'typeorm';

interface MailboxRow {
  id: string;
  workspace_id: string;
  address: string;
  name: string;
  team_id: string | null;
  max_message_bytes: number | null;
  created_at: Date;
}

const toWire = (row: MailboxRow): MailboxV1 => ({
  id: row.id,
  workspaceId: row.workspace_id,
  address: row.address,
  name: row.name,
  teamId: row.team_id,
  maxMessageBytes: row.max_message_bytes,
  createdAt: row.created_at.toISOString(),
});

/** Mailbox settings are for admins (the gateway vouches for the role) and the system. */
export function requireAdmin(actor: Actor): void {
  if (actor.kind !== 'system' && !(actor.kind === 'agent' && actor.role === 'admin')) {
    throw new ServiceException(ErrorCode.FORBIDDEN, 'mailboxes are managed by admins');
  }
}

@Injectable()
export class MailboxesService {
  constructor(private readonly dataSource: DataSource) {}

  async upsert(command: UpsertMailboxV1): Promise<MailboxV1> {
    requireAdmin(command.actor);
    const address = command.address.trim().toLowerCase();
    // An address belongs to one workspace: another workspace's address is taken, not updated.
    const [row]: MailboxRow[] = await this.dataSource.query(
      `INSERT INTO mailboxes (workspace_id, address, name, team_id, max_message_bytes)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (address) DO UPDATE
         SET name = excluded.name, team_id = excluded.team_id,
             max_message_bytes = excluded.max_message_bytes
         WHERE mailboxes.workspace_id = excluded.workspace_id
       RETURNING *`,
      [
        command.actor.workspaceId,
        address,
        command.name,
        command.teamId ?? null,
        command.maxMessageBytes ?? null,
      ],
    );
    if (!row) throw new ServiceException(ErrorCode.CONFLICT, `${address} is already in use`);
    return toWire(row);
  }

  async list(actor: Actor): Promise<MailboxListV1> {
    const rows: MailboxRow[] = await this.dataSource.query(
      `SELECT * FROM mailboxes WHERE workspace_id = $1 ORDER BY address`,
      [actor.workspaceId],
    );
    return { items: rows.map(toWire) };
  }
}
