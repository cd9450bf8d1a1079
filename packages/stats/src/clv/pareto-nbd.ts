import { computeGeometricPanels, GAUSS_LEGENDRE_16 } from './gauss-legendre.ts';
import { logNegativeBinomialPmf } from './negative-binomial.ts';
import {
  computeParetoCustomerLogLikelihood,
  computeParetoLogA0,
  createParetoNbdProblem,
} from './pareto-nbd-likelihood.ts';
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
import { gammaln } from './special.ts';
import type { ModelFit, ParetoNbdParams } from './types.ts';
import { requireFiniteResult, requireNonNegative } from './validate-params.ts';

export const PARETO_NBD_PARAMETER_NAMES = ['r', 'alpha', 's', 'beta'] as const;

export type ParetoNbdFitOptions = RfmFitOptions<ParetoNbdParams>;

/** Maximum-likelihood Pareto/NBD fit (Schmittlein, Morrison & Colombo 1987). */
export function fitParetoNbd(options: ParetoNbdFitOptions): ModelFit<ParetoNbdParams> {
  return fitRfmModel<ParetoNbdParams>({
    options,
    names: PARETO_NBD_PARAMETER_NAMES,
    problem: createParetoNbdProblem,
    defaults: (timeScale) => ({ r: 1, alpha: timeScale, s: 1, beta: timeScale }),
  });
}

export type ParetoNbdCustomersOptions = RfmCustomersOptions<ParetoNbdParams>;

function prepare(options: ParetoNbdCustomersOptions) {
  const columns = prepareRfmColumns(options, PARETO_NBD_PARAMETER_NAMES);
  const { r, alpha, s, beta } = options.params;
  return { columns, theta: [r, alpha, s, beta] };
}

/** Per-customer Pareto/NBD log-likelihood and the weighted total. */
export function computeParetoNbdLogLikelihood(options: ParetoNbdCustomersOptions): {
  total: number;
  perCustomer: number[];
} {
  const { columns: c, theta } = prepare(options);
  return weightedLogLikelihood(c, 'Pareto/NBD log-likelihood', (x, i) =>
    computeParetoCustomerLogLikelihood(theta, x, c.recency[i], c.T[i]),
  );
}

/** P(alive at T | x, t_x, T) (note 009, eq. 36–37). */
export function computeParetoNbdProbabilityAlive(options: ParetoNbdCustomersOptions): number[] {
  const { r, alpha, s, beta } = options.params;
  const { columns: c, theta } = prepare(options);
  return Array.from(c.frequency, (x, i) => {
    const T = c.T[i];
    const logA0 = computeParetoLogA0(theta, x, c.recency[i], T);
    const logOdds =
      Math.log(s) -
      Math.log(r + s + x) +
      (r + x) * Math.log(alpha + T) +
      s * Math.log(beta + T) +
      logA0;
    return requireFiniteResult('Pareto/NBD P(alive)', 1 / (1 + Math.exp(logOdds)));
  });
}

/** (1 − q^(s−1)) / (s − 1) for q = e^logQ, continuous at s = 1. */
function powerDifference(s: number, logQ: number): number {
  if (Math.abs(s - 1) < 1e-12) return -logQ;
  return -Math.expm1((s - 1) * logQ) / (s - 1);
}

export type ParetoNbdConditionalOptions = RfmConditionalOptions<ParetoNbdParams>;

/** E[X(T, T + t] | x, t_x, T] (note 009, eq. 41). */
export function predictParetoNbdConditionalPurchases(
  options: ParetoNbdConditionalOptions,
): number[] {
  const { r, alpha, s, beta } = options.params;
  const { t } = options;
  requireNonNegative('t', t);
  const { columns: c, theta } = prepare(options);
  return Array.from(c.frequency, (x, i) => {
    const T = c.T[i];
    const ll = computeParetoCustomerLogLikelihood(theta, x, c.recency[i], T);
    const first =
      gammaln(r + x) -
      gammaln(r) +
      r * Math.log(alpha) +
      s * Math.log(beta) -
      (r + x) * Math.log(alpha + T) -
      s * Math.log(beta + T);
    const second = Math.log(r + x) + Math.log(beta + T) - Math.log(alpha + T);
    const third = powerDifference(s, Math.log((beta + T) / (beta + T + t)));
    return requireFiniteResult(
      'Pareto/NBD conditional expectation',
      Math.exp(first + second - ll) * third,
    );
  });
}

export type ParetoNbdUnconditionalOptions = RfmUnconditionalOptions<ParetoNbdParams>;

/** E[X(t)] for a new customer (note 009, eq. 27). */
export function predictParetoNbdPurchases(options: ParetoNbdUnconditionalOptions): number {
  const { r, alpha, s, beta } = options.params;
  requireUnconditionalQuery(options, PARETO_NBD_PARAMETER_NAMES);
  return requireFiniteResult(
    'Pareto/NBD expected purchases',
    ((r * beta) / alpha) * powerDifference(s, Math.log(beta / (beta + options.t))),
  );
}

export type ParetoNbdPmfOptions = RfmPmfOptions<ParetoNbdParams>;

/**
 * P(X(t) = n) for a new customer: with lifetime τ ~ Lomax(s, β) independent of the NB purchase
 * count, P = P(τ > t)·NB(n; t) + ∫₀ᵗ f(τ)·NB(n; τ) dτ, the integral by composite Gauss–Legendre.
 */
export function computeParetoNbdPurchaseProbability(options: ParetoNbdPmfOptions): number {
  const { r, alpha, s, beta } = options.params;
  const { t, n } = options;
  const trivial = trivialPurchaseProbability(options, PARETO_NBD_PARAMETER_NAMES);
  if (trivial !== null) return trivial;
  const nbAt = (tau: number) =>
    tau === 0 ? (n === 0 ? 1 : 0) : Math.exp(logNegativeBinomialPmf(r, tau / (alpha + tau), n));
  const alive = Math.exp(s * Math.log(beta / (beta + t))) * nbAt(t);
  const edges = computeGeometricPanels(t, Math.min(alpha, beta, t) / 8, t / 4);
  const { nodes, weights } = GAUSS_LEGENDRE_16;
  let integral = 0;
  for (let p = 0; p + 1 < edges.length; p++) {
    const half = 0.5 * (edges[p + 1] - edges[p]);
    const mid = 0.5 * (edges[p + 1] + edges[p]);
    for (let k = 0; k < nodes.length; k++) {
      const tau = mid + half * nodes[k];
      const density = Math.exp(Math.log(s) + s * Math.log(beta) - (s + 1) * Math.log(beta + tau));
      integral += weights[k] * half * density * nbAt(tau);
    }
  }
  return requireFiniteResult('Pareto/NBD purchase probability', alive + integral);
}
