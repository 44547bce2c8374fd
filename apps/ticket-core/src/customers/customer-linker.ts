import { Injectable } from '@nestjs/common';
import { CustomerRefV1 } from '@switchboard/contracts';
import { EntityManager } from 'typeorm';
import { TicketException } from '../tickets/ticket.exception';

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
      throw TicketException.invalid('customer', 'a customer needs an email or an external id');
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
    if (!raced) throw TicketException.conflict('customer was created concurrently; try again');
    return { ...raced, created: false };
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
