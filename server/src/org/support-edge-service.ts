import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { auditLog, supportEdges, units } from '../db/schema/index.ts';
import { AppError, notFound, validationFailed } from '../http/errors.ts';

export async function listSupportEdges(opts: { db: Db; orgId: string }) {
  return opts.db
    .select({ fromUnitId: supportEdges.fromUnitId, toUnitId: supportEdges.toUnitId })
    .from(supportEdges)
    .where(eq(supportEdges.orgId, opts.orgId))
    .orderBy(asc(supportEdges.fromUnitId), asc(supportEdges.toUnitId));
}

/** A back-office unit (from) starts serving another unit (to) of the same organization. */
export async function createSupportEdge(opts: {
  db: Db;
  orgId: string;
  actorPersonId: string | null;
  fromUnitId: string;
  toUnitId: string;
}) {
  const { orgId, fromUnitId, toUnitId } = opts;
  if (fromUnitId === toUnitId) {
    throw validationFailed([{ field: 'body.toUnitId', message: 'a unit cannot support itself' }]);
  }
  return opts.db.transaction(async (tx) => {
    const found = await tx
      .select({ id: units.id, kind: units.kind })
      .from(units)
      .where(and(eq(units.orgId, orgId), inArray(units.id, [fromUnitId, toUnitId])));
    const from = found.find((u) => u.id === fromUnitId);
    if (!from) throw validationFailed([{ field: 'body.fromUnitId', message: 'no such unit here' }]);
    if (!found.some((u) => u.id === toUnitId)) {
      throw validationFailed([{ field: 'body.toUnitId', message: 'no such unit here' }]);
    }
    if (from.kind !== 'back_office') {
      throw validationFailed([{ field: 'body.fromUnitId', message: 'must be a back_office unit' }]);
    }
    const inserted = await tx
      .insert(supportEdges)
      .values({ orgId, fromUnitId, toUnitId })
      .onConflictDoNothing()
      .returning({ fromUnitId: supportEdges.fromUnitId });
    if (inserted.length === 0) throw new AppError('conflict', 'This support edge already exists');
    await tx.insert(auditLog).values({
      orgId,
      actorPersonId: opts.actorPersonId,
      action: 'support_edge.created',
      entityType: 'support_edge',
      entityId: `${fromUnitId}>${toUnitId}`,
    });
    return { fromUnitId, toUnitId };
  });
}

export async function deleteSupportEdge(opts: {
  db: Db;
  orgId: string;
  actorPersonId: string | null;
  fromUnitId: string;
  toUnitId: string;
}) {
  const { orgId, fromUnitId, toUnitId } = opts;
  return opts.db.transaction(async (tx) => {
    const deleted = await tx
      .delete(supportEdges)
      .where(
        and(
          eq(supportEdges.orgId, orgId),
          eq(supportEdges.fromUnitId, fromUnitId),
          eq(supportEdges.toUnitId, toUnitId),
        ),
      )
      .returning({ fromUnitId: supportEdges.fromUnitId });
    if (deleted.length === 0) throw notFound('Support edge');
    await tx.insert(auditLog).values({
      orgId,
      actorPersonId: opts.actorPersonId,
      action: 'support_edge.deleted',
      entityType: 'support_edge',
      entityId: `${fromUnitId}>${toUnitId}`,
    });
    return { fromUnitId, toUnitId };
  });
}
