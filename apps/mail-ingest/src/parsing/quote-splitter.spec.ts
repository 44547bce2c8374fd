import { describe, expect, it } from '@jest/globals';
import { splitQuotedText, stripQuotedHtml } from './quote-splitter';

describe('splitQuotedText', () => {
  it('splits a Gmail reply at "On … wrote:"', () => {
    const split = splitQuotedText(
      'Thanks, that fixed it.\n\nOn Mon, 7 Dec 2026 at 10:00, Support <support@acme.test> wrote:\n> Try again\n',
    );
    expect(split).toEqual({
      text: 'Thanks, that fixed it.',
      quoted: 'On Mon, 7 Dec 2026 at 10:00, Support <support@acme.test> wrote:\n> Try again',
    });
  });

  it('splits a wrapped "On … wrote:" line', () => {
    const split = splitQuotedText(
      'Yes.\n\nOn Mon, 7 Dec 2026 at 10:00, A Very Long Support Team Name\n<support@acme.test> wrote:\n> Hi',
    );
    expect(split.text).toBe('Yes.');
    expect(split.quoted).toMatch(/^On Mon/);
  });

  it('splits an Outlook reply at its From:/Sent: block or Original Message rule', () => {
    expect(
      splitQuotedText('New text\n\nFrom: Support <s@acme.test>\nSent: Monday\nSubject: x\n\nold')
        .text,
    ).toBe('New text');
    expect(splitQuotedText('New\n-----Original Message-----\nold').quoted).toBe(
      '-----Original Message-----\nold',
    );
  });

  it('keeps a mail without quotes whole, and a quote-only mail as its text', () => {
    expect(splitQuotedText('Just text\n> not a trailing quote\nmore')).toEqual({
      text: 'Just text\n> not a trailing quote\nmore',
    });
    expect(splitQuotedText('> only a quote')).toEqual({ text: '> only a quote' });
  });
});

describe('stripQuotedHtml', () => {
  it('cuts at gmail_quote, blockquote type=cite and divRplyFwdMsg', () => {
    expect(stripQuotedHtml('<p>New</p><div class="gmail_quote">old</div>')).toBe('<p>New</p>');
    expect(stripQuotedHtml('<p>New</p><blockquote type="cite">old</blockquote>')).toBe(
      '<p>New</p>',
    );
    expect(stripQuotedHtml('<p>New</p><div id="divRplyFwdMsg">old</div>')).toBe('<p>New</p>');
  });

  it('keeps the whole when nothing stands before the quote', () => {
    const html = '<div class="gmail_quote">only</div>';
    expect(stripQuotedHtml(html)).toBe(html);
  });
});
