import type {
  RootCause,
  rootCauseBodySchema,
  updateRootCauseBodySchema,
} from '@valueloop/contracts';
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import type { DbOrTx } from '../db/client.ts';
import { rootCauses } from '../db/schema/index.ts';
import { AppError, notFound, validationFailed } from '../http/errors.ts';

type RootCauseRow = typeof rootCauses.$inferSelect;

/**
 * The editable root-cause taxonomy (the outer loop counts resolved cases by it). Two levels:
 * a cause may have a parent, which must itself be top-level. Causes are deactivated, never
 * deleted, so resolved cases keep theirs.
 */
export const presentRootCause = (r: RootCauseRow): RootCause => ({
  id: r.id,
  name: r.name,
  parentId: r.parentId,
  active: r.active,
});

export async function listRootCauses(opts: { db: DbOrTx; orgId: string }) {
  return opts.db
    .select()
    .from(rootCauses)
    .where(eq(rootCauses.orgId, opts.orgId))
    .orderBy(asc(rootCauses.name), asc(rootCauses.id));
}

async function checkParent(db: DbOrTx, orgId: string, parentId: string, selfId?: string) {
  const [parent] = await db
    .select()
    .from(rootCauses)
    .where(and(eq(rootCauses.orgId, orgId), eq(rootCauses.id, parentId)));
  if (!parent) {
    throw validationFailed([{ field: 'body.parentId', message: 'is not a root cause here' }]);
  }
  if (parent.parentId !== null || parent.id === selfId) {
    throw validationFailed([
      { field: 'body.parentId', message: 'must be a top-level root cause (two levels at most)' },
    ]);
  }
  if (selfId) {
    const [child] = await db
      .select({ id: rootCauses.id })
      .from(rootCauses)
      .where(and(eq(rootCauses.orgId, orgId), eq(rootCauses.parentId, selfId)))
      .limit(1);
    if (child) {
      throw validationFailed([
        { field: 'body.parentId', message: 'a cause with sub-causes cannot get a parent' },
      ]);
    }
  }
}

async function checkNameFree(
  db: DbOrTx,
  orgId: string,
  parentId: string | null,
  name: string,
  selfId?: string,
) {
  const [clash] = await db
    .select({ id: rootCauses.id })
    .from(rootCauses)
    .where(
      and(
        eq(rootCauses.orgId, orgId),
        parentId ? eq(rootCauses.parentId, parentId) : isNull(rootCauses.parentId),
        eq(rootCauses.name, name),
      ),
    );
  if (clash && clash.id !== selfId) {
    throw new AppError('conflict', `A root cause named '${name}' already exists there`);
  }
}

export async function createRootCause(opts: {
  db: DbOrTx;
  orgId: string;
  body: z.output<typeof rootCauseBodySchema>;
}) {
  const { db, orgId, body } = opts;
  if (body.parentId) await checkParent(db, orgId, body.parentId);
  await checkNameFree(db, orgId, body.parentId, body.name);
  const [row] = await db
    .insert(rootCauses)
    .values({ orgId, name: body.name, parentId: body.parentId })
    .returning();
  return row!;
}

export async function updateRootCause(opts: {
  db: DbOrTx;
  orgId: string;
  rootCauseId: string;
  body: z.output<typeof updateRootCauseBodySchema>;
}) {
  const { db, orgId, body } = opts;
  const [row] = await db
    .select()
    .from(rootCauses)
    .where(and(eq(rootCauses.orgId, orgId), eq(rootCauses.id, opts.rootCauseId)));
  if (!row) throw notFound('Root cause');
  const parentId = body.parentId === undefined ? row.parentId : body.parentId;
  const name = body.name ?? row.name;
  if (parentId && parentId !== row.parentId) await checkParent(db, orgId, parentId, row.id);
  if (name !== row.name || parentId !== row.parentId) {
    await checkNameFree(db, orgId, parentId, name, row.id);
  }
  const [updated] = await db
    .update(rootCauses)
    .set({ name, parentId, active: body.active ?? row.active })
    .where(eq(rootCauses.id, row.id))
    .returning();
  return updated!;
}
