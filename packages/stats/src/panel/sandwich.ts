/**
 * Cluster-robust covariance CR1, identical to R's sandwich::vcovCL(fit, cluster, type = "HC1")
 * for lm (cadjust = TRUE): V = (X'WX)⁻¹ [Σ_g u_g u_gᵀ] (X'WX)⁻¹ · G/(G−1) · (n−1)/(n−k), with
 * u_g = Σ_{i∈g} w_i x_i e_i.
 */
import type { Matrix } from 'ml-matrix';
import { StatsError } from '../errors.ts';

export interface ClusterCovarianceInput {
  /** Regressors as columns (k columns of length n). */
  design: readonly ArrayLike<number>[];
  residuals: ArrayLike<number>;
  /** (X'WX)⁻¹ */
  xtwxInverse: Matrix;
  /** Cluster id per observation (0 … G−1). */
  cluster: ArrayLike<number>;
  weights?: ArrayLike<number>;
  /** k in (n−1)/(n−k); defaults to the number of columns. */
  k?: number;
}

export function clusterRobustCovariance(input: ClusterCovarianceInput): {
  covariance: number[][];
  clusters: number;
} {
  const { design, residuals, xtwxInverse, cluster, weights } = input;
  const kCols = design.length;
  const n = residuals.length;
  let g = 0;
  for (let i = 0; i < n; i++) g = Math.max(g, cluster[i] + 1);
  if (g < 2)
    throw new StatsError('TOO_FEW_CASES', 'Cluster-robust errors need at least 2 clusters');
  const u = new Float64Array(g * kCols);
  for (let i = 0; i < n; i++) {
    const we = (weights ? weights[i] : 1) * residuals[i];
    const base = cluster[i] * kCols;
    for (let j = 0; j < kCols; j++) u[base + j] += design[j][i] * we;
  }
  const meat = new Float64Array(kCols * kCols);
  for (let c = 0; c < g; c++) {
    for (let a = 0; a < kCols; a++) {
      const ua = u[c * kCols + a];
      if (ua === 0) continue;
      for (let b = 0; b < kCols; b++) meat[a * kCols + b] += ua * u[c * kCols + b];
    }
  }
  const k = input.k ?? kCols;
  const adjust = (g / (g - 1)) * ((n - 1) / (n - k));
  const bm: number[][] = [];
  for (let a = 0; a < kCols; a++) {
    const row: number[] = [];
    for (let b = 0; b < kCols; b++) {
      let s = 0;
      for (let c = 0; c < kCols; c++) s += xtwxInverse.get(a, c) * meat[c * kCols + b];
      row.push(s);
    }
    bm.push(row);
  }
  const covariance: number[][] = [];
  for (let a = 0; a < kCols; a++) {
    const row: number[] = [];
    for (let b = 0; b < kCols; b++) {
      let s = 0;
      for (let c = 0; c < kCols; c++) s += bm[a][c] * xtwxInverse.get(c, b);
      row.push(s * adjust);
    }
    covariance.push(row);
  }
  return { covariance, clusters: g };
}
