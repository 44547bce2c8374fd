/**
 * What full-text search indexes, kept in ticket_search.search_vector (its own table, so that the
 * vectors do not bloat the ticket rows every view reads): the subject (weight A), the customer's
 * name and email (B, replaced on every ticket of the customer when they are edited) and the
 * messages (C, each capped so one huge mail cannot bloat the row). The
 * 'simple' configuration: no stemming, so every language of a helpdesk is searchable.
 */
export const MESSAGE_INDEX_CHARS = 10_000;

/**
 * A new ticket's vector from SQL expressions for its subject, its customer's text and its first
 * message (which may be NULL). The first message is indexed here, once: insertMessage does not
 * add it again.
 */
export function ticketSearchVectorSql(subject: string, customer: string, body: string): string {
  return `setweight(to_tsvector('simple', ${subject}), 'A')
    || ${customerSearchVectorSql(customer)}
    || ${messageSearchVectorSql(`coalesce(${body}, '')`)}`;
}

/** The customer's text as indexed, from SQL expressions for their name and email. */
export function customerSearchTextSql(name: string, email: string): string {
  return `concat_ws(' ', ${name}, ${email})`;
}

function customerSearchVectorSql(customer: string): string {
  return `setweight(to_tsvector('simple', ${customer}), 'B')`;
}

/**
 * `vector` (an SQL expression) with its customer part replaced by `customer`'s text, for when the
 * customer's name or email changes. Weight B is the customer's alone, so the old text is dropped
 * exactly, whatever the messages repeat; subject and messages are kept as they were, without
 * reading the messages again. The new text goes last: positions only serve phrase search and
 * rank within one part (a word the ticket already repeats 256 times may gain no B position, but
 * still matches).
 */
export function replaceCustomerSearchVectorSql(vector: string, customer: string): string {
  return `ts_filter(${vector}, '{a,c,d}') || ${customerSearchVectorSql(customer)}`;
}

/** The addition to a ticket's vector for one more message, from an SQL expression of its text. */
export function messageSearchVectorSql(body: string): string {
  return `setweight(to_tsvector('simple', left(${body}, ${MESSAGE_INDEX_CHARS})), 'C')`;
}

/** As ticketSearchVectorSql, with the values pushed into `params`. */
export function ticketSearchVector(
  params: unknown[],
  subject: string,
  customer: string,
  body: string | null,
): string {
  const p = (value: unknown) => `$${params.push(value)}::text`;
  return ticketSearchVectorSql(p(subject), p(customer), p(body));
}

/** As messageSearchVectorSql, with the text pushed into `params`. */
export function messageSearchVector(params: unknown[], body: string): string {
  return messageSearchVectorSql(`$${params.push(body)}::text`);
}
