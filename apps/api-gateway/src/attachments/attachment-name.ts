const MAX_NAME_LENGTH = 200;
const FALLBACK_NAME = 'attachment';

/**
 * The client's file name, kept only as metadata: the last path segment (a browser or an attacker
 * may send `C:\fakepath\x` or `../../etc/passwd`), without control or invisible format
 * characters (a right-to-left override turns `gpj.exe` into what looks like `exe.jpg`), without
 * leading dots, and at most 200 characters with its extension kept. Never used as a path.
 */
export function sanitizeFileName(raw: string | undefined): string {
  const lastSegment = (raw ?? '').normalize('NFC').split(/[/\\]/).pop() ?? '';
  const cleaned = lastSegment
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+/, '')
    .replace(/[\s.]+$/, '');
  if (!cleaned) return FALLBACK_NAME;
  return capLength(cleaned);
}

/** Cuts by code points (never half a surrogate pair), keeping a short extension. */
function capLength(name: string): string {
  const chars = Array.from(name);
  if (chars.length <= MAX_NAME_LENGTH) return name;
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 ? Array.from(name.slice(dot)) : [];
  if (extension.length > 0 && extension.length <= 16) {
    const stem = Array.from(name.slice(0, dot)).slice(0, MAX_NAME_LENGTH - extension.length);
    return [...stem, ...extension].join('');
  }
  return chars.slice(0, MAX_NAME_LENGTH).join('');
}
