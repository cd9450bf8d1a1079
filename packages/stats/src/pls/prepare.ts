/** Input handling for PLS: model compilation, listwise deletion, standardization. */
import { StatsError } from '../errors.ts';
import { selectColumns, standardizeColumns } from '../linalg/data.ts';
import { type CompiledModel, compileModel } from './model.ts';
import type { PlsOptions } from './types.ts';

/** Everything an estimation or a bootstrap chunk needs; plain data, safe to post to a worker. */
export interface PreparedPls {
  model: CompiledModel;
  /** Standardized items (divisor n − 1), one column per item in `model.items` order. */
  columns: Float64Array[];
  n: number;
  nInput: number;
  nDropped: number;
  tolerance: number;
  maxIterations: number;
}

export function preparePls(options: PlsOptions): PreparedPls {
  const model = compileModel(options.model, options.scheme ?? 'path');
  const tolerance = options.tolerance ?? 1e-10;
  const maxIterations = options.maxIterations ?? 300;
  if (!(tolerance > 0) || !(maxIterations >= 1)) {
    throw new StatsError('INVALID_ARGUMENT', 'tolerance must be > 0 and maxIterations ≥ 1');
  }
  const sel = selectColumns(options.data, model.items);
  if (sel.n < 3) {
    throw new StatsError(
      'TOO_FEW_CASES',
      `PLS needs at least 3 complete cases; ${sel.n} remain after listwise deletion of ${sel.nDropped}`,
    );
  }
  const z = standardizeColumns(sel.columns, sel.names);
  return {
    model,
    columns: z.columns,
    n: sel.n,
    nInput: sel.nInput,
    nDropped: sel.nDropped,
    tolerance,
    maxIterations,
  };
}

/**
 * Item correlation matrix (p × p, row-major). With `counts` (bootstrap multiplicities per row)
 * it is the correlation matrix of the resample.
 */
export function itemCorrelation(columns: readonly Float64Array[], counts?: Float64Array): Float64Array {
  const p = columns.length;
  const n = columns[0].length;
  const centered: Float64Array[] = [];
  let total = 0;
  for (let i = 0; i < n; i++) total += counts ? counts[i] : 1;
  for (const col of columns) {
    let s = 0;
    if (counts) for (let i = 0; i < n; i++) s += counts[i] * col[i];
    else for (let i = 0; i < n; i++) s += col[i];
    const mu = s / total;
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = col[i] - mu;
    centered.push(out);
  }
  const cov = new Float64Array(p * p);
  for (let a = 0; a < p; a++) {
    const ca = centered[a];
    const wa = counts ? new Float64Array(n) : ca;
    if (counts) for (let i = 0; i < n; i++) wa[i] = counts[i] * ca[i];
    for (let b = a; b < p; b++) {
      const cb = centered[b];
      let s = 0;
      for (let i = 0; i < n; i++) s += wa[i] * cb[i];
      cov[a * p + b] = s;
    }
  }
  const sd = new Float64Array(p);
  for (let a = 0; a < p; a++) {
    const v = cov[a * p + a];
    if (!(v > 1e-20 * total)) {
      throw new StatsError('ZERO_VARIANCE', `Item ${a + 1} has zero variance in this sample`);
    }
    sd[a] = Math.sqrt(v);
  }
  for (let a = 0; a < p; a++) {
    cov[a * p + a] = 1;
    for (let b = a + 1; b < p; b++) {
      const r = cov[a * p + b] / (sd[a] * sd[b]);
      cov[a * p + b] = r;
      cov[b * p + a] = r;
    }
  }
  return cov;
}
