import {
  collapseRfm,
  type RfmPatterns,
  requireEnoughCustomers,
  toRfmColumns,
  validateRfm,
} from './data.ts';
import { repeatWeight, runFit } from './fit-helpers.ts';
import { computeGeometricPanels, GAUSS_LEGENDRE_16 } from './gauss-legendre.ts';
import { logNegativeBinomialPmf } from './negative-binomial.ts';
import {
  computeParetoCustomerLogLikelihood,
  computeParetoLogA0,
  createParetoNbdProblem,
} from './pareto-nbd-likelihood.ts';
import { gammaln } from './special.ts';
import type { FitOptionsBase, ModelFit, ParetoNbdParams, RfmInput } from './types.ts';
import {
  requireFiniteResult,
  requireNonNegative,
  requirePositiveParams,
} from './validate-params.ts';

export const PARETO_NBD_PARAMETER_NAMES = ['r', 'alpha', 's', 'beta'] as const;

export interface ParetoNbdFitOptions extends FitOptionsBase<ParetoNbdParams> {
  /** Customers, or patterns from collapseRfm (reused without re-collapsing). */
  customers: RfmInput | RfmPatterns;
}

/** Maximum-likelihood Pareto/NBD fit (Schmittlein, Morrison & Colombo 1987). */
export function fitParetoNbd(options: ParetoNbdFitOptions): ModelFit<ParetoNbdParams> {
  const patterns = collapseRfm(options.customers);
  requireEnoughCustomers(patterns.totalWeight, repeatWeight(patterns), 4);
  const timeScale = Math.max(patterns.maxT, 1e-6) / 10;
  return runFit<ParetoNbdParams>({
    problem: createParetoNbdProblem(patterns),
    names: PARETO_NBD_PARAMETER_NAMES,
    defaults: { r: 1, alpha: timeScale, s: 1, beta: timeScale },
    options,
    customers: patterns.totalWeight,
    uniquePatterns: patterns.count,
  });
}

export interface ParetoNbdCustomersOptions {
  params: ParetoNbdParams;
  customers: RfmInput;
}

function prepare(options: ParetoNbdCustomersOptions) {
  requirePositiveParams(options.params, PARETO_NBD_PARAMETER_NAMES);
  const columns = toRfmColumns(options.customers);
  validateRfm(columns);
  const { r, alpha, s, beta } = options.params;
  return { columns, theta: [r, alpha, s, beta] };
}

/** Per-customer Pareto/NBD log-likelihood and the weighted total. */
export function computeParetoNbdLogLikelihood(options: ParetoNbdCustomersOptions): {
  total: number;
  perCustomer: number[];
} {
  const { columns: c, theta } = prepare(options);
  const perCustomer = Array.from(c.frequency, (x, i) =>
    requireFiniteResult(
      'Pareto/NBD log-likelihood',
      computeParetoCustomerLogLikelihood(theta, x, c.recency[i], c.T[i]),
    ),
  );
  const total = perCustomer.reduce((acc, ll, i) => acc + c.weights[i] * ll, 0);
  return { total, perCustomer };
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

export interface ParetoNbdConditionalOptions extends ParetoNbdCustomersOptions {
  t: number;
}

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

export interface ParetoNbdUnconditionalOptions {
  params: ParetoNbdParams;
  t: number;
}

/** E[X(t)] for a new customer (note 009, eq. 27). */
export function predictParetoNbdPurchases(options: ParetoNbdUnconditionalOptions): number {
  const { r, alpha, s, beta } = options.params;
  requirePositiveParams(options.params, PARETO_NBD_PARAMETER_NAMES);
  requireNonNegative('t', options.t);
  return requireFiniteResult(
    'Pareto/NBD expected purchases',
    ((r * beta) / alpha) * powerDifference(s, Math.log(beta / (beta + options.t))),
  );
}

export interface ParetoNbdPmfOptions extends ParetoNbdUnconditionalOptions {
  n: number;
}

/**
 * P(X(t) = n) for a new customer: with lifetime τ ~ Lomax(s, β) independent of the NB purchase
 * count, P = P(τ > t)·NB(n; t) + ∫₀ᵗ f(τ)·NB(n; τ) dτ, the integral by composite Gauss–Legendre.
 */
export function computeParetoNbdPurchaseProbability(options: ParetoNbdPmfOptions): number {
  const { r, alpha, s, beta } = options.params;
  const { t, n } = options;
  requirePositiveParams(options.params, PARETO_NBD_PARAMETER_NAMES);
  requireNonNegative('t', t);
  if (!Number.isInteger(n) || n < 0) return 0;
  if (t === 0) return n === 0 ? 1 : 0;
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
