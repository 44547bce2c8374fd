import { describe, expect, it } from '@jest/globals';
import { lineDiff } from './line-diff';

describe('lineDiff', () => {
  it('keeps common lines and marks the changed ones', () => {
    expect(lineDiff('a\nb\nc', 'a\nx\nc\nd')).toEqual([
      { op: 'same', text: 'a' },
      { op: 'remove', text: 'b' },
      { op: 'add', text: 'x' },
      { op: 'same', text: 'c' },
      { op: 'add', text: 'd' },
    ]);
  });

  it('says nothing changed for equal texts', () => {
    expect(lineDiff('a\nb', 'a\nb').every((line) => line.op === 'same')).toBe(true);
  });
});
