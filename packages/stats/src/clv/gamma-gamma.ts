import { StatsError } from '../errors.ts';
import { collapseTriples } from './data.ts';
import { runFit } from './fit-helpers.ts';
import type { LikelihoodProblem } from './mle.ts';
import { digamma, gammaln } from './special.ts';
import type { FitOptionsBase, GammaGammaParams, ModelFit } from './types.ts';
import { requireFiniteResult, requirePositiveParams } from './validate-params.ts';

export const GAMMA_GAMMA_PARAMETER_NAMES = ['p', 'q', 'v'] as const;

/** A customer's repeat-purchase count and mean spend per repeat purchase. */
export interface SpendCustomer {
  frequency: number;
  monetaryValue: number;
  weight?: number;
}

export interface GammaGammaFitOptions extends FitOptionsBase<GammaGammaParams> {
  /** Customers with frequency 0 are skipped (their mean spend is undefined). */
  customers: readonly SpendCustomer[];
}

/** Per-customer log density of the mean spend z̄ given x (Fader & Hardie note 025). */
export function computeGammaGammaCustomerLogLikelihood(
  params: GammaGammaParams,
  x: number,
  m: number,
): number {
  const { p, q, v } = params;
  return (
    gammaln(p * x + q) -
    gammaln(p * x) -
    gammaln(q) +
    q * Math.log(v) +
    (p * x - 1) * Math.log(m) +
    p * x * Math.log(x) -
    (p * x + q) * Math.log(x * m + v)
  );
}

function validateSpend(customers: readonly SpendCustomer[]): void {
  customers.forEach((c, i) => {
    const w = c.weight ?? 1;
    if (![c.frequency, c.monetaryValue, w].every(Number.isFinite)) {
      throw new StatsError(
        'NON_FINITE',
        `customer ${i}: frequency and monetaryValue must be finite`,
      );
    }
    if (c.frequency < 0) {
      throw new StatsError('NEGATIVE_FREQUENCY', `customer ${i}: frequency ${c.frequency} < 0`);
    }
    if (c.frequency > 0 && c.monetaryValue <= 0) {
      throw new StatsError(
        'NON_POSITIVE_SPEND',
        `customer ${i}: monetaryValue must be > 0 for repeat buyers (got ${c.monetaryValue})`,
      );
    }
    if (w < 0) throw new StatsError('INVALID_WEIGHT', `customer ${i}: weight ${w} < 0`);
  });
}

/** Maximum-likelihood Gamma-Gamma spend model fit on repeat buyers. */
export function fitGammaGamma(
  options: GammaGammaFitOptions,
): ModelFit<GammaGammaParams> & { excludedCustomers: number } {
  validateSpend(options.customers);
  const repeaters = options.customers.filter((c) => c.frequency > 0);
  const collapsed = collapseTriples({
    a: repeaters.map((c) => c.frequency),
    b: repeaters.map((c) => c.monetaryValue),
    c: repeaters.map(() => 0),
    weights: repeaters.map((c) => c.weight ?? 1),
  });
  let totalWeight = 0;
  let meanSpend = 0;
  for (let i = 0; i < collapsed.count; i++) {
    totalWeight += collapsed.weight[i];
    meanSpend += collapsed.weight[i] * collapsed.b[i];
  }
  if (totalWeight < 3) {
    throw new StatsError('TOO_FEW_CASES', 'Gamma-Gamma needs at least 3 repeat buyers');
  }
  meanSpend /= totalWeight;
  const problem: LikelihoodProblem = {
    parameterNames: GAMMA_GAMMA_PARAMETER_NAMES,
    totalWeight,
    penaltyScale: [1, 1, 1],
    hasHessian: false,
    evaluate: (theta, g) => {
      const [p, q, v] = theta;
      if (g) g.fill(0);
      let total = 0;
      const psiQ = digamma(q);
      for (let i = 0; i < collapsed.count; i++) {
        const x = collapsed.a[i];
        const m = collapsed.b[i];
        const w = collapsed.weight[i];
        total += w * computeGammaGammaCustomerLogLikelihood({ p, q, v }, x, m);
        if (g) {
          const psiSum = digamma(p * x + q);
          const logXmv = Math.log(x * m + v);
          g[0] += w * x * (psiSum - digamma(p * x) + Math.log(m) + Math.log(x) - logXmv);
          g[1] += w * (psiSum - psiQ + Math.log(v) - logXmv);
          g[2] += w * (q / v - (p * x + q) / (x * m + v));
        }
      }
      return total;
    },
  };
  const fit = runFit<GammaGammaParams>({
    problem,
    names: GAMMA_GAMMA_PARAMETER_NAMES,
    defaults: { p: 1, q: 1, v: meanSpend },
    options,
    customers: totalWeight,
    uniquePatterns: collapsed.count,
  });
  return { ...fit, excludedCustomers: options.customers.length - repeaters.length };
}

/** Total log-likelihood and per-customer values (repeat buyers only; NaN-free). */
export function computeGammaGammaLogLikelihood(options: {
  params: GammaGammaParams;
  customers: readonly SpendCustomer[];
}): { total: number; perCustomer: number[] } {
  requirePositiveParams(options.params, GAMMA_GAMMA_PARAMETER_NAMES);
  validateSpend(options.customers);
  const repeaters = options.customers.filter((c) => c.frequency > 0);
  const perCustomer = repeaters.map((c) =>
    computeGammaGammaCustomerLogLikelihood(options.params, c.frequency, c.monetaryValue),
  );
  const total = perCustomer.reduce((acc, ll, i) => acc + (repeaters[i].weight ?? 1) * ll, 0);
  return { total: requireFiniteResult('Gamma-Gamma log-likelihood', total), perCustomer };
}

/**
 * E[Z | x, z̄]: credibility-weighted mean of the customer's mean spend and the population mean
 * p·v/(q−1) (note 025, eq. 5); the population mean for customers without repeat purchases.
 */
export function predictGammaGammaSpend(options: {
  params: GammaGammaParams;
  customers: readonly SpendCustomer[];
}): number[] {
  requirePositiveParams(options.params, GAMMA_GAMMA_PARAMETER_NAMES);
  validateSpend(options.customers);
  const { p, q, v } = options.params;
  if (q <= 1) {
    throw new StatsError('UNDEFINED_MEAN', `the population mean spend needs q > 1 (got q = ${q})`);
  }
  const populationMean = (p * v) / (q - 1);
  return options.customers.map(({ frequency: x, monetaryValue: m }) => {
    const w = (p * x) / (p * x + q - 1);
    return x > 0 ? (1 - w) * populationMean + w * m : populationMean;
  });
}
