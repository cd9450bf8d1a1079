import { describe, expect, it } from 'vitest';
import { readRefCsv, readRefText } from './testing/refdata.ts';
import {
  summarizeCalibrationHoldout,
  summarizeTransactions,
  type TransactionRow,
  toDayNumber,
} from './transactions.ts';

const btydLog: TransactionRow[] = readRefCsv('data/BTYD_cdnowElog.csv').map((r) => ({
  customerId: Number(r.sampleid),
  date: r.date,
  amount: Number(r.sales),
}));

describe('transaction summaries', () => {
  it('reproduces the exact BTYD CDNOW calibration summary and 39-week holdout purchases', () => {
    const cbs = readRefCsv('data/BTYD_cdnowSummary_cbs.csv');
    const summary = summarizeCalibrationHoldout({
      transactions: btydLog,
      calibrationEnd: '1997-09-30',
      observationEnd: '1998-06-30',
      period: 'day',
      periodMultiplier: 7,
    });
    expect(summary).toHaveLength(2357);
    const byId = new Map(summary.map((row) => [row.customerId, row]));
    for (const expected of cbs) {
      const row = byId.get(Number(expected.cust));
      expect(row?.frequencyCal).toBe(Number(expected.x));
      expect(row?.recencyCal).toBeCloseTo(Number(expected['t.x']), 10);
      expect(row?.TCal).toBeCloseTo(Number(expected['T.cal']), 10);
      expect(row?.monetaryValueCal).toBeCloseTo(Number(expected['m.x']), 9);
      expect(row?.frequencyHoldout).toBe(Number(expected['x.star']));
      expect(row?.durationHoldout).toBe(39);
    }
  });

  it("reproduces lifetimes' CDNOW summary (2-decimal copy) from the raw sample log", () => {
    const rows: TransactionRow[] = readRefText('data/lifetimes_CDNOW_sample.txt')
      .split('\n')
      .filter((line) => line.trim().length > 0)
      .map((line) => {
        const f = line.trim().split(/\s+/);
        return { customerId: Number(f[1]), date: f[2], amount: Number(f[4]) };
      });
    const summary = summarizeTransactions({
      transactions: rows,
      observationEnd: '1997-09-30',
      period: 'day',
      periodMultiplier: 7,
    });
    const byId = new Map(summary.map((row) => [row.customerId, row]));
    const expected = readRefCsv('data/lifetimes_cdnow_customers_summary.csv');
    const spend = readRefCsv('data/lifetimes_cdnow_customers_summary_with_transactions.csv');
    expect(summary).toHaveLength(expected.length);
    expected.forEach((e, i) => {
      const row = byId.get(Number(e.ID));
      expect(row?.frequency).toBe(Number(e.frequency));
      expect(Math.abs((row?.recency ?? -1) - Number(e.recency))).toBeLessThanOrEqual(0.005 + 1e-9);
      expect(Math.abs((row?.T ?? -1) - Number(e.T))).toBeLessThanOrEqual(0.005 + 1e-9);
      expect(Math.abs((row?.monetaryValue ?? -1) - Number(spend[i].zbar))).toBeLessThanOrEqual(
        0.005 + 1e-9,
      );
    });
  });

  it('merges purchases in the same Monday-Sunday week for weekly periods', () => {
    const rows: TransactionRow[] = [
      { customerId: 'a', date: '2024-01-01', amount: 10 }, // Monday
      { customerId: 'a', date: '2024-01-07', amount: 5 }, // Sunday, same week
      { customerId: 'a', date: '2024-01-08', amount: 7 }, // next Monday
      { customerId: 'a', date: '2024-01-20', amount: 3 },
      { customerId: 'b', date: new Date(Date.UTC(2024, 0, 9)), amount: 4 },
    ];
    const [a, b] = summarizeTransactions({
      transactions: rows,
      period: 'week',
      observationEnd: '2024-01-31',
    });
    expect(a).toEqual({ customerId: 'a', frequency: 2, recency: 2, T: 4, monetaryValue: 5 });
    expect(b).toEqual({ customerId: 'b', frequency: 0, recency: 0, T: 3, monetaryValue: 0 });
  });

  it('ignores transactions after the observation end and merges same-day purchases', () => {
    const rows: TransactionRow[] = [
      { customerId: 1, date: '2024-03-01' },
      { customerId: 1, date: '2024-03-01' },
      { customerId: 1, date: '2024-03-05' },
      { customerId: 1, date: '2024-04-05' },
    ];
    const [row] = summarizeTransactions({ transactions: rows, observationEnd: '2024-03-10' });
    expect(row).toEqual({ customerId: 1, frequency: 1, recency: 4, T: 9, monetaryValue: null });
  });

  it('throws typed errors for unreadable dates, mixed amounts and an empty holdout', () => {
    expect(() => toDayNumber('March 3rd')).toThrow(
      expect.objectContaining({ code: 'INVALID_DATE' }),
    );
    expect(() => toDayNumber('2024-02-30')).toThrow(
      expect.objectContaining({ code: 'INVALID_DATE' }),
    );
    expect(() =>
      summarizeTransactions({
        transactions: [
          { customerId: 1, date: '2024-01-01', amount: 1 },
          { customerId: 1, date: '2024-01-02' },
        ],
      }),
    ).toThrow(expect.objectContaining({ code: 'MISSING_AMOUNT' }));
    expect(() =>
      summarizeCalibrationHoldout({
        transactions: [{ customerId: 1, date: '2024-01-01' }],
        calibrationEnd: '2024-01-05',
        observationEnd: '2024-02-01',
      }),
    ).toThrow(expect.objectContaining({ code: 'EMPTY_HOLDOUT' }));
    expect(() => summarizeTransactions({ transactions: [] })).toThrow(
      expect.objectContaining({ code: 'TOO_FEW_CASES' }),
    );
  });
});
