import { Injectable } from '@nestjs/common';
import { CustomerWithTicketsV1, GetCustomerV1 } from '@switchboard/contracts';
import { visibleCustomers, visibleTickets } from '../access/ticket-visibility';
import { CUSTOMER_COLUMNS, CustomerRow, toCustomerV1 } from '../customers/customer-row';
import { TICKET_FROM, TicketSummaryRow, summaryColumns, toSummary } from '../tickets/ticket-row';
import { requireStaff } from '../core/resolved-actor';
import { Transactions } from '../core/command-context';
import { TicketCoreException } from '../core/ticket-core.exception';

/** How many earlier tickets the customer panel lists. */
export const CUSTOMER_TICKETS = 50;

/**
 * The customer info panel (PRODUCT §5): the customer and their earlier tickets, of those the
 * caller may see. A customer the caller may not reach (another workspace's, or for an agent one
 * with no ticket they see) is NOT_FOUND, like one that does not exist.
 */
@Injectable()
export class CustomerProfileService {
  constructor(private readonly transactions: Transactions) {}

  get(request: GetCustomerV1): Promise<CustomerWithTicketsV1> {
    return this.transactions.read(request.actor, async ({ manager, actor }) => {
      requireStaff(actor);
      const visible: unknown[] = [request.customerId];
      const [customer]: CustomerRow[] = await manager.query(
        `SELECT ${CUSTOMER_COLUMNS} FROM customers c
          WHERE c.id = $1 AND ${visibleCustomers(actor, visible)}`,
        visible,
      );
      if (!customer) throw TicketCoreException.notFound('customer');
      // tickets_customer (customer_id, created_at DESC); deleted tickets are not history.
      const params: unknown[] = [customer.id];
      const columns = summaryColumns(params, actor.agentId);
      const tickets: TicketSummaryRow[] = await manager.query(
        `SELECT ${columns} FROM ${TICKET_FROM}
          WHERE t.customer_id = $1 AND t.deleted_at IS NULL AND ${visibleTickets(actor, params)}
          ORDER BY t.created_at DESC, t.id DESC
          LIMIT ${CUSTOMER_TICKETS}`,
        params,
      );
      return { ...toCustomerV1(customer), tickets: tickets.map(toSummary) };
    });
  }
}
