import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { caseEvents, cases, units } from '../db/schema/index.ts';
import { forbidden, validationFailed } from '../http/errors.ts';
import { checkAssignee } from './case-assignee.ts';
import { type CaseViewer, casesVisibleTo } from './case-visibility.ts';
import { notifyAssigned } from './update-case.ts';

/**
 * Hands many cases to one owner, all or nothing: when any id is not a case the viewer may see,
 * nothing changes and the 422 lists those ids. For managers (people who lead a unit) and the
 * organization-wide roles. Each case gets its version bumped and an 'assigned' event; the new
 * owner gets one notification per case.
 */
export async function bulkAssignCases(opts: {
  db: Db;
  orgId: string;
  viewer: CaseViewer;
  actorId: string | null;
  caseIds: string[];
  ownerId: string;
  publicUrl: string;
  now?: Date;
}): Promise<{ assigned: number }> {
  const { orgId, viewer } = opts;
  const now = opts.now ?? new Date();
  const ids = [...new Set(opts.caseIds)];
  return opts.db.transaction(async (tx) => {
    if (viewer.kind === 'person') {
      const [leads] = await tx
        .select({ id: units.id })
        .from(units)
        .where(and(eq(units.orgId, orgId), eq(units.managerId, viewer.personId)))
        .limit(1);
      if (!leads) throw forbidden('Only managers may assign cases in bulk');
    }
    const rows = await tx
      .select()
      .from(cases)
      .where(and(eq(cases.orgId, orgId), inArray(cases.id, ids), casesVisibleTo(orgId, viewer)))
      .orderBy(cases.id)
      .for('update');
    const found = new Set(rows.map((r) => r.id));
    const missing = ids.filter((id) => !found.has(id));
    if (missing.length > 0) {
      throw validationFailed(
        missing.map((id) => ({
          field: `body.caseIds.${opts.caseIds.indexOf(id)}`,
          message: `case ${id} is not one you may see`,
        })),
        `${missing.length} of the cases are not ones you may see; nothing was assigned`,
      );
    }
    for (const queueId of new Set(rows.map((r) => r.queueId))) {
      await checkAssignee({
        db: tx,
        orgId,
        viewer,
        assigneeId: opts.ownerId,
        queueId,
        field: 'body.ownerId',
      });
    }
    const moving = rows.filter((r) => r.ownerId !== opts.ownerId);
    if (moving.length === 0) return { assigned: 0 };
    await tx
      .update(cases)
      .set({ ownerId: opts.ownerId, version: sql`${cases.version} + 1`, updatedAt: now })
      .where(
        inArray(
          cases.id,
          moving.map((r) => r.id),
        ),
      );
    await tx.insert(caseEvents).values(
      moving.map((r) => ({
        orgId,
        caseId: r.id,
        at: now,
        actorId: opts.actorId,
        kind: 'assigned',
        data: { fromOwnerId: r.ownerId, toOwnerId: opts.ownerId, bulk: true },
      })),
    );
    if (opts.ownerId !== opts.actorId) {
      for (const row of moving) {
        await notifyAssigned(tx, { orgId, row, ownerId: opts.ownerId, publicUrl: opts.publicUrl });
      }
    }
    return { assigned: moving.length };
  });
}
