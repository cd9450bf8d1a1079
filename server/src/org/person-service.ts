import type { CreatePersonBody, PeopleQuery, UpdatePersonBody } from '@valueloop/contracts';
import { and, asc, count, eq, ilike, ne, or, type SQL, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client.ts';
import { auditLog, credentials, people, units } from '../db/schema/index.ts';
import { AppError, forbidden, notFound, validationFailed } from '../http/errors.ts';
import type { Visibility } from '../policies/index.ts';
import { decodeCursor, pageFrom } from './cursor.ts';
import type { PersonRow } from './presenters.ts';
import { currentPerson, inUnitSubtree, keysetAfter, peopleVisibleTo } from './scope.ts';

function selectPeople(db: DbOrTx, where: SQL | undefined) {
  return db
    .select({ person: people, unitName: units.name })
    .from(people)
    .leftJoin(units, and(eq(units.id, people.unitId), eq(units.orgId, people.orgId)))
    .where(where);
}

const toRow = (r: { person: typeof people.$inferSelect; unitName: string | null }): PersonRow => ({
  ...r.person,
  unitName: r.unitName,
});

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function listPeople(opts: {
  db: Db;
  orgId: string;
  visibility: Visibility;
  query: PeopleQuery;
}) {
  const { orgId, query } = opts;
  const after = decodeCursor(query.cursor);
  const pattern = query.q ? `%${escapeLike(query.q)}%` : null;
  const rows = await selectPeople(
    opts.db,
    and(
      eq(people.orgId, orgId),
      peopleVisibleTo(orgId, opts.visibility),
      pattern ? or(ilike(people.name, pattern), ilike(people.email, pattern)) : undefined,
      query.unitId ? inUnitSubtree(people.unitId, orgId, query.unitId) : undefined,
      query.role ? sql`${query.role} = any(${people.roles})` : undefined,
      after ? keysetAfter(people.name, people.id, after) : undefined,
    ),
  )
    .orderBy(asc(people.name), asc(people.id))
    .limit(query.limit + 1);
  const page = pageFrom(rows, query.limit, (r) => ({ key: r.person.name, id: r.person.id }));
  return { items: page.rows.map(toRow), nextCursor: page.nextCursor };
}

/**
 * Unknown in the organization → 404; in the organization but outside the caller's visibility
 * → 403 (see the policy module).
 */
export async function getPerson(opts: {
  db: DbOrTx;
  orgId: string;
  personId: string;
  visibility: Visibility;
}) {
  const { orgId, personId } = opts;
  const [row] = await selectPeople(opts.db, and(eq(people.orgId, orgId), eq(people.id, personId)));
  if (!row) throw notFound('Person');
  const scope = peopleVisibleTo(orgId, opts.visibility);
  if (scope) {
    const [visible] = await opts.db
      .select({ id: people.id })
      .from(people)
      .where(and(eq(people.orgId, orgId), eq(people.id, personId), scope));
    if (!visible) throw forbidden('This person is outside the people you may see');
  }
  return toRow(row);
}

/** My record, my unit, my manager (nearest manager above me who is not me), my team size. */
export async function getMe(opts: { db: Db; orgId: string; personId: string }) {
  const { db, orgId, personId } = opts;
  const person = await getPerson({ db, orgId, personId, visibility: { kind: 'organization' } });
  if (!person.unitId) return { person, unit: null, manager: null, teamSize: 0 };
  const orgUnits = await db
    .select({
      id: units.id,
      name: units.name,
      kind: units.kind,
      parentId: units.parentId,
      managerId: units.managerId,
    })
    .from(units)
    .where(eq(units.orgId, orgId));
  const byId = new Map(orgUnits.map((u) => [u.id, u]));
  const unit = byId.get(person.unitId)!;
  let managerId: string | null = null;
  const seen = new Set<string>();
  for (let at = byId.get(person.unitId); at && !seen.has(at.id); at = byId.get(at.parentId ?? '')) {
    seen.add(at.id);
    if (at.managerId && at.managerId !== personId) {
      managerId = at.managerId;
      break;
    }
  }
  const [managerRow] = managerId
    ? await db
        .select({ id: people.id, name: people.name })
        .from(people)
        .where(and(eq(people.orgId, orgId), eq(people.id, managerId)))
    : [];
  const [team] = await db
    .select({ n: count() })
    .from(people)
    .where(and(eq(people.orgId, orgId), eq(people.unitId, unit.id), currentPerson));
  return {
    person,
    unit: { id: unit.id, name: unit.name, kind: unit.kind },
    manager: managerRow ?? null,
    teamSize: Number(team?.n ?? 0),
  };
}

async function assertPersonInput(
  tx: DbOrTx,
  orgId: string,
  input: UpdatePersonBody,
  current: { id: string; hireDate: string | null; exitDate: string | null } | null,
) {
  if (input.unitId) {
    const [unit] = await tx
      .select({ id: units.id })
      .from(units)
      .where(and(eq(units.orgId, orgId), eq(units.id, input.unitId)));
    if (!unit) throw validationFailed([{ field: 'body.unitId', message: 'no such unit here' }]);
  }
  const hire = input.hireDate !== undefined ? input.hireDate : (current?.hireDate ?? null);
  const exit = input.exitDate !== undefined ? input.exitDate : (current?.exitDate ?? null);
  if (hire && exit && exit < hire) {
    throw validationFailed([{ field: 'body.exitDate', message: 'is before the hire date' }]);
  }
  const notSelf = current ? ne(people.id, current.id) : undefined;
  if (input.externalId) {
    const [clash] = await tx
      .select({ id: people.id })
      .from(people)
      .where(and(eq(people.orgId, orgId), eq(people.externalId, input.externalId), notSelf));
    if (clash) throw new AppError('conflict', `External id '${input.externalId}' is taken`);
  }
  if (input.email) {
    const [clash] = await tx
      .select({ id: people.id })
      .from(people)
      .where(
        and(eq(people.orgId, orgId), sql`lower(${people.email}) = lower(${input.email})`, notSelf),
      );
    if (clash) throw new AppError('conflict', `E-mail '${input.email}' is taken`);
  }
}

export async function createPerson(opts: {
  db: Db;
  orgId: string;
  actorPersonId: string | null;
  input: CreatePersonBody;
}) {
  const { orgId, input } = opts;
  return opts.db.transaction(async (tx) => {
    await assertPersonInput(tx, orgId, input, null);
    const [created] = await tx
      .insert(people)
      .values({ ...input, roles: [...new Set(input.roles ?? ['employee'])], orgId })
      .returning({ id: people.id });
    await tx.insert(auditLog).values({
      orgId,
      actorPersonId: opts.actorPersonId,
      action: 'person.created',
      entityType: 'person',
      entityId: created!.id,
    });
    return getPerson({
      db: tx,
      orgId,
      personId: created!.id,
      visibility: { kind: 'organization' },
    });
  });
}

export async function updatePerson(opts: {
  db: Db;
  orgId: string;
  personId: string;
  actorPersonId: string | null;
  changes: UpdatePersonBody;
}) {
  const { orgId, personId, changes } = opts;
  const visibility = { kind: 'organization' } as const;
  return opts.db.transaction(async (tx) => {
    const current = await getPerson({ db: tx, orgId, personId, visibility });
    await assertPersonInput(tx, orgId, changes, current);
    await tx
      .update(people)
      .set({
        ...changes,
        ...(changes.roles ? { roles: [...new Set(changes.roles)] } : {}),
        updatedAt: new Date(),
      })
      .where(and(eq(people.orgId, orgId), eq(people.id, personId)));
    if (changes.email && changes.email.toLowerCase() !== current.email.toLowerCase()) {
      const [taken] = await tx
        .select({ personId: credentials.personId })
        .from(credentials)
        .where(
          and(
            eq(credentials.email, changes.email.toLowerCase()),
            ne(credentials.personId, personId),
          ),
        );
      if (taken)
        throw new AppError('conflict', `E-mail '${changes.email}' is used by another account`);
      await tx
        .update(credentials)
        .set({ email: changes.email.toLowerCase() })
        .where(eq(credentials.personId, personId));
    }
    await tx.insert(auditLog).values({
      orgId,
      actorPersonId: opts.actorPersonId,
      action: 'person.updated',
      entityType: 'person',
      entityId: personId,
      detail: { fields: Object.keys(changes) },
    });
    return getPerson({ db: tx, orgId, personId, visibility });
  });
}
