import { describe, expect, it } from 'vitest';
import { tempFiles } from '../stats-io/testing.ts';
import { runPanelFile } from './panel.ts';

/** Deterministic standard normal draws (mulberry32 + Box–Muller). */
function normals(seed: number): () => number {
  let s = seed >>> 0;
  const uniform = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
}

/** sat[t+1] = 1 + 0.5·sat[t] + 0.3·eng[t] + e;  eng[t+1] = 2 + 0.4·eng[t] + 0.1·sat[t] + e. */
function panelCsv(units: number, periods: number): string {
  const z = normals(7);
  const lines = ['store,month,sat,eng'];
  for (let u = 1; u <= units; u++) {
    let sat = 4 + z();
    let eng = 5 + z();
    for (let t = 1; t <= periods; t++) {
      lines.push(`S${u},${t},${sat},${eng}`);
      [sat, eng] = [1 + 0.5 * sat + 0.3 * eng + 0.5 * z(), 2 + 0.4 * eng + 0.1 * sat + 0.5 * z()];
    }
  }
  return `${lines.join('\n')}\n`;
}

describe('valueloop panel', () => {
  it('recovers the cross-lagged coefficients of a simulated store panel', () => {
    const files = tempFiles({ 'panel.csv': panelCsv(300, 8) });
    const out = runPanelFile({
      data: files['panel.csv'],
      unit: 'store',
      period: 'month',
      vars: ['sat', 'eng'],
    });
    expect(out).toMatchObject({ estimator: 'pooled', units: 300, periods: 8, n: 300 * 7 });
    const byLabel = Object.fromEntries(out.effects.map((e) => [e.label, e]));
    expect(byLabel['sat[t] → eng[t+1]'].estimate).toBeCloseTo(0.1, 1);
    expect(byLabel['eng[t] → sat[t+1]'].estimate).toBeCloseTo(0.3, 1);
    expect(byLabel['sat[t] → sat[t+1]'].estimate).toBeCloseTo(0.5, 1);
    expect(byLabel['eng[t] → eng[t+1]'].estimate).toBeCloseTo(0.4, 1);
    expect(out.verdict).toBe('both');
    expect(Object.keys(out.equations)).toEqual(['sat[t+1]', 'eng[t+1]']);
  });

  it('runs the fixed-effects (within) estimator on request', () => {
    const files = tempFiles({ 'panel.csv': panelCsv(100, 6) });
    const out = runPanelFile({
      data: files['panel.csv'],
      unit: 'store',
      period: 'month',
      vars: ['sat', 'eng'],
      fixedEffects: true,
    });
    expect(out.estimator).toBe('fixed-effects');
    expect(out.equations['sat[t+1]'].terms).not.toContain('(Intercept)');
  });
});
