import type { CreateUnitBody, UnitKind, UnitsQuery, UpdateUnitBody } from '@valueloop/contracts';
import { and, asc, eq, ilike, isNull, or, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db, DbOrTx } from '../db/client.ts';
import { auditLog, people, supportEdges, units } from '../db/schema/index.ts';
import { AppError, notFound, validationFailed } from '../http/errors.ts';
import { decodeCursor, pageFrom } from './cursor.ts';
import type { UnitView } from './presenters.ts';
import { keysetAfter } from './scope.ts';
import { loadUnitForest, type UnitForest } from './unit-stats.ts';

const manager = alias(people, 'manager');

const unitColumns = {
  id: units.id,
  externalId: units.externalId,
  name: units.name,
  level: units.level,
  kind: units.kind,
  parentId: units.parentId,
  managerId: units.managerId,
  managerName: manager.name,
};

function selectUnits(db: DbOrTx, where: SQL | undefined) {
  return db
    .select(unitColumns)
    .from(units)
    .leftJoin(manager, and(eq(manager.id, units.managerId), eq(manager.orgId, units.orgId)))
    .where(where);
}

type UnitRow = Awaited<ReturnType<typeof selectUnits>>[number];

function withCounts(row: UnitRow, forest: UnitForest): UnitView {
  return {
    ...row,
    kind: row.kind as UnitKind,
    headcount: forest.headcount(row.id),
    subtreeHeadcount: forest.subtreeHeadcount(row.id),
  };
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function listUnits(opts: { db: Db; orgId: string; query: UnitsQuery }) {
  const { query } = opts;
  const after = decodeCursor(query.cursor);
  const pattern = query.q ? `%${escapeLike(query.q)}%` : null;
  const rows = await selectUnits(
    opts.db,
    and(
      eq(units.orgId, opts.orgId),
      query.parentId === 'root' ? isNull(units.parentId) : undefined,
      query.parentId && query.parentId !== 'root' ? eq(units.parentId, query.parentId) : undefined,
      query.kind ? eq(units.kind, query.kind) : undefined,
      pattern ? or(ilike(units.name, pattern), ilike(units.externalId, pattern)) : undefined,
      after ? keysetAfter(units.name, units.id, after) : undefined,
    ),
  )
    .orderBy(asc(units.name), asc(units.id))
    .limit(query.limit + 1);
  const page = pageFrom(rows, query.limit, (r) => ({ key: r.name, id: r.id }));
  const forest = await loadUnitForest(opts);
  return { items: page.rows.map((r) => withCounts(r, forest)), nextCursor: page.nextCursor };
}

/** Every unit (flat, with parentId) and every support edge: the organization explorer. */
export async function getUnitTree(opts: { db: Db; orgId: string }) {
  const [rows, edges, forest] = await Promise.all([
    selectUnits(opts.db, eq(units.orgId, opts.orgId)).orderBy(asc(units.name), asc(units.id)),
    opts.db
      .select({ fromUnitId: supportEdges.fromUnitId, toUnitId: supportEdges.toUnitId })
      .from(supportEdges)
      .where(eq(supportEdges.orgId, opts.orgId)),
    loadUnitForest(opts),
  ]);
  return { units: rows.map((r) => withCounts(r, forest)), supportEdges: edges };
}

export async function getUnit(opts: { db: DbOrTx; orgId: string; unitId: string }) {
  const [row] = await selectUnits(
    opts.db,
    and(eq(units.orgId, opts.orgId), eq(units.id, opts.unitId)),
  );
  if (!row) throw notFound('Unit');
  return withCounts(row, await loadUnitForest(opts));
}

async function assertManagerInOrg(db: DbOrTx, orgId: string, managerId: string | null | undefined) {
  if (!managerId) return;
  const [found] = await db
    .select({ id: people.id })
    .from(people)
    .where(and(eq(people.orgId, orgId), eq(people.id, managerId)));
  if (!found) {
    throw validationFailed([{ field: 'body.managerId', message: 'no such person here' }]);
  }
}

function assertParentAllowed(forest: UnitForest, unitId: string | null, parentId: string) {
  if (!forest.parentOf.has(parentId)) {
    throw validationFailed([{ field: 'body.parentId', message: 'no such unit here' }]);
  }
  if (unitId && forest.isWithin(parentId, unitId)) {
    throw validationFailed([
      { field: 'body.parentId', message: 'would make the unit its own ancestor (a cycle)' },
    ]);
  }
}

async function assertExternalIdFree(db: DbOrTx, orgId: string, externalId: string, self?: string) {
  const [clash] = await db
    .select({ id: units.id })
    .from(units)
    .where(and(eq(units.orgId, orgId), eq(units.externalId, externalId)));
  if (clash && clash.id !== self) {
    throw new AppError('conflict', `A unit with external id '${externalId}' already exists`);
  }
}

export async function createUnit(opts: {
  db: Db;
  orgId: string;
  actorPersonId: string | null;
  input: CreateUnitBody;
}) {
  const { orgId, input } = opts;
  return opts.db.transaction(async (tx) => {
    const forest = await loadUnitForest({ db: tx, orgId });
    if (input.parentId) assertParentAllowed(forest, null, input.parentId);
    await assertManagerInOrg(tx, orgId, input.managerId);
    await assertExternalIdFree(tx, orgId, input.externalId);
    const [created] = await tx
      .insert(units)
      .values({ ...input, orgId })
      .returning({ id: units.id });
    await tx.insert(auditLog).values({
      orgId,
      actorPersonId: opts.actorPersonId,
      action: 'unit.created',
      entityType: 'unit',
      entityId: created!.id,
      detail: { ...input },
    });
    return getUnit({ db: tx, orgId, unitId: created!.id });
  });
}

export async function updateUnit(opts: {
  db: Db;
  orgId: string;
  unitId: string;
  actorPersonId: string | null;
  changes: UpdateUnitBody;
}) {
  const { orgId, unitId, changes } = opts;
  return opts.db.transaction(async (tx) => {
    await getUnit({ db: tx, orgId, unitId });
    const forest = await loadUnitForest({ db: tx, orgId });
    if (changes.parentId) assertParentAllowed(forest, unitId, changes.parentId);
    await assertManagerInOrg(tx, orgId, changes.managerId);
    if (changes.externalId) await assertExternalIdFree(tx, orgId, changes.externalId, unitId);
    await tx
      .update(units)
      .set({ ...changes, updatedAt: new Date() })
      .where(and(eq(units.orgId, orgId), eq(units.id, unitId)));
    await tx.insert(auditLog).values({
      orgId,
      actorPersonId: opts.actorPersonId,
      action: 'unit.updated',
      entityType: 'unit',
      entityId: unitId,
      detail: { ...changes },
    });
    return getUnit({ db: tx, orgId, unitId });
  });
}
