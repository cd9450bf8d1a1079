/** `keyDrivers`: relative importance of predictors of an outcome, with a seeded bootstrap. */
import {
  type BootstrapStatistic,
  checkBootstrapSettings,
  summarizeDraws,
} from '../bootstrap/summary.ts';
import { StatsError } from '../errors.ts';
import { covarianceOfColumns, covarianceToCorrelation } from '../linalg/correlation.ts';
import { type DataInput, selectColumns } from '../linalg/data.ts';
import { createRng, resampleCounts } from '../random.ts';
import { type ImportanceVectors, importanceFromCorrelation } from './measures.ts';
import { MAX_EXACT_PREDICTORS } from './subsets.ts';

export interface KeyDriverOptions {
  /** Rows or columns; rows with a missing value in the outcome or a predictor are dropped. */
  data: DataInput;
  outcome: string;
  /** 1 to 15 predictors (exact LMG over all 2^p subsets). */
  predictors: readonly string[];
  /** Seeded nonparametric bootstrap of all measures (resampling rows). */
  bootstrap?: { resamples: number; seed: number; confidenceLevel?: number };
}

export type PerPredictor = Record<string, number>;

export interface KeyDriverBootstrap {
  resamples: number;
  /** Resamples with a singular or constant resampled data set, left out. */
  failed: number;
  seed: number;
  confidenceLevel: number;
  lmg: Record<string, BootstrapStatistic>;
  relativeWeights: Record<string, BootstrapStatistic>;
  first: Record<string, BootstrapStatistic>;
  last: Record<string, BootstrapStatistic>;
  pratt: Record<string, BootstrapStatistic>;
  rSquared: BootstrapStatistic;
}

export interface KeyDriverResult {
  outcome: string;
  predictors: string[];
  /** Complete cases used. */
  n: number;
  rSquared: number;
  adjRSquared: number;
  /** Standardized regression coefficients. */
  standardizedCoefficients: PerPredictor;
  /** LMG = Shapley decomposition of R² (sums to R²). */
  lmg: PerPredictor;
  /** LMG shares (sum to 1). */
  lmgShare: PerPredictor;
  /** Squared zero-order correlation with the outcome. */
  first: PerPredictor;
  /** Drop in R² when the predictor is removed last. */
  last: PerPredictor;
  /** Squared standardized coefficient. */
  betasq: PerPredictor;
  /** Pratt measure β·r (sums to R²). */
  pratt: PerPredictor;
  /** Squared CAR scores (sum to R²). */
  car: PerPredictor;
  /** Johnson's relative weights: raw (sum to R²) and rescaled (sum to 1). */
  relativeWeights: { raw: PerPredictor; rescaled: PerPredictor };
  bootstrap?: KeyDriverBootstrap;
  diagnostics: { warnings: string[]; nInput: number; nDropped: number };
}

function correlationOf(
  columns: Float64Array[],
  names: string[],
  counts?: Float64Array,
): Float64Array {
  const corr = covarianceToCorrelation(covarianceOfColumns(columns, counts), names);
  return Float64Array.from(corr.flat());
}

function record(names: readonly string[], values: readonly number[]): PerPredictor {
  return Object.fromEntries(names.map((name, j) => [name, values[j]]));
}

/** Relative importance of `predictors` for `outcome` (LMG, relative weights, first, last, pratt …). */
export function keyDrivers(options: KeyDriverOptions): KeyDriverResult {
  const { outcome } = options;
  const predictors = [...options.predictors];
  const p = predictors.length;
  if (p < 1) throw new StatsError('INVALID_ARGUMENT', 'At least one predictor is needed');
  if (p > MAX_EXACT_PREDICTORS) {
    throw new StatsError(
      'INVALID_ARGUMENT',
      `At most ${MAX_EXACT_PREDICTORS} predictors (got ${p})`,
    );
  }
  if (new Set([...predictors, outcome]).size !== p + 1) {
    throw new StatsError(
      'INVALID_ARGUMENT',
      'Predictors must be distinct and differ from the outcome',
    );
  }
  const names = [...predictors, outcome];
  const sel = selectColumns(options.data, names);
  if (sel.n < p + 2) {
    throw new StatsError('TOO_FEW_CASES', `Need at least ${p + 2} complete cases, got ${sel.n}`);
  }
  const v: ImportanceVectors = importanceFromCorrelation(
    correlationOf(sel.columns, names),
    p,
    predictors,
  );
  const warnings: string[] = [];
  if (sel.nDropped > 0) warnings.push(`${sel.nDropped} rows with missing values were dropped`);
  const rwTotal = v.relativeWeights.reduce((s, x) => s + x, 0);
  // Shares are undefined when R² = 0; report 0 (with a warning) rather than NaN.
  const share = (x: number, total: number) => (total > 0 ? x / total : 0);
  const result: KeyDriverResult = {
    outcome,
    predictors,
    n: sel.n,
    rSquared: v.rSquared,
    adjRSquared: 1 - ((1 - v.rSquared) * (sel.n - 1)) / (sel.n - p - 1),
    standardizedCoefficients: record(predictors, v.beta),
    lmg: record(predictors, v.lmg),
    lmgShare: record(
      predictors,
      v.lmg.map((x) => share(x, v.rSquared)),
    ),
    first: record(predictors, v.first),
    last: record(predictors, v.last),
    betasq: record(predictors, v.betasq),
    pratt: record(predictors, v.pratt),
    car: record(predictors, v.car),
    relativeWeights: {
      raw: record(predictors, v.relativeWeights),
      rescaled: record(
        predictors,
        v.relativeWeights.map((x) => share(x, rwTotal)),
      ),
    },
    diagnostics: { warnings, nInput: sel.nInput, nDropped: sel.nDropped },
  };
  if (!(v.rSquared > 0)) warnings.push('R² is 0: shares are undefined');
  if (options.bootstrap) {
    result.bootstrap = bootstrapDrivers(sel.columns, names, p, v, options.bootstrap);
    if (result.bootstrap.failed > 0) {
      warnings.push(`${result.bootstrap.failed} bootstrap resamples failed and were left out`);
    }
  }
  return result;
}

function bootstrapDrivers(
  columns: Float64Array[],
  names: string[],
  p: number,
  original: ImportanceVectors,
  settings: NonNullable<KeyDriverOptions['bootstrap']>,
): KeyDriverBootstrap {
  const { resamples, seed } = settings;
  const level = settings.confidenceLevel ?? 0.95;
  checkBootstrapSettings(resamples, seed);
  const n = columns[0].length;
  const draws: ImportanceVectors[] = [];
  const counts = new Float64Array(n);
  for (let r = 0; r < resamples; r++) {
    resampleCounts(createRng(seed, r), n, counts);
    try {
      draws.push(importanceFromCorrelation(correlationOf(columns, names, counts), p));
    } catch (error) {
      if (!(error instanceof StatsError)) throw error;
    }
  }
  const predictors = names.slice(0, p);
  const per = (key: 'lmg' | 'relativeWeights' | 'first' | 'last' | 'pratt') =>
    Object.fromEntries(
      predictors.map((name, j) => [
        name,
        summarizeDraws(
          draws.map((d) => d[key][j]),
          original[key][j],
          level,
        ),
      ]),
    );
  return {
    resamples,
    failed: resamples - draws.length,
    seed,
    confidenceLevel: level,
    lmg: per('lmg'),
    relativeWeights: per('relativeWeights'),
    first: per('first'),
    last: per('last'),
    pratt: per('pratt'),
    rSquared: summarizeDraws(
      draws.map((d) => d.rSquared),
      original.rSquared,
      level,
    ),
  };
}
