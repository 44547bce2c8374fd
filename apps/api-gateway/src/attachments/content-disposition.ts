/** Images a browser renders without running anything: shown inline, everything else downloads. */
const INLINE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

export function isInlineType(contentType: string): boolean {
  return INLINE_TYPES.has(contentType);
}

/**
 * `attachment` (or `inline`) with both an ASCII `filename` for old clients and the exact name as
 * RFC 5987 `filename*` (RFC 6266 §4.3). Quotes, backslashes and non-ASCII never reach the quoted
 * form, so a name cannot break out of the header.
 */
export function contentDisposition(name: string, inline: boolean): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  // encodeURIComponent leaves ' ( ) * unescaped; RFC 5987's attr-char does not allow them.
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
