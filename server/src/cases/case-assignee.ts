import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { caseQueues, people } from '../db/schema/index.ts';
import { validationFailed } from '../http/errors.ts';
import { currentPerson } from '../org/scope.ts';
import { type CaseViewer, managedSubtree } from './case-visibility.ts';

/**
 * Whom a viewer may hand a case to: a current person of the organization; a viewer who is not
 * organization-wide only to themselves, people in the units they manage, or members of the
 * case's queue — so a manager cannot push work outside their own chain.
 */
export async function checkAssignee(opts: {
  db: DbOrTx;
  orgId: string;
  viewer: CaseViewer;
  assigneeId: string;
  queueId: string | null;
  field: string;
}): Promise<{ id: string; name: string }> {
  const { db, orgId, viewer } = opts;
  const reach =
    viewer.kind === 'organization'
      ? undefined
      : sql`(
          ${people.id} = ${viewer.personId}
          or ${people.unitId} in ${managedSubtree(orgId, viewer.personId)}
          or ${people.id} in (
            select unnest(member_ids) from case_queues
            where org_id = ${orgId} and id = ${opts.queueId}
          )
        )`;
  const [person] = await db
    .select({ id: people.id, name: people.name })
    .from(people)
    .where(and(eq(people.orgId, orgId), eq(people.id, opts.assigneeId), currentPerson, reach));
  if (!person) {
    throw validationFailed([
      { field: opts.field, message: 'must be a current person you may assign cases to' },
    ]);
  }
  return person;
}

export async function checkQueue(db: DbOrTx, orgId: string, queueId: string, field: string) {
  const [queue] = await db
    .select({ id: caseQueues.id })
    .from(caseQueues)
    .where(and(eq(caseQueues.orgId, orgId), eq(caseQueues.id, queueId)));
  if (!queue) throw validationFailed([{ field, message: 'is not a queue of this organization' }]);
}
