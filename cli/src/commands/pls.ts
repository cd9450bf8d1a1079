/** `valueloop pls`: PLS path model (PLS-SEM) on a CSV file, optionally bootstrapped. */
import {
  bootstrapPlsParallel,
  bootstrapPlsSync,
  estimatePls,
  type InnerScheme,
  type NestedRecord,
  type PlsBootstrapResult,
  type PlsReliability,
  type PlsResult,
} from '@valueloop/stats';
import { CliError } from '../errors.ts';
import {
  BOOTSTRAP_AND_JSON_FLAGS,
  bootstrapSettings,
  parseBootstrapOptions,
} from '../stats-io/bootstrap.ts';
import { numberColumns, readTable } from '../stats-io/csv.ts';
import { type Cell, section } from '../stats-io/format.ts';
import {
  parseChoice,
  parseOptions,
  requireOption,
  withDataErrorsAsync,
} from '../stats-io/options.ts';
import { withActivity } from '../stats-io/progress.ts';
import { analystCommand } from './analyst-command.ts';
import { largestRegression, modelItems, readPlsModel } from './pls-model.ts';
import type { Command } from './types.ts';

export const PLS_USAGE =
  'valueloop pls --data FILE.csv --model MODEL.json [--scheme path|centroid|factorial] [--bootstrap N --seed S] [--json]';

/** From this many resamples on, the bootstrap runs on worker threads too. */
const PARALLEL_FROM = 100;

export interface PlsCommandOptions {
  data: string;
  model: string;
  scheme?: InnerScheme;
  bootstrap?: number;
  seed?: number;
}

export interface PlsPathRow {
  from: string;
  to: string;
  estimate: number;
  se: number | null;
  t: number | null;
  ciLow: number | null;
  ciHigh: number | null;
}

export interface PlsOutput {
  scheme: InnerScheme;
  n: number;
  rowsDropped: number;
  constructs: string[];
  outerWeights: NestedRecord;
  loadings: NestedRecord;
  paths: PlsPathRow[];
  rSquared: Record<string, number>;
  rSquaredAdjusted: Record<string, number>;
  reliability: Record<string, PlsReliability>;
  htmt: Record<string, Record<string, number | null>>;
  effects: { total: NestedRecord; indirect: NestedRecord };
  bootstrap: { resamples: number; failed: number; seed: number; confidenceLevel: number } | null;
  iterations: number;
  converged: boolean;
  warnings: string[];
}

export function parsePlsArgs(args: string[]): { options: PlsCommandOptions; json: boolean } {
  const { values } = parseOptions(
    args,
    {
      data: { type: 'string' },
      model: { type: 'string' },
      scheme: { type: 'string' },
      ...BOOTSTRAP_AND_JSON_FLAGS,
    },
    PLS_USAGE,
  );
  const options: PlsCommandOptions = {
    data: requireOption(values.data, '--data', PLS_USAGE),
    model: requireOption(values.model, '--model', PLS_USAGE),
    scheme: parseChoice('--scheme', values.scheme ?? 'path', [
      'path',
      'centroid',
      'factorial',
    ] as const),
    ...parseBootstrapOptions(values),
  };
  return { options, json: values.json ?? false };
}

function present(
  result: PlsResult,
  boot: PlsBootstrapResult | null,
  warnings: string[],
): PlsOutput {
  return {
    scheme: result.scheme,
    n: result.n,
    rowsDropped: result.diagnostics.nDropped,
    constructs: result.constructs,
    outerWeights: result.outerWeights,
    loadings: result.outerLoadings,
    paths: result.paths.map(({ from, to, coefficient }) => {
      const b = boot?.paths[`${from} -> ${to}`];
      return {
        from,
        to,
        estimate: coefficient,
        se: b ? b.se : null,
        t: b ? b.t : null,
        ciLow: b ? b.ciLower : null,
        ciHigh: b ? b.ciUpper : null,
      };
    }),
    rSquared: result.rSquared,
    rSquaredAdjusted: result.rSquaredAdjusted,
    reliability: result.reliability,
    htmt: result.htmt,
    effects: { total: result.totalEffects, indirect: result.indirectEffects },
    bootstrap: boot
      ? {
          resamples: boot.resamples,
          failed: boot.failed,
          seed: boot.seed,
          confidenceLevel: boot.confidenceLevel,
        }
      : null,
    iterations: result.diagnostics.iterations,
    converged: result.diagnostics.converged,
    warnings: [...warnings, ...result.diagnostics.warnings, ...(boot?.diagnostics.warnings ?? [])],
  };
}

/** Reads the data and model, estimates, and bootstraps when asked. */
export async function runPlsFile(options: PlsCommandOptions): Promise<PlsOutput> {
  const model = readPlsModel(options.model);
  const table = readTable(options.data);
  const data = numberColumns(table, modelItems(model));
  const needed = largestRegression(model);
  if (table.rowCount <= needed.size) {
    throw new CliError(
      `${options.data}: ${table.rowCount} rows, fewer than the ${needed.size + 1} needed for ${needed.label}`,
    );
  }
  const scheme = options.scheme ?? 'path';
  const warnings: string[] = [];
  return withDataErrorsAsync(options.data, async () => {
    const bootstrap = bootstrapSettings(options, warnings);
    if (bootstrap === undefined) return present(estimatePls({ data, model, scheme }), null, []);
    const { resamples } = bootstrap;
    const settings = { data, model, scheme, ...bootstrap };
    const boot =
      resamples >= PARALLEL_FROM
        ? await withActivity(`Bootstrapping ${resamples} resamples (2 threads)`, () =>
            bootstrapPlsParallel({ ...settings, threads: 2 }),
          )
        : bootstrapPlsSync(settings);
    return present(boot.estimate, boot, warnings);
  });
}

function blockRows(out: PlsOutput): Cell[][] {
  return out.constructs.flatMap((c) =>
    Object.keys(out.outerWeights[c]).map((item) => [
      c,
      item,
      out.outerWeights[c][item],
      out.loadings[c][item],
    ]),
  );
}

function effectRows(out: PlsOutput): Cell[][] {
  const rows: Cell[][] = [];
  for (const from of out.constructs) {
    for (const to of out.constructs) {
      const total = out.effects.total[from]?.[to] ?? 0;
      if (total === 0) continue;
      const indirect = out.effects.indirect[from]?.[to] ?? 0;
      rows.push([from, to, total - indirect, indirect, total]);
    }
  }
  return rows;
}

export function renderPls(out: PlsOutput): string {
  const level = out.bootstrap ? `${Math.round(out.bootstrap.confidenceLevel * 100)}%` : '';
  const header = `PLS path model, ${out.scheme} scheme: ${out.n} complete rows (${out.rowsDropped} dropped), converged ${out.converged ? 'yes' : 'NO'} after ${out.iterations} iterations${
    out.bootstrap
      ? `; bootstrap ${out.bootstrap.resamples} resamples (seed ${out.bootstrap.seed}, ${out.bootstrap.failed} failed)`
      : ''
  }\n\n`;
  const paths = section(
    'Paths',
    ['from', 'to', 'estimate', 'SE', 't', `${level} low`.trim(), `${level} high`.trim()],
    out.paths.map((p) => [p.from, p.to, p.estimate, p.se, p.t, p.ciLow, p.ciHigh]),
  );
  const quality = section(
    'Constructs',
    ['construct', 'R²', 'adj. R²', 'alpha', 'rhoC', 'rhoA', 'AVE'],
    out.constructs.map((c) => {
      const r = out.reliability[c];
      return [
        c,
        out.rSquared[c] ?? null,
        out.rSquaredAdjusted[c] ?? null,
        r.alpha,
        r.rhoC,
        r.rhoA,
        r.ave,
      ];
    }),
  );
  const htmt = section(
    'HTMT',
    ['', ...out.constructs],
    out.constructs.map((a) => [a, ...out.constructs.map((b) => (a === b ? '' : out.htmt[a]?.[b]))]),
  );
  const blocks = section('Outer model', ['construct', 'item', 'weight', 'loading'], blockRows(out));
  const effects = section(
    'Effects',
    ['from', 'to', 'direct', 'indirect', 'total'],
    effectRows(out),
  );
  const warnings = out.warnings.map((w) => `warning: ${w}\n`).join('');
  return `${header}${paths}${quality}${blocks}${effects}${htmt}${warnings}`.trimEnd();
}

export const plsCommand: Command = analystCommand(parsePlsArgs, runPlsFile, renderPls);
