import { describe, expect, it } from '@jest/globals';
import { isSameOriginPost } from './same-origin';

const ownOrigin = 'https://help.acme.test';

describe('isSameOriginPost', () => {
  it('takes what the browser says came from our own pages', () => {
    expect(isSameOriginPost({ secFetchSite: 'same-origin', origin: ownOrigin, ownOrigin })).toBe(
      true,
    );
    expect(isSameOriginPost({ origin: ownOrigin, ownOrigin })).toBe(true);
  });

  it('refuses a post from another site, even a sibling', () => {
    expect(isSameOriginPost({ secFetchSite: 'cross-site', ownOrigin })).toBe(false);
    expect(
      isSameOriginPost({ secFetchSite: 'same-site', origin: 'https://evil.acme.test', ownOrigin }),
    ).toBe(false);
    expect(isSameOriginPost({ origin: 'https://evil.test', ownOrigin })).toBe(false);
    expect(isSameOriginPost({ origin: 'null', ownOrigin })).toBe(false);
  });

  it('lets in a client that is not a browser', () => {
    expect(isSameOriginPost({ ownOrigin })).toBe(true);
  });
});
