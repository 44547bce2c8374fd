/**
 * What full-text search indexes, kept in tickets.search_vector: the subject (weight A), the
 * customer's name and email (B) and the messages (C, each capped so one huge mail cannot bloat the
 * row). The 'simple' configuration: no stemming, so every language of a helpdesk is searchable.
 * Parameters are pushed into `params`.
 */
export const MESSAGE_INDEX_CHARS = 10_000;

export function ticketSearchVector(
  params: unknown[],
  subject: string,
  customer: string,
  body: string | null,
): string {
  const p = (value: unknown) => `$${params.push(value)}`;
  return `setweight(to_tsvector('simple', ${p(subject)}), 'A')
    || setweight(to_tsvector('simple', ${p(customer)}), 'B')
    || setweight(to_tsvector('simple', left(${p(body ?? '')}, ${MESSAGE_INDEX_CHARS})), 'C')`;
}

/** The addition to a ticket's vector for one more message. */
export function messageSearchVector(params: unknown[], body: string): string {
  return `setweight(to_tsvector('simple', left($${params.push(body)}, ${MESSAGE_INDEX_CHARS})), 'C')`;
}
