/** Public types of the cross-lagged panel module. */
import type { BootstrapStatistic } from '../bootstrap/summary.ts';
import type { PeriodValue, UnitValue } from './lags.ts';

export type PanelEstimator = 'pooled' | 'fixed-effects';
export type CrossLagVerdict = 'customer→employee' | 'employee→customer' | 'both' | 'neither';

export interface CrossLaggedOptions {
  /** One row per unit and period. */
  data: ReadonlyArray<Readonly<Record<string, unknown>>>;
  /** Column names. */
  unit: string;
  period: string;
  /** Customer measure (e.g. mean satisfaction of the unit in the period). */
  customer: string;
  /** Employee measure. */
  employee: string;
  /** Optional column of positive weights (e.g. respondent counts) → WLS; the outcome row's weight is used. */
  weight?: string;
  /** 'pooled' (OLS with intercept, default) or 'fixed-effects' (unit within transform). */
  estimator?: PanelEstimator;
  /** Add dummies for the outcome period (common shocks / seasonality). Default false. */
  periodEffects?: boolean;
  /** Interval coverage, default 0.95; effects with p < 1 − level count as significant. */
  confidenceLevel?: number;
  /** Unit-cluster bootstrap (resample whole units with replacement). */
  bootstrap?: { resamples: number; seed: number };
}

export interface LagEffect {
  /** Regressor and equation, e.g. 'customer[t] → employee[t+1]'. */
  label: string;
  coefficient: number;
  /** Cluster-robust (by unit) CR1 standard error. */
  se: number;
  t: number;
  /** Two-sided p-value from the t distribution with G − 1 degrees of freedom. */
  p: number;
  ciLower: number;
  ciUpper: number;
  significant: boolean;
  /** Unit-cluster bootstrap summary, when requested. */
  bootstrap?: BootstrapStatistic;
}

export interface EquationFit {
  /** Outcome of the equation. */
  outcome: 'customer[t+1]' | 'employee[t+1]';
  terms: string[];
  coefficients: number[];
  standardErrors: number[];
  /** R² (within R² for fixed effects). */
  rSquared: number;
  n: number;
}

export interface CrossLaggedResult {
  estimator: PanelEstimator;
  /** Lag pairs used. */
  n: number;
  /** Units (clusters) G in the estimation sample. */
  units: number;
  periods: PeriodValue[];
  /** Degrees of freedom of the t reference distribution: G − 1. */
  df: number;
  confidenceLevel: number;
  /** Coefficient of customer[t] in the employee[t+1] equation. */
  customerToEmployee: LagEffect;
  /** Coefficient of employee[t] in the customer[t+1] equation. */
  employeeToCustomer: LagEffect;
  /** Autoregressive coefficients. */
  customerStability: LagEffect;
  employeeStability: LagEffect;
  equations: { customer: EquationFit; employee: EquationFit };
  verdict: CrossLagVerdict;
  /** The verdict in one plain sentence. */
  summary: string;
  bootstrap?: { resamples: number; failed: number; seed: number };
  diagnostics: {
    warnings: string[];
    rowsInput: number;
    rowsDropped: number;
    /** Observations whose unit has no observation in the next period. */
    gaps: number;
    /** Units with a single lag pair, dropped by the fixed-effects within transform. */
    singletonUnits: number;
    /** Data units (for the bootstrap's unit list). */
    unitIds: UnitValue[];
  };
}
