import { useQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { getHeatmap, pulseProgramsQuery } from '../../api/employee.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { Page } from '../../components/Page.tsx';
import { RequireRole } from '../../components/RequireRole.tsx';
import { useSession } from '../../session.ts';
import { HeatmapTable } from './HeatmapTable.tsx';
import { periodLabel, tenureLabels } from './labels.ts';
import { PulseTabs } from './PulseTabs.tsx';
import { parsePulseSearch } from './pulse-search.ts';
import { ResultFilters } from './ResultFilters.tsx';
import { pulseSurveyOptions } from './unit-options.ts';
import { readsPrograms } from './use-unit-scope.ts';

export function HeatmapPage() {
  const search = parsePulseSearch(useSearch({ from: '/app/pulse/heatmap' }));
  const navigate = useNavigate({ from: '/pulse/heatmap' });
  const { data: session } = useSession();
  // Employees get the role message below; nothing is asked of the server for them.
  const reader = session ? readsPrograms(session.person.roles) : false;
  const programs = useQuery({ ...pulseProgramsQuery, enabled: reader });
  const surveys = pulseSurveyOptions(programs.data?.items ?? []);
  const heatmap = useQuery({
    queryKey: ['pulse', 'heatmap', search],
    queryFn: () => getHeatmap({ ...search }),
    enabled: reader,
    placeholderData: (previous) => previous,
  });
  const data = heatmap.data;

  return (
    <Page
      title="Employee heatmap"
      intro="Units × indices for one period. Expand a unit to see the units below it. Groups too small to stay anonymous are hatched: “Not enough responses”."
    >
      <PulseTabs />
      <RequireRole roles={['admin', 'analyst', 'executive', 'manager']}>
        <ResultFilters
          idPrefix="heatmap"
          search={search}
          onChange={(next) => navigate({ search: next, replace: true })}
          surveys={surveys}
          periods={data?.periods ?? []}
          showScope
        />
        <ErrorMessage error={heatmap.error} title="Could not load the heatmap" />
        {reader && heatmap.isPending && <p className="muted">Loading the heatmap…</p>}
        {data && (
          <HeatmapTable
            heatmap={data}
            testId="heatmap"
            caption={`${data.period ? periodLabel(data.period) : 'No released period yet'} · ${
              data.scope === 'unit' ? 'each unit’s own members' : 'each unit and the units below it'
            } · ${tenureLabels[data.tenure]}`}
          />
        )}
      </RequireRole>
    </Page>
  );
}
