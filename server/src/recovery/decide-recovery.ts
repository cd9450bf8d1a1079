import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { caseEvents, cases, recoveryActions } from '../db/schema/index.ts';
import { AppError, notFound } from '../http/errors.ts';
import { notify } from '../notifications/notify.ts';
import { assertMayDecide } from './approvers.ts';
import { formatMoney, toCents } from './money.ts';
import { findRecoveryRow } from './recovery-rows.ts';

/**
 * One-click approval (or rejection) of a recovery above allowance, by a manager of its unit's
 * chain or an admin — never by the taker. A recovery is decided once: the row is locked and a
 * second decision answers 409. The decision joins the case timeline and the taker is told.
 */
export async function decideRecovery(opts: {
  db: Db;
  orgId: string;
  deciderId: string;
  isAdmin: boolean;
  recoveryId: string;
  approve: boolean;
  note?: string;
  publicUrl: string;
  now?: Date;
}) {
  const { db, orgId } = opts;
  const now = opts.now ?? new Date();
  return db.transaction(async (tx) => {
    const [action] = await tx
      .select()
      .from(recoveryActions)
      .where(and(eq(recoveryActions.orgId, orgId), eq(recoveryActions.id, opts.recoveryId)))
      .for('update');
    if (!action) throw notFound('Recovery');
    await assertMayDecide({
      db: tx,
      orgId,
      deciderId: opts.deciderId,
      isAdmin: opts.isAdmin,
      action,
    });
    if (action.status !== 'pending_approval') {
      const what =
        action.status === 'taken' ? 'was taken within allowance' : `is already ${action.status}`;
      throw new AppError('conflict', `This recovery ${what}; there is nothing to decide`);
    }
    const status = opts.approve ? 'approved' : 'rejected';
    await tx
      .update(recoveryActions)
      .set({ status, decidedBy: opts.deciderId, decidedAt: now, decisionNote: opts.note ?? null })
      .where(eq(recoveryActions.id, action.id));
    await tx.insert(caseEvents).values({
      orgId,
      caseId: action.caseId,
      at: now,
      actorId: opts.deciderId,
      kind: opts.approve ? 'recovery_approved' : 'recovery_rejected',
      data: {
        recoveryId: action.id,
        type: action.type,
        amount: action.amount,
        currency: action.currency,
        ...(opts.note ? { note: opts.note } : {}),
      },
    });
    const [theCase] = await tx
      .select({ number: cases.number })
      .from(cases)
      .where(eq(cases.id, action.caseId));
    const money = formatMoney(toCents(action.amount), action.currency);
    // The notification kinds have no "decided" kind; the answer belongs to the approval thread.
    await notify({
      db: tx,
      orgId,
      personId: action.takenBy,
      kind: 'approval_needed',
      title: `Your ${action.type} of ${money} on case ${theCase!.number} was ${status}`,
      body: opts.note
        ? `Note from the approver: ${opts.note}`
        : `The ${action.type} was ${status}.`,
      link: `/cases/${action.caseId}`,
      dedupeKey: `recovery_decided:${action.id}`,
      publicUrl: opts.publicUrl,
    });
    return findRecoveryRow(tx, orgId, action.id);
  });
}
