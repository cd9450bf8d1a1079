/** One customer's repeat-purchase summary (lifetimes/BTYD conventions). */
export interface CustomerRfm {
  /** Number of repeat purchases x (periods with a purchase after the first). */
  frequency: number;
  /** Time of the last purchase since the first, t_x (0 when frequency is 0). */
  recency: number;
  /** Age: time from the first purchase to the end of observation. */
  T: number;
  /** Number of customers with this pattern (default 1). */
  weight?: number;
}

/** Column form of the same data (faster for millions of customers). */
export interface RfmColumns {
  frequency: ArrayLike<number>;
  recency: ArrayLike<number>;
  T: ArrayLike<number>;
  weights?: ArrayLike<number>;
}

export type RfmInput = readonly CustomerRfm[] | RfmColumns;

export interface BgNbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

/** MBG/NBD (Batislam et al. 2007) has the same parameters as BG/NBD. */
export type MbgNbdParams = BgNbdParams;

export interface ParetoNbdParams {
  r: number;
  alpha: number;
  s: number;
  beta: number;
}

export interface BgBbParams {
  alpha: number;
  beta: number;
  gamma: number;
  delta: number;
}

/** Gamma-Gamma spend model; `v` is called gamma in BTYD. */
export interface GammaGammaParams {
  p: number;
  q: number;
  v: number;
}

export interface ConvergenceReport {
  converged: boolean;
  /** Optimizer iterations (all stages). */
  iterations: number;
  functionEvaluations: number;
  /** Max-abs gradient of the mean penalised negative log-likelihood in log-parameter space. */
  gradientNorm: number;
  /** Stages used, e.g. 'newton', 'bfgs', 'bfgs+nelder-mead+bfgs'. */
  method: string;
  warnings: string[];
}

export interface FitOptionsBase<P> {
  /** L2 penalty on the (time-scaled) parameters, as lifetimes' penalizer_coef. Default 0. */
  penalizer?: number;
  /** Compute standard errors from the Hessian. Default true. */
  standardErrors?: boolean;
  /** Starting values (natural scale). */
  initialParams?: Partial<P>;
  maxIterations?: number;
  /** Max-abs gradient tolerance of the mean objective in log-space. Default 1e-9. */
  gradientTolerance?: number;
}

export interface ModelFit<P> {
  params: P;
  /** Total (unpenalised) log-likelihood on the original time scale. */
  logLikelihood: number;
  /** Asymptotic standard errors (inverse observed information), or null if unavailable. */
  standardErrors: P | null;
  /** Covariance matrix of the parameters in `parameterNames` order, or null. */
  covariance: number[][] | null;
  parameterNames: readonly (keyof P & string)[];
  convergence: ConvergenceReport;
  /** Total customers (sum of weights). */
  customers: number;
  /** Distinct (frequency, recency, T) patterns the likelihood was evaluated on. */
  uniquePatterns: number;
}

export type TransactionModel =
  | { model: 'bgnbd'; params: BgNbdParams }
  | { model: 'mbgnbd'; params: MbgNbdParams }
  | { model: 'pareto-nbd'; params: ParetoNbdParams };
