import { StatsError } from '../errors.ts';
import type { RfmColumns, RfmInput } from './types.ts';

/** Distinct patterns with their total weight (collapsed identical rows). */
export interface RfmPatterns {
  count: number;
  frequency: Float64Array;
  recency: Float64Array;
  T: Float64Array;
  weight: Float64Array;
  totalWeight: number;
  maxT: number;
}

function isColumns(input: RfmInput): input is RfmColumns {
  return !Array.isArray(input);
}

/** Normalises row or column input into Float64Array columns (weights default to 1). */
export function toRfmColumns(input: RfmInput): {
  frequency: Float64Array;
  recency: Float64Array;
  T: Float64Array;
  weights: Float64Array;
} {
  if (isColumns(input)) {
    const n = input.frequency.length;
    if (input.recency.length !== n || input.T.length !== n) {
      throw new StatsError('INVALID_ARGUMENT', 'frequency, recency and T must have equal length');
    }
    if (input.weights && input.weights.length !== n) {
      throw new StatsError('INVALID_ARGUMENT', 'weights must have the same length as frequency');
    }
    return {
      frequency: Float64Array.from(input.frequency),
      recency: Float64Array.from(input.recency),
      T: Float64Array.from(input.T),
      weights: input.weights ? Float64Array.from(input.weights) : new Float64Array(n).fill(1),
    };
  }
  const rows = input as readonly {
    frequency: number;
    recency: number;
    T: number;
    weight?: number;
  }[];
  const n = rows.length;
  const out = {
    frequency: new Float64Array(n),
    recency: new Float64Array(n),
    T: new Float64Array(n),
    weights: new Float64Array(n),
  };
  for (let i = 0; i < n; i++) {
    const row = rows[i];
    out.frequency[i] = row.frequency;
    out.recency[i] = row.recency;
    out.T[i] = row.T;
    out.weights[i] = row.weight ?? 1;
  }
  return out;
}

export interface ValidateRfmOptions {
  frequency: ArrayLike<number>;
  recency: ArrayLike<number>;
  T: ArrayLike<number>;
  weights?: ArrayLike<number>;
  /** Frequencies must be whole numbers (all count models). Default true. */
  integerFrequency?: boolean;
}

/** Throws a StatsError for data no count model can use (lifetimes' _check_inputs and more). */
export function validateRfm(options: ValidateRfmOptions): void {
  const { frequency, recency, T, weights } = options;
  const integer = options.integerFrequency ?? true;
  for (let i = 0; i < frequency.length; i++) {
    const x = frequency[i];
    const tx = recency[i];
    const age = T[i];
    if (!Number.isFinite(x) || !Number.isFinite(tx) || !Number.isFinite(age)) {
      throw new StatsError('NON_FINITE', `customer ${i}: frequency, recency and T must be finite`);
    }
    if (x < 0) throw new StatsError('NEGATIVE_FREQUENCY', `customer ${i}: frequency ${x} < 0`);
    if (integer && !Number.isInteger(x)) {
      throw new StatsError('NON_INTEGER_FREQUENCY', `customer ${i}: frequency ${x} is not a count`);
    }
    if (tx < 0) throw new StatsError('NEGATIVE_RECENCY', `customer ${i}: recency ${tx} < 0`);
    if (age < 0) throw new StatsError('NEGATIVE_AGE', `customer ${i}: T ${age} < 0`);
    if (tx > age) {
      throw new StatsError('RECENCY_EXCEEDS_AGE', `customer ${i}: recency ${tx} > T ${age}`);
    }
    if (x === 0 && tx !== 0) {
      throw new StatsError(
        'INCONSISTENT_RECENCY',
        `customer ${i}: recency must be 0 when frequency is 0 (got ${tx})`,
      );
    }
    if (weights) {
      const w = weights[i];
      if (!Number.isFinite(w) || w < 0) {
        throw new StatsError(
          'INVALID_WEIGHT',
          `customer ${i}: weight ${w} must be finite and >= 0`,
        );
      }
    }
  }
}

/** Throws TOO_FEW_CASES unless there are enough customers (and repeat buyers) to fit. */
export function requireEnoughCustomers(
  totalWeight: number,
  repeatWeight: number,
  minimum: number,
): void {
  if (!(totalWeight >= minimum)) {
    throw new StatsError(
      'TOO_FEW_CASES',
      `at least ${minimum} customers are needed to fit the model (got ${totalWeight})`,
    );
  }
  if (!(repeatWeight > 0)) {
    throw new StatsError(
      'TOO_FEW_CASES',
      'no customer has a repeat purchase: the purchase-rate parameters are not identified',
    );
  }
}

const scratch = new Float64Array(3);
const scratchBits = new Uint32Array(scratch.buffer);

function hashTriple(a: number, b: number, c: number): number {
  scratch[0] = a + 0; // normalise -0
  scratch[1] = b + 0;
  scratch[2] = c + 0;
  let h = 0x811c9dc5;
  for (let k = 0; k < 6; k++) {
    h = Math.imul(h ^ scratchBits[k], 0x01000193);
    h ^= h >>> 15;
  }
  h = Math.imul(h ^ (h >>> 13), 0x5bd1e995);
  return (h ^ (h >>> 15)) >>> 0;
}

export interface CollapseTriplesOptions {
  a: ArrayLike<number>;
  b: ArrayLike<number>;
  c: ArrayLike<number>;
  weights: ArrayLike<number>;
}

/**
 * Collapses identical (a, b, c) rows into one row with the summed weight (open-addressing hash,
 * first-appearance order, zero-weight rows dropped).
 */
export function collapseTriples(options: CollapseTriplesOptions): {
  count: number;
  a: Float64Array;
  b: Float64Array;
  c: Float64Array;
  weight: Float64Array;
} {
  const { a, b, c, weights } = options;
  const n = a.length;
  let size = 16;
  while (size < 2 * n) size *= 2;
  const mask = size - 1;
  const table = new Int32Array(size).fill(-1);
  const ua = new Float64Array(n);
  const ub = new Float64Array(n);
  const uc = new Float64Array(n);
  const uw = new Float64Array(n);
  let count = 0;
  for (let i = 0; i < n; i++) {
    const w = weights[i];
    if (w === 0) continue;
    const va = a[i];
    const vb = b[i];
    const vc = c[i];
    let slot = hashTriple(va, vb, vc) & mask;
    for (;;) {
      const j = table[slot];
      if (j === -1) {
        table[slot] = count;
        ua[count] = va;
        ub[count] = vb;
        uc[count] = vc;
        uw[count] = w;
        count++;
        break;
      }
      if (ua[j] === va && ub[j] === vb && uc[j] === vc) {
        uw[j] += w;
        break;
      }
      slot = (slot + 1) & mask;
    }
  }
  return {
    count,
    a: ua.subarray(0, count),
    b: ub.subarray(0, count),
    c: uc.subarray(0, count),
    weight: uw.subarray(0, count),
  };
}

/** True for the output of collapseRfm (already validated and collapsed). */
export function isRfmPatterns(input: RfmInput | RfmPatterns): input is RfmPatterns {
  return (
    !Array.isArray(input) &&
    'count' in input &&
    'totalWeight' in input &&
    input.frequency instanceof Float64Array
  );
}

/**
 * Validates RFM input and collapses identical (frequency, recency, T) rows into weights; returns
 * already-collapsed patterns unchanged.
 */
export function collapseRfm(input: RfmInput | RfmPatterns): RfmPatterns {
  if (isRfmPatterns(input)) return input;
  const columns = toRfmColumns(input);
  validateRfm(columns);
  const collapsed = collapseTriples({
    a: columns.frequency,
    b: columns.recency,
    c: columns.T,
    weights: columns.weights,
  });
  let totalWeight = 0;
  let maxT = 0;
  for (let i = 0; i < collapsed.count; i++) {
    totalWeight += collapsed.weight[i];
    maxT = Math.max(maxT, collapsed.c[i]);
  }
  return {
    count: collapsed.count,
    frequency: collapsed.a,
    recency: collapsed.b,
    T: collapsed.c,
    weight: collapsed.weight,
    totalWeight,
    maxT,
  };
}
