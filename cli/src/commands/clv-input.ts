/**
 * Customer data for `valueloop clv`: a summary CSV (lifetimes or BTYD column names, BG/BB
 * pattern files with weights) or a transaction log summarized as lifetimes does.
 */
import {
  type CustomerSummary,
  type SummaryPeriod,
  summarizeCalibrationHoldout,
  summarizeTransactions,
  type TransactionRow,
} from '@valueloop/stats';
import { CliError } from '../errors.ts';
import { findColumn, numberColumn, readTable, stringColumn, type Table } from '../stats-io/csv.ts';
import { parseChoice, withDataErrors } from '../stats-io/options.ts';

export type ClvTimeUnitArg = 'day' | 'week';

export interface ClvData {
  file: string;
  /** Customer ids when the file has an id column (or from a transaction log). */
  ids: string[] | null;
  frequency: Float64Array;
  recency: Float64Array;
  /** Age T (continuous-time models) or opportunities n (BG/BB). */
  T: Float64Array;
  weights: Float64Array | null;
  /** Mean spend per repeat purchase, when known. */
  monetary: Float64Array | null;
  /** Unit of recency and T when known (transaction logs). */
  timeUnit: ClvTimeUnitArg | null;
}

export interface ClvInputArgs {
  input: string;
  format?: string;
  'customer-col'?: string;
  'date-col'?: string;
  'amount-col'?: string;
  period?: string;
  'time-unit'?: string;
  'observation-end'?: string;
  'calibration-end'?: string;
}

/** Options shared by `clv fit` and `clv predict` for reading the customers. */
export const clvInputOptions = {
  input: { type: 'string' },
  format: { type: 'string' },
  'customer-col': { type: 'string' },
  'date-col': { type: 'string' },
  'amount-col': { type: 'string' },
  period: { type: 'string' },
  'time-unit': { type: 'string' },
  'observation-end': { type: 'string' },
  'calibration-end': { type: 'string' },
} as const;

const ALIASES = {
  id: ['customer_id', 'customer', 'cust', 'id', 'ID', 'CustomerID'],
  frequency: ['frequency', 'x', 'frequency_cal'],
  recency: ['recency', 't_x', 't.x', 'recency_cal'],
  T: ['T', 'T.cal', 'T_cal'],
  periods: ['periods', 'n', 'n.cal', 'n_cal', 'n_periods'],
  weights: ['weights', 'weight', 'custs', 'count'],
  monetary: ['monetary_value', 'zbar', 'm.x', 'monetary_value_cal'],
  date: ['date', 'Date', 'transaction_date'],
  amount: ['amount', 'sales', 'spend', 'value', 'monetary_value'],
} as const;

function required(table: Table, aliases: readonly string[], what: string): string {
  const name = findColumn(table, aliases);
  if (!name) {
    throw new CliError(
      `${table.file}: no ${what} column (looked for ${aliases.join(', ')}; columns: ${table.header.join(', ')})`,
    );
  }
  return name;
}

function readSummary(table: Table, bgbb: boolean): ClvData {
  const ageAliases = bgbb ? [...ALIASES.periods, ...ALIASES.T] : [...ALIASES.T, ...ALIASES.periods];
  const idColumn = findColumn(table, ALIASES.id);
  const weightColumn = findColumn(table, ALIASES.weights);
  const monetaryColumn = findColumn(table, ALIASES.monetary);
  return {
    file: table.file,
    ids: idColumn ? stringColumn(table, idColumn) : null,
    frequency: numberColumn(table, required(table, ALIASES.frequency, 'frequency (x)')),
    recency: numberColumn(table, required(table, ALIASES.recency, 'recency (t_x)')),
    T: numberColumn(table, required(table, ageAliases, bgbb ? 'periods (n)' : 'age (T)')),
    weights: weightColumn ? numberColumn(table, weightColumn) : null,
    monetary: monetaryColumn ? numberColumn(table, monetaryColumn) : null,
    timeUnit: null,
  };
}

function pickColumn(
  table: Table,
  given: string | undefined,
  aliases: readonly string[],
  flag: string,
) {
  if (given !== undefined) {
    required(table, [given], `'${given}'`);
    return given;
  }
  const found = findColumn(table, aliases);
  if (!found) {
    throw new CliError(
      `${table.file}: no ${flag.slice(2, -4)} column (pass ${flag}; columns: ${table.header.join(', ')})`,
    );
  }
  return found;
}

function timeScale(args: ClvInputArgs): {
  period: SummaryPeriod;
  unit: ClvTimeUnitArg;
  multiplier: number;
} {
  const period = parseChoice('--period', args.period ?? 'day', ['day', 'week'] as const);
  const unit = parseChoice('--time-unit', args['time-unit'] ?? period, ['day', 'week'] as const);
  if (period === 'week' && unit === 'day') {
    throw new CliError('--time-unit day needs --period day (weekly periods cannot be split)');
  }
  return { period, unit, multiplier: period === 'day' && unit === 'week' ? 7 : 1 };
}

function readTransactions(table: Table, args: ClvInputArgs): ClvData {
  const customerCol = pickColumn(table, args['customer-col'], ALIASES.id, '--customer-col');
  const dateCol = pickColumn(table, args['date-col'], ALIASES.date, '--date-col');
  const amountCol = args['amount-col'] ?? findColumn(table, ALIASES.amount);
  const ids = stringColumn(table, customerCol);
  const dates = stringColumn(table, dateCol);
  const amounts = amountCol ? numberColumn(table, amountCol) : null;
  dates.forEach((d, i) => {
    if (!/^\s*\d{4}-?\d{2}-?\d{2}/.test(d)) {
      throw new CliError(`${table.file}: row ${i + 1}, column ${dateCol}: '${d}' is not a date`);
    }
  });
  const transactions: TransactionRow[] = ids.map((customerId, i) => ({
    customerId,
    date: dates[i],
    ...(amounts ? { amount: amounts[i] } : {}),
  }));
  const { period, unit, multiplier } = timeScale(args);
  const common = {
    transactions,
    period,
    periodMultiplier: multiplier,
    observationEnd: args['observation-end'],
  };
  const calibrationEnd = args['calibration-end'];
  const summary: CustomerSummary[] = withDataErrors(table.file, () =>
    calibrationEnd === undefined
      ? summarizeTransactions(common)
      : summarizeCalibrationHoldout({ ...common, calibrationEnd }).map((c) => ({
          customerId: c.customerId,
          frequency: c.frequencyCal,
          recency: c.recencyCal,
          T: c.TCal,
          monetaryValue: c.monetaryValueCal,
        })),
  );
  return {
    file: table.file,
    ids: summary.map((s) => String(s.customerId)),
    frequency: Float64Array.from(summary, (s) => s.frequency),
    recency: Float64Array.from(summary, (s) => s.recency),
    T: Float64Array.from(summary, (s) => s.T),
    weights: null,
    monetary: amounts ? Float64Array.from(summary, (s) => s.monetaryValue ?? 0) : null,
    timeUnit: unit,
  };
}

/** Reads the customers of `--input` in the given (or detected) format. */
export function readClvInput(args: ClvInputArgs, options: { bgbb: boolean }): ClvData {
  const table = readTable(args.input);
  const format =
    args.format !== undefined
      ? parseChoice('--format', args.format, ['summary', 'transactions'] as const)
      : findColumn(table, ALIASES.frequency)
        ? 'summary'
        : 'transactions';
  return format === 'summary' ? readSummary(table, options.bgbb) : readTransactions(table, args);
}

/** Total customers (sum of weights). */
export function customerCount(data: ClvData): number {
  if (!data.weights) return data.frequency.length;
  let total = 0;
  for (const w of data.weights) total += w;
  return total;
}
