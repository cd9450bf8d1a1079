import { describe, expect, it } from 'vitest';
import { contrastRatio, heatColor, parseRgb, scalePosition } from './heatmap-scale.ts';

const bodyText: [number, number, number] = [0x1b, 0x22, 0x30];

describe('heatmap color scale', () => {
  it('places 0–100 indices directly and eNPS from −100 to 100', () => {
    expect(scalePosition('evi', 0)).toBe(0);
    expect(scalePosition('evi', 75)).toBe(0.75);
    expect(scalePosition('enps', -100)).toBe(0);
    expect(scalePosition('enps', 0)).toBe(0.5);
    expect(scalePosition('enps', 100)).toBe(1);
  });

  it('clamps values outside the scale', () => {
    expect(scalePosition('evi', -5)).toBe(0);
    expect(scalePosition('evi', 140)).toBe(1);
  });

  it('goes from red at the bottom to green at the top', () => {
    const [rLow, gLow] = parseRgb(heatColor('evi', 0));
    const [rHigh, gHigh] = parseRgb(heatColor('evi', 100));
    expect(rLow).toBeGreaterThan(gLow);
    expect(gHigh).toBeGreaterThan(rHigh);
  });

  it('keeps the printed value readable (contrast ≥ 7:1) everywhere on the scale', () => {
    for (let v = 0; v <= 100; v += 2.5) {
      expect(contrastRatio(parseRgb(heatColor('climate', v)), bodyText)).toBeGreaterThan(7);
    }
  });

  it('gives the same color to the same position on both scales', () => {
    expect(heatColor('enps', 0)).toBe(heatColor('evi', 50));
  });
});
