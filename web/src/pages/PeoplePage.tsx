import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { listPeople } from '../api/endpoints.ts';
import { unitTreeQuery } from '../api/queries.ts';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { Page } from '../components/Page.tsx';
import { roleLabels } from '../session.ts';
import { useDebounced } from '../use-debounced.ts';

const PAGE_SIZE = 25;
const today = new Date().toISOString().slice(0, 10);

export function PeoplePage() {
  const search = useSearch({ strict: false });
  const [q, setQ] = useState(search.q ?? '');
  const [unitId, setUnitId] = useState(search.unitId ?? '');
  const query = useDebounced(q.trim(), 250);
  const units = useQuery(unitTreeQuery);
  const people = useInfiniteQuery({
    queryKey: ['people', 'list', { query, unitId }],
    queryFn: ({ pageParam }) =>
      listPeople({ q: query, unitId: unitId || undefined, limit: PAGE_SIZE, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = people.data?.pages.flatMap((p) => p.items) ?? [];
  const showPayBand = rows.some((p) => p.payBand);
  const unitOptions = [...(units.data?.units ?? [])].sort((a, b) => a.name.localeCompare(b.name));

  return (
    <Page title="People" intro="Everyone you may see, with their unit and roles.">
      <search className="toolbar">
        <div className="field">
          <label htmlFor="people-q">Search by name or e-mail</label>
          <input
            id="people-q"
            type="search"
            value={q}
            placeholder="e.g. Jordan"
            onChange={(e) => setQ(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="people-unit">Unit</label>
          <select id="people-unit" value={unitId} onChange={(e) => setUnitId(e.target.value)}>
            <option value="">All units</option>
            {unitOptions.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </div>
      </search>
      <ErrorMessage error={people.error} title="Could not load people" />
      <p className="muted" aria-live="polite" data-testid="people-count">
        {people.isPending
          ? 'Searching…'
          : `Showing ${rows.length} ${rows.length === 1 ? 'person' : 'people'}${people.hasNextPage ? ' (more available)' : ''}`}
      </p>
      <div className="table-wrap">
        <table className="table" aria-label="People">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">E-mail</th>
              <th scope="col">Unit</th>
              <th scope="col">Roles</th>
              <th scope="col">Hired</th>
              {showPayBand && <th scope="col">Pay band</th>}
            </tr>
          </thead>
          <tbody>
            {rows.map((p) => (
              <tr key={p.id}>
                <td>
                  {p.name}
                  {p.exitDate && (
                    <span className="badge badge-muted">
                      {p.exitDate <= today ? 'left' : 'leaves'} {p.exitDate}
                    </span>
                  )}
                </td>
                <td>{p.email}</td>
                <td>{p.unitName ?? '—'}</td>
                <td>{p.roles.map((r) => roleLabels[r]).join(', ')}</td>
                <td>{p.hireDate ?? '—'}</td>
                {showPayBand && <td>{p.payBand ?? '—'}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {people.hasNextPage && (
        <button
          type="button"
          className="button"
          onClick={() => people.fetchNextPage()}
          disabled={people.isFetchingNextPage}
        >
          {people.isFetchingNextPage ? 'Loading…' : 'Load more'}
        </button>
      )}
    </Page>
  );
}
