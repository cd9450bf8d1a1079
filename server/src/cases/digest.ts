import { and, count, eq, gt, inArray, isNotNull, lte, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { cases, recoveryActions, units } from '../db/schema/index.ts';
import { enqueueJob } from '../jobs/queue.ts';
import type { JobHandler } from '../jobs/worker.ts';
import { notify } from '../notifications/notify.ts';
import { openCaseStatuses } from './case-summary.ts';
import { casesVisibleTo, managedSubtree } from './case-visibility.ts';

export const CASE_DIGEST_QUEUE = 'cases.digest';

/** Ensures exactly one pending digest job exists (singleton key); called at worker start. */
export async function scheduleCaseDigest(opts: { db: DbOrTx; runAt?: Date }) {
  await enqueueJob({
    db: opts.db,
    queue: CASE_DIGEST_QUEUE,
    payload: {},
    runAt: opts.runAt,
    singletonKey: CASE_DIGEST_QUEUE,
  });
}

/** 06:00 UTC of the day after `now`: the digest is in the inbox before the working day. */
export function nextDigestRun(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1, 6));
}

export const caseDigestHandler =
  (deps: { publicUrl: string }): JobHandler =>
  async ({ db }) => {
    const now = new Date();
    await sendCaseDigests({ db, now, publicUrl: deps.publicUrl });
    await scheduleCaseDigest({ db, runAt: nextDigestRun(now) });
  };

export interface DigestFigures {
  open: number;
  overdue: number;
  atRisk: number;
  pendingApprovals: number;
}

/** What one manager's digest says: their visible open cases and their units' approvals. */
export async function digestFiguresOf(opts: {
  db: DbOrTx;
  orgId: string;
  personId: string;
  now: Date;
}): Promise<DigestFigures> {
  const { db, orgId, personId, now } = opts;
  const [figures] = await db
    .select({
      open: count(),
      overdue: sql<number>`count(*) filter (where ${lte(cases.dueAt, now)})::int`,
      atRisk: sql<number>`count(*) filter (where ${and(gt(cases.dueAt, now), isNotNull(cases.atRiskNotifiedAt))})::int`,
    })
    .from(cases)
    .where(
      and(
        eq(cases.orgId, orgId),
        inArray(cases.status, [...openCaseStatuses]),
        casesVisibleTo(orgId, { kind: 'person', personId }),
      ),
    );
  const [pending] = await db
    .select({ n: count() })
    .from(recoveryActions)
    .where(
      and(
        eq(recoveryActions.orgId, orgId),
        eq(recoveryActions.status, 'pending_approval'),
        sql`${recoveryActions.unitId} in ${managedSubtree(orgId, personId)}`,
      ),
    );
  return {
    open: figures?.open ?? 0,
    overdue: figures?.overdue ?? 0,
    atRisk: figures?.atRisk ?? 0,
    pendingApprovals: pending?.n ?? 0,
  };
}

/**
 * The daily digest: every person who leads a unit and has open cases (or approvals waiting) in
 * their visibility gets one in-app notification and e-mail per UTC day (dedupe key), so a
 * retried or doubled run tells nobody twice.
 */
export async function sendCaseDigests(opts: { db: DbOrTx; now: Date; publicUrl: string }) {
  const { db, now } = opts;
  const day = now.toISOString().slice(0, 10);
  const managers = await db
    .selectDistinct({ orgId: units.orgId, personId: units.managerId })
    .from(units)
    .where(isNotNull(units.managerId));
  let sent = 0;
  for (const { orgId, personId } of managers) {
    if (!personId) continue;
    const f = await digestFiguresOf({ db, orgId, personId, now });
    if (f.open === 0 && f.pendingApprovals === 0) continue;
    const told = await notify({
      db,
      orgId,
      personId,
      kind: 'digest',
      title: `Your cases today: ${f.open} open, ${f.overdue} overdue`,
      body: [
        `Open cases: ${f.open}`,
        `Overdue: ${f.overdue}`,
        `At risk of missing their due time: ${f.atRisk}`,
        `Recoveries waiting for your approval: ${f.pendingApprovals}`,
      ].join('\n'),
      link: '/cases?status=new&status=in_progress&status=waiting_on_customer',
      dedupeKey: `digest:${day}`,
      publicUrl: opts.publicUrl,
    });
    if (told) sent += 1;
  }
  return { sent };
}
