import { describe, expect, it } from '@jest/globals';
import { sanitizeMessageHtml } from './message-html';

const LINK = 'target="_blank" rel="noopener noreferrer"';

describe('sanitizeMessageHtml', () => {
  describe('removes what runs code', () => {
    it.each([
      ['a script element, with its content', '<p>Hi<script>alert(1)</script></p>', '<p>Hi</p>'],
      ['an event handler', '<p onmouseover="alert(1)">Hi</p>', '<p>Hi</p>'],
      ['an image whose source is not a URL', '<img src=x onerror=alert(1)>', null],
      ['a javascript: link', '<a href="javascript:alert(1)">Hi</a>', '<span>Hi</span>'],
      [
        'a javascript: link hidden by case, whitespace and an entity tab',
        '<a href=" JaVa&#x09;ScRiPt:alert(1)">Hi</a>',
        '<span>Hi</span>',
      ],
      ['a vbscript: link', '<a href="vbscript:msgbox(1)">Hi</a>', '<span>Hi</span>'],
      [
        'a data: link',
        '<a href="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;">Hi</a>',
        '<span>Hi</span>',
      ],
      ['svg with onload, subtree and all', '<svg onload="alert(1)"><a>x</a></svg>after', 'after'],
      [
        'svg hiding a javascript: link',
        '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>ok',
        'ok',
      ],
      ['an iframe, with its content', '<iframe src="https://evil.test">x</iframe>ok', 'ok'],
      [
        'object, embed and param',
        '<object data="x"><param name="a">o</object><embed src="x">',
        null,
      ],
      [
        'a form and its controls',
        '<form action="https://evil.test"><input><button>Go</button></form>',
        'Go',
      ],
      [
        'a textarea and a select',
        '<textarea>t</textarea><select><option>o</option></select>!',
        '!',
      ],
      [
        'a style element, with its CSS',
        '<style>body{background:url(javascript:alert(1))}</style>ok',
        'ok',
      ],
      [
        'a style attribute with a CSS expression',
        '<div style="width: expression(alert(1))">Hi</div>',
        '<div>Hi</div>',
      ],
      [
        'a style attribute with a url()',
        '<p style="background:url(javascript:alert(1))" class="btn">Hi</p>',
        '<p>Hi</p>',
      ],
      [
        'meta refresh, base and link',
        '<meta http-equiv="refresh" content="0;url=javascript:alert(1)"><base href="https://evil.test/"><link rel="stylesheet" href="x">',
        null,
      ],
      [
        'a javascript: srcset next to a good source',
        '<img src="https://example.com/a.png" srcset="javascript:alert(1) 1x">',
        '<img src="https://example.com/a.png" />',
      ],
    ])('%s', (_, html, expected) => {
      expect(sanitizeMessageHtml(html)).toBe(expected);
    });

    it('removes data: images, keeping the alternative text', () => {
      expect(sanitizeMessageHtml('<img src="data:image/png;base64,iVBORw0K" alt="chart">')).toBe(
        '<span>chart</span>',
      );
      expect(sanitizeMessageHtml('<img src="data:image/svg+xml,<svg onload=alert(1)>">')).toBe(
        null,
      );
    });

    it('drops relative and protocol-relative URLs', () => {
      expect(
        sanitizeMessageHtml(
          '<a href="/api/v1/tickets">a</a><a href="//evil.test">b</a><a href="#top">c</a><img src="/x.png">',
        ),
      ).toBe('<span>a</span><span>b</span><span>c</span><span></span>');
    });

    it('keeps no unknown attribute, id, class or data-*', () => {
      expect(sanitizeMessageHtml('<p id="main" class="x" data-x="1" name="n">Hi</p>')).toBe(
        '<p>Hi</p>',
      );
    });
  });

  describe('survives malformed and nested markup', () => {
    it.each([
      ['split script tags', '<<script>script>alert(1)<</script>/script>', '&lt;/script&gt;'],
      ['a script inside a tag name', '<scr<script>ipt>alert(1)</script>', 'ipt&gt;alert(1)'],
      [
        'a noscript attribute breakout',
        '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
        null,
      ],
      [
        'mathml with a style breakout',
        '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
        null,
      ],
      [
        'entity-encoded markup in an option',
        '<option>&lt;script&gt;alert(1)&lt;/script&gt;</option>',
        null,
      ],
      [
        'an attribute value breakout',
        '<a href="https://example.com/&quot;onclick=&quot;alert(1)">x</a>',
        `<a href="https://example.com/&quot;onclick=&quot;alert(1)" ${LINK}>x</a>`,
      ],
      ['unclosed tags, closed for it', '<p>a <b>bold <i>it', '<p>a <b>bold <i>it</i></b></p>'],
      ['stray closing tags', '</div><p>a</b></p></td>', '<p>a</p>'],
    ])('%s', (_, html, expected) => {
      expect(sanitizeMessageHtml(html)).toBe(expected);
    });

    it('refuses nesting deeper than browsers allow, in linear time', () => {
      const started = performance.now();
      expect(sanitizeMessageHtml('<b>'.repeat(600_000) + 'x')).toBeNull();
      expect(performance.now() - started).toBeLessThan(2_000);
      const shallow = '<div>'.repeat(100) + 'x' + '</div>'.repeat(100);
      expect(sanitizeMessageHtml(shallow)).toBe(shallow);
    });

    it('gives the same result when sanitizing again', () => {
      const inputs = [
        '<a href="https://example.com" title="t" rel="opener" target="_self">x</a>',
        '<img alt="logo" src="cid:logo@mail" width="10"><img src="javascript:x" alt="a">',
        '<p>a <b>bold <i>it',
        '<table><tr><td colspan=2 onmouseover=x>c</td></tr></table>',
      ];
      for (const input of inputs) {
        const once = sanitizeMessageHtml(input);
        expect(sanitizeMessageHtml(once)).toBe(once);
      }
    });
  });

  describe('keeps ordinary mail formatting', () => {
    it('keeps text formatting, headings, quotes, code and lists', () => {
      const html =
        '<h2>Order</h2><p>Hello <b>Ada</b>, <strong>thanks</strong> <i>for</i> <em>the</em> ' +
        '<u>note</u> <s>old</s> <del>x</del> <ins>y</ins> <sub>2</sub><sup>3</sup> <small>s</small>' +
        ' <mark>m</mark> <code>npm ci</code><br />line two</p><hr />' +
        '<blockquote><p>On Monday, Carol wrote:</p><blockquote>nested</blockquote></blockquote>' +
        '<pre><code>if (a &lt; b) { return &quot;x&quot;; }</code></pre>' +
        '<ul><li>one</li><li>two<ol start="3"><li>three</li></ol></li></ul>' +
        '<dl><dt>Term</dt><dd>Definition</dd></dl><div dir="rtl" lang="ar">مرحبا</div>';
      expect(sanitizeMessageHtml(html)).toBe(html.replace('&quot;x&quot;', '"x"'));
    });

    it('keeps tables with their layout attributes', () => {
      const html =
        '<table border="1" cellpadding="2" cellspacing="0" width="100%"><caption>Invoice</caption>' +
        '<thead><tr><th scope="col" align="left">Item</th><th>Price</th></tr></thead>' +
        '<tbody><tr><td colspan="2" valign="top">Printer</td></tr></tbody>' +
        '<tfoot><tr><td>Total</td><td>€ 10</td></tr></tfoot></table>';
      expect(sanitizeMessageHtml(html)).toBe(html);
    });

    it('keeps http, https and mailto links, opening in a new tab without opener', () => {
      expect(
        sanitizeMessageHtml(
          '<a href="https://example.com/a?b=1&amp;c=2" title="Docs" onclick="x()">docs</a> ' +
            '<a href="http://example.com">old</a> <a href="mailto:help@example.com">mail us</a>',
        ),
      ).toBe(
        `<a href="https://example.com/a?b=1&amp;c=2" title="Docs" ${LINK}>docs</a> ` +
          `<a href="http://example.com" ${LINK}>old</a> ` +
          `<a href="mailto:help@example.com" ${LINK}>mail us</a>`,
      );
    });

    it('keeps images from the web and inline mail parts (cid:)', () => {
      expect(
        sanitizeMessageHtml(
          '<img src="cid:image001.png@01D9" alt="logo"><img src="https://example.com/a.png" width="10" height="5">',
        ),
      ).toBe(
        '<img src="cid:image001.png@01D9" alt="logo" />' +
          '<img src="https://example.com/a.png" width="10" height="5" />',
      );
    });

    it('unwraps a whole mail document and drops its head', () => {
      expect(
        sanitizeMessageHtml(
          '<html><head><title>Re: order</title><style>p{color:red}</style></head>' +
            '<body><p><font color="red" face="Arial">Hi</font> <center>there</center></p></body></html>',
        ),
      ).toBe('<p>Hi there</p>');
    });

    it('keeps escaped markup as text', () => {
      const html = '<p>&lt;b&gt;not bold&lt;/b&gt; &amp; 5 &gt; 3</p>';
      expect(sanitizeMessageHtml(html)).toBe(html);
    });
  });

  describe('stores nothing when nothing is left', () => {
    it.each([
      ['no HTML', undefined],
      ['null', null],
      ['an empty string', ''],
      ['whitespace', '  \n '],
      ['only a script', '<script>alert(1)</script>'],
      ['only empty markup', '<p> </p><div><br></div><span>&nbsp;</span>'],
    ])('%s', (_, html) => {
      expect(sanitizeMessageHtml(html)).toBeNull();
    });
  });
});
