import { StatsError } from '../errors.ts';

export type CustomerId = string | number;

export interface TransactionRow {
  customerId: CustomerId;
  /** Date object (read in UTC) or a string starting with YYYY-MM-DD or YYYYMMDD. */
  date: string | Date;
  amount?: number;
}

export type SummaryPeriod = 'day' | 'week';

export interface CustomerSummary {
  customerId: CustomerId;
  /** Repeat purchase periods (periods with a purchase after the first one). */
  frequency: number;
  recency: number;
  T: number;
  /** Mean of the repeat periods' totals (0 without repeats); null when rows carry no amount. */
  monetaryValue: number | null;
}

export interface SummarizeTransactionsOptions {
  transactions: readonly TransactionRow[];
  /** Purchases in the same period are merged. 'week' = Monday–Sunday weeks (pandas W-SUN). */
  period?: SummaryPeriod;
  /** Divide recency and T by this (lifetimes' freq_multiplier, e.g. 7 for days → weeks). */
  periodMultiplier?: number;
  /** Last date observed (inclusive); later transactions are ignored. Default: latest date. */
  observationEnd?: string | Date;
}

const DAY_MS = 86_400_000;

/** Whole days since 1970-01-01 of a date (strings by their calendar date, Dates in UTC). */
export function toDayNumber(date: string | Date): number {
  if (date instanceof Date) {
    const ms = date.getTime();
    if (!Number.isFinite(ms)) throw new StatsError('INVALID_DATE', 'invalid Date object');
    return Math.floor(ms / DAY_MS);
  }
  const match = /^\s*(\d{4})-?(\d{2})-?(\d{2})/.exec(date);
  if (!match) throw new StatsError('INVALID_DATE', `cannot read a date from "${date}"`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const check = new Date(ms);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    throw new StatsError('INVALID_DATE', `"${date}" is not a calendar date`);
  }
  return Math.floor(ms / DAY_MS);
}

/** Period index of a day number: the day itself, or the Monday-based week. */
export function toPeriodIndex(dayNumber: number, period: SummaryPeriod): number {
  return period === 'day' ? dayNumber : Math.floor((dayNumber + 3) / 7);
}

interface CustomerPeriods {
  periods: Map<number, number>;
  first: number;
  last: number;
}

interface ParsedRow {
  customerId: CustomerId;
  day: number;
  amount: number;
}

function parseRows(transactions: readonly TransactionRow[]): {
  rows: ParsedRow[];
  hasAmounts: boolean;
} {
  if (transactions.length === 0) {
    throw new StatsError('TOO_FEW_CASES', 'the transaction log is empty');
  }
  const hasAmounts = transactions[0].amount !== undefined;
  const rows = transactions.map((t, i) => {
    if (typeof t.customerId !== 'string' && typeof t.customerId !== 'number') {
      throw new StatsError('INVALID_ARGUMENT', `row ${i}: customerId must be a string or number`);
    }
    if ((t.amount !== undefined) !== hasAmounts) {
      throw new StatsError('MISSING_AMOUNT', `row ${i}: either every row has an amount or none`);
    }
    const amount = t.amount ?? 0;
    if (!Number.isFinite(amount)) {
      throw new StatsError('NON_FINITE', `row ${i}: amount must be finite`);
    }
    return { customerId: t.customerId, day: toDayNumber(t.date), amount };
  });
  return { rows, hasAmounts };
}

function groupByCustomer(
  rows: readonly ParsedRow[],
  period: SummaryPeriod,
  lastDay: number,
): Map<CustomerId, CustomerPeriods> {
  const customers = new Map<CustomerId, CustomerPeriods>();
  for (const row of rows) {
    if (row.day > lastDay) continue;
    const p = toPeriodIndex(row.day, period);
    let entry = customers.get(row.customerId);
    if (!entry) {
      entry = { periods: new Map(), first: p, last: p };
      customers.set(row.customerId, entry);
    }
    entry.periods.set(p, (entry.periods.get(p) ?? 0) + row.amount);
    entry.first = Math.min(entry.first, p);
    entry.last = Math.max(entry.last, p);
  }
  return customers;
}

function summarize(
  customers: Map<CustomerId, CustomerPeriods>,
  endPeriod: number,
  multiplier: number,
  hasAmounts: boolean,
): CustomerSummary[] {
  const out: CustomerSummary[] = [];
  for (const [customerId, entry] of customers) {
    const frequency = entry.periods.size - 1;
    let monetaryValue: number | null = null;
    if (hasAmounts) {
      let sum = 0;
      for (const [p, total] of entry.periods) if (p !== entry.first) sum += total;
      monetaryValue = frequency > 0 ? sum / frequency : 0;
    }
    out.push({
      customerId,
      frequency,
      recency: (entry.last - entry.first) / multiplier,
      T: (endPeriod - entry.first) / multiplier,
      monetaryValue,
    });
  }
  return out;
}

function readMultiplier(value: number | undefined): number {
  const multiplier = value ?? 1;
  if (!(multiplier > 0) || !Number.isFinite(multiplier)) {
    throw new StatsError('INVALID_ARGUMENT', `periodMultiplier must be > 0 (got ${multiplier})`);
  }
  return multiplier;
}

/**
 * Per-customer frequency/recency/T/monetary value from a transaction log, as lifetimes'
 * `summary_data_from_transaction_data` (customers in order of first appearance).
 */
export function summarizeTransactions(options: SummarizeTransactionsOptions): CustomerSummary[] {
  const period = options.period ?? 'day';
  const multiplier = readMultiplier(options.periodMultiplier);
  const { rows, hasAmounts } = parseRows(options.transactions);
  const lastDay =
    options.observationEnd !== undefined
      ? toDayNumber(options.observationEnd)
      : rows.reduce((m, r) => Math.max(m, r.day), Number.NEGATIVE_INFINITY);
  const customers = groupByCustomer(rows, period, lastDay);
  return summarize(customers, toPeriodIndex(lastDay, period), multiplier, hasAmounts);
}

export interface CalibrationHoldoutSummary {
  customerId: CustomerId;
  frequencyCal: number;
  recencyCal: number;
  TCal: number;
  monetaryValueCal: number | null;
  /** Periods with a purchase in the holdout window. */
  frequencyHoldout: number;
  /** Mean transaction amount in the holdout window (0 without purchases); null without amounts. */
  monetaryValueHoldout: number | null;
  durationHoldout: number;
}

export interface SummarizeCalibrationHoldoutOptions extends SummarizeTransactionsOptions {
  /** Last day of the calibration period (inclusive). */
  calibrationEnd: string | Date;
}

/**
 * Calibration summary plus holdout purchases, as lifetimes' `calibration_and_holdout_data`
 * (customers first seen in the holdout window are not included).
 */
export function summarizeCalibrationHoldout(
  options: SummarizeCalibrationHoldoutOptions,
): CalibrationHoldoutSummary[] {
  const period = options.period ?? 'day';
  const multiplier = readMultiplier(options.periodMultiplier);
  const { rows, hasAmounts } = parseRows(options.transactions);
  const calibrationDay = toDayNumber(options.calibrationEnd);
  const observationDay =
    options.observationEnd !== undefined
      ? toDayNumber(options.observationEnd)
      : rows.reduce((m, r) => Math.max(m, r.day), Number.NEGATIVE_INFINITY);
  if (!(observationDay > calibrationDay)) {
    throw new StatsError('INVALID_ARGUMENT', 'observationEnd must be after calibrationEnd');
  }
  const calibration = summarize(
    groupByCustomer(rows, period, calibrationDay),
    toPeriodIndex(calibrationDay, period),
    multiplier,
    hasAmounts,
  );
  const holdout = new Map<CustomerId, { periods: Set<number>; sum: number; count: number }>();
  for (const row of rows) {
    if (row.day <= calibrationDay || row.day > observationDay) continue;
    let entry = holdout.get(row.customerId);
    if (!entry) {
      entry = { periods: new Set(), sum: 0, count: 0 };
      holdout.set(row.customerId, entry);
    }
    entry.periods.add(toPeriodIndex(row.day, period));
    entry.sum += row.amount;
    entry.count++;
  }
  if (holdout.size === 0) {
    throw new StatsError('EMPTY_HOLDOUT', 'no transactions fall in the holdout window');
  }
  const durationHoldout =
    (toPeriodIndex(observationDay, period) - toPeriodIndex(calibrationDay, period)) / multiplier;
  return calibration.map((c) => {
    const h = holdout.get(c.customerId);
    return {
      customerId: c.customerId,
      frequencyCal: c.frequency,
      recencyCal: c.recency,
      TCal: c.T,
      monetaryValueCal: c.monetaryValue,
      frequencyHoldout: h ? h.periods.size : 0,
      monetaryValueHoldout: hasAmounts ? (h ? h.sum / h.count : 0) : null,
      durationHoldout,
    };
  });
}
