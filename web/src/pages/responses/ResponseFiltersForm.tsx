import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { listPeople } from '../../api/endpoints.ts';
import { surveysQuery, unitTreeQuery } from '../../api/queries.ts';
import { useDebounced } from '../../use-debounced.ts';
import { buildTreeModel } from '../explorer/tree-model.ts';
import { compact, type ResponseSearch } from './response-filters.ts';
import { npsCategoryLabels } from './ScoreChips.tsx';

interface Props {
  search: ResponseSearch;
  onChange: (search: ResponseSearch) => void;
}

/** Units as an indented list, parents before their children. */
function useUnitOptions() {
  const units = useQuery(unitTreeQuery);
  const model = buildTreeModel(units.data?.units ?? []);
  const out: Array<{ id: string; label: string }> = [];
  const walk = (list: typeof model.roots, depth: number) => {
    for (const u of list) {
      out.push({ id: u.id, label: `${'\u00a0\u00a0'.repeat(depth)}${u.name}` });
      walk(model.childrenOf.get(u.id) ?? [], depth + 1);
    }
  };
  walk(model.roots, 0);
  return out;
}

/** The responses filters; every change goes to the URL so exports and links share it. */
export function ResponseFiltersForm({ search, onChange }: Props) {
  const set = (patch: Partial<ResponseSearch>) => onChange(compact({ ...search, ...patch }));
  const units = useUnitOptions();
  const surveys = useQuery(surveysQuery);
  const [who, setWho] = useState('');
  const q = useDebounced(who.trim(), 250);
  const people = useQuery({
    queryKey: ['people', 'list', { query: q, limit: 20 }],
    queryFn: () => listPeople({ q, limit: 20 }),
    enabled: q.length > 0,
  });
  const [cvi, setCvi] = useState({ min: search.cviMin ?? '', max: search.cviMax ?? '' });
  const settledCvi = useDebounced(cvi, 400);
  // biome-ignore lint/correctness/useExhaustiveDependencies: apply only when the typed band settles
  useEffect(() => {
    if (settledCvi.min !== (search.cviMin ?? '') || settledCvi.max !== (search.cviMax ?? '')) {
      set({ cviMin: settledCvi.min || undefined, cviMax: settledCvi.max || undefined });
    }
  }, [settledCvi]);
  const survey = surveys.data?.items.find((s) => s.id === search.surveyId);
  const versions = Array.from({ length: survey?.currentVersion?.version ?? 0 }, (_, i) => i + 1);

  return (
    <search className="filters card" aria-label="Filter responses">
      <div className="field">
        <label htmlFor="f-unit">Unit and the units below</label>
        <select
          id="f-unit"
          value={search.unitId ?? ''}
          onChange={(e) => set({ unitId: e.target.value || undefined })}
        >
          <option value="">All units</option>
          {units.map((u) => (
            <option key={u.id} value={u.id}>
              {u.label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="f-who">Find an employee</label>
        <input
          id="f-who"
          type="search"
          value={who}
          placeholder="Name or e-mail"
          onChange={(e) => setWho(e.target.value)}
        />
        <label htmlFor="f-employee" className="visually-hidden">
          Employee
        </label>
        <select
          id="f-employee"
          value={search.employeeId ?? ''}
          onChange={(e) => set({ employeeId: e.target.value || undefined })}
        >
          <option value="">
            {q && people.data ? `Any employee (${people.data.items.length} found)` : 'Any employee'}
          </option>
          {search.employeeId && !people.data?.items.some((p) => p.id === search.employeeId) && (
            <option value={search.employeeId}>The selected employee</option>
          )}
          {(people.data?.items ?? []).map((p) => (
            <option key={p.id} value={p.id}>
              {p.name} ({p.unitName ?? 'no unit'})
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="f-from">Submitted from</label>
        <input
          id="f-from"
          type="date"
          value={search.from ?? ''}
          max={search.to}
          onChange={(e) => set({ from: e.target.value || undefined })}
        />
      </div>
      <div className="field">
        <label htmlFor="f-to">Submitted to</label>
        <input
          id="f-to"
          type="date"
          value={search.to ?? ''}
          min={search.from}
          onChange={(e) => set({ to: e.target.value || undefined })}
        />
      </div>
      <div className="field">
        <label htmlFor="f-nps">NPS category</label>
        <select
          id="f-nps"
          value={search.npsCategory ?? ''}
          onChange={(e) =>
            set({ npsCategory: (e.target.value || undefined) as ResponseSearch['npsCategory'] })
          }
        >
          <option value="">Any</option>
          {(['promoter', 'passive', 'detractor'] as const).map((c) => (
            <option key={c} value={c}>
              {npsCategoryLabels[c]}
            </option>
          ))}
        </select>
      </div>
      <fieldset className="field band">
        <legend>CVI band (0–100)</legend>
        <label htmlFor="f-cvi-min">At least</label>
        <input
          id="f-cvi-min"
          type="number"
          min={0}
          max={100}
          value={cvi.min}
          onChange={(e) => setCvi((c) => ({ ...c, min: e.target.value }))}
        />
        <label htmlFor="f-cvi-max">At most</label>
        <input
          id="f-cvi-max"
          type="number"
          min={0}
          max={100}
          value={cvi.max}
          onChange={(e) => setCvi((c) => ({ ...c, max: e.target.value }))}
        />
      </fieldset>
      <div className="field">
        <label htmlFor="f-survey">Survey</label>
        <select
          id="f-survey"
          value={search.surveyId ?? ''}
          onChange={(e) => set({ surveyId: e.target.value || undefined, version: undefined })}
        >
          <option value="">All surveys</option>
          {(surveys.data?.items ?? []).map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="f-version">Version</label>
        <select
          id="f-version"
          value={search.version ?? ''}
          disabled={!survey}
          onChange={(e) => set({ version: e.target.value || undefined })}
        >
          <option value="">{survey ? 'All versions' : 'Pick a survey first'}</option>
          {versions.map((v) => (
            <option key={v} value={String(v)}>
              v{v}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="f-flagged">Flags</label>
        <select
          id="f-flagged"
          value={search.flagged ?? ''}
          onChange={(e) => set({ flagged: (e.target.value || undefined) as 'true' | 'false' })}
        >
          <option value="">Any</option>
          <option value="true">Flagged (answered implausibly fast)</option>
          <option value="false">Not flagged</option>
        </select>
      </div>
    </search>
  );
}
