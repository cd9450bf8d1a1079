import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { unitTreeQuery } from '../../api/queries.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';

/** Organization-wide counts, from GET /units/tree. */
export function OrgCounts() {
  const tree = useQuery(unitTreeQuery);
  if (tree.isPending) return <p className="muted">Loading organization counts…</p>;
  if (tree.isError) {
    return <ErrorMessage error={tree.error} title="Could not load the organization" />;
  }
  const { units, supportEdges } = tree.data;
  const people = units.reduce((sum, u) => sum + u.headcount, 0);
  const frontLine = units.filter((u) => u.kind === 'front_line').length;
  const stats = [
    { label: 'Units', value: units.length, testId: 'org-units' },
    { label: 'People (current)', value: people, testId: 'org-people' },
    { label: 'Front-line units', value: frontLine, testId: 'org-front-line' },
    { label: 'Back-office units', value: units.length - frontLine, testId: 'org-back-office' },
    { label: 'Support links', value: supportEdges.length, testId: 'org-support-edges' },
  ];
  return (
    <section className="card" aria-labelledby="org-counts-title">
      <h2 id="org-counts-title">The organization</h2>
      <ul className="stat-grid">
        {stats.map((s) => (
          <li key={s.label} className="stat">
            <span className="stat-value" data-testid={s.testId}>
              {s.value.toLocaleString('en')}
            </span>
            <span className="stat-label">{s.label}</span>
          </li>
        ))}
      </ul>
      <p>
        <Link to="/explorer">Explore the organization</Link>
      </p>
    </section>
  );
}
