import { useQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import type { TeamPulse } from '@valueloop/contracts';
import { getTeamPulse, pulseProgramsQuery } from '../../api/employee.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { Page } from '../../components/Page.tsx';
import { ScrollRegion } from '../../components/ScrollRegion.tsx';
import { useSession } from '../../session.ts';
import { readIndex } from './cells.ts';
import { ItemBars, Sparkline } from './charts.tsx';
import { IndexCell } from './IndexCell.tsx';
import {
  formatIndexValue,
  indexLabel,
  isSignedIndex,
  periodLabel,
  SUPPRESSED_TEXT,
  tenureLabels,
} from './labels.ts';
import { PulseTabs } from './PulseTabs.tsx';
import { parsePulseSearch } from './pulse-search.ts';
import { ResultFilters } from './ResultFilters.tsx';
import { indexSeries } from './trend-series.ts';
import { pulseSurveyOptions } from './unit-options.ts';
import { readsPrograms, useUnitScope } from './use-unit-scope.ts';

const TREND_PERIODS = 12;

export function TeamPulsePage() {
  const search = parsePulseSearch(useSearch({ from: '/app/pulse' }));
  const navigate = useNavigate({ from: '/pulse' });
  const { data: session } = useSession();
  const { options: units } = useUnitScope();
  const programs = useQuery({
    ...pulseProgramsQuery,
    enabled: session ? readsPrograms(session.person.roles) : false,
  });
  const surveys = pulseSurveyOptions(programs.data?.items ?? []);
  const pulse = useQuery({
    queryKey: ['pulse', 'team', search],
    queryFn: () => getTeamPulse({ ...search, periods: TREND_PERIODS }),
    placeholderData: (previous) => previous,
  });

  return (
    <Page
      title="Team pulse"
      intro="How your team rates the value it gets at work, over time. Results are anonymous: groups too small to protect their members show “Not enough responses”."
    >
      <PulseTabs />
      <ResultFilters
        idPrefix="team-pulse"
        search={{ ...search, unitId: search.unitId ?? pulse.data?.unit.id }}
        onChange={(next) => navigate({ search: next, replace: true })}
        units={units}
        surveys={surveys}
        showScope={units.length > 1}
      />
      <ErrorMessage error={pulse.error} title="Could not load the team pulse" />
      {pulse.isPending && <p className="muted">Loading the team pulse…</p>}
      {pulse.data && <TeamPulseView pulse={pulse.data} />}
    </Page>
  );
}

function TeamPulseView({ pulse }: { pulse: TeamPulse }) {
  const latest = pulse.trend[pulse.trend.length - 1];
  return (
    <div className="pulse-view" data-testid="team-pulse" data-unit-id={pulse.unit.id}>
      <section className="card" aria-labelledby="pulse-indices-title">
        <h2 id="pulse-indices-title">
          {pulse.unit.name}
          {latest && <span className="heading-sub"> · {periodLabel(latest.period)}</span>}
        </h2>
        <p className="muted" data-testid="team-pulse-n">
          {!latest
            ? 'No released results yet.'
            : latest.cell.status === 'shown'
              ? `${latest.cell.n} responses in the latest period · ${tenureLabels[pulse.tenure]}`
              : `${SUPPRESSED_TEXT} in the latest period to show results.`}
        </p>
        <ul className="index-grid">
          {pulse.indices.map((code) => {
            const reading = latest ? readIndex(latest.cell, code) : null;
            const series = indexSeries(pulse.trend, code);
            return (
              <li key={code} className="index-card" data-index={code}>
                <h3>{indexLabel(code)}</h3>
                <p
                  className={`index-value${reading?.kind === 'suppressed' ? ' cell-suppressed' : ''}`}
                  data-testid={`index-${code}`}
                >
                  {reading ? reading.text : 'No results'}
                </p>
                {series.values.some((v) => v !== null) && pulse.trend.length > 1 && (
                  <Sparkline code={code} series={series} />
                )}
              </li>
            );
          })}
        </ul>
        <TrendTable pulse={pulse} />
      </section>
      <div className="split">
        <ItemBreakdown pulse={pulse} />
        <div className="side-stack">
          <Newcomers pulse={pulse} />
          <Comments pulse={pulse} />
        </div>
      </div>
    </div>
  );
}

/** The trend's numbers, for anyone who cannot read the charts. */
function TrendTable({ pulse }: { pulse: TeamPulse }) {
  return (
    <details className="data-details">
      <summary className="data-summary">Trend as a table</summary>
      <ScrollRegion label="Trend table">
        <table className="table compact-table" data-testid="trend-table">
          <caption className="visually-hidden">Index values per period</caption>
          <thead>
            <tr>
              <th scope="col">Period</th>
              {pulse.indices.map((code) => (
                <th key={code} scope="col" className="num">
                  {indexLabel(code)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {[...pulse.trend].reverse().map((t) => (
              <tr key={t.period}>
                <th scope="row" className="row-head">
                  {periodLabel(t.period)}
                </th>
                {t.cell.status === 'shown' ? (
                  pulse.indices.map((code) => <IndexCell key={code} cell={t.cell} code={code} />)
                ) : (
                  <td className="cell-suppressed" colSpan={pulse.indices.length}>
                    {SUPPRESSED_TEXT}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </details>
  );
}

function ItemBreakdown({ pulse }: { pulse: TeamPulse }) {
  const latest = pulse.trend[pulse.trend.length - 1];
  const shown = latest?.cell.status === 'shown' && pulse.items.length > 0;
  // eNPS runs −100…100: it stays in the table, off the 0–100 bars.
  const agreementItems = pulse.items.filter((i) => !isSignedIndex(i.construct));
  return (
    <section className="card" aria-labelledby="pulse-items-title">
      <h2 id="pulse-items-title">Item breakdown, latest period</h2>
      {!shown ? (
        <p className="cell-suppressed block" data-testid="items-suppressed">
          {SUPPRESSED_TEXT}
        </p>
      ) : (
        <>
          <ItemBars
            bars={agreementItems.map((i) => ({ label: i.text, value: i.mean }))}
            label={`Mean score of each of ${agreementItems.length} agreement items, 0 to 100; the table below lists every item.`}
          />
          <details className="data-details">
            <summary className="data-summary">Items as a table</summary>
            <table className="table compact-table" data-testid="items-table">
              <caption className="visually-hidden">Item means (eNPS from −100 to 100)</caption>
              <thead>
                <tr>
                  <th scope="col">Item</th>
                  <th scope="col" className="num">
                    Mean
                  </th>
                </tr>
              </thead>
              <tbody>
                {pulse.items.map((i) => (
                  <tr key={i.construct}>
                    <th scope="row" className="row-head">
                      {i.text}
                    </th>
                    <td className="num">
                      {i.mean === null ? '–' : formatIndexValue(i.construct, i.mean)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </>
      )}
    </section>
  );
}

function Newcomers({ pulse }: { pulse: TeamPulse }) {
  const attitude = readIndex(pulse.newcomers, 'attitude');
  return (
    <section className="card" aria-labelledby="pulse-newcomers-title">
      <h2 id="pulse-newcomers-title">Newcomer attitude</h2>
      <p className="muted">People in their first 12 months, latest period.</p>
      <p
        className={`index-value${attitude.kind === 'suppressed' ? ' cell-suppressed' : ''}`}
        data-testid="newcomer-attitude"
      >
        {attitude.text}
      </p>
      {pulse.newcomers.status === 'shown' && (
        <p className="hint">{pulse.newcomers.n} newcomer responses</p>
      )}
    </section>
  );
}

function Comments({ pulse }: { pulse: TeamPulse }) {
  return (
    <section className="card" aria-labelledby="pulse-comments-title">
      <h2 id="pulse-comments-title">Comments</h2>
      {pulse.comments.status === 'shown' ? (
        pulse.comments.texts.length === 0 ? (
          <p className="muted">No comments this period.</p>
        ) : (
          <ul className="comment-list" data-testid="comments">
            {pulse.comments.texts.map((text, i) => (
              // Comments carry no id by design (no metadata); their order is shuffled server-side.
              // biome-ignore lint/suspicious/noArrayIndexKey: the list is static once loaded
              <li key={i}>{text}</li>
            ))}
          </ul>
        )
      ) : (
        <p className="cell-suppressed block" data-testid="comments-suppressed">
          {SUPPRESSED_TEXT} to show comments; they appear only for larger groups, to keep them
          anonymous.
        </p>
      )}
    </section>
  );
}
