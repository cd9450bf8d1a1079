import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { getRetention } from '../../api/employee.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { Page } from '../../components/Page.tsx';
import { RequireRole } from '../../components/RequireRole.tsx';
import { ScrollRegion } from '../../components/ScrollRegion.tsx';
import { useSession } from '../../session.ts';
import { percent, periodLabel, SUPPRESSED_TEXT } from './labels.ts';
import { PulseTabs } from './PulseTabs.tsx';
import { pivotRetention } from './retention-pivot.ts';
import { readsPrograms } from './use-unit-scope.ts';

const monthPattern = /^\d{4}-(0[1-9]|1[0-2])$/;

/** Retention by unit and month, from HR exits; small units are suppressed like survey results. */
export function RetentionPage() {
  const [range, setRange] = useState<{ from?: string; to?: string }>({});
  const [draft, setDraft] = useState({ from: '', to: '' });
  const { data: session } = useSession();
  const reader = session ? readsPrograms(session.person.roles) : false;
  const retention = useQuery({
    enabled: reader,
    queryKey: ['pulse', 'retention', range],
    queryFn: () => getRetention(range),
    placeholderData: (previous) => previous,
  });
  const apply = (event: FormEvent) => {
    event.preventDefault();
    setRange({
      from: monthPattern.test(draft.from) ? draft.from : undefined,
      to: monthPattern.test(draft.to) ? draft.to : undefined,
    });
  };
  const pivot = retention.data ? pivotRetention(retention.data.rows) : null;
  return (
    <Page
      title="Retention"
      intro="Share of the people at the start of each month who were still here at its end, by unit. Units too small to stay anonymous read “Not enough responses”."
    >
      <PulseTabs />
      <RequireRole roles={['admin', 'analyst', 'executive', 'manager']}>
        <form className="card filters" onSubmit={apply} aria-label="Months">
          <div className="field">
            <label htmlFor="retention-from">From month</label>
            <input
              id="retention-from"
              type="month"
              value={draft.from}
              onChange={(e) => setDraft({ ...draft, from: e.target.value })}
            />
          </div>
          <div className="field">
            <label htmlFor="retention-to">To month</label>
            <input
              id="retention-to"
              type="month"
              value={draft.to}
              onChange={(e) => setDraft({ ...draft, to: e.target.value })}
            />
          </div>
          <button type="submit" className="button filters-apply">
            Show
          </button>
        </form>
        <ErrorMessage error={retention.error} title="Could not load retention" />
        {reader && retention.isPending && <p className="muted">Loading retention…</p>}
        {retention.data && pivot && (
          <ScrollRegion label="Retention table">
            <table className="table compact-table retention-table" data-testid="retention-table">
              <caption>
                Retention, {periodLabel(retention.data.from)} to {periodLabel(retention.data.to)}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Unit</th>
                  {pivot.periods.map((p) => (
                    <th key={p} scope="col" className="num">
                      {periodLabel(p)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {pivot.units.map((unit) => (
                  <tr key={unit.unitId}>
                    <th scope="row" className="row-head">
                      {unit.unitName}
                    </th>
                    {pivot.periods.map((p) => {
                      const cell = unit.cells.get(p);
                      if (!cell)
                        return (
                          <td key={p} className="num cell-missing">
                            –
                          </td>
                        );
                      if (cell.status === 'suppressed') {
                        return (
                          <td key={p} className="cell-suppressed">
                            {SUPPRESSED_TEXT}
                          </td>
                        );
                      }
                      return (
                        <td key={p} className="num">
                          {percent(cell.retention)}
                          <span className="cell-sub">
                            {cell.exits} of {cell.headcount} left
                          </span>
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        )}
        {pivot && pivot.units.length === 0 && <p className="muted">No retention figures yet.</p>}
      </RequireRole>
    </Page>
  );
}
