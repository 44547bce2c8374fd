/*
 * The ticket page's reply form needs no CSRF token: the token in the URL is the credential and
 * no cookie is involved, so another site can only post to a page whose link it already holds.
 * What is left is a page tricking a customer's browser into posting to their own link (which it
 * would have to know); the browser's own word on where the form came from closes that.
 */

export interface PostOrigin {
  /** `Sec-Fetch-Site`, sent by every current browser. */
  secFetchSite?: string;
  /** `Origin`, sent by browsers with every POST. */
  origin?: string;
  /** This gateway's origin as the browser sees it (`https://help.example.com`). */
  ownOrigin: string;
}

/**
 * A form post is taken when the browser says it came from our own pages. A client that sends
 * neither header is not a browser acting for someone else (curl, an integration): it is let in.
 */
export function isSameOriginPost({ secFetchSite, origin, ownOrigin }: PostOrigin): boolean {
  if (secFetchSite) return secFetchSite === 'same-origin' || secFetchSite === 'none';
  if (origin) return origin === ownOrigin;
  return true;
}
