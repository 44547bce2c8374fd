import { KbDiffLineV1 } from '@switchboard/contracts';

/** Above this many cells the comparison is "all removed, all added" rather than a slow LCS. */
const MAX_CELLS = 4_000_000;

/** A line diff of two texts (longest common subsequence): what a revision comparison shows. */
export function lineDiff(before: string, after: string): KbDiffLineV1[] {
  const a = before.split('\n');
  const b = after.split('\n');
  if (a.length * b.length > MAX_CELLS) {
    return [
      ...a.map((text) => ({ op: 'remove' as const, text })),
      ...b.map((text) => ({ op: 'add' as const, text })),
    ];
  }
  // lengths[i][j]: the LCS of a[i..] and b[j..].
  const lengths = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lengths[i][j] =
        a[i] === b[j] ? lengths[i + 1][j + 1] + 1 : Math.max(lengths[i + 1][j], lengths[i][j + 1]);
    }
  }
  const lines: KbDiffLineV1[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      lines.push({ op: 'same', text: a[i] });
      i++;
      j++;
    } else if (lengths[i + 1][j] >= lengths[i][j + 1]) {
      lines.push({ op: 'remove', text: a[i++] });
    } else {
      lines.push({ op: 'add', text: b[j++] });
    }
  }
  while (i < a.length) lines.push({ op: 'remove', text: a[i++] });
  while (j < b.length) lines.push({ op: 'add', text: b[j++] });
  return lines;
}
