import { useQuery } from '@tanstack/react-query';
import { meQuery } from '../../api/queries.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { KindBadge } from '../../components/KindBadge.tsx';

/** My unit, my manager and my team size, from GET /people/me. */
export function MyPlace() {
  const me = useQuery(meQuery);
  if (me.isPending) return <p className="muted">Loading your place in the organization…</p>;
  if (me.isError) return <ErrorMessage error={me.error} title="Could not load your details" />;
  const { unit, manager, teamSize } = me.data;
  return (
    <section className="card" aria-labelledby="my-place-title">
      <h2 id="my-place-title">My place in the organization</h2>
      <dl className="facts">
        <div>
          <dt>My unit</dt>
          <dd>
            <span data-testid="me-unit">{unit ? unit.name : 'No unit assigned'}</span>
            {unit?.kind && <KindBadge kind={unit.kind} />}
          </dd>
        </div>
        <div>
          <dt>My manager</dt>
          <dd data-testid="me-manager">{manager ? manager.name : 'No manager recorded'}</dd>
        </div>
        <div>
          <dt>My team size</dt>
          <dd data-testid="me-team-size">{teamSize}</dd>
        </div>
      </dl>
    </section>
  );
}
