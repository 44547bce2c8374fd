import { describe, expect, it } from '@jest/globals';
import { escapeHtml } from '../core/markdown';
import { MARK_START, MARK_STOP, headlineHtml, queryWords, vocabularyWords } from './search-query';

describe('queryWords', () => {
  it('lowercases, splits on anything but letters and digits, keeps each word once', () => {
    expect(queryWords('Pasword RESET, reset? Größe 2fa')).toEqual([
      'pasword',
      'reset',
      'größe',
      '2fa',
    ]);
  });

  it('leaves out single letters, not digits', () => {
    expect(queryWords('<b>step</b> 2')).toEqual(['step', '2']);
  });

  it('keeps at most the given number of words', () => {
    expect(queryWords('aa bb cc dd', 2)).toEqual(['aa', 'bb']);
  });
});

describe('vocabularyWords', () => {
  it('keeps words of 3 to 40 letters', () => {
    expect(vocabularyWords('an Invoice', 'x'.repeat(41), 'pdf')).toEqual(['invoice', 'pdf']);
  });
});

describe('headlineHtml', () => {
  it('escapes the text and turns the marks into <mark>', () => {
    expect(headlineHtml(`<b> ${MARK_START}reset${MARK_STOP} & go`, escapeHtml)).toBe(
      '&lt;b&gt; <mark>reset</mark> &amp; go',
    );
  });
});
