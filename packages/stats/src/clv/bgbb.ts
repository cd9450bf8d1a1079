import { StatsError } from '../errors.ts';
import {
  type BgBbCustomer,
  collapseBgBbCustomers,
  computeBgBbPatternLogLikelihood,
  createBgBbProblem,
} from './bgbb-likelihood.ts';
import { runFit } from './fit-helpers.ts';
import { betaln, gammaln } from './special.ts';
import type { BgBbParams, FitOptionsBase, ModelFit } from './types.ts';
import {
  requireFiniteResult,
  requireNonNegative,
  requirePositiveParams,
} from './validate-params.ts';

export type { BgBbCustomer } from './bgbb-likelihood.ts';

export const BG_BB_PARAMETER_NAMES = ['alpha', 'beta', 'gamma', 'delta'] as const;

export interface BgBbFitOptions extends FitOptionsBase<BgBbParams> {
  customers: readonly BgBbCustomer[];
}

/** Maximum-likelihood BG/BB fit (Fader, Hardie & Shang 2010) on weighted patterns. */
export function fitBgBb(options: BgBbFitOptions): ModelFit<BgBbParams> {
  const patterns = collapseBgBbCustomers(options.customers);
  let repeat = 0;
  for (let i = 0; i < patterns.count; i++) {
    if (patterns.frequency[i] > 0) repeat += patterns.weight[i];
  }
  if (patterns.totalWeight < 4 || repeat === 0) {
    throw new StatsError('TOO_FEW_CASES', 'BG/BB needs at least 4 customers and one transaction');
  }
  return runFit<BgBbParams>({
    problem: createBgBbProblem(patterns),
    names: BG_BB_PARAMETER_NAMES,
    defaults: { alpha: 1, beta: 1, gamma: 1, delta: 1 },
    options,
    customers: patterns.totalWeight,
    uniquePatterns: patterns.count,
  });
}

export interface BgBbCustomersOptions {
  params: BgBbParams;
  customers: readonly BgBbCustomer[];
}

function prepare(options: BgBbCustomersOptions): number[] {
  requirePositiveParams(options.params, BG_BB_PARAMETER_NAMES);
  collapseBgBbCustomers(options.customers); // validation only
  const { alpha, beta, gamma, delta } = options.params;
  return [alpha, beta, gamma, delta];
}

/** Per-pattern log-likelihood and the weighted total. */
export function computeBgBbLogLikelihood(options: BgBbCustomersOptions): {
  total: number;
  perCustomer: number[];
} {
  const theta = prepare(options);
  const perCustomer = options.customers.map((c) =>
    computeBgBbPatternLogLikelihood(theta, c.frequency, c.recency, c.periods, null),
  );
  const total = perCustomer.reduce(
    (acc, ll, i) => acc + (options.customers[i].weight ?? 1) * ll,
    0,
  );
  return { total: requireFiniteResult('BG/BB log-likelihood', total), perCustomer };
}

export interface BgBbFutureOptions extends BgBbCustomersOptions {
  /** Future transaction opportunities m (P(alive) at n + m; default 1 as in lifetimes). */
  periodsAhead?: number;
}

/** P(alive at opportunity n + m | x, t_x, n) (Fader, Hardie & Shang 2010, A10; lifetimes). */
export function computeBgBbProbabilityAlive(options: BgBbFutureOptions): number[] {
  const theta = prepare(options);
  const [alpha, beta, gamma, delta] = theta;
  const m = options.periodsAhead ?? 1;
  requireNonNegative('periodsAhead', m);
  return options.customers.map(({ frequency: x, recency: tx, periods: n }) => {
    const ll = computeBgBbPatternLogLikelihood(theta, x, tx, n, null);
    const logAlive =
      betaln(alpha + x, beta + n - x) -
      betaln(alpha, beta) +
      betaln(gamma, delta + n + m) -
      betaln(gamma, delta);
    return requireFiniteResult('BG/BB P(alive)', Math.exp(logAlive - ll));
  });
}

/** δ/(γ−1)·Γ(γ+δ)/Γ(1+δ)·[Γ(1+δ+n)/Γ(γ+δ+n) − Γ(1+δ+n+m)/Γ(γ+δ+n+m)]. */
function survivalIncrement(gamma: number, delta: number, n: number, m: number): number {
  const d1 = gammaln(1 + delta + n) - gammaln(gamma + delta + n);
  const d2 = gammaln(1 + delta + n + m) - gammaln(gamma + delta + n + m);
  const bracket = -Math.exp(d1) * Math.expm1(d2 - d1);
  return (delta / (gamma - 1)) * Math.exp(gammaln(gamma + delta) - gammaln(1 + delta)) * bracket;
}

/** Expected transactions in the next m opportunities (Fader, Hardie & Shang 2010, eq. 13). */
export function predictBgBbConditionalPurchases(
  options: BgBbCustomersOptions & { periodsAhead: number },
): number[] {
  const theta = prepare(options);
  const [alpha, beta, gamma, delta] = theta;
  const m = options.periodsAhead;
  requireNonNegative('periodsAhead', m);
  return options.customers.map(({ frequency: x, recency: tx, periods: n }) => {
    const ll = computeBgBbPatternLogLikelihood(theta, x, tx, n, null);
    const p2 = Math.exp(betaln(alpha + x + 1, beta + n - x) - betaln(alpha, beta) - ll);
    return requireFiniteResult(
      'BG/BB conditional expectation',
      p2 * survivalIncrement(gamma, delta, n, m),
    );
  });
}

/** E[X(n)]: expected transactions of a new customer in the first n opportunities. */
export function predictBgBbPurchases(options: { params: BgBbParams; periods: number }): number {
  requirePositiveParams(options.params, BG_BB_PARAMETER_NAMES);
  requireNonNegative('periods', options.periods);
  const { alpha, beta, gamma, delta } = options.params;
  return requireFiniteResult(
    'BG/BB expected purchases',
    (alpha / (alpha + beta)) * survivalIncrement(gamma, delta, 0, options.periods),
  );
}

function logBinomial(n: number, k: number): number {
  return gammaln(n + 1) - gammaln(k + 1) - gammaln(n - k + 1);
}

/** P(X(n) = x) for a new customer (Fader, Hardie & Shang 2010, eq. 7). */
export function computeBgBbPurchaseProbability(options: {
  params: BgBbParams;
  periods: number;
  n: number;
}): number {
  requirePositiveParams(options.params, BG_BB_PARAMETER_NAMES);
  const { alpha, beta, gamma, delta } = options.params;
  const { periods, n: x } = options;
  if (!Number.isInteger(periods) || periods < 0) {
    throw new StatsError(
      'INVALID_ARGUMENT',
      `periods must be a whole number >= 0 (got ${periods})`,
    );
  }
  if (!Number.isInteger(x) || x < 0 || x > periods) return 0;
  const lbAB = betaln(alpha, beta);
  const lbGD = betaln(gamma, delta);
  let p = Math.exp(
    logBinomial(periods, x) +
      betaln(alpha + x, beta + periods - x) -
      lbAB +
      betaln(gamma, delta + periods) -
      lbGD,
  );
  for (let i = x; i < periods; i++) {
    p += Math.exp(
      logBinomial(i, x) +
        betaln(alpha + x, beta + i - x) -
        lbAB +
        betaln(gamma + 1, delta + i) -
        lbGD,
    );
  }
  return requireFiniteResult('BG/BB purchase probability', p);
}
