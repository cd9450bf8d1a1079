import { createBetaGeometricProblem } from './beta-geometric-likelihood.ts';
import { logNegativeBinomialPmf, negativeBinomialSurvival } from './negative-binomial.ts';
import {
  fitRfmModel,
  prepareRfmColumns,
  type RfmConditionalOptions,
  type RfmCustomersOptions,
  type RfmFitOptions,
  type RfmPmfOptions,
  type RfmUnconditionalOptions,
  requireUnconditionalQuery,
  trivialPurchaseProbability,
  weightedLogLikelihood,
} from './rfm-model.ts';
import { betaln, gammaln, hyp2f1 } from './special.ts';
import type { BgNbdParams, ModelFit } from './types.ts';
import { requireFiniteResult, requireNonNegative } from './validate-params.ts';

export const BG_NBD_PARAMETER_NAMES = ['r', 'alpha', 'a', 'b'] as const;

export type BgNbdFitOptions = RfmFitOptions<BgNbdParams>;

/** Maximum-likelihood BG/NBD fit (Fader, Hardie & Lee 2005) on collapsed weighted patterns. */
export function fitBgNbd(options: BgNbdFitOptions): ModelFit<BgNbdParams> {
  return fitRfmModel<BgNbdParams>({
    options,
    names: BG_NBD_PARAMETER_NAMES,
    problem: (patterns) => createBetaGeometricProblem({ patterns, variant: 'bgnbd' }),
    defaults: (timeScale) => ({ r: 1, alpha: timeScale, a: 1, b: 1 }),
  });
}

export type BgNbdCustomersOptions = RfmCustomersOptions<BgNbdParams>;

const prepare = (options: BgNbdCustomersOptions) =>
  prepareRfmColumns(options, BG_NBD_PARAMETER_NAMES);

/** Per-customer BG/NBD log-likelihood and the weighted total (original time scale). */
export function computeBgNbdLogLikelihood(options: BgNbdCustomersOptions): {
  total: number;
  perCustomer: number[];
} {
  const { r, alpha, a, b } = options.params;
  const c = prepare(options);
  return weightedLogLikelihood(c, 'BG/NBD log-likelihood', (x, i) => {
    const a1 = gammaln(r + x) - gammaln(r) + r * Math.log(alpha);
    const a2 = gammaln(a + b) + gammaln(b + x) - gammaln(b) - gammaln(a + b + x);
    const l3 = -(r + x) * Math.log(alpha + c.T[i]);
    let ll = a1 + a2 + l3;
    if (x > 0) {
      const l4 = Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + c.recency[i]);
      const m = Math.max(l3, l4);
      ll = a1 + a2 + m + Math.log1p(Math.exp(Math.min(l3, l4) - m));
    }
    return ll;
  });
}

/** P(alive at T | x, t_x, T) (Fader, Hardie & Lee 2008 note 021); 1 when x = 0. */
export function computeBgNbdProbabilityAlive(options: BgNbdCustomersOptions): number[] {
  const { r, alpha, a, b } = options.params;
  const c = prepare(options);
  return Array.from(c.frequency, (x, i) => {
    if (x === 0) return 1;
    const logDiv =
      (r + x) * Math.log((alpha + c.T[i]) / (alpha + c.recency[i])) + Math.log(a / (b + x - 1));
    return 1 / (1 + Math.exp(logDiv));
  });
}

/** ₂F₁ with Euler's transformation as a fallback when the direct value overflows. */
export function hyp2f1Stable(a: number, b: number, c: number, z: number): number {
  const direct = hyp2f1(a, b, c, z);
  if (Number.isFinite(direct)) return direct;
  return hyp2f1(c - a, c - b, c, z) * (1 - z) ** (c - a - b);
}

export type BgNbdConditionalOptions = RfmConditionalOptions<BgNbdParams>;

/** E[X(T, T + t] | x, t_x, T], equation (10) of Fader, Hardie & Lee (2005). */
export function predictBgNbdConditionalPurchases(options: BgNbdConditionalOptions): number[] {
  const { r, alpha, a, b } = options.params;
  const { t } = options;
  requireNonNegative('t', t);
  const c = prepare(options);
  return Array.from(c.frequency, (x, i) => {
    const T = c.T[i];
    const z = t / (alpha + T + t);
    const hyp = hyp2f1Stable(r + x, b + x, a + b + x - 1, z);
    const numerator =
      ((a + b + x - 1) / (a - 1)) * (1 - hyp * ((alpha + T) / (alpha + t + T)) ** (r + x));
    const denominator =
      x > 0 ? 1 + (a / (b + x - 1)) * ((alpha + T) / (alpha + c.recency[i])) ** (r + x) : 1;
    return requireFiniteResult('BG/NBD conditional expectation', numerator / denominator);
  });
}

export type BgNbdUnconditionalOptions = RfmUnconditionalOptions<BgNbdParams>;

/** E[X(t)] for a new customer, equation (9) of Fader, Hardie & Lee (2005). */
export function predictBgNbdPurchases(options: BgNbdUnconditionalOptions): number {
  const { r, alpha, a, b } = options.params;
  requireUnconditionalQuery(options, BG_NBD_PARAMETER_NAMES);
  const t = options.t;
  const hyp = hyp2f1Stable(r, b, a + b - 1, t / (alpha + t));
  return requireFiniteResult(
    'BG/NBD expected purchases',
    ((a + b - 1) / (a - 1)) * (1 - hyp * (alpha / (alpha + t)) ** r),
  );
}

export type BgNbdPmfOptions = RfmPmfOptions<BgNbdParams>;

/** P(X(t) = n) for a new customer, equation (8) of Fader, Hardie & Lee (2005). */
export function computeBgNbdPurchaseProbability(options: BgNbdPmfOptions): number {
  const { r, alpha, a, b } = options.params;
  const { t, n } = options;
  const trivial = trivialPurchaseProbability(options, BG_NBD_PARAMETER_NAMES);
  if (trivial !== null) return trivial;
  const p = t / (alpha + t);
  const first = Math.exp(betaln(a, b + n) - betaln(a, b) + logNegativeBinomialPmf(r, p, n));
  const second =
    n > 0
      ? Math.exp(betaln(a + 1, b + n - 1) - betaln(a, b)) * negativeBinomialSurvival(r, p, n)
      : 0;
  return requireFiniteResult('BG/NBD purchase probability', first + second);
}
