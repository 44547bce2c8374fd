import { describe, expect, it } from '@jest/globals';
import { contentDisposition, isInlineType } from './content-disposition';

describe('contentDisposition', () => {
  it('gives an ASCII fallback and the exact name RFC 5987-encoded', () => {
    expect(contentDisposition('Prüfbericht (1).pdf', false)).toBe(
      `attachment; filename="Pr_fbericht (1).pdf"; filename*=UTF-8''Pr%C3%BCfbericht%20%281%29.pdf`,
    );
  });

  it('never lets quotes or backslashes break out of the quoted name', () => {
    const header = contentDisposition('a"; filename="evil.html\\', false);
    expect(header).toMatch(/^attachment; filename="a_; filename=_evil.html_"; filename\*=/);
    expect(header).not.toContain('\\');
  });

  it('shows plain images inline and nothing else', () => {
    expect(contentDisposition('p.png', true)).toMatch(/^inline; /);
    for (const type of ['image/png', 'image/jpeg', 'image/gif', 'image/webp']) {
      expect(isInlineType(type)).toBe(true);
    }
    for (const type of ['image/svg+xml', 'text/html', 'application/pdf', 'text/plain']) {
      expect(isInlineType(type)).toBe(false);
    }
  });
});
