import { describe, expect, it } from '@jest/globals';
import { readableUnderWhite } from './accent';

describe('readableUnderWhite', () => {
  it('keeps a colour white text already reads on', () => {
    expect(readableUnderWhite('#aa3300')).toBe('#aa3300');
    expect(readableUnderWhite('#1d4ed8')).toBe('#1d4ed8');
    expect(readableUnderWhite('#2f6feb')).toBe('#2f6feb'); // the schema's default, 4.57:1
  });

  it('darkens a light colour until white text on it reaches 4.5:1', () => {
    // 3.7:1 as it is.
    expect(readableUnderWhite('#3b82f6')).not.toBe('#3b82f6');
    expect(readableUnderWhite('#ffff00')).toMatch(/^#[0-9a-f]{6}$/);
    const [r, g, b] = [1, 3, 5].map((at) =>
      parseInt(readableUnderWhite('#ffff00').slice(at, at + 2), 16),
    );
    expect(r).toBeLessThan(140);
    expect(g).toBeLessThan(140);
    expect(b).toBe(0);
  });
});
