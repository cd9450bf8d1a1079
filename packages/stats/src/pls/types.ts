/** Public types of the PLS path modeling module. */
import type { DataInput } from '../linalg/data.ts';

/** Mode A (reflective, correlation weights) or Mode B (formative, regression weights). */
export type PlsMode = 'A' | 'B';
/** Inner weighting scheme. */
export type InnerScheme = 'path' | 'centroid' | 'factorial';

export interface PlsConstructSpec {
  /** Indicator (item) column names. */
  items: readonly string[];
  /** Default 'A'. */
  mode?: PlsMode;
}

export interface PlsModelSpec {
  /** Constructs in output order. */
  constructs: Readonly<Record<string, PlsConstructSpec>>;
  /** Structural paths [from, to]; the structural model must be recursive (acyclic). */
  paths: ReadonlyArray<readonly [string, string]>;
}

export interface PlsOptions {
  /** Rows (`Record<string, number | null>[]`) or columns; null/NaN are missing (listwise deletion). */
  data: DataInput;
  model: PlsModelSpec;
  /** Default 'path'. */
  scheme?: InnerScheme;
  /** Stop when Σ|w_new − w_old| < tolerance (default 1e-10). */
  tolerance?: number;
  /** Default 300. */
  maxIterations?: number;
}

export interface PlsPath {
  from: string;
  to: string;
  coefficient: number;
}

export interface PlsReliability {
  /** Cronbach's α of the standardized items. */
  alpha: number;
  /** Composite reliability ρC (Jöreskog). */
  rhoC: number;
  /** Dijkstra–Henseler ρA. */
  rhoA: number;
  /** Average variance extracted. */
  ave: number;
}

export type NestedRecord = Record<string, Record<string, number>>;

export interface PlsDiagnostics {
  warnings: string[];
  /** Rows in the input and rows removed by listwise deletion. */
  nInput: number;
  nDropped: number;
  iterations: number;
  converged: boolean;
  tolerance: number;
  /**
   * Scores are standardized with divisor n − 1 (as seminr, cSEM, SmartPLS). plspm uses n, so its
   * construct scores are larger by √(n/(n−1)); weights, loadings and paths are identical.
   */
  scoreVarianceDivisor: 'n-1';
}

export interface PlsResult {
  constructs: string[];
  scheme: InnerScheme;
  /** Complete cases used. */
  n: number;
  /** Weights of the standardized items, scaled so every construct score has unit variance. */
  outerWeights: NestedRecord;
  /** Correlation of each item with its own construct. */
  outerLoadings: NestedRecord;
  /** item → construct → correlation of the item with every construct score. */
  crossLoadings: NestedRecord;
  paths: PlsPath[];
  /** 'From -> To' → coefficient. */
  pathCoefficients: Record<string, number>;
  /** Endogenous constructs only. */
  rSquared: Record<string, number>;
  rSquaredAdjusted: Record<string, number>;
  /** from → to → total effect (0 where there is no directed route). */
  totalEffects: NestedRecord;
  indirectEffects: NestedRecord;
  constructCorrelations: NestedRecord;
  /** Construct scores of the complete cases (unit variance, divisor n − 1). */
  scores: Record<string, number[]>;
  reliability: Record<string, PlsReliability>;
  /** Heterotrait–monotrait ratio (absolute correlations); null when a construct has one item. */
  htmt: Record<string, Record<string, number | null>>;
  /** Endogenous construct → predictor → VIF among its predictors. */
  innerVif: NestedRecord;
  diagnostics: PlsDiagnostics;
}
