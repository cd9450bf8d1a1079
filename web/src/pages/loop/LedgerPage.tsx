import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { getLedger, getRecoveryRoi } from '../../api/loop.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { Page } from '../../components/Page.tsx';
import { toCents } from '../cases/recovery-preview.ts';
import { LoopFilters, type LoopFilterValue, loopQuery } from './LoopFilters.tsx';
import { LoopTabs } from './LoopTabs.tsx';
import { RoiTable } from './RoiTable.tsx';

/** Share of a budget spent, 0–100 (over budget shows as 100 with the real figures in text). */
function spentPercent(spent: string, budget: string): number {
  const b = toCents(budget) ?? 0;
  if (b === 0) return 0;
  return Math.min(100, Math.round(((toCents(spent) ?? 0) / b) * 100));
}

/** The empowerment ledger: who spent what on recoveries, against their budget, and what it won. */
export function LedgerPage() {
  const [filters, setFilters] = useState<LoopFilterValue>({ unitId: '', from: '', to: '' });
  const query = loopQuery(filters);
  const ledger = useQuery({
    queryKey: ['recoveries', 'ledger', query],
    queryFn: () => getLedger(query),
  });
  const roi = useQuery({
    queryKey: ['recoveries', 'roi', query],
    queryFn: () => getRecoveryRoi(query),
  });
  const l = ledger.data;
  return (
    <Page
      title="Recovery ledger"
      intro="On-the-spot recoveries against each person's budget, and what they won back."
    >
      <LoopTabs />
      <LoopFilters value={filters} onChange={setFilters} label="Filter the ledger" />
      <ErrorMessage error={ledger.error} title="Could not load the ledger" />
      {l && (
        <>
          <div className="stat-grid">
            <div className="stat card">
              <span className="stat-value">
                {l.totals.spent} {l.currency}
              </span>
              <span className="stat-label">
                spent {l.from} – {l.to}
              </span>
            </div>
            <div className="stat card">
              <span className="stat-value">{l.totals.count}</span>
              <span className="stat-label">recoveries</span>
            </div>
          </div>
          <section className="card" aria-labelledby="budgets-title">
            <h2 id="budgets-title">Spent vs budget this period</h2>
            {l.budgets.length === 0 && <p className="muted">Nobody has spent from a budget yet.</p>}
            <ul className="budget-list" data-testid="ledger-budgets">
              {l.budgets.map((b) => {
                const pct = spentPercent(b.spent, b.budget);
                return (
                  <li key={b.person.id} className="progress-line">
                    <span>
                      <strong>{b.person.name}</strong>{' '}
                      <span className="muted">
                        {b.spent} of {b.budget} {l.currency} this {b.period} ({pct} %)
                      </span>
                    </span>
                    <div className="progress-track" aria-hidden="true">
                      <div
                        className={`progress-fill${pct >= 90 ? ' progress-high' : ''}`}
                        style={{ width: `${pct}%` }}
                      />
                    </div>
                  </li>
                );
              })}
            </ul>
          </section>
          <section className="card" aria-labelledby="bytype-title">
            <h2 id="bytype-title">By type</h2>
            <div className="table-wrap">
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">Type</th>
                    <th scope="col" className="num">
                      Count
                    </th>
                    <th scope="col" className="num">
                      Amount ({l.currency})
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {l.totals.byType.map((t) => (
                    <tr key={t.type}>
                      <th scope="row" className="row-head">
                        {t.type}
                      </th>
                      <td className="num">{t.count}</td>
                      <td className="num">{t.amount}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
          <section className="card" aria-labelledby="rows-title">
            <h2 id="rows-title">Recoveries</h2>
            <div className="table-wrap">
              <table className="table" data-testid="ledger-table">
                <thead>
                  <tr>
                    <th scope="col">Date</th>
                    <th scope="col">Case</th>
                    <th scope="col">By</th>
                    <th scope="col">Unit</th>
                    <th scope="col">Type</th>
                    <th scope="col" className="num">
                      Amount
                    </th>
                    <th scope="col">Status</th>
                  </tr>
                </thead>
                <tbody>
                  {l.items.map((r) => (
                    <tr key={r.id}>
                      <td className="nowrap">{r.createdAt.slice(0, 10)}</td>
                      <td>#{r.caseNumber}</td>
                      <td>{r.takenBy.name}</td>
                      <td>{r.unit.name}</td>
                      <td>{r.type}</td>
                      <td className="num">{r.amount}</td>
                      <td>{r.status.replace('_', ' ')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        </>
      )}
      <ErrorMessage error={roi.error} title="Could not load the recovery ROI" />
      {roi.data && <RoiTable roi={roi.data} />}
    </Page>
  );
}
