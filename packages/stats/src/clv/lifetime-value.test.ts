import { describe, expect, it } from 'vitest';
import { BG_NBD_PARAMETER_NAMES } from './bgnbd.ts';
import { GAMMA_GAMMA_PARAMETER_NAMES, predictGammaGammaSpend } from './gamma-gamma.ts';
import { computeCustomerLifetimeValue } from './lifetime-value.ts';
import { asParams, lifetimes } from './testing/expected.ts';
import { maxRelativeError, readRefColumns } from './testing/refdata.ts';
import type { BgNbdParams, GammaGammaParams } from './types.ts';

describe('customer lifetime value', () => {
  it("reproduces lifetimes' 12-month BG/NBD + Gamma-Gamma CLV at 1% monthly discount", () => {
    const rows = readRefColumns('expected/lifetimes_cdnow_per_customer.csv');
    const bgnbd = asParams<BgNbdParams>(
      lifetimes.models.bgnbd_cdnow.params,
      BG_NBD_PARAMETER_NAMES,
    );
    const gg = asParams<GammaGammaParams>(
      lifetimes.models.gammagamma_cdnow.params,
      GAMMA_GAMMA_PARAMETER_NAMES,
    );
    const spend = predictGammaGammaSpend({
      params: gg,
      customers: Array.from(rows.frequency, (frequency, i) => ({
        frequency,
        monetaryValue: rows.zbar[i],
      })),
    });
    expect(maxRelativeError(spend, rows.gg_cond_exp_spend)).toBeLessThan(5e-9);
    const clv = computeCustomerLifetimeValue({
      transactionModel: { model: 'bgnbd', params: bgnbd },
      customers: { frequency: rows.frequency, recency: rows.recency, T: rows.T },
      expectedSpend: spend,
      months: 12,
      monthlyDiscountRate: 0.01,
      timeUnit: 'week',
    });
    expect(maxRelativeError(clv, rows.clv_bgnbd_gg_12m_disc1pct)).toBeLessThan(5e-9);
  });

  it('is zero for a zero horizon and rejects a spend vector of the wrong length', () => {
    const model = {
      model: 'pareto-nbd' as const,
      params: { r: 0.55, alpha: 10.6, s: 0.6, beta: 11.7 },
    };
    const customers = [{ frequency: 2, recency: 30, T: 38 }];
    expect(
      computeCustomerLifetimeValue({
        transactionModel: model,
        customers,
        expectedSpend: [20],
        months: 0,
      }),
    ).toEqual([0]);
    expect(() =>
      computeCustomerLifetimeValue({ transactionModel: model, customers, expectedSpend: [] }),
    ).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});
