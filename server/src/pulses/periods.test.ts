import { describe, expect, it } from 'vitest';
import { checkWavePeriod, periodAt, tenureBandAt } from './periods.ts';

describe('wave periods and tenure bands', () => {
  it('names a monthly period by its month and a quarterly one by the quarter’s first month', () => {
    const at = new Date('2026-08-31T23:30:00Z');
    expect(periodAt('monthly', at)).toBe('2026-08');
    expect(periodAt('quarterly', at)).toBe('2026-07');
    expect(periodAt('quarterly', new Date('2026-12-01T00:00:00Z'))).toBe('2026-10');
    expect(periodAt('quarterly', new Date('2026-03-31T12:00:00Z'))).toBe('2026-01');
  });

  it('rejects a quarterly period that is not a quarter’s first month, naming body.period', () => {
    const now = new Date('2026-11-24T10:00:00Z');
    expect(() => checkWavePeriod('quarterly', '2026-05', now)).toThrow(
      expect.objectContaining({ errors: [expect.objectContaining({ field: 'body.period' })] }),
    );
    expect(() => checkWavePeriod('quarterly', '2026-04', now)).not.toThrow();
  });

  it('rejects a period after the current one and accepts past periods (catching up)', () => {
    const now = new Date('2026-11-24T10:00:00Z');
    expect(() => checkWavePeriod('monthly', '2026-12', now)).toThrow(/not valid/);
    expect(() => checkWavePeriod('monthly', '2026-11', now)).not.toThrow();
    expect(() => checkWavePeriod('monthly', '2025-01', now)).not.toThrow();
  });

  it('bands tenure at the opening day by whole calendar months', () => {
    const day = '2026-11-24';
    expect(tenureBandAt('2026-08-25', day)).toBe('<3m');
    expect(tenureBandAt('2026-08-24', day)).toBe('3-12m');
    expect(tenureBandAt('2025-11-25', day)).toBe('3-12m');
    expect(tenureBandAt('2025-11-24', day)).toBe('1-3y');
    expect(tenureBandAt('2023-11-25', day)).toBe('1-3y');
    expect(tenureBandAt('2023-11-24', day)).toBe('3y+');
  });

  it('clamps month ends (hired on 30 November: three months later is 28 February)', () => {
    expect(tenureBandAt('2025-11-30', '2026-02-27')).toBe('<3m');
    expect(tenureBandAt('2025-11-30', '2026-02-28')).toBe('3-12m');
  });

  it('counts an unknown hire date as 3+ years, outside the newcomer bands', () => {
    expect(tenureBandAt(null, '2026-11-24')).toBe('3y+');
  });
});
