/** Plumbing shared by the RFM count models (BG/NBD, MBG/NBD, Pareto/NBD). */
import {
  collapseRfm,
  type RfmPatterns,
  requireEnoughCustomers,
  toRfmColumns,
  validateRfm,
} from './data.ts';
import { repeatWeight, runFit } from './fit-helpers.ts';
import type { LikelihoodProblem } from './mle.ts';
import type { FitOptionsBase, ModelFit, RfmInput } from './types.ts';
import {
  requireFiniteResult,
  requireNonNegative,
  requirePositiveParams,
} from './validate-params.ts';

export interface RfmFitOptions<P> extends FitOptionsBase<P> {
  /** Customers, or patterns from collapseRfm (reused without re-collapsing). */
  customers: RfmInput | RfmPatterns;
}

export interface RfmCustomersOptions<P> {
  params: P;
  customers: RfmInput;
}

export interface RfmConditionalOptions<P> extends RfmCustomersOptions<P> {
  /** Length of the future window (same time unit as recency and T). */
  t: number;
}

export interface RfmUnconditionalOptions<P> {
  params: P;
  t: number;
}

export interface RfmPmfOptions<P> extends RfmUnconditionalOptions<P> {
  /** Number of repeat purchases. */
  n: number;
}

/**
 * Collapses the customers, requires at least 4 with one repeat purchase among them, and fits by
 * maximum likelihood; `defaults` receives a tenth of the longest observation period.
 */
export function fitRfmModel<P>(args: {
  options: RfmFitOptions<P>;
  names: readonly (keyof P & string)[];
  problem: (patterns: RfmPatterns) => LikelihoodProblem;
  defaults: (timeScale: number) => P;
}): ModelFit<P> {
  const { options, names } = args;
  const patterns = collapseRfm(options.customers);
  requireEnoughCustomers(patterns.totalWeight, repeatWeight(patterns), 4);
  const timeScale = Math.max(patterns.maxT, 1e-6) / 10;
  return runFit<P>({
    problem: args.problem(patterns),
    names,
    defaults: args.defaults(timeScale),
    options,
    customers: patterns.totalWeight,
    uniquePatterns: patterns.count,
  });
}

/** Checks the parameters (all > 0) and the customers; returns the customers as columns. */
export function prepareRfmColumns<P extends object>(
  options: RfmCustomersOptions<P>,
  names: readonly (keyof P)[],
) {
  requirePositiveParams(options.params, names);
  const columns = toRfmColumns(options.customers);
  validateRfm(columns);
  return columns;
}

/** Per-customer log-likelihoods (each must be finite) and their weighted total. */
export function weightedLogLikelihood(
  columns: ReturnType<typeof toRfmColumns>,
  what: string,
  logLikelihood: (x: number, i: number) => number,
): { total: number; perCustomer: number[] } {
  const perCustomer: number[] = [];
  let total = 0;
  for (let i = 0; i < columns.frequency.length; i++) {
    const ll = logLikelihood(columns.frequency[i], i);
    perCustomer.push(requireFiniteResult(what, ll));
    total += columns.weights[i] * ll;
  }
  return { total, perCustomer };
}

/** Checks the parameters (all > 0) and t (>= 0) of a new-customer query. */
export function requireUnconditionalQuery<P extends object>(
  options: RfmUnconditionalOptions<P>,
  names: readonly (keyof P)[],
): void {
  requirePositiveParams(options.params, names);
  requireNonNegative('t', options.t);
}

/**
 * Checks a P(X(t) = n) query; returns the probability where it needs no model (n not a whole
 * number >= 0, or t = 0), else null.
 */
export function trivialPurchaseProbability<P extends object>(
  options: RfmPmfOptions<P>,
  names: readonly (keyof P)[],
): number | null {
  requireUnconditionalQuery(options, names);
  const { t, n } = options;
  if (!Number.isInteger(n) || n < 0) return 0;
  if (t === 0) return n === 0 ? 1 : 0;
  return null;
}
