/** Pearson correlation and covariance matrices (divisor n − 1) with listwise deletion. */
import { StatsError } from '../errors.ts';
import { type DataInput, selectColumns } from './data.ts';

export interface CorrelationOptions {
  data: DataInput;
  /** Variables to correlate, in output order. */
  variables: readonly string[];
}

export interface CorrelationResult {
  variables: string[];
  /** Symmetric matrix with unit diagonal. */
  matrix: number[][];
  /** Covariance matrix (divisor n − 1). */
  covariance: number[][];
  means: number[];
  sds: number[];
  /** Complete cases used. */
  n: number;
  diagnostics: { warnings: string[]; nDropped: number };
}

/**
 * Covariance matrix of complete columns (divisor n − 1), optionally with integer case
 * multiplicities (bootstrap counts) instead of equal weights.
 */
export function covarianceOfColumns(
  columns: readonly Float64Array[],
  counts?: Float64Array,
): number[][] {
  const p = columns.length;
  const n = p > 0 ? columns[0].length : 0;
  let total = 0;
  for (let i = 0; i < n; i++) total += counts ? counts[i] : 1;
  const means = columns.map((c) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += (counts ? counts[i] : 1) * c[i];
    return s / total;
  });
  const centered = columns.map((c, j) => {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = c[i] - means[j];
    return out;
  });
  const cov: number[][] = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  for (let a = 0; a < p; a++) {
    const ca = centered[a];
    for (let b = a; b < p; b++) {
      const cb = centered[b];
      let s = 0;
      if (counts) for (let i = 0; i < n; i++) s += counts[i] * ca[i] * cb[i];
      else for (let i = 0; i < n; i++) s += ca[i] * cb[i];
      cov[a][b] = s / (total - 1);
      cov[b][a] = cov[a][b];
    }
  }
  return cov;
}

/** Convert a covariance matrix to correlations; ZERO_VARIANCE names a constant variable. */
export function covarianceToCorrelation(cov: number[][], names: readonly string[]): number[][] {
  const sd = cov.map((row, j) => {
    const v = row[j];
    if (!(v > 1e-24))
      throw new StatsError('ZERO_VARIANCE', `Variable "${names[j]}" has zero variance`);
    return Math.sqrt(v);
  });
  return cov.map((row, a) => row.map((v, b) => (a === b ? 1 : v / (sd[a] * sd[b]))));
}

/** Pearson correlation matrix of `variables`; rows with a missing value are dropped (listwise). */
export function correlationMatrix(options: CorrelationOptions): CorrelationResult {
  const sel = selectColumns(options.data, options.variables);
  if (sel.n < 3) {
    throw new StatsError('TOO_FEW_CASES', `Need at least 3 complete cases, got ${sel.n}`);
  }
  const covariance = covarianceOfColumns(sel.columns);
  const matrix = covarianceToCorrelation(covariance, sel.names);
  const warnings: string[] = [];
  if (sel.nDropped > 0) warnings.push(`${sel.nDropped} rows with missing values were dropped`);
  return {
    variables: sel.names,
    matrix,
    covariance,
    means: sel.columns.map((c) => c.reduce((s, v) => s + v, 0) / sel.n),
    sds: covariance.map((row, j) => Math.sqrt(row[j])),
    n: sel.n,
    diagnostics: { warnings, nDropped: sel.nDropped },
  };
}
