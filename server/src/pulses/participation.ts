import type { Participation } from '@valueloop/contracts';
import { and, asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { pulseParticipation, units } from '../db/schema/index.ts';
import { inUnitSubtree } from '../org/scope.ts';
import type { Visibility } from '../policies/index.ts';
import { minGroupSizeOf } from './min-group-size.ts';
import { getPulseWave } from './wave-service.ts';

interface UnitCounts {
  unitId: string;
  unitName: string;
  parentId: string | null;
  invited: number;
  responded: number;
}

/**
 * Which units' counts may be shown: a unit with fewer than k invitees is hidden; and since the
 * wave's totals are shown too, the hidden units together must hold 0 or at least k invitees,
 * else "total minus the shown rows" would give a small group's counts — so the smallest shown
 * units are hidden with them until they do. Every hidden row reads the same ('small_group'),
 * so nobody can tell which of them is the one that is really small.
 */
export function hiddenUnits(rows: readonly UnitCounts[], k: number): Set<string> {
  const hidden = new Set(rows.filter((r) => r.invited < k).map((r) => r.unitId));
  let hiddenInvited = rows.filter((r) => hidden.has(r.unitId)).reduce((s, r) => s + r.invited, 0);
  const shownSmallestFirst = rows
    .filter((r) => !hidden.has(r.unitId))
    .sort((a, b) => a.invited - b.invited || (a.unitId < b.unitId ? -1 : 1));
  for (const row of shownSmallestFirst) {
    if (hiddenInvited === 0 || hiddenInvited >= k) break;
    hidden.add(row.unitId);
    hiddenInvited += row.invited;
  }
  return hidden;
}

/**
 * Participation of a wave per unit of the invitees: invited, responded and rate — counts only,
 * never who. Suppression is decided over the whole organization first and only then filtered
 * to the viewer's units, so no view shows anything the organization-wide view does not.
 */
export async function getWaveParticipation(opts: {
  db: DbOrTx;
  orgId: string;
  waveId: string;
  visibility: Visibility;
}): Promise<Participation> {
  const { db, orgId } = opts;
  const wave = await getPulseWave(opts);
  const rows: UnitCounts[] = await db
    .select({
      unitId: units.id,
      unitName: units.name,
      parentId: units.parentId,
      invited: pulseParticipation.invited,
      responded: pulseParticipation.responded,
    })
    .from(pulseParticipation)
    .innerJoin(units, eq(units.id, pulseParticipation.unitId))
    .where(and(eq(pulseParticipation.orgId, orgId), eq(pulseParticipation.waveId, wave.id)))
    .orderBy(asc(units.name), asc(units.id));
  const hidden = hiddenUnits(rows, await minGroupSizeOf(db, orgId));
  const visible = await visibleUnitIds(db, orgId, opts.visibility);
  return {
    wave,
    rows: rows
      .filter((r) => visible === 'all' || visible.has(r.unitId))
      .map((r) =>
        hidden.has(r.unitId)
          ? { ...r, status: 'small_group', invited: null, responded: null, rate: null }
          : { ...r, status: 'shown', rate: r.invited > 0 ? r.responded / r.invited : null },
      ),
  };
}

async function visibleUnitIds(
  db: DbOrTx,
  orgId: string,
  visibility: Visibility,
): Promise<'all' | Set<string>> {
  if (visibility.kind === 'organization') return 'all';
  if (visibility.kind === 'self') return new Set();
  const subtree = await db
    .select({ id: units.id })
    .from(units)
    .where(and(eq(units.orgId, orgId), inUnitSubtree(units.id, orgId, visibility.rootUnitId)));
  return new Set(subtree.map((u) => u.id));
}
