/** `valueloop panel`: cross-lagged panel model (direction of effect) on a unit × period CSV. */
import { type CrossLaggedResult, crossLaggedPanel, type LagEffect } from '@valueloop/stats';
import { CliError } from '../errors.ts';
import {
  BOOTSTRAP_AND_JSON_FLAGS,
  bootstrapSettings,
  parseBootstrapOptions,
  runEstimator,
} from '../stats-io/bootstrap.ts';
import { numberColumn, readTable, stringColumn, type Table } from '../stats-io/csv.ts';
import { section } from '../stats-io/format.ts';
import { parseList, parseOptions, requireOption } from '../stats-io/options.ts';
import { analystCommand } from './analyst-command.ts';
import type { Command } from './types.ts';

export const PANEL_USAGE =
  'valueloop panel --data FILE.csv --unit COL --period COL --vars X,Y [--fixed-effects] [--weights COL] [--bootstrap N --seed S] [--json]';

export interface PanelCommandOptions {
  data: string;
  unit: string;
  period: string;
  /** Exactly two measures X, Y. */
  vars: [string, string];
  fixedEffects?: boolean;
  weights?: string;
  bootstrap?: number;
  seed?: number;
}

export interface PanelEffect {
  label: string;
  estimate: number;
  se: number;
  t: number;
  p: number;
  ciLow: number;
  ciHigh: number;
  significant: boolean;
  bootstrapSe?: number;
}

export interface PanelOutput {
  estimator: CrossLaggedResult['estimator'];
  vars: [string, string];
  n: number;
  units: number;
  periods: number;
  df: number;
  confidenceLevel: number;
  effects: PanelEffect[];
  equations: Record<
    string,
    { terms: string[]; coefficients: number[]; standardErrors: number[]; rSquared: number }
  >;
  verdict: string;
  summary: string;
  bootstrap: CrossLaggedResult['bootstrap'] | null;
  warnings: string[];
}

export function parsePanelArgs(args: string[]): { options: PanelCommandOptions; json: boolean } {
  const { values } = parseOptions(
    args,
    {
      data: { type: 'string' },
      unit: { type: 'string' },
      period: { type: 'string' },
      vars: { type: 'string' },
      'fixed-effects': { type: 'boolean' },
      weights: { type: 'string' },
      ...BOOTSTRAP_AND_JSON_FLAGS,
    },
    PANEL_USAGE,
  );
  const vars = parseList(requireOption(values.vars, '--vars', PANEL_USAGE));
  if (vars.length !== 2 || vars[0] === vars[1]) {
    throw new CliError(`--vars: give two different columns X,Y (got '${values.vars}')`);
  }
  return {
    options: {
      data: requireOption(values.data, '--data', PANEL_USAGE),
      unit: requireOption(values.unit, '--unit', PANEL_USAGE),
      period: requireOption(values.period, '--period', PANEL_USAGE),
      vars: [vars[0], vars[1]],
      fixedEffects: values['fixed-effects'] ?? false,
      weights: values.weights,
      ...parseBootstrapOptions(values),
    },
    json: values.json ?? false,
  };
}

/** Ids as numbers when every cell is numeric (so periods 9, 10 sort numerically), else strings. */
function idColumn(table: Table, name: string): (string | number | null)[] {
  const raw = stringColumn(table, name).map((s) => s.trim());
  const numeric = raw.every((s) => s === '' || Number.isFinite(Number(s)));
  return raw.map((s) => (s === '' ? null : numeric ? Number(s) : s));
}

/** The package names the two measures customer and employee; use the user's column names. */
function relabel(text: string, [x, y]: [string, string]): string {
  return text.replace(/\b([Cc]ustomer|[Ee]mployee)\b/g, (word) =>
    word.toLowerCase() === 'customer' ? x : y,
  );
}

function present(r: CrossLaggedResult, vars: [string, string], warnings: string[]): PanelOutput {
  const effect = (e: LagEffect): PanelEffect => ({
    label: relabel(e.label, vars),
    estimate: e.coefficient,
    se: e.se,
    t: e.t,
    p: e.p,
    ciLow: e.ciLower,
    ciHigh: e.ciUpper,
    significant: e.significant,
    ...(e.bootstrap ? { bootstrapSe: e.bootstrap.se } : {}),
  });
  const equation = (fit: CrossLaggedResult['equations']['customer']) => ({
    terms: fit.terms.map((t) => relabel(t, vars)),
    coefficients: fit.coefficients,
    standardErrors: fit.standardErrors,
    rSquared: fit.rSquared,
  });
  return {
    estimator: r.estimator,
    vars,
    n: r.n,
    units: r.units,
    periods: r.periods.length,
    df: r.df,
    confidenceLevel: r.confidenceLevel,
    effects: [
      r.customerToEmployee,
      r.employeeToCustomer,
      r.customerStability,
      r.employeeStability,
    ].map(effect),
    equations: {
      [`${vars[0]}[t+1]`]: equation(r.equations.customer),
      [`${vars[1]}[t+1]`]: equation(r.equations.employee),
    },
    verdict: relabel(r.verdict, vars),
    summary: relabel(r.summary, vars),
    bootstrap: r.bootstrap ?? null,
    warnings: [...warnings, ...r.diagnostics.warnings.map((w) => relabel(w, vars))],
  };
}

/** Reads the data and estimates the cross-lagged model. */
export function runPanelFile(options: PanelCommandOptions): PanelOutput {
  const table = readTable(options.data);
  const units = idColumn(table, options.unit);
  const periods = idColumn(table, options.period);
  const [x, y] = options.vars;
  const xs = numberColumn(table, x, { allowMissing: true });
  const ys = numberColumn(table, y, { allowMissing: true });
  const ws = options.weights ? numberColumn(table, options.weights, { allowMissing: true }) : null;
  // Each equation has an intercept (or unit means) and two slopes.
  if (table.rowCount < 4) {
    throw new CliError(
      `${options.data}: ${table.rowCount} rows, fewer than the 4 needed for two lagged equations`,
    );
  }
  const data = units.map((unit, i) => ({
    unit,
    period: periods[i],
    x: xs[i],
    y: ys[i],
    ...(ws ? { w: ws[i] } : {}),
  }));
  const warnings: string[] = [];
  const bootstrap = bootstrapSettings(options, warnings);
  const result = runEstimator(options.data, bootstrap, () =>
    crossLaggedPanel({
      data,
      unit: 'unit',
      period: 'period',
      customer: 'x',
      employee: 'y',
      ...(ws ? { weight: 'w' } : {}),
      estimator: options.fixedEffects ? 'fixed-effects' : 'pooled',
      ...(bootstrap !== undefined ? { bootstrap } : {}),
    }),
  );
  return present(result, options.vars, warnings);
}

export function renderPanel(out: PanelOutput): string {
  const pct = Math.round(out.confidenceLevel * 100);
  const head = `Cross-lagged panel (${out.estimator}): ${out.n} lag pairs, ${out.units} units, ${out.periods} periods; cluster-robust SEs (CR1), t with ${out.df} df\n\n`;
  const effects = section(
    'Effects',
    ['effect', 'estimate', 'SE', 't', 'p', `${pct}% low`, `${pct}% high`],
    out.effects.map((e) => [e.label, e.estimate, e.se, e.t, e.p, e.ciLow, e.ciHigh]),
  );
  const equations = Object.entries(out.equations)
    .map(([outcome, eq]) =>
      section(
        `${outcome} (R² ${eq.rSquared.toFixed(4)})`,
        ['term', 'estimate', 'SE'],
        eq.terms.map((t, j) => [t, eq.coefficients[j], eq.standardErrors[j]]),
      ),
    )
    .join('');
  const warnings = out.warnings.map((w) => `warning: ${w}\n`).join('');
  return `${head}${effects}${equations}${out.summary}\n${warnings}`.trimEnd();
}

export const panelCommand: Command = analystCommand(parsePanelArgs, runPanelFile, renderPanel);
