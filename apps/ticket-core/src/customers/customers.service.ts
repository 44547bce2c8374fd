import { Injectable } from '@nestjs/common';
import {
  CUSTOMER_UPDATED_V1,
  CustomerV1,
  LinkCustomerV1,
  ROLES,
  UpdateCustomerV1,
} from '@switchboard/contracts';
import { Outbox } from '@switchboard/messaging';
import { EntityManager } from 'typeorm';
import { visibleCustomers } from '../access/ticket-visibility';
import { ResolvedActor, actorId, requireRole } from '../core/resolved-actor';
import { TicketCoreException } from '../core/ticket-core.exception';
import { Transactions } from '../core/command-context';
import { customerSearchTextSql, replaceCustomerSearchVectorSql } from '../search/search-vector';
import { CustomerLinker } from './customer-linker';
import { CustomerChanges, EDITABLE_FIELDS, customerChanges } from './customer-changes';
import { CUSTOMER_COLUMNS, CustomerRow, toCustomerV1 } from './customer-row';

const UNIQUE_VIOLATION = '23505';

/** Agents' edits of customers, and finding-or-creating a customer for integrations. */
@Injectable()
export class CustomersService {
  constructor(
    private readonly transactions: Transactions,
    private readonly linker: CustomerLinker,
    private readonly outbox: Outbox,
  ) {}

  /**
   * Changes name, email and notes, and publishes what changed in the same transaction. A new name
   * or email is searchable at once: the customer's tickets are re-indexed in that transaction too.
   * An update that changes nothing writes nothing and publishes nothing.
   */
  update(command: UpdateCustomerV1): Promise<CustomerV1> {
    return this.transactions.transaction(command.actor, async ({ manager, actor, now }) => {
      requireRole(actor, ...ROLES);
      const workspaceId = actor.workspaceId;
      const before = await this.find(manager, actor, command.customerId, 'FOR UPDATE');
      const changes = customerChanges(before, command);
      if (Object.keys(changes).length === 0) return toCustomerV1(before);

      const after = await this.write(manager, before.id, changes, now);
      if (changes.name || changes.email) await this.reindexTickets(manager, after.id);
      const customer = toCustomerV1(after);
      await this.outbox.add(manager, CUSTOMER_UPDATED_V1, workspaceId, {
        customerId: customer.id,
        actorKind: actor.kind,
        actorId: actorId(actor),
        customer,
        changes,
      });
      return customer;
    });
  }

  /** Finds the customer by external id or email, or creates one (as inbound channels do). */
  link(command: LinkCustomerV1): Promise<CustomerV1> {
    return this.transactions.transaction(command.actor, async ({ manager, actor }) => {
      requireRole(actor, ...ROLES);
      const { email, externalId, name } = command;
      const linked = await this.linker.link(manager, actor.workspaceId, {
        email,
        externalId,
        name,
      });
      const [row]: CustomerRow[] = await manager.query(
        `SELECT ${CUSTOMER_COLUMNS} FROM customers WHERE id = $1`,
        [linked.id],
      );
      return toCustomerV1(row);
    });
  }

  /**
   * A customer the caller may edit (`visibleCustomers`); one they may not reach is not found,
   * like a missing one.
   */
  private async find(
    manager: EntityManager,
    actor: ResolvedActor,
    id: string,
    lock = '',
  ): Promise<CustomerRow> {
    const params: unknown[] = [id];
    const [row]: CustomerRow[] = await manager.query(
      `SELECT ${CUSTOMER_COLUMNS} FROM customers c
        WHERE c.id = $1 AND ${visibleCustomers(actor, params)} ${lock}`,
      params,
    );
    if (!row) throw TicketCoreException.notFound('customer');
    return row;
  }

  /**
   * Replaces the customer's part of the search vector of each of their tickets (deleted ones too,
   * which a restore brings back) with their text as it now stands. The customer row is locked by
   * the update; a ticket created for them meanwhile reads the text under that lock (insertMany).
   */
  private async reindexTickets(manager: EntityManager, customerId: string): Promise<void> {
    const customer = customerSearchTextSql('c.name', 'c.email');
    await manager.query(
      `UPDATE ticket_search s
          SET search_vector = ${replaceCustomerSearchVectorSql('s.search_vector', customer)}
         FROM tickets t JOIN customers c ON c.id = t.customer_id
        WHERE t.customer_id = $1 AND s.ticket_id = t.id`,
      [customerId],
    );
  }

  private async write(
    manager: EntityManager,
    id: string,
    changes: CustomerChanges,
    now: Date,
  ): Promise<CustomerRow> {
    const params: unknown[] = [id, now];
    // Column names come from EDITABLE_FIELDS, never from the request.
    const sets = EDITABLE_FIELDS.filter((field) => changes[field]).map(
      (field) => `${field} = $${params.push(changes[field]?.after)}`,
    );
    try {
      const [[row]]: [CustomerRow[], number] = await manager.query(
        `UPDATE customers SET ${[...sets, 'updated_at = $2'].join(', ')} WHERE id = $1
         RETURNING ${CUSTOMER_COLUMNS}`,
        params,
      );
      return row;
    } catch (error) {
      // The unique index (workspace, email) decides, so two concurrent edits cannot both take
      // the address; only the email can collide, since the other fields are not unique.
      if ((error as { code?: string }).code === UNIQUE_VIOLATION && changes.email?.after) {
        throw TicketCoreException.conflict('another customer of the workspace has this email', {
          email: changes.email.after,
        });
      }
      throw error;
    }
  }
}
