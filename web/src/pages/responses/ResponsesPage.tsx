import { useInfiniteQuery } from '@tanstack/react-query';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { listResponses } from '../../api/feedback.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { Page } from '../../components/Page.tsx';
import { ScoringHelp } from '../../components/ScoringHelp.tsx';
import { hasRole, useSession } from '../../session.ts';
import { ResponseFiltersForm } from './ResponseFiltersForm.tsx';
import { exportHref, hasFilters, parseResponseSearch } from './response-filters.ts';
import { dateTime, excerpt, NpsChip, score } from './ScoreChips.tsx';

const PAGE_SIZE = 50;

export function ResponsesPage() {
  const search = parseResponseSearch(useSearch({ from: '/app/responses' }));
  const navigate = useNavigate({ from: '/responses' });
  const { data: session } = useSession();
  const canExport = session ? hasRole(session, 'admin', 'analyst') : false;
  const responses = useInfiniteQuery({
    queryKey: ['responses', 'list', search],
    queryFn: ({ pageParam }) => listResponses({ ...search, limit: PAGE_SIZE, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = responses.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <Page
      title="Responses"
      intro="Customer feedback you may see, newest first. Filters apply to the table and to exports."
      actions={
        canExport && (
          <>
            <a className="button" href={exportHref('responses.csv', search)} download>
              Export CSV
            </a>
            <a className="button" href={exportHref('responses.xlsx', search)} download>
              Export XLSX
            </a>
          </>
        )
      }
    >
      <ResponseFiltersForm
        search={search}
        onChange={(next) => navigate({ search: next, replace: true })}
      />
      <div className="list-status">
        <p className="muted" aria-live="polite" data-testid="responses-count">
          {responses.isPending
            ? 'Loading responses…'
            : `Showing ${rows.length} ${rows.length === 1 ? 'response' : 'responses'}${
                responses.hasNextPage ? ' (more available)' : ''
              }`}
        </p>
        {hasFilters(search) && (
          <Link to="/responses" search={{}} className="button button-small">
            Clear filters
          </Link>
        )}
      </div>
      <ErrorMessage error={responses.error} title="Could not load responses" />
      <div className="table-wrap">
        <table className="table responses-table" data-testid="responses-table">
          <caption className="visually-hidden">Responses</caption>
          <thead>
            <tr>
              <th scope="col">Submitted</th>
              <th scope="col">Unit</th>
              <th scope="col">Employee</th>
              <th scope="col" className="num">
                CVI
              </th>
              <th scope="col">NPS</th>
              <th scope="col" className="num">
                CSAT
              </th>
              <th scope="col">Comment</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} data-nps={r.npsCategory ?? ''}>
                <td>
                  <Link
                    to="/responses/$responseId"
                    params={{ responseId: r.id }}
                    className="nowrap"
                  >
                    {dateTime(r.submittedAt)}
                  </Link>
                  <span className="cell-sub">
                    {r.surveyName} v{r.version}
                    {r.flaggedTooFast && <span className="badge badge-flag">flagged</span>}
                  </span>
                </td>
                <td>{r.unit?.name ?? '—'}</td>
                <td>{r.employee?.name ?? '—'}</td>
                <td className="num">{score(r.cvi)}</td>
                <td>
                  <NpsChip nps={r.nps} category={r.npsCategory} />
                </td>
                <td className="num">{score(r.csat)}</td>
                <td className="comment-cell">{excerpt(r.comment)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {!responses.isPending && rows.length === 0 && !responses.isError && (
        <p className="muted">No responses match these filters.</p>
      )}
      {responses.hasNextPage && (
        <button
          type="button"
          className="button"
          onClick={() => responses.fetchNextPage()}
          disabled={responses.isFetchingNextPage}
        >
          {responses.isFetchingNextPage ? 'Loading…' : 'Load more'}
        </button>
      )}
      <ScoringHelp />
    </Page>
  );
}
