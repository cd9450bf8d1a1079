import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { getTeamPulse } from '../../api/employee.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { readIndex } from '../pulse/cells.ts';
import { indexLabel, periodLabel } from '../pulse/labels.ts';

const headline = ['evi', 'climate', 'leadership'] as const;

/** My unit's latest released pulse (never individual answers), with a link to the full page. */
export function PulseSummary() {
  const pulse = useQuery({
    queryKey: ['pulse', 'team', 'home'],
    queryFn: () => getTeamPulse({ periods: 1 }),
    retry: false,
  });
  const latest = pulse.data?.trend[pulse.data.trend.length - 1];
  return (
    <section className="card" aria-labelledby="pulse-summary-title" data-testid="pulse-summary">
      <h2 id="pulse-summary-title">Team pulse</h2>
      {pulse.isPending && <p className="muted">Loading the team pulse…</p>}
      {pulse.isError && <ErrorMessage error={pulse.error} title="Could not load the team pulse" />}
      {pulse.data && !latest && <p className="muted">No released pulse results yet.</p>}
      {pulse.data && latest && (
        <>
          <p className="muted">
            {pulse.data.unit.name} · {periodLabel(latest.period)}
          </p>
          <ul className="stat-grid">
            {headline.map((code) => {
              const reading = readIndex(latest.cell, code);
              return (
                <li key={code} className="stat">
                  <span
                    className={
                      reading.kind === 'suppressed' ? 'stat-text cell-suppressed' : 'stat-value'
                    }
                  >
                    {reading.text}
                  </span>
                  <span className="stat-label">{indexLabel(code)}</span>
                </li>
              );
            })}
          </ul>
        </>
      )}
      <p>
        <Link to="/pulse">Open the team pulse</Link>
      </p>
    </section>
  );
}

/** For organization-wide readers: where the employee results are. */
export function EmployeeVoiceLinks() {
  return (
    <section className="card" aria-labelledby="employee-voice-title">
      <h2 id="employee-voice-title">Employee voice</h2>
      <p>Anonymous pulse results by unit; small groups stay hidden.</p>
      <ul className="link-list">
        <li>
          <Link to="/pulse/heatmap">Heatmap of units × indices</Link>
        </li>
        <li>
          <Link to="/pulse/upward">Value for middle managers</Link>
        </li>
        <li>
          <Link to="/pulse/participation">Participation</Link>
        </li>
      </ul>
    </section>
  );
}
