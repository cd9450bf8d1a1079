import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { Principal } from '../auth/principal.ts';
import type { DbOrTx } from '../db/client.ts';
import { caseQueues, cases, units } from '../db/schema/index.ts';

/**
 * Who may see which case. Unlike people visibility (policies/visibilityOf) executives are not
 * organization-wide here: they see cases through the management chain, as managers of the root
 * unit. A case is visible to
 *   - admins, analysts and API tokens: every case of the organization;
 *   - its owner and the members of its queue;
 *   - anyone who manages (units.manager_id) a unit on the path from the case's unit, or from
 *     the owner's unit, up to the root — i.e. the case's unit or the owner's unit lies in the
 *     subtree of a unit they manage.
 * A case of the caller's organization outside this answers 403 (like people); an id of another
 * organization answers 404.
 */
export type CaseViewer =
  | { kind: 'organization' }
  | {
      kind: 'person';
      personId: string;
      /**
       * What the person reaches besides their own cases, when known (see withCaseReach):
       * lets the predicate drop the branches that cannot match, so an employee's inbox is an
       * index scan on the owner instead of a filter over every case.
       */
      reach?: { manages: boolean; queueIds: string[] };
    };

export function caseViewerOf(principal: Principal): CaseViewer {
  if (principal.kind === 'token') return { kind: 'organization' };
  if (principal.roles.includes('admin') || principal.roles.includes('analyst')) {
    return { kind: 'organization' };
  }
  return { kind: 'person', personId: principal.personId };
}

/** Units a person manages and every unit below them (same organization), as a subquery. */
export function managedSubtree(orgId: string, personId: string): SQL {
  return sql`(
    with recursive managed(id) as (
      select id from units where org_id = ${orgId} and manager_id = ${personId}
      union
      select u.id from units u join managed m on u.parent_id = m.id where u.org_id = ${orgId}
    )
    select id from managed
  )`;
}

/**
 * The one case visibility predicate, composable into any query over `cases` (always combine it
 * with the organization scope). Undefined: no restriction beyond the organization.
 */
export function casesVisibleTo(orgId: string, viewer: CaseViewer): SQL | undefined {
  if (viewer.kind === 'organization') return undefined;
  const me = viewer.personId;
  if (viewer.reach) {
    const { manages, queueIds } = viewer.reach;
    const parts = [sql`${cases.ownerId} = ${me}`];
    if (queueIds.length > 0) {
      parts.push(
        sql`${cases.queueId} in (${sql.join(
          queueIds.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})`,
      );
    }
    if (manages) {
      parts.push(sql`${cases.unitId} in ${managedSubtree(orgId, me)}`);
      parts.push(sql`${cases.ownerId} in (
        select id from people where org_id = ${orgId} and unit_id in ${managedSubtree(orgId, me)}
      )`);
    }
    return sql`(${sql.join(parts, sql` or `)})`;
  }
  return sql`(
    ${cases.ownerId} = ${me}
    or ${cases.queueId} in (
      select id from case_queues where org_id = ${orgId} and ${me}::uuid = any(member_ids)
    )
    or ${cases.unitId} in ${managedSubtree(orgId, me)}
    or ${cases.ownerId} in (
      select id from people where org_id = ${orgId} and unit_id in ${managedSubtree(orgId, me)}
    )
  )`;
}

/** The viewer with their reach looked up (two small queries), for the hot list queries. */
export async function withCaseReach(
  db: DbOrTx,
  orgId: string,
  viewer: CaseViewer,
): Promise<CaseViewer> {
  if (viewer.kind === 'organization') return viewer;
  const [led] = await db
    .select({ id: units.id })
    .from(units)
    .where(and(eq(units.orgId, orgId), eq(units.managerId, viewer.personId)))
    .limit(1);
  const queues = await db
    .select({ id: caseQueues.id })
    .from(caseQueues)
    .where(
      and(
        eq(caseQueues.orgId, orgId),
        sql`${viewer.personId}::uuid = any(${caseQueues.memberIds})`,
      ),
    );
  return { ...viewer, reach: { manages: led !== undefined, queueIds: queues.map((q) => q.id) } };
}
