import { type TenureFilter, tenureFilters } from '@valueloop/contracts';
import { periodLabel, tenureLabels } from './labels.ts';
import type { PulseSearch } from './pulse-search.ts';

export interface Option {
  value: string;
  label: string;
}

interface Props {
  search: PulseSearch;
  onChange: (next: PulseSearch) => void;
  /** Surveys to choose from (omitted: the server's default survey, no control). */
  surveys?: Option[];
  /** Periods with released results, oldest first (omitted: no period control). */
  periods?: string[];
  /** Units the viewer may pick (omitted or fewer than two: no control). */
  units?: Option[];
  showScope?: boolean;
  showTenure?: boolean;
  idPrefix: string;
}

const set = (search: PulseSearch, key: keyof PulseSearch, value: string): PulseSearch => {
  const next: Record<string, string | undefined> = { ...search, [key]: value || undefined };
  return next as PulseSearch;
};

/** The filters shared by the results pages; each change updates the URL. */
export function ResultFilters({
  search,
  onChange,
  surveys,
  periods,
  units,
  showScope = false,
  showTenure = true,
  idPrefix,
}: Props) {
  const id = (name: string) => `${idPrefix}-${name}`;
  return (
    <form className="card filters" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
      {units && units.length > 1 && (
        <div className="field">
          <label htmlFor={id('unit')}>Unit</label>
          <select
            id={id('unit')}
            value={search.unitId ?? ''}
            onChange={(e) => onChange(set(search, 'unitId', e.target.value))}
          >
            {units.map((u) => (
              <option key={u.value} value={u.value}>
                {u.label}
              </option>
            ))}
          </select>
        </div>
      )}
      {surveys && surveys.length > 1 && (
        <div className="field">
          <label htmlFor={id('survey')}>Survey</label>
          <select
            id={id('survey')}
            value={search.surveyId ?? ''}
            onChange={(e) => onChange(set(search, 'surveyId', e.target.value))}
          >
            <option value="">Default pulse survey</option>
            {surveys.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
        </div>
      )}
      {periods && (
        <div className="field">
          <label htmlFor={id('period')}>Period</label>
          <select
            id={id('period')}
            value={search.period ?? ''}
            onChange={(e) => onChange(set(search, 'period', e.target.value))}
          >
            <option value="">Latest</option>
            {[...periods].reverse().map((p) => (
              <option key={p} value={p}>
                {periodLabel(p)}
              </option>
            ))}
          </select>
        </div>
      )}
      {showScope && (
        <div className="field">
          <label htmlFor={id('scope')}>Respondents</label>
          <select
            id={id('scope')}
            value={search.scope ?? 'subtree'}
            onChange={(e) => onChange(set(search, 'scope', e.target.value))}
          >
            <option value="subtree">Unit and below</option>
            <option value="unit">Unit only</option>
          </select>
        </div>
      )}
      {showTenure && (
        <div className="field">
          <label htmlFor={id('tenure')}>Tenure</label>
          <select
            id={id('tenure')}
            value={search.tenure ?? 'all'}
            onChange={(e) => onChange(set(search, 'tenure', e.target.value as TenureFilter))}
          >
            {tenureFilters.map((t) => (
              <option key={t} value={t}>
                {tenureLabels[t]}
              </option>
            ))}
          </select>
        </div>
      )}
    </form>
  );
}
