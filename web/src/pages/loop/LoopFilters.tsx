import { useQuery } from '@tanstack/react-query';
import { unitTreeQuery } from '../../api/queries.ts';
import { unitOptions } from '../pulse/unit-options.ts';

/** Unit and date range, shared by the ledger and the Pareto pages. */
export interface LoopFilterValue {
  unitId: string;
  from: string;
  to: string;
}

export const loopQuery = (f: LoopFilterValue) => ({
  unitId: f.unitId || undefined,
  from: f.from || undefined,
  to: f.to || undefined,
});

export function LoopFilters({
  value,
  onChange,
  label,
}: {
  value: LoopFilterValue;
  onChange: (v: LoopFilterValue) => void;
  label: string;
}) {
  const units = useQuery(unitTreeQuery);
  const options = unitOptions(units.data?.units ?? [], null);
  return (
    <search className="filters card" aria-label={label}>
      <div className="field">
        <label htmlFor="lf-unit">Unit and the units below</label>
        <select
          id="lf-unit"
          value={value.unitId}
          onChange={(e) => onChange({ ...value, unitId: e.target.value })}
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
        <label htmlFor="lf-from">From</label>
        <input
          id="lf-from"
          type="date"
          value={value.from}
          onChange={(e) => onChange({ ...value, from: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor="lf-to">To</label>
        <input
          id="lf-to"
          type="date"
          value={value.to}
          onChange={(e) => onChange({ ...value, to: e.target.value })}
        />
      </div>
    </search>
  );
}
