/** Text into HTML (element content and quoted attributes alike). */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/*
 * The server-rendered public pages (help center, ticket page, contact form) build their HTML
 * with this one tag: customer and agent text is data, escaped wherever it lands.
 */

/** HTML already made safe: markup of our own, article bodies (sanitized by knowledge-base where they are saved), passages. */
export class Trusted {
  constructor(readonly html: string) {}
}

/** A template tag that escapes every value but a Trusted one (or a list of them). */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Trusted {
  let out = strings[0];
  values.forEach((value, index) => {
    const items = Array.isArray(value) ? value : [value];
    for (const item of items) {
      out += item instanceof Trusted ? item.html : escapeHtml(String(item ?? ''));
    }
    out += strings[index + 1];
  });
  return new Trusted(out);
}

export const trusted = (markup: string) => new Trusted(markup);
