import type { Response } from 'express';

/** A page to answer, or where to send the browser (after a form was taken). */
export type PageAnswer =
  { status: number; html: string; frameable?: boolean } | { redirect: string };

/**
 * No script at all, style from our own stylesheet only. Framing is refused but for the embeddable
 * contact form; the referrer stays on this site (the ticket page's address is its credential).
 */
export function sendPage(response: Response, page: PageAnswer): void {
  response.setHeader('cache-control', 'no-store').setHeader('referrer-policy', 'same-origin');
  if ('redirect' in page) {
    response.redirect(303, page.redirect);
    return;
  }
  const ancestors = page.frameable ? '*' : "'none'";
  response.setHeader(
    'content-security-policy',
    `default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors ${ancestors}`,
  );
  if (page.frameable) response.removeHeader('x-frame-options');
  else response.setHeader('x-frame-options', 'DENY');
  response.status(page.status).type('html').send(page.html);
}
