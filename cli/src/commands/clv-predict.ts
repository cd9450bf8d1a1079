/** `valueloop clv predict`: per-customer expectations from a fitted model's parameters. */
import {
  type BgBbParams,
  type BgNbdParams,
  type ClvTimeUnit,
  computeBgBbProbabilityAlive,
  computeCustomerLifetimeValue,
  computeProbabilityAlive,
  type GammaGammaParams,
  type ParetoNbdParams,
  predictBgBbConditionalPurchases,
  predictConditionalPurchases,
  predictGammaGammaSpend,
  type TransactionModel,
} from '@valueloop/stats';
import { CliError } from '../errors.ts';
import { csvLine, renderTable, writeJson, writeText } from '../stats-io/format.ts';
import {
  isRecord,
  parseChoice,
  parseNumberOption,
  parseOptions,
  readJsonFile,
  requireOption,
  withDataErrors,
} from '../stats-io/options.ts';
import { type ClvData, type ClvInputArgs, clvInputOptions, readClvInput } from './clv-input.ts';
import { CLV_MODELS, type ClvModelName, PARAMETER_NAMES } from './clv-models.ts';

export const CLV_PREDICT_USAGE =
  'valueloop clv predict --input FILE --model MODEL --params FIT.json --horizon T [--spend-params FIT.json] [--clv-months M --discount-rate R --time-unit day|week] [--json|--csv]';

export interface ClvPredictOptions extends ClvInputArgs {
  model: ClvModelName;
  params: string;
  /** Future window (time units of T; opportunities for bgbb). Not needed for gammagamma. */
  horizon?: number;
  spendParams?: string;
  clvMonths?: number;
  /** Monthly discount rate. */
  discountRate?: number;
}

export interface CustomerPrediction {
  id?: string;
  expectedPurchases: number | null;
  probabilityAlive: number | null;
  expectedSpend: number | null;
  clv: number | null;
}

export interface ClvPrediction {
  model: ClvModelName;
  horizon: number | null;
  clvMonths: number | null;
  discountRate: number | null;
  timeUnit: ClvTimeUnit | null;
  customers: CustomerPrediction[];
}

type Output = 'json' | 'csv' | 'table';

export function parseClvPredictArgs(args: string[]): {
  options: ClvPredictOptions;
  output: Output;
} {
  const { values } = parseOptions(
    args,
    {
      ...clvInputOptions,
      model: { type: 'string' },
      params: { type: 'string' },
      horizon: { type: 'string' },
      'spend-params': { type: 'string' },
      'clv-months': { type: 'string' },
      'discount-rate': { type: 'string' },
      json: { type: 'boolean' },
      csv: { type: 'boolean' },
    },
    CLV_PREDICT_USAGE,
  );
  const model = parseChoice(
    '--model',
    requireOption(values.model, '--model', CLV_PREDICT_USAGE),
    CLV_MODELS,
  );
  const num = (flag: string, raw: string | undefined, integer = false) =>
    raw === undefined ? undefined : parseNumberOption(flag, raw, { min: 0, integer });
  if (values.json && values.csv) throw new CliError('--json and --csv cannot be combined');
  const options: ClvPredictOptions = {
    ...values,
    input: requireOption(values.input, '--input', CLV_PREDICT_USAGE),
    model,
    params: requireOption(values.params, '--params', CLV_PREDICT_USAGE),
    horizon: num('--horizon', values.horizon, model === 'bgbb'),
    spendParams: values['spend-params'],
    clvMonths: num('--clv-months', values['clv-months'], true),
    discountRate: num('--discount-rate', values['discount-rate']),
  };
  if (model !== 'gammagamma') requireOption(values.horizon, '--horizon', CLV_PREDICT_USAGE);
  return { options, output: values.json ? 'json' : values.csv ? 'csv' : 'table' };
}

/** Reads a `clv fit --json` document and checks it holds parameters of `model`. */
export function readFitParams(
  file: string,
  model: ClvModelName,
): { params: Record<string, number>; timeUnit: ClvTimeUnit | null } {
  const doc = readJsonFile(file);
  if (!isRecord(doc) || !isRecord(doc.params)) {
    throw new CliError(`${file}: expected the JSON output of 'valueloop clv fit' (no "params")`);
  }
  if (doc.model !== undefined && doc.model !== model) {
    throw new CliError(`${file}: parameters of model '${String(doc.model)}', not '${model}'`);
  }
  const params: Record<string, number> = {};
  for (const name of PARAMETER_NAMES[model]) {
    const value = doc.params[name];
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new CliError(`${file}: params.${name} must be a number for ${model}`);
    }
    params[name] = value;
  }
  const timeUnit = doc.timeUnit === 'day' || doc.timeUnit === 'week' ? doc.timeUnit : null;
  return { params, timeUnit };
}

function transactionModel(model: ClvModelName, params: Record<string, number>): TransactionModel {
  if (model === 'pareto') {
    return { model: 'pareto-nbd', params: params as unknown as ParetoNbdParams };
  }
  if (model === 'bgnbd' || model === 'mbgnbd') {
    return { model, params: params as unknown as BgNbdParams };
  }
  throw new CliError(`${model} is not a continuous-time purchase model`);
}

function expectedSpend(data: ClvData, file: string | undefined): number[] | null {
  if (!file) return null;
  const monetary = data.monetary;
  if (!monetary) {
    throw new CliError(
      `${data.file}: expected spend needs a mean-spend column (monetary_value, zbar or m.x)`,
    );
  }
  const { params } = readFitParams(file, 'gammagamma');
  const customers = Array.from(data.frequency, (frequency, i) => ({
    frequency,
    monetaryValue: monetary[i],
  }));
  return predictGammaGammaSpend({ params: params as unknown as GammaGammaParams, customers });
}

/** Per-customer predictions; StatsErrors become one-line CliErrors naming the input file. */
export function predictClvFile(options: ClvPredictOptions): ClvPrediction {
  const { model } = options;
  const data = readClvInput(options, { bgbb: model === 'bgbb' });
  const fit = readFitParams(options.params, model);
  const horizon = options.horizon ?? null;
  const timeUnit: ClvTimeUnit | null =
    model === 'bgbb' || model === 'gammagamma'
      ? null
      : options['time-unit'] === 'day' || options['time-unit'] === 'week'
        ? options['time-unit']
        : (fit.timeUnit ?? data.timeUnit ?? 'day');
  return withDataErrors(options.input, () => {
    const n = data.frequency.length;
    let purchases: number[] | null = null;
    let alive: number[] | null = null;
    let spend: number[] | null = null;
    let clv: number[] | null = null;
    if (model === 'gammagamma') {
      spend = expectedSpend(data, options.params);
    } else if (model === 'bgbb') {
      const customers = Array.from(data.frequency, (frequency, i) => ({
        frequency,
        recency: data.recency[i],
        periods: data.T[i],
      }));
      const params = fit.params as unknown as BgBbParams;
      purchases = predictBgBbConditionalPurchases({
        params,
        customers,
        periodsAhead: horizon ?? 0,
      });
      alive = computeBgBbProbabilityAlive({ params, customers });
      spend = expectedSpend(data, options.spendParams);
    } else {
      const tm = transactionModel(model, fit.params);
      const customers = { frequency: data.frequency, recency: data.recency, T: data.T };
      purchases = predictConditionalPurchases({ model: tm, customers, t: horizon ?? 0 });
      alive = computeProbabilityAlive({ model: tm, customers });
      spend = expectedSpend(data, options.spendParams);
      if (spend) {
        clv = computeCustomerLifetimeValue({
          transactionModel: tm,
          customers,
          expectedSpend: spend,
          months: options.clvMonths ?? 12,
          monthlyDiscountRate: options.discountRate ?? 0.01,
          timeUnit: timeUnit ?? 'day',
        });
      }
    }
    const customers: CustomerPrediction[] = [];
    for (let i = 0; i < n; i++) {
      customers.push({
        ...(data.ids ? { id: data.ids[i] } : {}),
        expectedPurchases: purchases ? purchases[i] : null,
        probabilityAlive: alive ? alive[i] : null,
        expectedSpend: spend ? spend[i] : null,
        clv: clv ? clv[i] : null,
      });
    }
    return {
      model,
      horizon,
      clvMonths: clv ? (options.clvMonths ?? 12) : null,
      discountRate: clv ? (options.discountRate ?? 0.01) : null,
      timeUnit,
      customers,
    };
  });
}

const COLUMNS = ['expectedPurchases', 'probabilityAlive', 'expectedSpend', 'clv'] as const;

function rowsOf(prediction: ClvPrediction, limit: number) {
  return prediction.customers
    .slice(0, limit)
    .map((c, i) => [c.id ?? String(i + 1), ...COLUMNS.map((k) => c[k])]);
}

export function renderClvPredictionCsv(prediction: ClvPrediction): string {
  const header = csvLine(['id', ...COLUMNS]);
  return [header, ...rowsOf(prediction, Number.POSITIVE_INFINITY).map(csvLine)].join('\n');
}

const SHOWN = 20;

export function renderClvPrediction(prediction: ClvPrediction): string {
  const { customers } = prediction;
  const total = (k: (typeof COLUMNS)[number]) =>
    customers.every((c) => c[k] === null) ? null : customers.reduce((s, c) => s + (c[k] ?? 0), 0);
  const settings = [
    prediction.horizon !== null ? `horizon ${prediction.horizon}` : null,
    prediction.timeUnit ? `time unit ${prediction.timeUnit}` : null,
    prediction.clvMonths !== null
      ? `CLV over ${prediction.clvMonths} months at ${prediction.discountRate} per month`
      : null,
  ].filter(Boolean);
  const rows = [
    ...rowsOf(prediction, SHOWN),
    ['total', total('expectedPurchases'), null, null, total('clv')],
  ];
  const more =
    customers.length > SHOWN
      ? `\n… ${customers.length - SHOWN} more customers (use --csv or --json for all)`
      : '';
  return `${prediction.model}: ${customers.length} customers; ${settings.join(', ')}\n\n${renderTable(
    ['customer', 'E[purchases]', 'P(alive)', 'E[spend]', 'CLV'],
    rows,
  )}${more}`;
}

export async function runClvPredict(args: string[]): Promise<number> {
  const { options, output } = parseClvPredictArgs(args);
  const prediction = predictClvFile(options);
  if (output === 'json') writeJson(prediction);
  else if (output === 'csv') writeText(renderClvPredictionCsv(prediction));
  else writeText(renderClvPrediction(prediction));
  return 0;
}
