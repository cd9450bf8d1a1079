import { isSignedIndex } from './labels.ts';

/**
 * A diverging scale for heatmap cells: red (low) → neutral → green (high). Every stop is light
 * enough that the dark body text printed on it keeps a contrast ratio above 7:1, so the value
 * is always readable and the color only adds emphasis (never the only carrier of meaning).
 */
const stops: ReadonlyArray<readonly [number, readonly [number, number, number]]> = [
  [0, [248, 196, 190]],
  [0.35, [252, 228, 208]],
  [0.5, [246, 244, 236]],
  [0.65, [218, 240, 222]],
  [1, [168, 222, 184]],
];

/** Where a value sits on the scale, 0–1: 0–100 indices directly, eNPS from −100…100. */
export function scalePosition(code: string, value: number): number {
  const t = isSignedIndex(code) ? (value + 100) / 200 : value / 100;
  return Math.min(1, Math.max(0, t));
}

const mix = (a: number, b: number, t: number) => Math.round(a + (b - a) * t);

/** The background color (CSS rgb()) of a heatmap cell showing `value` of index `code`. */
export function heatColor(code: string, value: number): string {
  const t = scalePosition(code, value);
  for (let i = 1; i < stops.length; i++) {
    const [hiAt, hi] = stops[i] as (typeof stops)[number];
    const [loAt, lo] = stops[i - 1] as (typeof stops)[number];
    if (t <= hiAt) {
      const u = hiAt === loAt ? 0 : (t - loAt) / (hiAt - loAt);
      return `rgb(${mix(lo[0], hi[0], u)} ${mix(lo[1], hi[1], u)} ${mix(lo[2], hi[2], u)})`;
    }
  }
  const last = stops[stops.length - 1] as (typeof stops)[number];
  return `rgb(${last[1][0]} ${last[1][1]} ${last[1][2]})`;
}

/** WCAG relative luminance of an sRGB color given as 0–255 channels. */
export function relativeLuminance([r, g, b]: readonly [number, number, number]): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

export function contrastRatio(
  a: readonly [number, number, number],
  b: readonly [number, number, number],
): number {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [
    number,
    number,
  ];
  return (hi + 0.05) / (lo + 0.05);
}

/** Parses the `rgb(r g b)` strings heatColor returns (for tests and the legend). */
export function parseRgb(css: string): [number, number, number] {
  const parts = /^rgb\((\d+) (\d+) (\d+)\)$/.exec(css);
  if (!parts) throw new Error(`not an rgb() color: ${css}`);
  return [Number(parts[1]), Number(parts[2]), Number(parts[3])];
}
