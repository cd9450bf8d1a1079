import { and, asc, eq, gt, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { caseEvents, cases, people } from '../db/schema/index.ts';
import { enqueueJob } from '../jobs/queue.ts';
import type { JobHandler } from '../jobs/worker.ts';
import { notify } from '../notifications/notify.ts';
import { type BusinessClock, businessClock } from './business-clock.ts';
import { businessHoursOf } from './business-time.ts';
import { openCaseStatuses } from './case-summary.ts';

export const CASE_SLA_QUEUE = 'cases.sla';
const EVERY_MS = 5 * 60_000;
/** "At risk": less than this share of the case's SLA business time is left. */
export const AT_RISK_SHARE = 0.2;

type CaseRow = typeof cases.$inferSelect;

/** Ensures exactly one pending SLA job exists (singleton key); called at worker start. */
export async function scheduleCaseSla(opts: { db: DbOrTx; runAt?: Date }) {
  await enqueueJob({
    db: opts.db,
    queue: CASE_SLA_QUEUE,
    payload: {},
    runAt: opts.runAt,
    singletonKey: CASE_SLA_QUEUE,
  });
}

/**
 * Every 5 minutes: the SLA pass, then its next run in the same transaction. A pass that hit its
 * cap of actions (a large backlog) books the next one in seconds, so each transaction stays
 * short and the backlog drains in bounded steps.
 */
export const caseSlaHandler =
  (deps: { publicUrl: string }): JobHandler =>
  async ({ db }) => {
    const now = new Date();
    const { capped } = await runCaseSla({ db, now, publicUrl: deps.publicUrl });
    const delay = capped ? BACKLOG_DELAY_MS : EVERY_MS;
    await scheduleCaseSla({ db, runAt: new Date(now.getTime() + delay) });
  };

/** At most this many notifications/escalations per pass; the rest wait for the next pass. */
export const MAX_ACTIONS_PER_PASS = 500;
const BACKLOG_DELAY_MS = 5_000;

/**
 * One pass of the SLA clock over every open case (all organizations):
 *   at risk — less than 20% of its SLA business time left: the owner is told once;
 *   breach  — past due: breached_at is set once and the case goes to the manager of the
 *             owner's unit (the case's unit when unowned); each further SLA period unresolved
 *             sends it one level further up the tree.
 * Idempotent: every step is guarded by what it writes (at_risk_notified_at, escalation_level
 * with the version), so running it twice at the same `now` changes nothing the second time.
 */
export async function runCaseSla(opts: {
  db: DbOrTx;
  now: Date;
  publicUrl: string;
  maxActions?: number;
}) {
  const { db, now } = opts;
  const maxActions = opts.maxActions ?? MAX_ACTIONS_PER_PASS;
  let actions = 0;
  const clockByOrg = new Map<string, BusinessClock>();
  const clockOf = async (orgId: string) => {
    let clock = clockByOrg.get(orgId);
    if (!clock) {
      clock = businessClock(await businessHoursOf(db, orgId));
      clockByOrg.set(orgId, clock);
    }
    return clock;
  };
  const open = inArray(cases.status, [...openCaseStatuses]);
  let atRisk = 0;
  const notYetAtRisk = await db
    .select()
    .from(cases)
    .where(and(open, gt(cases.dueAt, now), isNull(cases.atRiskNotifiedAt)));
  for (const row of notYetAtRisk) {
    if (actions >= maxActions) break;
    const clock = await clockOf(row.orgId);
    const total = clock.minutesBetween(row.openedAt, row.dueAt);
    const left = clock.minutesBetween(now, row.dueAt);
    if (left >= total * AT_RISK_SHARE) continue;
    if (await markAtRisk(db, row, now, opts.publicUrl)) atRisk += 1;
    actions += 1;
  }
  let escalated = 0;
  const overdue = await db
    .select()
    .from(cases)
    .where(and(open, lte(cases.dueAt, now)))
    .orderBy(asc(cases.dueAt));
  for (const row of overdue) {
    if (actions >= maxActions) break;
    const clock = await clockOf(row.orgId);
    const period = Math.max(1, clock.minutesBetween(row.openedAt, row.dueAt));
    // Level L is due once L further SLA periods of business time have passed since due.
    const stepDue = clock.minutesBetween(row.dueAt, now) >= row.escalationLevel * period;
    if (row.breachedAt === null) {
      await db
        .update(cases)
        .set({ breachedAt: now })
        .where(and(eq(cases.id, row.id), isNull(cases.breachedAt)));
    }
    if (!stepDue) continue;
    if (await escalate(db, row, now, opts.publicUrl)) escalated += 1;
    actions += 1;
  }
  return { atRisk, escalated, capped: actions >= maxActions };
}

async function markAtRisk(db: DbOrTx, row: CaseRow, now: Date, publicUrl: string) {
  const marked = await db
    .update(cases)
    .set({ atRiskNotifiedAt: now })
    .where(and(eq(cases.id, row.id), isNull(cases.atRiskNotifiedAt)))
    .returning({ id: cases.id });
  if (marked.length === 0 || !row.ownerId) return marked.length > 0;
  await notify({
    db,
    orgId: row.orgId,
    personId: row.ownerId,
    kind: 'sla_at_risk',
    title: `Case ${row.number} is close to its due time`,
    body: `${row.title} is due ${row.dueAt.toISOString()}.`,
    link: `/cases/${row.id}`,
    dedupeKey: `sla_at_risk:${row.id}`,
    publicUrl,
  });
  return true;
}

/**
 * The next manager up: walking up from the owner's unit (the case's unit when unowned), the
 * first unit led by someone other than the current owner. Null at the top of the tree.
 */
async function nextManagerOf(db: DbOrTx, row: CaseRow): Promise<string | null> {
  let startUnit = row.unitId;
  if (row.ownerId) {
    const [owner] = await db
      .select({ unitId: people.unitId })
      .from(people)
      .where(eq(people.id, row.ownerId));
    startUnit = owner?.unitId ?? row.unitId;
  }
  if (!startUnit) return null;
  const result = await db.execute(sql`
    with recursive chain(id, parent_id, manager_id, depth) as (
      select id, parent_id, manager_id, 0 from units where org_id = ${row.orgId} and id = ${startUnit}
      union all
      select u.id, u.parent_id, u.manager_id, c.depth + 1
      from units u join chain c on u.id = c.parent_id
      where u.org_id = ${row.orgId} and c.depth < 64
    )
    select manager_id from chain
    where manager_id is not null and manager_id is distinct from ${row.ownerId}::uuid
    order by depth limit 1`);
  // Both drivers answer `execute` with `{ rows }`.
  const [first] = (result as unknown as { rows: Array<{ manager_id: string }> }).rows;
  return first?.manager_id ?? null;
}

async function escalate(db: DbOrTx, row: CaseRow, now: Date, publicUrl: string) {
  const target = await nextManagerOf(db, row);
  if (!target) return false; // top of the tree: nobody left to escalate to
  const level = row.escalationLevel + 1;
  const moved = await db
    .update(cases)
    .set({
      ownerId: target,
      escalationLevel: level,
      version: sql`${cases.version} + 1`,
      updatedAt: now,
    })
    .where(and(eq(cases.id, row.id), eq(cases.version, row.version)))
    .returning({ id: cases.id });
  if (moved.length === 0) return false; // changed meanwhile: the next pass looks again
  await db.insert(caseEvents).values({
    orgId: row.orgId,
    caseId: row.id,
    at: now,
    actorId: null,
    kind: 'escalated',
    data: { level, fromOwnerId: row.ownerId, toOwnerId: target },
  });
  const told = row.ownerId ? [target, row.ownerId] : [target];
  for (const personId of told) {
    await notify({
      db,
      orgId: row.orgId,
      personId,
      kind: 'case_escalated',
      title: `Case ${row.number} is overdue and was escalated (level ${level})`,
      body:
        personId === target
          ? `${row.title} missed its due time and is now yours.`
          : `${row.title} missed its due time and went to your manager.`,
      link: `/cases/${row.id}`,
      dedupeKey: `case_escalated:${row.id}:${level}`,
      publicUrl,
    });
  }
  return true;
}
