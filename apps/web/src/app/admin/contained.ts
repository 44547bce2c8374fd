/**
 * HTML for `MessageHtml` wrapped in a block that contains its children's margins, so that the
 * frame's measured height includes a leading heading's and a trailing paragraph's margins.
 */
export function contained(html: string): string {
  return `<div style="display:flow-root">${html}</div>`;
}
