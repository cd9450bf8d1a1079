/**
 * Cross-lagged panel model for unit × period data (e.g. stores × months):
 *   customer[t+1] = a + b·customer[t] + c·employee[t] + e     (c: employee → customer)
 *   employee[t+1] = a' + b'·employee[t] + d·customer[t] + e'  (d: customer → employee)
 * Pooled OLS or unit fixed effects (within transform), optional WLS weights and period dummies.
 * Inference: CR1 cluster-robust (by unit) standard errors exactly as sandwich::vcovCL(type =
 * "HC1") for lm; for fixed effects k counts the slope coefficients only (the absorbed unit means
 * are nested in the clusters, as Stata's xtreg, fe). p-values and intervals use the t
 * distribution with G − 1 degrees of freedom (G = units).
 */
import {
  type BootstrapStatistic,
  checkBootstrapSettings,
  summarizeDraws,
} from '../bootstrap/summary.ts';
import { StatsError } from '../errors.ts';
import { criticalValue, twoSidedP } from '../linalg/distributions.ts';
import { createRng } from '../random.ts';
import { estimatePanel, type PanelEstimate, TERM_CUSTOMER, TERM_EMPLOYEE } from './estimate.ts';
import { buildLagPairs, type LagPair, type PanelObservation, type UnitValue } from './lags.ts';
import type {
  CrossLaggedOptions,
  CrossLaggedResult,
  CrossLagVerdict,
  EquationFit,
  LagEffect,
} from './types.ts';

function readRows(options: CrossLaggedOptions): {
  observations: PanelObservation[];
  dropped: number;
} {
  const observations: PanelObservation[] = [];
  let dropped = 0;
  const cols = [options.unit, options.period, options.customer, options.employee];
  if (options.weight) cols.push(options.weight);
  if (options.data.length > 0) {
    for (const c of cols) {
      if (!options.data.some((r) => Object.hasOwn(r, c))) {
        throw new StatsError('MISSING_COLUMN', `Column "${c}" is not in the data`);
      }
    }
  }
  options.data.forEach((row, i) => {
    const unit = row[options.unit];
    const period = row[options.period];
    const values = [
      row[options.customer],
      row[options.employee],
      options.weight ? row[options.weight] : 1,
    ];
    const missing = (v: unknown) =>
      v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v));
    if (missing(unit) || missing(period) || values.some(missing)) {
      dropped++;
      return;
    }
    if (
      (typeof unit !== 'string' && typeof unit !== 'number') ||
      (typeof period !== 'string' && typeof period !== 'number')
    ) {
      throw new StatsError(
        'INVALID_ARGUMENT',
        `Row ${i + 1}: unit and period must be numbers or strings`,
      );
    }
    for (const v of values) {
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        throw new StatsError(
          'NON_FINITE',
          `Row ${i + 1}: measures and weights must be finite numbers`,
        );
      }
    }
    const [customer, employee, weight] = values as number[];
    if (!(weight > 0))
      throw new StatsError('INVALID_ARGUMENT', `Row ${i + 1}: weight must be positive`);
    observations.push({ unit, period, customer, employee, weight });
  });
  return { observations, dropped };
}

function effect(
  label: string,
  fit: PanelEstimate['customer'],
  term: string,
  df: number,
  level: number,
): LagEffect {
  const j = fit.terms.indexOf(term);
  const coefficient = fit.beta[j];
  const se = Math.sqrt(fit.covariance![j][j]);
  if (!(se > 0))
    throw new StatsError('SINGULAR_MATRIX', `${label}: the robust standard error is 0`);
  const t = coefficient / se;
  const crit = criticalValue(level, df);
  const p = twoSidedP(t, df);
  return {
    label,
    coefficient,
    se,
    t,
    p,
    ciLower: coefficient - crit * se,
    ciUpper: coefficient + crit * se,
    significant: p < 1 - level,
  };
}

function equationFit(
  outcome: EquationFit['outcome'],
  fit: PanelEstimate['customer'],
  n: number,
): EquationFit {
  return {
    outcome,
    terms: [...fit.terms],
    coefficients: Array.from(fit.beta),
    standardErrors: fit.terms.map((_, j) => Math.sqrt(fit.covariance![j][j])),
    rSquared: fit.rSquared,
    n,
  };
}

function verdictOf(c2e: boolean, e2c: boolean): CrossLagVerdict {
  if (c2e && e2c) return 'both';
  if (c2e) return 'customer→employee';
  if (e2c) return 'employee→customer';
  return 'neither';
}

function summaryOf(
  verdict: CrossLagVerdict,
  c2e: LagEffect,
  e2c: LagEffect,
  level: number,
): string {
  const pct = `${Math.round((1 - level) * 1000) / 10}%`;
  const dir = (x: LagEffect) => (x.coefficient > 0 ? 'raises' : 'lowers');
  switch (verdict) {
    case 'both':
      return `Each side predicts the other: customer scores ${dir(c2e)} next period's employee scores and employee scores ${dir(e2c)} next period's customer scores (both significant at ${pct}).`;
    case 'customer→employee':
      return `Customer scores predict next period's employee scores (${dir(c2e)} them, significant at ${pct}); employee scores do not significantly predict customer scores.`;
    case 'employee→customer':
      return `Employee scores predict next period's customer scores (${dir(e2c)} them, significant at ${pct}); customer scores do not significantly predict employee scores.`;
    default:
      return `Neither measure significantly predicts the other's next-period value at ${pct}.`;
  }
}

function clusterIds(pairs: readonly LagPair[], units: UnitValue[]): Int32Array {
  const index = new Map(units.map((u, i) => [u, i]));
  return Int32Array.from(pairs, (p) => index.get(p.unit)!);
}

/** Estimate the cross-lagged model; see the module comment for the inference used. */
export function crossLaggedPanel(options: CrossLaggedOptions): CrossLaggedResult {
  const estimator = options.estimator ?? 'pooled';
  const level = options.confidenceLevel ?? 0.95;
  if (!(level > 0 && level < 1))
    throw new StatsError('INVALID_ARGUMENT', 'confidenceLevel must be in (0, 1)');
  const { observations, dropped } = readRows(options);
  const lag = buildLagPairs(observations);
  if (lag.pairs.length === 0) {
    throw new StatsError('TOO_FEW_CASES', 'No unit has observations in two consecutive periods');
  }
  const pairUnits = [...new Set(lag.pairs.map((p) => p.unit))];
  const sample = {
    pairs: lag.pairs,
    cluster: clusterIds(lag.pairs, pairUnits),
    weighted: !!options.weight,
  };
  const periodEffects = options.periodEffects ?? false;
  const est = estimatePanel(sample, estimator, periodEffects, true);
  const df = est.clusters - 1;
  const c2e = effect('customer[t] → employee[t+1]', est.employee, TERM_CUSTOMER, df, level);
  const e2c = effect('employee[t] → customer[t+1]', est.customer, TERM_EMPLOYEE, df, level);
  const cStab = effect('customer[t] → customer[t+1]', est.customer, TERM_CUSTOMER, df, level);
  const eStab = effect('employee[t] → employee[t+1]', est.employee, TERM_EMPLOYEE, df, level);
  const warnings: string[] = [];
  if (dropped > 0)
    warnings.push(`${dropped} rows with a missing unit, period, measure or weight were dropped`);
  if (lag.gaps > 0)
    warnings.push(`${lag.gaps} observations have no next-period observation of their unit`);
  if (est.singletonUnits > 0) {
    warnings.push(
      `${est.singletonUnits} units with a single lag pair carry no within-unit information`,
    );
  }
  if (est.clusters < 30) {
    warnings.push(
      `Only ${est.clusters} units: cluster-robust inference may be unreliable with few clusters`,
    );
  }
  let bootstrap: CrossLaggedResult['bootstrap'];
  if (options.bootstrap) {
    const draws = clusterBootstrap(
      lag.pairs,
      pairUnits,
      estimator,
      periodEffects,
      sample.weighted,
      options.bootstrap,
    );
    const summarize = (values: number[], original: number): BootstrapStatistic =>
      summarizeDraws(values, original, level);
    c2e.bootstrap = summarize(draws.c2e, c2e.coefficient);
    e2c.bootstrap = summarize(draws.e2c, e2c.coefficient);
    cStab.bootstrap = summarize(draws.cStab, cStab.coefficient);
    eStab.bootstrap = summarize(draws.eStab, eStab.coefficient);
    bootstrap = {
      resamples: options.bootstrap.resamples,
      failed: draws.failed,
      seed: options.bootstrap.seed,
    };
    if (draws.failed > 0)
      warnings.push(`${draws.failed} bootstrap resamples failed and were left out`);
  }
  const verdict = verdictOf(c2e.significant, e2c.significant);
  return {
    estimator,
    n: est.n,
    units: est.clusters,
    periods: lag.periods,
    df,
    confidenceLevel: level,
    customerToEmployee: c2e,
    employeeToCustomer: e2c,
    customerStability: cStab,
    employeeStability: eStab,
    equations: {
      customer: equationFit('customer[t+1]', est.customer, est.n),
      employee: equationFit('employee[t+1]', est.employee, est.n),
    },
    verdict,
    summary: summaryOf(verdict, c2e, e2c, level),
    bootstrap,
    diagnostics: {
      warnings,
      rowsInput: options.data.length,
      rowsDropped: dropped,
      gaps: lag.gaps,
      singletonUnits: est.singletonUnits,
      unitIds: lag.units,
    },
  };
}

/** Resample whole units with replacement; each drawn unit becomes its own cluster. */
function clusterBootstrap(
  pairs: readonly LagPair[],
  units: UnitValue[],
  estimator: CrossLaggedResult['estimator'],
  periodEffects: boolean,
  weighted: boolean,
  settings: { resamples: number; seed: number },
) {
  checkBootstrapSettings(settings.resamples, settings.seed);
  const byUnit = new Map<UnitValue, LagPair[]>();
  for (const p of pairs) {
    const list = byUnit.get(p.unit) ?? [];
    list.push(p);
    byUnit.set(p.unit, list);
  }
  const groups = units.map((u) => byUnit.get(u)!);
  const out = {
    c2e: [] as number[],
    e2c: [] as number[],
    cStab: [] as number[],
    eStab: [] as number[],
    failed: 0,
  };
  for (let r = 0; r < settings.resamples; r++) {
    const rng = createRng(settings.seed, r);
    const drawn: LagPair[] = [];
    const cluster: number[] = [];
    for (let d = 0; d < groups.length; d++) {
      const group = groups[rng.int(groups.length)];
      for (const p of group) {
        drawn.push(p);
        cluster.push(d);
      }
    }
    try {
      const est = estimatePanel(
        { pairs: drawn, cluster: Int32Array.from(cluster), weighted },
        estimator,
        periodEffects,
        false,
      );
      out.c2e.push(est.employee.beta[est.employee.terms.indexOf(TERM_CUSTOMER)]);
      out.e2c.push(est.customer.beta[est.customer.terms.indexOf(TERM_EMPLOYEE)]);
      out.cStab.push(est.customer.beta[est.customer.terms.indexOf(TERM_CUSTOMER)]);
      out.eStab.push(est.employee.beta[est.employee.terms.indexOf(TERM_EMPLOYEE)]);
    } catch (error) {
      if (!(error instanceof StatsError)) throw error;
      out.failed++;
    }
  }
  return out;
}
