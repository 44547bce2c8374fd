import { Injectable } from '@nestjs/common';
import { CustomerRefV1 } from '@switchboard/contracts';
import { EntityManager } from 'typeorm';
import { TicketCoreException } from '../core/ticket-core.exception';

export interface LinkedCustomer {
  id: string;
  name: string | null;
  email: string | null;
  created: boolean;
}

/**
 * Finds the customer an inbound conversation is from, by external id first and then by email
 * (PRODUCT §1), or creates one. Safe under concurrency: two first messages from one new address
 * end up with one customer (the unique indexes decide, the loser reads the winner's row).
 */
@Injectable()
export class CustomerLinker {
  async link(
    manager: EntityManager,
    workspaceId: string,
    ref: CustomerRefV1,
  ): Promise<LinkedCustomer> {
    const email = ref.email?.trim().toLowerCase() || null;
    const externalId = ref.externalId?.trim() || null;
    if (!email && !externalId) {
      throw TicketCoreException.invalid('customer', 'a customer needs an email or an external id');
    }
    const existing = await this.find(manager, workspaceId, email, externalId);
    if (existing) return { ...existing, created: false };
    const [inserted] = await manager.query(
      `INSERT INTO customers (workspace_id, name, email, external_id) VALUES ($1, $2, $3, $4)
       ON CONFLICT DO NOTHING RETURNING id, name, email`,
      [workspaceId, ref.name?.trim() || null, email, externalId],
    );
    if (inserted) return { ...inserted, created: true };
    const raced = await this.find(manager, workspaceId, email, externalId);
    if (!raced) throw TicketCoreException.conflict('customer was created concurrently; try again');
    return { ...raced, created: false };
  }

  /**
   * `link` for many references at once (a batch of creations): one query finds the known
   * customers, one inserts the new ones, one reads those another transaction created first. The
   * answers are in the order of `refs`; a reference given twice gets the same customer.
   */
  async linkMany(
    manager: EntityManager,
    workspaceId: string,
    refs: CustomerRefV1[],
  ): Promise<LinkedCustomer[]> {
    const keys = refs.map((ref) => {
      const email = ref.email?.trim().toLowerCase() || null;
      const externalId = ref.externalId?.trim() || null;
      if (!email && !externalId) {
        throw TicketCoreException.invalid(
          'customer',
          'a customer needs an email or an external id',
        );
      }
      return { email, externalId, name: ref.name?.trim() || null };
    });
    const found = await this.findMany(manager, workspaceId, keys);
    const missing = keys.flatMap((key, index) => (found[index] ? [] : [key]));
    if (missing.length === 0) return found.map((row) => ({ ...row!, created: false }));
    const inserted: { id: string; name: string | null; email: string | null }[] =
      await manager.query(
        `INSERT INTO customers (workspace_id, name, email, external_id)
         SELECT $1, m.name, m.email, m."externalId"
           FROM jsonb_to_recordset($2::jsonb) AS m(name text, email text, "externalId" text)
         ON CONFLICT DO NOTHING RETURNING id, name, email`,
        [workspaceId, JSON.stringify(missing)],
      );
    const createdIds = new Set(inserted.map((row) => row.id));
    const again = await this.findMany(manager, workspaceId, missing);
    let next = 0;
    return keys.map((_, index) => {
      if (found[index]) return { ...found[index], created: false };
      const row = again[next++];
      if (!row) throw TicketCoreException.conflict('customer was created concurrently; try again');
      return { ...row, created: createdIds.has(row.id) };
    });
  }

  /**
   * `find` for each key, in one query; undefined where there is no such customer. The customers
   * found are key-share locked, as the tickets about to reference them would lock them anyway:
   * taken here, before the workspace's ticket counter, a creation that waits for a customer's
   * edit to commit waits alone, not holding every other creation of the workspace behind it.
   */
  private async findMany(
    manager: EntityManager,
    workspaceId: string,
    keys: { email: string | null; externalId: string | null }[],
  ): Promise<(Omit<LinkedCustomer, 'created'> | undefined)[]> {
    const rows: { k: number; id: string; name: string | null; email: string | null }[] =
      await manager.query(
        `SELECT r.k, c.id, c.name, c.email
           FROM ROWS FROM (jsonb_to_recordset($2::jsonb) AS (email text, "externalId" text))
                WITH ORDINALITY AS r(email, "externalId", k)
           CROSS JOIN LATERAL (
             SELECT id, name, email FROM customers
              WHERE workspace_id = $1 AND (external_id = r."externalId" OR email = r.email)
              ORDER BY (external_id = r."externalId") DESC NULLS LAST
              LIMIT 1
                FOR KEY SHARE) c`,
        [workspaceId, JSON.stringify(keys)],
      );
    const byIndex = new Map(rows.map(({ k, ...row }) => [Number(k) - 1, row]));
    return keys.map((_, index) => byIndex.get(index));
  }

  private async find(
    manager: EntityManager,
    workspaceId: string,
    email: string | null,
    externalId: string | null,
  ): Promise<Omit<LinkedCustomer, 'created'> | undefined> {
    const [row] = await manager.query(
      `SELECT id, name, email FROM customers
        WHERE workspace_id = $1 AND (external_id = $2 OR email = $3)
        ORDER BY (external_id = $2) DESC NULLS LAST
        LIMIT 1`,
      [workspaceId, externalId, email],
    );
    return row;
  }
}
