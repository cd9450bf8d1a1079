import type { CaseStatus, updateCaseBodySchema } from '@valueloop/contracts';
import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db, DbOrTx } from '../db/client.ts';
import { caseEvents, cases, rootCauses } from '../db/schema/index.ts';
import { validationFailed } from '../http/errors.ts';
import { notify } from '../notifications/notify.ts';
import { type CaseRow, findVisibleCase } from './case-access.ts';
import { checkAssignee, checkQueue } from './case-assignee.ts';
import { getCaseDetail } from './case-detail.ts';
import { CaseVersionConflict } from './case-errors.ts';
import { canTransition, needsRootCause } from './case-transitions.ts';
import type { CaseViewer } from './case-visibility.ts';

export type UpdateCaseBody = z.output<typeof updateCaseBodySchema>;
type CaseChanges = Partial<typeof cases.$inferInsert>;
type CaseEvent = { kind: string; data: Record<string, unknown> };

/**
 * Changes a case under optimistic locking: the caller's `version` must be the current one (else
 * 409 with the current case). Every effective change bumps the version and writes a timeline
 * event with the actor; a new owner is notified. Sending what is already there changes nothing.
 */
export async function updateCase(opts: {
  db: Db;
  orgId: string;
  viewer: CaseViewer;
  actorId: string | null;
  caseId: string;
  body: UpdateCaseBody;
  publicUrl: string;
  now?: Date;
}): Promise<void> {
  const now = opts.now ?? new Date();
  const stale = await opts.db.transaction(async (tx) => {
    const row = await findVisibleCase({ ...opts, db: tx, lock: true });
    if (row.version !== opts.body.version) return true;
    const { changes, events } = await planChanges(tx, opts, row);
    if (events.length === 0) return false;
    const touched = await tx
      .update(cases)
      .set({
        ...changes,
        version: sql`${cases.version} + 1`,
        updatedAt: now,
        ...(opts.actorId && !row.firstActionAt ? { firstActionAt: now } : {}),
      })
      .where(and(eq(cases.id, row.id), eq(cases.version, opts.body.version)))
      .returning({ id: cases.id });
    if (touched.length === 0) return true;
    await tx.insert(caseEvents).values(
      events.map((e) => ({
        orgId: opts.orgId,
        caseId: row.id,
        at: now,
        actorId: opts.actorId,
        kind: e.kind,
        data: e.data,
      })),
    );
    const newOwner = changes.ownerId;
    if (newOwner && newOwner !== opts.actorId) {
      await notifyAssigned(tx, { ...opts, row, ownerId: newOwner });
    }
    return false;
  });
  if (stale) {
    throw new CaseVersionConflict(await getCaseDetail({ ...opts, now }));
  }
}

async function planChanges(
  tx: DbOrTx,
  opts: { orgId: string; viewer: CaseViewer; body: UpdateCaseBody; now?: Date },
  row: CaseRow,
): Promise<{ changes: CaseChanges; events: CaseEvent[] }> {
  const { body, orgId } = opts;
  const now = opts.now ?? new Date();
  const changes: CaseChanges = {};
  const events: CaseEvent[] = [];
  const status: CaseStatus = body.status ?? row.status;
  const rootCauseId = body.rootCauseId === undefined ? row.rootCauseId : body.rootCauseId;

  if (body.rootCauseId !== undefined && body.rootCauseId !== row.rootCauseId) {
    const name = body.rootCauseId ? await rootCauseName(tx, orgId, body.rootCauseId) : null;
    changes.rootCauseId = body.rootCauseId;
    events.push({
      kind: 'root_cause_set',
      data: { from: row.rootCauseId, to: body.rootCauseId, name },
    });
  }
  if (status !== row.status) {
    if (!canTransition(row.status, status)) {
      throw validationFailed([
        { field: 'body.status', message: `cannot go from ${row.status} to ${status}` },
      ]);
    }
    changes.status = status;
    if (status === 'resolved') changes.resolvedAt = now;
    if (status === 'closed') changes.closedAt = now;
    if (status === 'in_progress' && needsRootCause(row.status)) {
      changes.resolvedAt = null;
      changes.closedAt = null;
    }
    events.push({ kind: 'status_changed', data: { from: row.status, to: status } });
  }
  if (needsRootCause(status) && !rootCauseId) {
    throw validationFailed([
      { field: 'body.rootCauseId', message: `is required to mark a case ${status}` },
    ]);
  }
  if (body.priority !== undefined && body.priority !== row.priority) {
    changes.priority = body.priority;
    events.push({ kind: 'priority_changed', data: { from: row.priority, to: body.priority } });
  }
  await planAssignment(tx, opts, row, changes, events);
  return { changes, events };
}

async function planAssignment(
  tx: DbOrTx,
  opts: { orgId: string; viewer: CaseViewer; body: UpdateCaseBody },
  row: CaseRow,
  changes: CaseChanges,
  events: CaseEvent[],
) {
  const { body, orgId } = opts;
  const queueId = body.queueId === undefined ? row.queueId : body.queueId;
  const ownerChanged = body.ownerId !== undefined && body.ownerId !== row.ownerId;
  const queueChanged = queueId !== row.queueId;
  if (!ownerChanged && !queueChanged) return;
  if (queueChanged) {
    if (queueId) await checkQueue(tx, orgId, queueId, 'body.queueId');
    changes.queueId = queueId;
  }
  let ownerName: string | null = null;
  if (ownerChanged) {
    if (body.ownerId) {
      const owner = await checkAssignee({
        db: tx,
        orgId,
        viewer: opts.viewer,
        assigneeId: body.ownerId,
        queueId,
        field: 'body.ownerId',
      });
      ownerName = owner.name;
    }
    changes.ownerId = body.ownerId ?? null;
  }
  events.push({
    kind: 'assigned',
    data: {
      fromOwnerId: row.ownerId,
      toOwnerId: ownerChanged ? (body.ownerId ?? null) : row.ownerId,
      toOwnerName: ownerName,
      fromQueueId: row.queueId,
      toQueueId: queueId,
    },
  });
}

async function rootCauseName(db: DbOrTx, orgId: string, id: string): Promise<string> {
  const [cause] = await db
    .select({ name: rootCauses.name, active: rootCauses.active })
    .from(rootCauses)
    .where(and(eq(rootCauses.orgId, orgId), eq(rootCauses.id, id)));
  if (!cause?.active) {
    throw validationFailed([
      { field: 'body.rootCauseId', message: 'is not an active root cause of this organization' },
    ]);
  }
  return cause.name;
}

export async function notifyAssigned(
  db: DbOrTx,
  opts: { orgId: string; row: CaseRow; ownerId: string; publicUrl: string },
) {
  const { row } = opts;
  await notify({
    db,
    orgId: opts.orgId,
    personId: opts.ownerId,
    kind: 'case_assigned',
    title: `Case ${row.number} was assigned to you`,
    body: `${row.title} (priority ${row.priority}, due ${row.dueAt.toISOString()})`,
    link: `/cases/${row.id}`,
    dedupeKey: `case_assigned:${row.id}:${row.version + 1}`,
    publicUrl: opts.publicUrl,
  });
}
