import { and, eq, or, type SQL, sql } from 'drizzle-orm';
import type { Principal } from '../auth/principal.ts';
import type { DbOrTx } from '../db/client.ts';
import { people, recoveryActions } from '../db/schema/index.ts';
import { forbidden, validationFailed } from '../http/errors.ts';
import { managedUnits } from './unit-chain.ts';

/**
 * Who reads which recoveries: the organization's admins, analysts and executives (and API
 * tokens) all of them; anyone else their own and those charged to units they manage or that
 * lie below one they manage (units.manager_id) — so an employee sees their own ledger only.
 */
export type RecoveryReader = { kind: 'organization' } | { kind: 'person'; personId: string };

export function recoveryReaderOf(principal: Principal): RecoveryReader {
  if (principal.kind === 'token') return { kind: 'organization' };
  const orgWide = principal.roles.some(
    (r) => r === 'admin' || r === 'analyst' || r === 'executive',
  );
  return orgWide ? { kind: 'organization' } : { kind: 'person', personId: principal.personId };
}

/** The recovery rows the reader may see, as a condition (combine with the org scope). */
export function recoveriesVisibleTo(orgId: string, reader: RecoveryReader): SQL | undefined {
  if (reader.kind === 'organization') return undefined;
  return or(
    eq(recoveryActions.takenBy, reader.personId),
    sql`${recoveryActions.unitId} in ${managedUnits(orgId, reader.personId)}`,
  );
}

/** A unit filter: the unit must exist (404) and lie in what the reader manages (403). */
export async function assertUnitReadable(
  db: DbOrTx,
  orgId: string,
  reader: RecoveryReader,
  unitId: string,
) {
  const [unit] = await db
    .execute(sql`select id from units where org_id = ${orgId} and id = ${unitId}`)
    .then((r) => (r as unknown as { rows: { id: string }[] }).rows);
  if (!unit)
    throw validationFailed(
      [{ field: 'query.unitId', message: 'no such unit' }],
      'unitId: no such unit',
    );
  if (reader.kind === 'organization') return;
  const [inside] = await db
    .execute(sql`select 1 as ok where ${unitId}::uuid in ${managedUnits(orgId, reader.personId)}`)
    .then((r) => (r as unknown as { rows: { ok: number }[] }).rows);
  if (!inside) throw forbidden('This unit is outside the units you manage');
}

/** A person filter: yourself, anyone for org-wide readers, else people in units you manage. */
export async function assertPersonReadable(
  db: DbOrTx,
  orgId: string,
  reader: RecoveryReader,
  personId: string,
) {
  const [person] = await db
    .select({ id: people.id, unitId: people.unitId })
    .from(people)
    .where(and(eq(people.orgId, orgId), eq(people.id, personId)));
  if (!person) {
    throw validationFailed(
      [{ field: 'query.personId', message: 'no such person' }],
      'personId: no such person',
    );
  }
  if (reader.kind === 'organization' || person.id === reader.personId) return;
  if (person.unitId) {
    const [inside] = await db
      .execute(
        sql`select 1 as ok where ${person.unitId}::uuid in ${managedUnits(orgId, reader.personId)}`,
      )
      .then((r) => (r as unknown as { rows: { ok: number }[] }).rows);
    if (inside) return;
  }
  throw forbidden("This person's recoveries are outside what you may see");
}
