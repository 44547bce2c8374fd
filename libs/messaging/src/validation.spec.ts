import { describe, expect, it } from '@jest/globals';
import { nulFields } from './validation';

describe('nulFields', () => {
  it('names every field whose string holds U+0000, however deep', () => {
    expect(
      nulFields({
        body: 'fine',
        subject: 'bad\u0000subject',
        customer: { name: '\u0000', email: 'a@example.com' },
        attachments: [{ name: 'ok.txt' }, { name: 'x\u0000.txt' }],
        count: 3,
        missing: null,
      }).map((field) => field.field),
    ).toEqual(['subject', 'customer.name', 'attachments.1.name']);
  });

  it('finds nothing in clean input, and checks a bare string too', () => {
    expect(nulFields({ text: 'line one\nline two\t…', list: ['a', 'b'] })).toEqual([]);
    expect(nulFields('a\u0000b')).toEqual([{ field: '', errors: [expect.any(String)] }]);
  });
});
