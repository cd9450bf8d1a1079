import { createBetaGeometricProblem } from './beta-geometric-likelihood.ts';
import { hyp2f1Stable } from './bgnbd.ts';
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
import { betaln, gammaln } from './special.ts';
import type { MbgNbdParams, ModelFit } from './types.ts';
import { requireFiniteResult, requireNonNegative } from './validate-params.ts';

export const MBG_NBD_PARAMETER_NAMES = ['r', 'alpha', 'a', 'b'] as const;

export type MbgNbdFitOptions = RfmFitOptions<MbgNbdParams>;

/** Maximum-likelihood MBG/NBD fit (Batislam, Denizel & Filiztekin 2007; Wagner & Hoppe 2008). */
export function fitMbgNbd(options: MbgNbdFitOptions): ModelFit<MbgNbdParams> {
  return fitRfmModel<MbgNbdParams>({
    options,
    names: MBG_NBD_PARAMETER_NAMES,
    problem: (patterns) => createBetaGeometricProblem({ patterns, variant: 'mbgnbd' }),
    defaults: (timeScale) => ({ r: 1, alpha: timeScale, a: 1, b: 1 }),
  });
}

export type MbgNbdCustomersOptions = RfmCustomersOptions<MbgNbdParams>;

const prepare = (options: MbgNbdCustomersOptions) =>
  prepareRfmColumns(options, MBG_NBD_PARAMETER_NAMES);

/** Per-customer MBG/NBD log-likelihood and the weighted total. */
export function computeMbgNbdLogLikelihood(options: MbgNbdCustomersOptions): {
  total: number;
  perCustomer: number[];
} {
  const { r, alpha, a, b } = options.params;
  const c = prepare(options);
  return weightedLogLikelihood(c, 'MBG/NBD log-likelihood', (x, i) => {
    const a1 = gammaln(r + x) - gammaln(r) + r * Math.log(alpha);
    const a2 = gammaln(a + b) + gammaln(b + x + 1) - gammaln(b) - gammaln(a + b + x + 1);
    const a3 = -(r + x) * Math.log(alpha + c.T[i]);
    const a4 =
      Math.log(a) -
      Math.log(b + x) +
      (r + x) * (Math.log(alpha + c.T[i]) - Math.log(alpha + c.recency[i]));
    return a1 + a2 + a3 + (a4 > 0 ? a4 + Math.log1p(Math.exp(-a4)) : Math.log1p(Math.exp(a4)));
  });
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

export type MbgNbdConditionalOptions = RfmConditionalOptions<MbgNbdParams>;

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

export type MbgNbdUnconditionalOptions = RfmUnconditionalOptions<MbgNbdParams>;

/** E[X(t)] for a new customer. */
export function predictMbgNbdPurchases(options: MbgNbdUnconditionalOptions): number {
  const { r, alpha, a, b } = options.params;
  requireUnconditionalQuery(options, MBG_NBD_PARAMETER_NAMES);
  const t = options.t;
  const hyp = hyp2f1Stable(r, b + 1, a + b, t / (alpha + t));
  return requireFiniteResult(
    'MBG/NBD expected purchases',
    (b / (a - 1)) * (1 - hyp * (alpha / (alpha + t)) ** r),
  );
}

export type MbgNbdPmfOptions = RfmPmfOptions<MbgNbdParams>;

/** P(X(t) = n) for a new customer (includes death at time zero). */
export function computeMbgNbdPurchaseProbability(options: MbgNbdPmfOptions): number {
  const { r, alpha, a, b } = options.params;
  const { t, n } = options;
  const trivial = trivialPurchaseProbability(options, MBG_NBD_PARAMETER_NAMES);
  if (trivial !== null) return trivial;
  const p = t / (alpha + t);
  const first = Math.exp(betaln(a, b + n + 1) - betaln(a, b) + logNegativeBinomialPmf(r, p, n));
  const second = Math.exp(betaln(a + 1, b + n) - betaln(a, b)) * negativeBinomialSurvival(r, p, n);
  return requireFiniteResult('MBG/NBD purchase probability', first + second);
}
