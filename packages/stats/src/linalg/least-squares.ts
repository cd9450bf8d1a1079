/**
 * QR-based (weighted) least squares core. Everything downstream (OLS summaries, panel models,
 * sandwich estimators) builds on `fitLeastSquares`.
 */
import { inverse, Matrix, QrDecomposition } from 'ml-matrix';
import { StatsError } from '../errors.ts';

export interface LeastSquaresFit {
  /** Coefficients in the column order of the design. */
  beta: Float64Array;
  /** (X'WX)⁻¹ (k × k), the "bread" of sandwich estimators. */
  xtwxInverse: Matrix;
  fitted: Float64Array;
  /** y − fitted (unweighted, as R's residuals()). */
  residuals: Float64Array;
  /** Σ w·e² */
  rss: number;
  /** Ratio of the largest to the smallest |R_ii| of the QR factor (a cheap conditioning gauge). */
  rDiagonalRatio: number;
}

/**
 * Solve min Σ w_i (y_i − x_i'β)² by Householder QR of √W·X.
 * `design` holds the k regressors as columns (each of length n); add a column of ones yourself
 * for an intercept. Throws SINGULAR_MATRIX when a column is (numerically) a linear combination of
 * the others, naming it via `names`.
 */
export function fitLeastSquares(
  design: readonly ArrayLike<number>[],
  y: ArrayLike<number>,
  weights?: ArrayLike<number>,
  names?: readonly string[],
): LeastSquaresFit {
  const n = y.length;
  const k = design.length;
  if (k === 0) throw new StatsError('INVALID_ARGUMENT', 'The design has no columns');
  if (n < k) {
    throw new StatsError(
      'TOO_FEW_CASES',
      `Need at least ${k} cases for ${k} coefficients, got ${n}`,
    );
  }
  const sw = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const w = weights ? weights[i] : 1;
    if (!(w >= 0) || !Number.isFinite(w)) {
      throw new StatsError('NON_FINITE', `Weight ${i + 1} is negative or non-finite`);
    }
    sw[i] = Math.sqrt(w);
  }
  const xw = new Matrix(n, k);
  const yw = new Matrix(n, 1);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < k; j++) xw.set(i, j, design[j][i] * sw[i]);
    yw.set(i, 0, y[i] * sw[i]);
  }
  const qr = new QrDecomposition(xw);
  const r = qr.upperTriangularMatrix;
  let maxDiag = 0;
  let minDiag = Number.POSITIVE_INFINITY;
  for (let j = 0; j < k; j++) {
    const d = Math.abs(r.get(j, j));
    maxDiag = Math.max(maxDiag, d);
    minDiag = Math.min(minDiag, d);
  }
  for (let j = 0; j < k; j++) {
    let colNorm = 0;
    for (let i = 0; i < n; i++) colNorm += xw.get(i, j) ** 2;
    colNorm = Math.sqrt(colNorm);
    if (!(Math.abs(r.get(j, j)) > 1e-10 * Math.max(colNorm, 1e-300))) {
      const label = names?.[j] ?? `column ${j + 1}`;
      throw new StatsError(
        'SINGULAR_MATRIX',
        `The design matrix is singular: ${label} is constant or a linear combination of earlier columns`,
      );
    }
  }
  const betaM = qr.solve(yw);
  const rInv = inverse(r);
  const xtwxInverse = rInv.mmul(rInv.transpose());
  const beta = new Float64Array(k);
  for (let j = 0; j < k; j++) beta[j] = betaM.get(j, 0);
  const fitted = new Float64Array(n);
  const residuals = new Float64Array(n);
  let rss = 0;
  for (let i = 0; i < n; i++) {
    let f = 0;
    for (let j = 0; j < k; j++) f += design[j][i] * beta[j];
    fitted[i] = f;
    residuals[i] = y[i] - f;
    rss += (weights ? weights[i] : 1) * residuals[i] ** 2;
  }
  return { beta, xtwxInverse, fitted, residuals, rss, rDiagonalRatio: maxDiag / minDiag };
}
