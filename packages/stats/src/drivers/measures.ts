/**
 * Importance measures from a correlation matrix (outcome last): LMG/Shapley, first, last,
 * betasq, pratt, CAR², and Johnson's relative weights.
 */
import { EigenvalueDecomposition, Matrix, solve } from 'ml-matrix';
import { StatsError } from '../errors.ts';
import { allSubsetRSquared, shapleyFromSubsets } from './subsets.ts';

export interface ImportanceVectors {
  rSquared: number;
  /** Standardized regression coefficients. */
  beta: number[];
  lmg: number[];
  first: number[];
  last: number[];
  betasq: number[];
  pratt: number[];
  car: number[];
  /** Johnson's raw relative weights (sum to R²). */
  relativeWeights: number[];
}

/** Johnson (2000) relative weights and CAR scores from Rxx and rxy. */
export function johnsonRelativeWeights(
  rxx: Matrix,
  rxy: number[],
): { raw: number[]; car: number[] } {
  const p = rxy.length;
  const evd = new EigenvalueDecomposition(rxx, { assumeSymmetric: true });
  const lambda = evd.realEigenvalues;
  const v = evd.eigenvectorMatrix;
  const minLambda = Math.min(...lambda);
  if (!(minLambda > 1e-10)) {
    throw new StatsError('SINGULAR_MATRIX', 'The predictor correlation matrix is singular');
  }
  // Λ = Rxx^{1/2} = V diag(√λ) Vᵀ; β* = Rxx^{-1/2} rxy (CAR scores).
  const half = new Matrix(p, p);
  const invHalf = new Matrix(p, p);
  for (let i = 0; i < p; i++) {
    for (let j = 0; j < p; j++) {
      let a = 0;
      let b = 0;
      for (let k = 0; k < p; k++) {
        const vv = v.get(i, k) * v.get(j, k);
        a += vv * Math.sqrt(lambda[k]);
        b += vv / Math.sqrt(lambda[k]);
      }
      half.set(i, j, a);
      invHalf.set(i, j, b);
    }
  }
  const betaStar = invHalf.mmul(Matrix.columnVector(rxy)).getColumn(0);
  const raw = new Array<number>(p).fill(0);
  for (let j = 0; j < p; j++) {
    for (let k = 0; k < p; k++) raw[j] += half.get(j, k) ** 2 * betaStar[k] ** 2;
  }
  return { raw, car: betaStar.map((b) => b * b) };
}

/** All measures from the (p + 1) × (p + 1) correlation matrix `corr` (row-major, outcome last). */
export function importanceFromCorrelation(
  corr: Float64Array,
  p: number,
  names?: readonly string[],
): ImportanceVectors {
  const q = p + 1;
  const r2 = allSubsetRSquared(corr, p, names);
  const full = (1 << p) - 1;
  const rSquared = r2[full];
  const rxy = Array.from({ length: p }, (_, j) => corr[j * q + p]);
  const rxx = new Matrix(p, p);
  for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) rxx.set(i, j, corr[i * q + j]);
  const { raw, car } = johnsonRelativeWeights(rxx, rxy);
  const beta = solve(rxx, Matrix.columnVector(rxy)).getColumn(0);
  return {
    rSquared,
    beta,
    lmg: shapleyFromSubsets(r2, p),
    first: rxy.map((r) => r * r),
    last: rxy.map((_, j) => rSquared - r2[full & ~(1 << j)]),
    betasq: beta.map((b) => b * b),
    pratt: beta.map((b, j) => b * rxy[j]),
    car,
    relativeWeights: raw,
  };
}
