/**
 * Ordinary / weighted least squares with the usual summaries (as R's summary.lm).
 */
import { StatsError } from '../errors.ts';
import { assertFinite } from './data.ts';
import { twoSidedP } from './distributions.ts';
import { fitLeastSquares } from './least-squares.ts';

export interface OlsOptions {
  /** Outcome, length n. */
  y: ArrayLike<number>;
  /** Regressors as named columns (each length n); insertion order is kept. */
  x: Readonly<Record<string, ArrayLike<number>>>;
  /** Add an intercept named '(Intercept)' first (default true). */
  intercept?: boolean;
  /** Optional non-negative case weights (WLS, as lm(weights=)). */
  weights?: ArrayLike<number>;
}

export interface OlsDiagnostics {
  warnings: string[];
  /** Ratio of largest to smallest |R_ii| in the QR factorization (large → near-collinear). */
  conditionIndicator: number;
}

export interface OlsResult {
  /** Coefficient names, '(Intercept)' first when present. */
  names: string[];
  coefficients: number[];
  standardErrors: number[];
  tValues: number[];
  /** Two-sided p-values from the t distribution with `dfResidual` degrees of freedom. */
  pValues: number[];
  rSquared: number;
  adjRSquared: number;
  /** Residual standard error √(RSS / df). */
  sigma: number;
  n: number;
  /** Number of coefficients (incl. intercept). */
  k: number;
  dfResidual: number;
  fitted: number[];
  residuals: number[];
  /** Estimated covariance matrix of the coefficients, σ²(X'WX)⁻¹. */
  covariance: number[][];
  diagnostics: OlsDiagnostics;
}

/** Fit y ~ x by QR least squares. Errors: TOO_FEW_CASES, SINGULAR_MATRIX, ZERO_VARIANCE, NON_FINITE. */
export function ols(options: OlsOptions): OlsResult {
  const { y, weights } = options;
  const intercept = options.intercept ?? true;
  const n = y.length;
  assertFinite(y, 'y');
  const names: string[] = [];
  const design: ArrayLike<number>[] = [];
  if (intercept) {
    names.push('(Intercept)');
    design.push(new Float64Array(n).fill(1));
  }
  for (const [name, col] of Object.entries(options.x)) {
    if (col.length !== n) {
      throw new StatsError(
        'INVALID_ARGUMENT',
        `Regressor "${name}" has ${col.length} values, y has ${n}`,
      );
    }
    assertFinite(col, `Regressor "${name}"`);
    names.push(name);
    design.push(col);
  }
  if (weights) {
    if (weights.length !== n)
      throw new StatsError('INVALID_ARGUMENT', 'weights must have length n');
    assertFinite(weights, 'weights');
  }
  const k = design.length;
  const nEff = weights ? Array.from(weights).filter((w) => w > 0).length : n;
  if (nEff <= k) {
    throw new StatsError(
      'TOO_FEW_CASES',
      `Need more than ${k} cases (with positive weight) for ${k} coefficients, got ${nEff}`,
    );
  }
  const fit = fitLeastSquares(design, y, weights, names);
  const dfResidual = nEff - k;
  const sigma2 = fit.rss / dfResidual;
  // Total sum of squares (weighted, about the weighted mean when there is an intercept).
  let sw = 0;
  let swy = 0;
  for (let i = 0; i < n; i++) {
    const w = weights ? weights[i] : 1;
    sw += w;
    swy += w * y[i];
  }
  const center = intercept ? swy / sw : 0;
  let tss = 0;
  for (let i = 0; i < n; i++) tss += (weights ? weights[i] : 1) * (y[i] - center) ** 2;
  if (!(tss > 0)) throw new StatsError('ZERO_VARIANCE', 'The outcome y has zero variance');
  const rSquared = 1 - fit.rss / tss;
  const dfIntercept = intercept ? 1 : 0;
  const adjRSquared = 1 - ((1 - rSquared) * (nEff - dfIntercept)) / dfResidual;
  const warnings: string[] = [];
  if (fit.rss <= 1e-24 * tss)
    warnings.push('The fit is (numerically) perfect: standard errors are 0');
  if (fit.rDiagonalRatio > 1e8) {
    warnings.push(
      `The design is nearly collinear (QR diagonal ratio ${fit.rDiagonalRatio.toExponential(2)})`,
    );
  }
  const covariance: number[][] = [];
  const standardErrors: number[] = [];
  const tValues: number[] = [];
  const pValues: number[] = [];
  for (let a = 0; a < k; a++) {
    const row: number[] = [];
    for (let b = 0; b < k; b++) row.push(sigma2 * fit.xtwxInverse.get(a, b));
    covariance.push(row);
    const se = Math.sqrt(row[a]);
    standardErrors.push(se);
    const t = se > 0 ? fit.beta[a] / se : fit.beta[a] === 0 ? 0 : Math.sign(fit.beta[a]) * Infinity;
    tValues.push(t);
    pValues.push(twoSidedP(t, dfResidual));
  }
  return {
    names,
    coefficients: Array.from(fit.beta),
    standardErrors,
    tValues,
    pValues,
    rSquared,
    adjRSquared,
    sigma: Math.sqrt(sigma2),
    n: nEff,
    k,
    dfResidual,
    fitted: Array.from(fit.fitted),
    residuals: Array.from(fit.residuals),
    covariance,
    diagnostics: { warnings, conditionIndicator: fit.rDiagonalRatio },
  };
}
