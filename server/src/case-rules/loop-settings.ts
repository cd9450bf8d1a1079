import type { BusinessHours, caseQueueBodySchema, caseQueueSchema } from '@valueloop/contracts';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import { businessHoursOf, validateBusinessHours } from '../cases/business-time.ts';
import type { DbOrTx } from '../db/client.ts';
import { auditLog, caseQueues, orgBusinessHours, people } from '../db/schema/index.ts';
import { AppError, validationFailed } from '../http/errors.ts';

type CaseQueue = z.infer<typeof caseQueueSchema>;
type CaseQueueBody = z.output<typeof caseQueueBodySchema>;

const presentQueue = (row: typeof caseQueues.$inferSelect): CaseQueue => ({
  id: row.id,
  name: row.name,
  memberIds: row.memberIds,
});

export async function listCaseQueues(opts: { db: DbOrTx; orgId: string }): Promise<CaseQueue[]> {
  const rows = await opts.db
    .select()
    .from(caseQueues)
    .where(eq(caseQueues.orgId, opts.orgId))
    .orderBy(asc(caseQueues.name));
  return rows.map(presentQueue);
}

/** A queue whose members are people of this organization (anyone else → 422 naming them). */
export async function createCaseQueue(opts: {
  db: DbOrTx;
  orgId: string;
  actorId: string;
  body: CaseQueueBody;
}): Promise<CaseQueue> {
  const { db, orgId, body } = opts;
  const memberIds = [...new Set(body.memberIds)];
  const found =
    memberIds.length === 0
      ? []
      : await db
          .select({ id: people.id })
          .from(people)
          .where(and(eq(people.orgId, orgId), inArray(people.id, memberIds)));
  const known = new Set(found.map((p) => p.id));
  const unknown = body.memberIds.flatMap((id, i) =>
    known.has(id) ? [] : [{ field: `body.memberIds.${i}`, message: 'no such person here' }],
  );
  if (unknown.length > 0) throw validationFailed(unknown, 'The queue is not valid');
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(caseQueues)
      .values({ orgId, name: body.name, memberIds })
      .onConflictDoNothing()
      .returning();
    if (!row) {
      throw new AppError('conflict', `A queue named ${body.name} already exists`, {
        errors: [{ field: 'body.name', message: 'already used by another queue' }],
      });
    }
    await tx.insert(auditLog).values({
      orgId,
      actorPersonId: opts.actorId,
      action: 'case_queue.created',
      entityType: 'case_queue',
      entityId: row.id,
      detail: { name: row.name, members: memberIds.length },
    });
    return presentQueue(row);
  });
}

export async function getBusinessHours(opts: {
  db: DbOrTx;
  orgId: string;
}): Promise<BusinessHours> {
  return businessHoursOf(opts.db, opts.orgId);
}

/** Replaces the organization's business hours (the SLA clock of cases opened from now on). */
export async function setBusinessHours(opts: {
  db: DbOrTx;
  orgId: string;
  actorId: string;
  hours: BusinessHours;
}): Promise<BusinessHours> {
  const { db, orgId, hours } = opts;
  validateBusinessHours(hours);
  const stored: BusinessHours = {
    timezone: hours.timezone,
    days: [...hours.days].sort((a, b) => a.weekday - b.weekday),
    holidays: [...new Set(hours.holidays)].sort(),
  };
  await db.transaction(async (tx) => {
    await tx
      .insert(orgBusinessHours)
      .values({ orgId, hours: stored })
      .onConflictDoUpdate({
        target: orgBusinessHours.orgId,
        set: { hours: stored, updatedAt: new Date() },
      });
    await tx.insert(auditLog).values({
      orgId,
      actorPersonId: opts.actorId,
      action: 'business_hours.updated',
      entityType: 'organization',
      entityId: orgId,
      detail: { timezone: stored.timezone },
    });
  });
  return stored;
}
