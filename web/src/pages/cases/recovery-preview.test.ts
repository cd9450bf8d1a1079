import { describe, expect, it } from 'vitest';
import { recoveryOutlook, toCents } from './recovery-preview.ts';

const allowance = { perCaseCap: '50.00', remaining: '30.00', currency: 'USD' };

describe('toCents', () => {
  it('reads amounts with up to two decimals', () => {
    expect(toCents('12.5')).toBe(1250);
    expect(toCents('7')).toBe(700);
    expect(toCents('1.234')).toBeNull();
    expect(toCents('-3')).toBeNull();
  });
});

describe('recoveryOutlook', () => {
  it('takes a small amount on the spot', () => {
    expect(recoveryOutlook('20', allowance)).toEqual({ kind: 'on_the_spot' });
  });
  it('sends an amount above the per-case cap for approval, saying why', () => {
    expect(recoveryOutlook('60', allowance)).toEqual({
      kind: 'needs_approval',
      reason: 'above your per-case cap of 50.00 USD',
    });
  });
  it('sends an amount beyond the remaining budget for approval', () => {
    expect(recoveryOutlook('40', allowance).kind).toBe('needs_approval');
  });
  it('predicts nothing for an unreadable amount', () => {
    expect(recoveryOutlook('abc', allowance)).toEqual({ kind: 'invalid' });
  });
});
