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
  /** The same values row-major (n × p). */
  rows: Float64Array;
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
    rows: toRowMajor(z.columns),
    n: sel.n,
    nInput: sel.nInput,
    nDropped: sel.nDropped,
    tolerance,
    maxIterations,
  };
}

/** Row-major copy (n × p) of the item columns, the layout `itemCorrelation` works on. */
export function toRowMajor(columns: readonly Float64Array[]): Float64Array {
  const p = columns.length;
  const n = columns[0].length;
  const out = new Float64Array(n * p);
  for (let j = 0; j < p; j++) {
    const col = columns[j];
    for (let i = 0; i < n; i++) out[i * p + j] = col[i];
  }
  return out;
}

/**
 * Item correlation matrix (p × p, row-major) from row-major data (n × p). With `counts`
 * (bootstrap multiplicities per row) it is the correlation matrix of the resample; rows with
 * count 0 cost nothing.
 */
export function itemCorrelation(
  rows: Float64Array,
  p: number,
  counts?: Float64Array,
): Float64Array {
  const n = rows.length / p;
  const sum = new Float64Array(p);
  const cross = new Float64Array(p * p);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const c = counts ? counts[i] : 1;
    if (c === 0) continue;
    total += c;
    const off = i * p;
    for (let a = 0; a < p; a++) {
      const ca = c * rows[off + a];
      sum[a] += ca;
      const base = a * p;
      for (let b = a; b < p; b++) cross[base + b] += ca * rows[off + b];
    }
  }
  const sd = new Float64Array(p);
  for (let a = 0; a < p; a++) {
    const mu = sum[a] / total;
    const v = cross[a * p + a] - total * mu * mu;
    if (!(v > 1e-12 * cross[a * p + a]) || !(v > 0)) {
      throw new StatsError('ZERO_VARIANCE', `Item ${a + 1} has zero variance in this sample`);
    }
    sd[a] = Math.sqrt(v);
  }
  const out = new Float64Array(p * p);
  for (let a = 0; a < p; a++) {
    out[a * p + a] = 1;
    const ma = sum[a] / total;
    for (let b = a + 1; b < p; b++) {
      const r = (cross[a * p + b] - total * ma * (sum[b] / total)) / (sd[a] * sd[b]);
      out[a * p + b] = r;
      out[b * p + a] = r;
    }
  }
  return out;
}
