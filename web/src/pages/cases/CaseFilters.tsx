import { useQuery } from '@tanstack/react-query';
import { casePriorities, caseStatuses } from '@valueloop/contracts';
import { unitTreeQuery } from '../../api/queries.ts';
import { unitOptions } from '../pulse/unit-options.ts';
import { priorityLabels, statusLabels } from './CaseBadges.tsx';
import type { CaseSearch } from './case-search.ts';

interface Props {
  search: CaseSearch;
  onChange: (search: CaseSearch) => void;
}

/** The inbox filters; every change goes to the URL so a filtered inbox can be linked. */
export function CaseFilters({ search, onChange }: Props) {
  const units = useQuery(unitTreeQuery);
  const options = unitOptions(units.data?.units ?? [], null);
  const set = (patch: Partial<CaseSearch>) => {
    const next = { ...search, ...patch };
    onChange(
      Object.fromEntries(Object.entries(next).filter(([, v]) => v !== undefined && v !== '')),
    );
  };
  return (
    <search className="filters card" aria-label="Filter cases">
      <div className="field">
        <label htmlFor="cf-status">Status</label>
        <select
          id="cf-status"
          value={search.status ?? 'open'}
          onChange={(e) => {
            const v = e.target.value;
            set({
              status: v === 'open' ? undefined : (caseStatuses.find((s) => s === v) ?? 'all'),
            });
          }}
        >
          <option value="open">Open</option>
          <option value="all">All statuses</option>
          {caseStatuses.map((s) => (
            <option key={s} value={s}>
              {statusLabels[s]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="cf-owner">Whose</label>
        <select
          id="cf-owner"
          value={search.owner ?? ''}
          onChange={(e) => {
            const v = e.target.value;
            set({ owner: v === 'me' || v === 'none' ? v : undefined });
          }}
        >
          <option value="">All I can see</option>
          <option value="me">Mine</option>
          <option value="none">Unassigned</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor="cf-unit">Unit and the units below</label>
        <select
          id="cf-unit"
          value={search.unitId ?? ''}
          onChange={(e) => set({ unitId: e.target.value || undefined })}
        >
          <option value="">All units</option>
          {options.map((u) => (
            <option key={u.value} value={u.value}>
              {u.label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="cf-priority">Priority</label>
        <select
          id="cf-priority"
          value={search.priority ?? ''}
          onChange={(e) => set({ priority: casePriorities.find((p) => p === e.target.value) })}
        >
          <option value="">Any priority</option>
          {casePriorities.map((p) => (
            <option key={p} value={p}>
              {priorityLabels[p]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="cf-sort">Sort by</label>
        <select
          id="cf-sort"
          value={search.sort ?? 'due'}
          onChange={(e) => {
            const v = e.target.value;
            set({ sort: v === 'opened' || v === 'priority' ? v : undefined });
          }}
        >
          <option value="due">Due soonest</option>
          <option value="opened">Newest</option>
          <option value="priority">Highest priority</option>
        </select>
      </div>
      <label className="choice filter-check">
        <input
          type="checkbox"
          checked={search.overdue === 'true'}
          onChange={(e) => set({ overdue: e.target.checked ? 'true' : undefined })}
        />
        Overdue only
      </label>
    </search>
  );
}
