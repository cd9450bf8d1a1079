/**
 * Tabular input helpers shared by the estimators: named columns from row records or column
 * arrays, listwise deletion of missing values (null, undefined, NaN), and checks for
 * non-finite values (±Infinity is an error, not "missing").
 */
import { StatsError } from '../errors.ts';

/** One observation per element: `{ IMAG1: 7, IMAG2: null, ... }`. */
export type DataRows = ReadonlyArray<Readonly<Record<string, number | null | undefined>>>;
/** One array per variable, all the same length: `{ IMAG1: [7, 10, ...], ... }`. */
export type DataColumns = Readonly<Record<string, ArrayLike<number | null | undefined>>>;
/** Either layout is accepted wherever a data set is expected. */
export type DataInput = DataRows | DataColumns;

export interface ColumnsResult {
  /** Selected variables, in the order requested. */
  names: string[];
  /** One Float64Array per variable, complete cases only. */
  columns: Float64Array[];
  /** Complete cases kept. */
  n: number;
  /** Rows in the input. */
  nInput: number;
  /** Rows dropped by listwise deletion. */
  nDropped: number;
  /** Index (0-based, in the input) of every kept row. */
  keptRows: number[];
}

function isMissing(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v));
}

/**
 * Extract `names` from `data` with listwise deletion. Throws StatsError MISSING_COLUMN when a
 * variable is absent, NON_FINITE for ±Infinity or non-numeric values.
 */
export function selectColumns(data: DataInput, names: readonly string[]): ColumnsResult {
  const isRows = Array.isArray(data);
  const nInput = isRows
    ? (data as DataRows).length
    : names.length > 0
      ? ((data as DataColumns)[names[0]]?.length ?? 0)
      : 0;
  const getters: ((i: number) => unknown)[] = [];
  for (const name of names) {
    if (isRows) {
      const rows = data as DataRows;
      if (rows.length > 0 && !rows.some((r) => Object.hasOwn(r, name))) {
        throw new StatsError('MISSING_COLUMN', `Variable "${name}" is not in the data`);
      }
      getters.push((i) => rows[i][name]);
    } else {
      const col = (data as DataColumns)[name];
      if (col === undefined) {
        throw new StatsError('MISSING_COLUMN', `Variable "${name}" is not in the data`);
      }
      if (col.length !== nInput) {
        throw new StatsError(
          'INVALID_ARGUMENT',
          `Column "${name}" has ${col.length} values, expected ${nInput}`,
        );
      }
      getters.push((i) => col[i]);
    }
  }
  const keptRows: number[] = [];
  for (let i = 0; i < nInput; i++) {
    let complete = true;
    for (let j = 0; j < names.length; j++) {
      const v = getters[j](i);
      if (isMissing(v)) {
        complete = false;
        continue;
      }
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        throw new StatsError(
          'NON_FINITE',
          `Variable "${names[j]}" has a non-finite or non-numeric value in row ${i + 1}`,
        );
      }
    }
    if (complete) keptRows.push(i);
  }
  const columns = names.map((_, j) => {
    const out = new Float64Array(keptRows.length);
    for (let r = 0; r < keptRows.length; r++) out[r] = getters[j](keptRows[r]) as number;
    return out;
  });
  return {
    names: [...names],
    columns,
    n: keptRows.length,
    nInput,
    nDropped: nInput - keptRows.length,
    keptRows,
  };
}

/** Throw NON_FINITE unless every value is a finite number. */
export function assertFinite(values: ArrayLike<number>, label: string): void {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) {
      throw new StatsError('NON_FINITE', `${label} has a non-finite value at position ${i + 1}`);
    }
  }
}

export function mean(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i];
  return s / values.length;
}

/** Sample variance with divisor n − 1 (two-pass). */
export function variance(values: ArrayLike<number>): number {
  const m = mean(values);
  let s = 0;
  for (let i = 0; i < values.length; i++) {
    const d = values[i] - m;
    s += d * d;
  }
  return s / (values.length - 1);
}

export interface Standardized {
  columns: Float64Array[];
  means: number[];
  /** Standard deviations with divisor n − 1. */
  sds: number[];
}

/** z-scores (divisor n − 1); ZERO_VARIANCE names the constant variable. */
export function standardizeColumns(
  columns: Float64Array[],
  names: readonly string[],
): Standardized {
  const means: number[] = [];
  const sds: number[] = [];
  const out = columns.map((col, j) => {
    if (col.length < 2) {
      throw new StatsError('TOO_FEW_CASES', `Need at least 2 cases to standardize "${names[j]}"`);
    }
    const m = mean(col);
    const sd = Math.sqrt(variance(col));
    if (!(sd > 1e-12 * Math.max(1, Math.abs(m)))) {
      throw new StatsError('ZERO_VARIANCE', `Variable "${names[j]}" has zero variance`);
    }
    means.push(m);
    sds.push(sd);
    const z = new Float64Array(col.length);
    for (let i = 0; i < col.length; i++) z[i] = (col[i] - m) / sd;
    return z;
  });
  return { columns: out, means, sds };
}
