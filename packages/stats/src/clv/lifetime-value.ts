import { StatsError } from '../errors.ts';
import { predictConditionalPurchases } from './predict.ts';
import type { RfmInput, TransactionModel } from './types.ts';
import { requireNonNegative } from './validate-params.ts';

/** Time unit of recency/T; lifetimes' periods per month: D 30, W 4.345, M 1, H 720. */
export type ClvTimeUnit = 'day' | 'week' | 'month' | 'hour';

const PERIODS_PER_MONTH: Record<ClvTimeUnit, number> = {
  day: 30,
  week: 4.345,
  month: 1,
  hour: 30 * 24,
};

export interface CustomerLifetimeValueOptions {
  transactionModel: TransactionModel;
  customers: RfmInput;
  /** Expected spend per future transaction for each customer (e.g. predictGammaGammaSpend). */
  expectedSpend: ArrayLike<number>;
  /** Horizon in months. Default 12. */
  months?: number;
  /** Monthly discount rate. Default 0.01. */
  monthlyDiscountRate?: number;
  /** Unit of recency and T. Default 'day'. */
  timeUnit?: ClvTimeUnit;
  /** Overrides the periods-per-month factor implied by timeUnit. */
  periodsPerMonth?: number;
}

/**
 * Discounted customer lifetime value as lifetimes' `customer_lifetime_value`:
 * Σ_{i=1..months} spend·(E[X(T, T+i·f)] − E[X(T, T+(i−1)·f)]) / (1 + d)^i, f = periods per month.
 */
export function computeCustomerLifetimeValue(options: CustomerLifetimeValueOptions): number[] {
  const months = options.months ?? 12;
  const rate = options.monthlyDiscountRate ?? 0.01;
  const factor = options.periodsPerMonth ?? PERIODS_PER_MONTH[options.timeUnit ?? 'day'];
  if (!Number.isInteger(months) || months < 0) {
    throw new StatsError('INVALID_ARGUMENT', `months must be a whole number >= 0 (got ${months})`);
  }
  requireNonNegative('monthlyDiscountRate', rate);
  if (!(factor > 0) || !Number.isFinite(factor)) {
    throw new StatsError('INVALID_ARGUMENT', `periodsPerMonth must be > 0 (got ${factor})`);
  }
  const spend = Array.from(options.expectedSpend);
  let previous = predictConditionalPurchases({
    model: options.transactionModel,
    customers: options.customers,
    t: 0,
  });
  if (spend.length !== previous.length) {
    throw new StatsError('INVALID_ARGUMENT', 'expectedSpend must have one value per customer');
  }
  if (!spend.every(Number.isFinite)) {
    throw new StatsError('NON_FINITE', 'expectedSpend must be finite');
  }
  const clv = new Array<number>(spend.length).fill(0);
  for (let i = 1; i <= months; i++) {
    const current = predictConditionalPurchases({
      model: options.transactionModel,
      customers: options.customers,
      t: i * factor,
    });
    const discount = (1 + rate) ** i;
    for (let k = 0; k < clv.length; k++) {
      clv[k] += (spend[k] * (current[k] - previous[k])) / discount;
    }
    previous = current;
  }
  return clv;
}
