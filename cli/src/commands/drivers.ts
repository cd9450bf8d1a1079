/** `valueloop drivers`: key-driver analysis (relative weights, LMG/Shapley) on a CSV file. */
import { type BootstrapStatistic, type KeyDriverResult, keyDrivers } from '@valueloop/stats';
import { CliError } from '../errors.ts';
import {
  BOOTSTRAP_AND_JSON_FLAGS,
  bootstrapSettings,
  parseBootstrapOptions,
  runEstimator,
} from '../stats-io/bootstrap.ts';
import { numberColumns, readTable } from '../stats-io/csv.ts';
import { type Cell, section } from '../stats-io/format.ts';
import { parseChoice, parseList, parseOptions, requireOption } from '../stats-io/options.ts';
import { analystCommand } from './analyst-command.ts';
import type { Command } from './types.ts';

export const DRIVERS_USAGE =
  'valueloop drivers --data FILE.csv --outcome COL --predictors A,B,… [--method relative-weights|lmg|all] [--bootstrap N --seed S] [--json]';

const METHODS = ['relative-weights', 'lmg', 'all'] as const;
type DriverMethod = (typeof METHODS)[number];

export interface DriversCommandOptions {
  data: string;
  outcome: string;
  predictors: string[];
  method?: DriverMethod;
  bootstrap?: number;
  seed?: number;
}

type PerPredictor = Record<string, number>;
type Interval = { se: number; ciLow: number; ciHigh: number };

export interface DriversOutput {
  outcome: string;
  predictors: string[];
  method: DriverMethod;
  n: number;
  rowsDropped: number;
  rSquared: number;
  adjRSquared: number;
  standardizedCoefficients: PerPredictor;
  relativeWeights?: { raw: PerPredictor; rescaled: PerPredictor };
  lmg?: { raw: PerPredictor; rescaled: PerPredictor };
  first?: PerPredictor;
  last?: PerPredictor;
  pratt?: PerPredictor;
  /** Bootstrap standard errors and percentile intervals of each reported measure. */
  bootstrap?: {
    resamples: number;
    failed: number;
    seed: number;
    confidenceLevel: number;
    measures: Record<string, Record<string, Interval>>;
  };
  warnings: string[];
}

export function parseDriversArgs(args: string[]): {
  options: DriversCommandOptions;
  json: boolean;
} {
  const { values } = parseOptions(
    args,
    {
      data: { type: 'string' },
      outcome: { type: 'string' },
      predictors: { type: 'string' },
      method: { type: 'string' },
      ...BOOTSTRAP_AND_JSON_FLAGS,
    },
    DRIVERS_USAGE,
  );
  const predictors = parseList(requireOption(values.predictors, '--predictors', DRIVERS_USAGE));
  if (predictors.length === 0) throw new CliError('--predictors: no column names given');
  return {
    options: {
      data: requireOption(values.data, '--data', DRIVERS_USAGE),
      outcome: requireOption(values.outcome, '--outcome', DRIVERS_USAGE),
      predictors,
      method: parseChoice('--method', values.method ?? 'all', METHODS),
      ...parseBootstrapOptions(values),
    },
    json: values.json ?? false,
  };
}

function intervals(stats: Record<string, BootstrapStatistic>): Record<string, Interval> {
  return Object.fromEntries(
    Object.entries(stats).map(([k, s]) => [k, { se: s.se, ciLow: s.ciLower, ciHigh: s.ciUpper }]),
  );
}

function present(r: KeyDriverResult, method: DriverMethod, warnings: string[]): DriversOutput {
  const rw = method !== 'lmg';
  const lmg = method !== 'relative-weights';
  const all = method === 'all';
  const out: DriversOutput = {
    outcome: r.outcome,
    predictors: r.predictors,
    method,
    n: r.n,
    rowsDropped: r.diagnostics.nDropped,
    rSquared: r.rSquared,
    adjRSquared: r.adjRSquared,
    standardizedCoefficients: r.standardizedCoefficients,
    ...(rw ? { relativeWeights: r.relativeWeights } : {}),
    ...(lmg ? { lmg: { raw: r.lmg, rescaled: r.lmgShare } } : {}),
    ...(all ? { first: r.first, last: r.last, pratt: r.pratt } : {}),
    warnings: [...warnings, ...r.diagnostics.warnings],
  };
  const b = r.bootstrap;
  if (b) {
    const measures: Record<string, Record<string, Interval>> = {};
    if (rw) measures.relativeWeights = intervals(b.relativeWeights);
    if (lmg) measures.lmg = intervals(b.lmg);
    if (all) {
      measures.first = intervals(b.first);
      measures.last = intervals(b.last);
      measures.pratt = intervals(b.pratt);
    }
    const { resamples, failed, seed, confidenceLevel } = b;
    out.bootstrap = { resamples, failed, seed, confidenceLevel, measures };
  }
  return out;
}

/** Reads the data and runs the key-driver analysis. */
export function runDriversFile(options: DriversCommandOptions): DriversOutput {
  const table = readTable(options.data);
  const data = numberColumns(table, [options.outcome, ...options.predictors]);
  const p = options.predictors.length;
  if (table.rowCount < p + 2) {
    throw new CliError(
      `${options.data}: ${table.rowCount} rows, fewer than the ${p + 2} needed for ${p} predictors`,
    );
  }
  const warnings: string[] = [];
  const bootstrap = bootstrapSettings(options, warnings);
  const result = runEstimator(options.data, bootstrap, () =>
    keyDrivers({
      data,
      outcome: options.outcome,
      predictors: options.predictors,
      ...(bootstrap !== undefined ? { bootstrap } : {}),
    }),
  );
  return present(result, options.method ?? 'all', warnings);
}

export function renderDrivers(out: DriversOutput): string {
  const headers = ['predictor', 'beta'];
  const columns: ((name: string) => Cell)[] = [(n) => out.standardizedCoefficients[n]];
  const add = (label: string, values: PerPredictor | undefined) => {
    if (!values) return;
    headers.push(label);
    columns.push((n) => values[n]);
  };
  add('rel. weight', out.relativeWeights?.raw);
  add('RW share', out.relativeWeights?.rescaled);
  add('LMG', out.lmg?.raw);
  add('LMG share', out.lmg?.rescaled);
  add('first', out.first);
  add('last', out.last);
  add('pratt', out.pratt);
  const rows = out.predictors.map((n) => [n, ...columns.map((f) => f(n))]);
  let text = `${out.outcome} ~ ${out.predictors.join(' + ')}: n ${out.n} (${out.rowsDropped} dropped), R² ${out.rSquared.toFixed(4)}, adj. R² ${out.adjRSquared.toFixed(4)}\n\n`;
  text += section('Importance', headers, rows);
  const b = out.bootstrap;
  if (b) {
    const pct = Math.round(b.confidenceLevel * 100);
    for (const [measure, per] of Object.entries(b.measures)) {
      text += section(
        `Bootstrap ${measure} (${b.resamples} resamples, seed ${b.seed}, ${b.failed} failed)`,
        ['predictor', 'SE', `${pct}% low`, `${pct}% high`],
        out.predictors.map((n) => [n, per[n].se, per[n].ciLow, per[n].ciHigh]),
      );
    }
  }
  text += out.warnings.map((w) => `warning: ${w}\n`).join('');
  return text.trimEnd();
}

export const driversCommand: Command = analystCommand(
  parseDriversArgs,
  runDriversFile,
  renderDrivers,
);
