/**
 * The workspace's colour for backgrounds under white text (the launcher, the buttons), darkened
 * step by step until that text reads (WCAG AA, 4.5:1); text links keep our own blue.
 */
export function readableUnderWhite(hex: string): string {
  let rgb = [1, 3, 5].map((at) => parseInt(hex.slice(at, at + 2), 16));
  const linear = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  const contrast = () =>
    1.05 / (0.2126 * linear(rgb[0]) + 0.7152 * linear(rgb[1]) + 0.0722 * linear(rgb[2]) + 0.05);
  for (let step = 0; step < 30 && contrast() < 4.5; step++)
    rgb = rgb.map((c) => Math.floor(c * 0.92));
  return `#${rgb.map((c) => c.toString(16).padStart(2, '0')).join('')}`;
}
