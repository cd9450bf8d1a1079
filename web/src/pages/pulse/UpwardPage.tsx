import { useQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { getUpward } from '../../api/employee.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { Page } from '../../components/Page.tsx';
import { RequireRole } from '../../components/RequireRole.tsx';
import { hasRole, useSession } from '../../session.ts';
import { HeatmapTable } from './HeatmapTable.tsx';
import { periodLabel } from './labels.ts';
import { PulseTabs } from './PulseTabs.tsx';
import { parsePulseSearch } from './pulse-search.ts';
import { ResultFilters } from './ResultFilters.tsx';

/** The manager-upward survey: how middle managers rate the support they get from the top. */
export function UpwardPage() {
  const search = parsePulseSearch(useSearch({ from: '/app/pulse/upward' }));
  const navigate = useNavigate({ from: '/pulse/upward' });
  const { data: session } = useSession();
  const allowed = session ? hasRole(session, 'admin', 'analyst', 'executive') : false;
  const upward = useQuery({
    enabled: allowed,
    queryKey: ['pulse', 'upward', search],
    queryFn: () => getUpward({ period: search.period, scope: search.scope }),
    placeholderData: (previous) => previous,
  });
  const data = upward.data;
  return (
    <Page
      title="Value for middle managers"
      intro="Middle managers rate the support and the clarity of strategy they get from top management, by unit. Small groups read “Not enough responses”."
    >
      <PulseTabs />
      <RequireRole roles={['admin', 'analyst', 'executive']}>
        <ResultFilters
          idPrefix="upward"
          search={search}
          onChange={(next) => navigate({ search: next, replace: true })}
          periods={data?.periods ?? []}
          showScope
          showTenure={false}
        />
        <ErrorMessage error={upward.error} title="Could not load the upward results" />
        {allowed && upward.isPending && <p className="muted">Loading the upward results…</p>}
        {data && (
          <HeatmapTable
            heatmap={data}
            testId="upward-heatmap"
            caption={`Manager upward survey · ${data.period ? periodLabel(data.period) : 'no released period yet'}`}
          />
        )}
      </RequireRole>
    </Page>
  );
}
