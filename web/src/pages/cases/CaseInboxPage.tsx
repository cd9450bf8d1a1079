import { useInfiniteQuery } from '@tanstack/react-query';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { listCases } from '../../api/loop.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { Page } from '../../components/Page.tsx';
import { hasRole, useSession } from '../../session.ts';
import { BulkAssignBar } from './BulkAssignBar.tsx';
import { dateTime, PriorityBadge, SlaText, StatusBadge } from './CaseBadges.tsx';
import { CaseFilters } from './CaseFilters.tsx';
import { caseQueryString, parseCaseSearch } from './case-search.ts';

const PAGE_SIZE = 50;

/** The case inbox: the cases the caller may see, soonest due first, with the SLA countdown. */
export function CaseInboxPage() {
  const search = parseCaseSearch(useSearch({ from: '/app/cases' }));
  const navigate = useNavigate({ from: '/cases' });
  const { data: session } = useSession();
  const canAssign = session ? hasRole(session, 'manager', 'admin') : false;
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const cases = useInfiniteQuery({
    queryKey: ['cases', 'list', search],
    queryFn: ({ pageParam }) =>
      listCases(caseQueryString(search, { limit: PAGE_SIZE, cursor: pageParam })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = cases.data?.pages.flatMap((p) => p.items) ?? [];
  const toggle = (id: string, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(id);
    else next.delete(id);
    setSelected(next);
  };
  const allSelected = rows.length > 0 && rows.every((r) => selected.has(r.id));

  return (
    <Page
      title="Cases"
      intro="Customers who need a follow-up. The countdown is business time left until the case is due."
    >
      <CaseFilters
        search={search}
        onChange={(next) => {
          setSelected(new Set());
          void navigate({ search: next, replace: true });
        }}
      />
      <div className="list-status">
        <p className="muted" aria-live="polite" data-testid="cases-count">
          {cases.isPending
            ? 'Loading cases…'
            : `Showing ${rows.length} ${rows.length === 1 ? 'case' : 'cases'}${
                cases.hasNextPage ? ' (more available)' : ''
              }`}
        </p>
      </div>
      {canAssign && (
        <BulkAssignBar selected={[...selected]} onDone={() => setSelected(new Set())} />
      )}
      <ErrorMessage error={cases.error} title="Could not load cases" />
      <div className="table-wrap">
        <table className="table cases-table" data-testid="cases-table">
          <caption className="visually-hidden">Cases</caption>
          <thead>
            <tr>
              {canAssign && (
                <th scope="col" className="select-cell">
                  <input
                    type="checkbox"
                    aria-label="Select all shown cases"
                    checked={allSelected}
                    onChange={(e) =>
                      setSelected(e.target.checked ? new Set(rows.map((r) => r.id)) : new Set())
                    }
                  />
                </th>
              )}
              <th scope="col">Case</th>
              <th scope="col">Status</th>
              <th scope="col">Priority</th>
              <th scope="col">Owner</th>
              <th scope="col">Unit</th>
              <th scope="col">Due</th>
              <th scope="col">SLA</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => (
              <tr key={c.id} data-testid="case-row">
                {canAssign && (
                  <td className="select-cell">
                    <input
                      type="checkbox"
                      aria-label={`Select case ${c.number}`}
                      checked={selected.has(c.id)}
                      onChange={(e) => toggle(c.id, e.target.checked)}
                    />
                  </td>
                )}
                <td>
                  <Link to="/cases/$caseId" params={{ caseId: c.id }}>
                    #{c.number} {c.title}
                  </Link>
                  {c.escalationLevel > 0 && (
                    <span className="cell-sub">Escalated ×{c.escalationLevel}</span>
                  )}
                </td>
                <td>
                  <StatusBadge status={c.status} />
                </td>
                <td>
                  <PriorityBadge priority={c.priority} />
                </td>
                <td>{c.owner?.name ?? (c.queue ? `Queue: ${c.queue.name}` : 'Unassigned')}</td>
                <td>{c.unit?.name ?? '—'}</td>
                <td className="nowrap">{dateTime(c.dueAt)}</td>
                <td className="nowrap">
                  <SlaText minutesLeft={c.minutesLeft} breached={c.breached} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {!cases.isPending && rows.length === 0 && !cases.isError && (
        <p className="muted">No cases match these filters.</p>
      )}
      {cases.hasNextPage && (
        <button
          type="button"
          className="button"
          onClick={() => cases.fetchNextPage()}
          disabled={cases.isFetchingNextPage}
        >
          {cases.isFetchingNextPage ? 'Loading…' : 'Load more'}
        </button>
      )}
    </Page>
  );
}
