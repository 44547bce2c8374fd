import { Injectable } from '@nestjs/common';
import {
  AttachmentRefV1,
  FindAttachmentV1,
  KeysInUseReplyV1,
  KeysInUseV1,
} from '@switchboard/contracts';
import { DataSource } from 'typeorm';
import { resolveActor } from '../core/resolved-actor';
import { visibleTickets } from '../access/ticket-visibility';
import { TicketCoreException } from '../core/ticket-core.exception';

/**
 * Whether the caller may download some stored content: the gateway serves bytes only for a key
 * that a message of a ticket the caller can see carries. Storage is keyed by content hash and
 * shared by every workspace, so this check (not the key) is what keeps workspaces apart.
 */
@Injectable()
export class AttachmentLookupService {
  constructor(private readonly dataSource: DataSource) {}

  async find(request: FindAttachmentV1): Promise<AttachmentRefV1> {
    const manager = this.dataSource.manager;
    const actor = await resolveActor(manager, request.actor);
    const params: unknown[] = [];
    const visible = visibleTickets(actor, params);
    const key = `$${params.push(JSON.stringify([{ key: request.key }]))}`;
    const name = `$${params.push(request.name ?? null)}`;
    const type = `$${params.push(request.contentType ?? null)}`;
    // Customers never see what internal notes carry.
    const notes = actor.kind === 'customer' ? `AND m.visibility = 'public'` : '';
    // `attachments <> '[]'` lets the planner use the partial GIN index messages_attachment_keys.
    const [row]: AttachmentRefV1[] = await manager.query(
      `SELECT a.value->>'key' AS key, a.value->>'name' AS name,
              a.value->>'contentType' AS "contentType", (a.value->>'size')::bigint AS size
         FROM messages m
         JOIN tickets t ON t.id = m.ticket_id
         CROSS JOIN LATERAL jsonb_array_elements(m.attachments) a
        WHERE ${visible}
          AND m.workspace_id = t.workspace_id
          AND m.attachments <> '[]'::jsonb AND m.attachments @> ${key}::jsonb
          AND a.value @> (${key}::jsonb -> 0) ${notes}
        ORDER BY (a.value->>'name' = ${name}) IS TRUE DESC,
                 (a.value->>'contentType' = ${type}) IS TRUE DESC,
                 m.created_at DESC
        LIMIT 1`,
      params,
    );
    // One answer for "no such content" and "not yours": existence is not leaked.
    if (!row) throw TicketCoreException.notFound('attachment');
    return { ...row, size: Number(row.size) };
  }

  /** The keys some message still carries (the GIN index answers each containment test). */
  async inUse(request: KeysInUseV1): Promise<KeysInUseReplyV1> {
    if (request.keys.length === 0) return { keys: [] };
    const rows: { key: string }[] = await this.dataSource.query(
      `SELECT k.key FROM unnest($1::text[]) AS k(key)
        WHERE EXISTS (SELECT 1 FROM messages m
                       WHERE m.attachments <> '[]'::jsonb
                         AND m.attachments @> jsonb_build_array(jsonb_build_object('key', k.key)))`,
      [request.keys],
    );
    return { keys: rows.map((row) => row.key) };
  }
}
