import { createBetaGeometricProblem } from './beta-geometric-likelihood.ts';
import { hyp2f1Stable } from './bgnbd.ts';
import {
  collapseRfm,
  type RfmPatterns,
  requireEnoughCustomers,
  toRfmColumns,
  validateRfm,
} from './data.ts';
import { repeatWeight, runFit } from './fit-helpers.ts';
import { logNegativeBinomialPmf, negativeBinomialSurvival } from './negative-binomial.ts';
import { betaln, gammaln } from './special.ts';
import type { FitOptionsBase, MbgNbdParams, ModelFit, RfmInput } from './types.ts';
import {
  requireFiniteResult,
  requireNonNegative,
  requirePositiveParams,
} from './validate-params.ts';

export const MBG_NBD_PARAMETER_NAMES = ['r', 'alpha', 'a', 'b'] as const;

export interface MbgNbdFitOptions extends FitOptionsBase<MbgNbdParams> {
  /** Customers, or patterns from collapseRfm (reused without re-collapsing). */
  customers: RfmInput | RfmPatterns;
}

/** Maximum-likelihood MBG/NBD fit (Batislam, Denizel & Filiztekin 2007; Wagner & Hoppe 2008). */
export function fitMbgNbd(options: MbgNbdFitOptions): ModelFit<MbgNbdParams> {
  const patterns = collapseRfm(options.customers);
  requireEnoughCustomers(patterns.totalWeight, repeatWeight(patterns), 4);
  return runFit<MbgNbdParams>({
    problem: createBetaGeometricProblem({ patterns, variant: 'mbgnbd' }),
    names: MBG_NBD_PARAMETER_NAMES,
    defaults: { r: 1, alpha: Math.max(patterns.maxT, 1e-6) / 10, a: 1, b: 1 },
    options,
    customers: patterns.totalWeight,
    uniquePatterns: patterns.count,
  });
}

export interface MbgNbdCustomersOptions {
  params: MbgNbdParams;
  customers: RfmInput;
}

function prepare(options: MbgNbdCustomersOptions) {
  requirePositiveParams(options.params, MBG_NBD_PARAMETER_NAMES);
  const columns = toRfmColumns(options.customers);
  validateRfm(columns);
  return columns;
}

/** Per-customer MBG/NBD log-likelihood and the weighted total. */
export function computeMbgNbdLogLikelihood(options: MbgNbdCustomersOptions): {
  total: number;
  perCustomer: number[];
} {
  const { r, alpha, a, b } = options.params;
  const c = prepare(options);
  const perCustomer: number[] = [];
  let total = 0;
  for (let i = 0; i < c.frequency.length; i++) {
    const x = c.frequency[i];
    const a1 = gammaln(r + x) - gammaln(r) + r * Math.log(alpha);
    const a2 = gammaln(a + b) + gammaln(b + x + 1) - gammaln(b) - gammaln(a + b + x + 1);
    const a3 = -(r + x) * Math.log(alpha + c.T[i]);
    const a4 =
      Math.log(a) -
      Math.log(b + x) +
      (r + x) * (Math.log(alpha + c.T[i]) - Math.log(alpha + c.recency[i]));
    const ll = a1 + a2 + a3 + (a4 > 0 ? a4 + Math.log1p(Math.exp(-a4)) : Math.log1p(Math.exp(a4)));
    perCustomer.push(requireFiniteResult('MBG/NBD log-likelihood', ll));
    total += c.weights[i] * ll;
  }
  return { total, perCustomer };
}

/** P(alive at T | x, t_x, T) (Batislam et al. 2007, appendix eq. 5). */
export function computeMbgNbdProbabilityAlive(options: MbgNbdCustomersOptions): number[] {
  const { r, alpha, a, b } = options.params;
  const c = prepare(options);
  return Array.from(c.frequency, (x, i) => {
    const logDiv =
      Math.log(a / (b + x)) + (r + x) * Math.log((alpha + c.T[i]) / (alpha + c.recency[i]));
    return 1 / (1 + Math.exp(logDiv));
  });
}

export interface MbgNbdConditionalOptions extends MbgNbdCustomersOptions {
  t: number;
}

/** E[X(T, T + t] | x, t_x, T] (Wagner & Hoppe 2008). */
export function predictMbgNbdConditionalPurchases(options: MbgNbdConditionalOptions): number[] {
  const { r, alpha, a, b } = options.params;
  const { t } = options;
  requireNonNegative('t', t);
  const c = prepare(options);
  return Array.from(c.frequency, (x, i) => {
    const T = c.T[i];
    const hyp = hyp2f1Stable(r + x, b + x + 1, a + b + x, t / (alpha + T + t));
    const numerator =
      ((a + b + x) / (a - 1)) * (1 - hyp * ((alpha + T) / (alpha + t + T)) ** (r + x));
    const denominator = 1 + (a / (b + x)) * ((alpha + T) / (alpha + c.recency[i])) ** (r + x);
    return requireFiniteResult('MBG/NBD conditional expectation', numerator / denominator);
  });
}

export interface MbgNbdUnconditionalOptions {
  params: MbgNbdParams;
  t: number;
}

/** E[X(t)] for a new customer. */
export function predictMbgNbdPurchases(options: MbgNbdUnconditionalOptions): number {
  const { r, alpha, a, b } = options.params;
  requirePositiveParams(options.params, MBG_NBD_PARAMETER_NAMES);
  requireNonNegative('t', options.t);
  const t = options.t;
  const hyp = hyp2f1Stable(r, b + 1, a + b, t / (alpha + t));
  return requireFiniteResult(
    'MBG/NBD expected purchases',
    (b / (a - 1)) * (1 - hyp * (alpha / (alpha + t)) ** r),
  );
}

export interface MbgNbdPmfOptions extends MbgNbdUnconditionalOptions {
  n: number;
}

/** P(X(t) = n) for a new customer (includes death at time zero). */
export function computeMbgNbdPurchaseProbability(options: MbgNbdPmfOptions): number {
  const { r, alpha, a, b } = options.params;
  const { t, n } = options;
  requirePositiveParams(options.params, MBG_NBD_PARAMETER_NAMES);
  requireNonNegative('t', t);
  if (!Number.isInteger(n) || n < 0) return 0;
  if (t === 0) return n === 0 ? 1 : 0;
  const p = t / (alpha + t);
  const first = Math.exp(betaln(a, b + n + 1) - betaln(a, b) + logNegativeBinomialPmf(r, p, n));
  const second = Math.exp(betaln(a + 1, b + n) - betaln(a, b)) * negativeBinomialSurvival(r, p, n);
  return requireFiniteResult('MBG/NBD purchase probability', first + second);
}
