import { describe, expect, it } from '@jest/globals';
import { escapeHtml, plainText, renderMarkdown } from './markdown';

describe('renderMarkdown', () => {
  it('renders Markdown', () => {
    expect(renderMarkdown('# Title\n\n**bold** [link](https://a.test)')).toBe(
      '<h1>Title</h1>\n<p><strong>bold</strong> <a href="https://a.test" rel="nofollow noopener noreferrer">link</a></p>\n',
    );
  });

  it.each([
    ['<script>alert(1)</script>', /<script/],
    ['<img src=x onerror=alert(1)>', /onerror/],
    ['[x](javascript:alert(1))', /javascript:/],
    ['<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>', /data:/],
    ['<iframe src="https://evil.test"></iframe>', /<iframe/],
    ['<div style="background:url(javascript:alert(1))">x</div>', /style=/],
  ])('neutralizes %s', (markdown, forbidden) => {
    expect(renderMarkdown(markdown)).not.toMatch(forbidden);
  });
});

describe('plainText', () => {
  it('keeps the words, one block a line, entities decoded', () => {
    expect(plainText(renderMarkdown('# A & B\n\nsome *text* < here'))).toBe(
      'A & B\nsome text < here',
    );
  });
});

describe('escapeHtml', () => {
  it('escapes every special character', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;',
    );
  });
});
