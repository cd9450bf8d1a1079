import { Link } from '@tanstack/react-router';
import type { UnitTree } from '@valueloop/contracts';
import { KindBadge } from '../../components/KindBadge.tsx';

interface Props {
  tree: UnitTree;
  unitId: string;
}

/** The selected unit: who leads it, how many work there, who it serves and who serves it. */
export function UnitDetails({ tree, unitId }: Props) {
  const byId = new Map(tree.units.map((u) => [u.id, u]));
  const unit = byId.get(unitId);
  if (!unit) return null;
  const names = (ids: string[]) => ids.map((id) => byId.get(id)?.name ?? id).sort();
  const serves = names(
    tree.supportEdges.filter((e) => e.fromUnitId === unitId).map((e) => e.toUnitId),
  );
  const servedBy = names(
    tree.supportEdges.filter((e) => e.toUnitId === unitId).map((e) => e.fromUnitId),
  );
  const parent = unit.parentId ? byId.get(unit.parentId) : undefined;
  return (
    <section className="card" aria-labelledby="unit-details-title" data-testid="unit-details">
      <h2 id="unit-details-title">
        {unit.name} <KindBadge kind={unit.kind} />
      </h2>
      <dl className="facts facts-compact">
        <div>
          <dt>Manager</dt>
          <dd>{unit.manager?.name ?? 'None recorded'}</dd>
        </div>
        <div>
          <dt>Level</dt>
          <dd>{unit.level ?? '—'}</dd>
        </div>
        <div>
          <dt>Part of</dt>
          <dd>{parent?.name ?? 'Top of the organization'}</dd>
        </div>
        <div>
          <dt>People in the unit</dt>
          <dd>{unit.headcount}</dd>
        </div>
        <div>
          <dt>Including sub-units</dt>
          <dd>{unit.subtreeHeadcount}</dd>
        </div>
        {unit.externalId && (
          <div>
            <dt>External id</dt>
            <dd>
              <code>{unit.externalId}</code>
            </dd>
          </div>
        )}
      </dl>
      {serves.length > 0 && <p>Serves: {serves.join(', ')}</p>}
      {servedBy.length > 0 && <p>Served by: {servedBy.join(', ')}</p>}
      <p>
        <Link to="/people" search={{ unitId: unit.id }}>
          See the people in {unit.name}
        </Link>
      </p>
    </section>
  );
}
