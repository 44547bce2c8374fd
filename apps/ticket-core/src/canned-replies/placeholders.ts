/** The placeholders a canned reply may use (PRODUCT §5), filled in for one ticket. */
export const PLACEHOLDERS = ['customer_name', 'agent_name', 'ticket_url', 'ticket_number'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];
export type PlaceholderValues = Record<Placeholder, string>;

const PATTERN = /\{\{\s*([a-z_]+)\s*\}\}/g;

function isPlaceholder(name: string): name is Placeholder {
  return (PLACEHOLDERS as readonly string[]).includes(name);
}

/**
 * Replaces `{{name}}` (spaces inside the braces allowed) by its value. Unknown names stay as
 * written, so a typo shows up in the agent's draft instead of vanishing. One pass: a value that
 * itself looks like a placeholder (a customer named "{{agent_name}}") is not expanded again.
 */
export function renderPlaceholders(template: string, values: PlaceholderValues): string {
  return template.replace(PATTERN, (match, name: string) =>
    isPlaceholder(name) ? values[name] : match,
  );
}

/** The customer's public ticket page: the workspace's base URL, `/t/`, the ticket's token. */
export function ticketUrl(publicBaseUrl: string, publicToken: string): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}/t/${encodeURIComponent(publicToken)}`;
}
