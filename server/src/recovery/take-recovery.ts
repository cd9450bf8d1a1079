import type { recoveryBodySchema } from '@valueloop/contracts';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { findVisibleCase } from '../cases/case-access.ts';
import type { CaseViewer } from '../cases/case-visibility.ts';
import type { Db, Tx } from '../db/client.ts';
import { caseEvents, cases, organizations, people, recoveryActions } from '../db/schema/index.ts';
import { validationFailed } from '../http/errors.ts';
import { notify } from '../notifications/notify.ts';
import {
  periodStartOf,
  type ResolvedAllowance,
  resolveAllowance,
  spendingStatuses,
  spentSince,
} from './allowances.ts';
import { findApprovers } from './approvers.ts';
import { type Cents, formatMoney, fromCents, toCents } from './money.ts';
import { findRecoveryRow } from './recovery-rows.ts';

type RecoveryBody = z.infer<typeof recoveryBodySchema>;

/** Why an amount is outside the allowance (empty: within it, taken on the spot). */
export function overAllowanceReasons(opts: {
  allowance: Pick<ResolvedAllowance, 'perCaseCap' | 'periodBudget'>;
  amount: Cents;
  spentOnCase: Cents;
  spentInPeriod: Cents;
  currency: string;
}): string[] {
  const { allowance, amount, currency } = opts;
  const reasons: string[] = [];
  if (opts.spentOnCase + amount > allowance.perCaseCap) {
    const already =
      opts.spentOnCase > 0 ? ` (${fromCents(opts.spentOnCase)} already spent on this case)` : '';
    reasons.push(`above per-case cap of ${formatMoney(allowance.perCaseCap, currency)}${already}`);
  }
  if (opts.spentInPeriod + amount > allowance.periodBudget) {
    reasons.push(
      `period budget of ${formatMoney(allowance.periodBudget, currency)} would be exceeded: ${fromCents(opts.spentInPeriod)} spent`,
    );
  }
  return reasons;
}

async function caseSpend(tx: Tx, orgId: string, caseId: string): Promise<Cents> {
  const [row] = await tx
    .select({ total: sql<string>`coalesce(sum(${recoveryActions.amount}), 0)::text` })
    .from(recoveryActions)
    .where(
      and(
        eq(recoveryActions.orgId, orgId),
        eq(recoveryActions.caseId, caseId),
        inArray(recoveryActions.status, [...spendingStatuses]),
      ),
    );
  return toCents(row?.total ?? '0');
}

/**
 * Records a recovery on a case the taker can see. Within their allowance (per-case cap, counting
 * what this case already got, and the period budget, counting what they already spent in the
 * unit this month or quarter) it is taken on the spot; above it, it waits for a manager's
 * approval, the reason goes on the timeline and the approver is notified. A client can never
 * ask for 'taken': the status is the server's decision alone.
 *
 * The case row and the taker's person row are locked, so two recoveries at once can never both
 * squeeze under the same cap or budget.
 */
export async function takeRecovery(opts: {
  db: Db;
  orgId: string;
  viewer: CaseViewer;
  takerId: string;
  caseId: string;
  body: RecoveryBody;
  publicUrl: string;
  now?: Date;
}) {
  const { db, orgId, takerId, body } = opts;
  const now = opts.now ?? new Date();
  return db.transaction(async (tx) => {
    const [org] = await tx
      .select({ currency: organizations.currency })
      .from(organizations)
      .where(eq(organizations.id, orgId));
    const currency = org!.currency;
    const theCase = await findVisibleCase({
      db: tx,
      orgId,
      viewer: opts.viewer,
      caseId: opts.caseId,
      lock: true,
    });
    if (body.currency !== currency) {
      throw validationFailed(
        [{ field: 'body.currency', message: `must be the organization's currency, ${currency}` }],
        `currency: must be the organization's currency, ${currency}`,
      );
    }
    await tx.select({ id: people.id }).from(people).where(eq(people.id, takerId)).for('update');
    const allowance = await resolveAllowance({ db: tx, orgId, personId: takerId });
    const unitId = allowance.unitId ?? theCase.unitId;
    if (!unitId) {
      throw validationFailed(
        [{ field: 'unitId', message: 'neither you nor the case belongs to a unit to charge' }],
        'No unit to charge this recovery to',
      );
    }
    const amount = toCents(body.amount);
    const reasons = overAllowanceReasons({
      allowance,
      amount,
      spentOnCase: await caseSpend(tx, orgId, theCase.id),
      spentInPeriod: await spentSince({
        db: tx,
        orgId,
        personId: takerId,
        unitId,
        since: periodStartOf(allowance.period, now),
      }),
      currency,
    });
    const approvalReason = reasons.length ? reasons.join('; ') : null;
    const [action] = await tx
      .insert(recoveryActions)
      .values({
        orgId,
        caseId: theCase.id,
        takenBy: takerId,
        unitId,
        type: body.type,
        amount: fromCents(amount),
        currency,
        note: body.note,
        status: approvalReason ? 'pending_approval' : 'taken',
        createdAt: now,
      })
      .returning();
    const money = formatMoney(amount, currency);
    await tx.insert(caseEvents).values({
      orgId,
      caseId: theCase.id,
      at: now,
      actorId: takerId,
      kind: approvalReason ? 'recovery_requested' : 'recovery_taken',
      data: {
        recoveryId: action!.id,
        type: body.type,
        amount: fromCents(amount),
        currency,
        ...(approvalReason ? { reason: approvalReason } : {}),
      },
    });
    await tx
      .update(cases)
      .set({
        firstActionAt: sql`coalesce(${cases.firstActionAt}, ${now.toISOString()}::timestamptz)`,
      })
      .where(eq(cases.id, theCase.id));
    if (approvalReason) {
      for (const approver of await findApprovers({ db: tx, orgId, unitId, takerId })) {
        await notify({
          db: tx,
          orgId,
          personId: approver,
          kind: 'approval_needed',
          title: `Approval needed: ${body.type} of ${money} on case ${theCase.number}`,
          body: `${body.note}\n\nNeeds approval because it is ${approvalReason}.`,
          link: '/approvals',
          dedupeKey: `approval_needed:${action!.id}`,
          publicUrl: opts.publicUrl,
        });
      }
    }
    return { ...(await findRecoveryRow(tx, orgId, action!.id)), approvalReason };
  });
}
