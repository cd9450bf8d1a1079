import { useQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import type { InternalServiceResults } from '@valueloop/contracts';
import { getInternalService } from '../../api/employee.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { Page } from '../../components/Page.tsx';
import { readIndex } from './cells.ts';
import { Sparkline } from './charts.tsx';
import { IndexCell } from './IndexCell.tsx';
import { periodLabel, SUPPRESSED_TEXT } from './labels.ts';
import { PulseTabs } from './PulseTabs.tsx';
import { parsePulseSearch } from './pulse-search.ts';
import { ResultFilters } from './ResultFilters.tsx';
import { indexSeries } from './trend-series.ts';

type Row = InternalServiceResults['rows'][number];

/** How the front line rates the back-office units that support them (support edges). */
export function InternalServicePage() {
  const search = parsePulseSearch(useSearch({ from: '/app/pulse/internal-service' }));
  const navigate = useNavigate({ from: '/pulse/internal-service' });
  const results = useQuery({
    queryKey: ['pulse', 'internal-service', search],
    queryFn: () => getInternalService({ period: search.period }),
    placeholderData: (previous) => previous,
  });
  const data = results.data;
  return (
    <Page
      title="Internal service"
      intro="Front-line colleagues rate each back-office unit that supports them: “gives us what we need to serve customers, when we need it” (0–100)."
    >
      <PulseTabs />
      <ResultFilters
        idPrefix="internal-service"
        search={search}
        onChange={(next) => navigate({ search: next, replace: true })}
        periods={data?.periods ?? []}
        showTenure={false}
      />
      <ErrorMessage error={results.error} title="Could not load internal service results" />
      {results.isPending && <p className="muted">Loading internal service results…</p>}
      {data && data.rows.length === 0 && (
        <p className="muted">No back-office unit you may see has internal service results yet.</p>
      )}
      {data && data.rows.length > 0 && (
        <>
          <p className="muted">
            {data.period ? periodLabel(data.period) : 'No released period yet'}
          </p>
          <ul className="service-grid" data-testid="internal-service">
            {data.rows.map((row) => (
              <ServiceCard key={row.unitId} row={row} />
            ))}
          </ul>
        </>
      )}
    </Page>
  );
}

function ServiceCard({ row }: { row: Row }) {
  const score = readIndex(row.cell, 'isq');
  const series = indexSeries(row.trend, 'isq');
  const titleId = `isq-${row.unitId}`;
  return (
    <li className="card service-card" aria-labelledby={titleId} data-unit-id={row.unitId}>
      <h2 id={titleId}>{row.unitName}</h2>
      <p className={`index-value${score.kind === 'suppressed' ? ' cell-suppressed' : ''}`}>
        {score.text}
        {row.cell.status === 'shown' && <span className="hint"> · {row.cell.n} ratings</span>}
      </p>
      {row.trend.length > 1 && series.values.some((v) => v !== null) && (
        <>
          <Sparkline code="isq" series={series} />
          <details className="data-details">
            <summary className="data-summary">Trend as a table</summary>
            <table className="table compact-table">
              <caption className="visually-hidden">Internal service quality per period</caption>
              <thead>
                <tr>
                  <th scope="col">Period</th>
                  <th scope="col" className="num">
                    Score
                  </th>
                </tr>
              </thead>
              <tbody>
                {[...row.trend].reverse().map((t) => (
                  <tr key={t.period}>
                    <th scope="row" className="row-head">
                      {periodLabel(t.period)}
                    </th>
                    <IndexCell cell={t.cell} code="isq" />
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </>
      )}
      <h3>Comments</h3>
      {row.comments.status === 'shown' ? (
        row.comments.texts.length === 0 ? (
          <p className="muted">No comments.</p>
        ) : (
          <ul className="comment-list">
            {row.comments.texts.map((text, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: comments carry no id by design
              <li key={i}>{text}</li>
            ))}
          </ul>
        )
      ) : (
        <p className="cell-suppressed block">{SUPPRESSED_TEXT} to show comments.</p>
      )}
    </li>
  );
}
