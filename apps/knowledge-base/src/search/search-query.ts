/**
 * The words of a query or a ticket's text, as searched: lowercase letters and digits, in order,
 * each once, at most `max` of them. Single letters are left out: they match nothing useful and
 * would make an all-words search fail ("<b>pasword</b>").
 */
export function queryWords(text: string, max = 32): string[] {
  const words = (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter(
    (word) => word.length > 1 || /\d/.test(word),
  );
  return [...new Set(words)].slice(0, max);
}

/** The words stored in the vocabulary (typo correction picks among them). */
export function vocabularyWords(...texts: string[]): string[] {
  const words = new Set<string>();
  for (const text of texts) {
    for (const word of text.toLowerCase().match(/\p{L}+/gu) ?? []) {
      if (word.length >= 3 && word.length <= 40) words.add(word);
    }
  }
  return [...words];
}

/** `ts_headline`'s marks: control characters no article contains, escaped apart from the text. */
export const MARK_START = '\u0002';
export const MARK_STOP = '\u0003';

/** A passage from `ts_headline` as HTML: the text escaped, the matches in `<mark>`. */
export function headlineHtml(headline: string, escape: (text: string) => string): string {
  // An article's own control characters would pose as marks: dropped.
  // eslint-disable-next-line no-control-regex
  return escape(headline.replace(/[\u0000-\u0001\u0004-\u0008]/g, ''))
    .split(MARK_START)
    .join('<mark>')
    .split(MARK_STOP)
    .join('</mark>');
}
