import { roles as roleValues } from '@valueloop/contracts';
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { people, units } from '../db/schema/index.ts';
import { AppError } from '../http/errors.ts';
import { check, checkField, findDuplicates, type RowError } from './csv-reader.ts';
import {
  checkExternalIdAndName,
  countChange,
  type ImportInput,
  type ImportOutcome,
  takeProposed,
  writeInBatches,
} from './row-import.ts';

export const peopleColumns = {
  required: ['external_id', 'name', 'email'],
  optional: ['unit_external_id', 'roles', 'hire_date', 'exit_date', 'pay_band'],
} as const;

const emailSchema = z.email();

const sameRoles = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((r, i) => r === b[i]);

function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === '23505') return true;
  }
  return false;
}

export async function importPeople(opts: ImportInput): Promise<ImportOutcome> {
  const { tx, orgId, rows } = opts;
  const existing = await tx.select().from(people).where(eq(people.orgId, orgId));
  const byExternal = new Map(existing.map((p) => [p.externalId, p]));
  const externalByEmail = new Map(existing.map((p) => [p.email.toLowerCase(), p.externalId]));
  const unitRows = await tx
    .select({ id: units.id, externalId: units.externalId })
    .from(units)
    .where(eq(units.orgId, orgId));
  const unitByExternal = new Map(unitRows.map((u) => [u.externalId, u.id]));

  const errors: RowError[] = [
    ...findDuplicates(rows, 'external_id'),
    ...findDuplicates(rows, 'email', (r) => r.get('email').toLowerCase()),
  ];
  const writes: Array<typeof people.$inferInsert> = [];
  const result = { created: 0, updated: 0, unchanged: 0 };
  for (const row of rows) {
    const externalId = row.get('external_id');
    const name = row.get('name');
    const email = row.get('email');
    const unitExt = row.get('unit_external_id');
    const roleList = row
      .get('roles')
      .split(';')
      .map((r) => r.trim())
      .filter(Boolean);
    const unknownRole = roleList.find((r) => !(roleValues as readonly string[]).includes(r));
    const hireDate = row.get('hire_date');
    const exitDate = row.get('exit_date');
    const payBand = row.get('pay_band');
    const owner = externalByEmail.get(email.toLowerCase());
    const ok = [
      ...checkExternalIdAndName(errors, row, externalId, name),
      checkField(
        errors,
        row,
        'email',
        check.required(email),
        check.maxLength(email, 320),
        emailSchema.safeParse(email).success ? null : `'${email}' is not an e-mail address`,
        owner && owner !== externalId ? `already belongs to person '${owner}'` : null,
      ),
      checkField(
        errors,
        row,
        'unit_external_id',
        unitExt && !unitByExternal.has(unitExt)
          ? `no unit with external id '${unitExt}' in the organization (import units first)`
          : null,
      ),
      checkField(errors, row, 'roles', unknownRole ? check.oneOf(unknownRole, roleValues) : null),
      checkField(errors, row, 'hire_date', check.isoDate(hireDate)),
      checkField(
        errors,
        row,
        'exit_date',
        check.isoDate(exitDate),
        hireDate && exitDate && exitDate < hireDate ? 'is before the hire date' : null,
      ),
      checkField(errors, row, 'pay_band', check.maxLength(payBand, 100)),
    ].every(Boolean);
    if (!ok || errors.length > 0) continue;

    const current = byExternal.get(externalId);
    const values = {
      orgId,
      externalId,
      name,
      email,
      unitId: row.has('unit_external_id')
        ? unitExt
          ? unitByExternal.get(unitExt)!
          : null
        : (current?.unitId ?? null),
      roles: row.has('roles')
        ? roleList.length > 0
          ? [...new Set(roleList)]
          : ['employee']
        : (current?.roles ?? ['employee']),
      hireDate: row.has('hire_date') ? hireDate || null : (current?.hireDate ?? null),
      exitDate: row.has('exit_date') ? exitDate || null : (current?.exitDate ?? null),
      payBand: row.has('pay_band') ? payBand || null : (current?.payBand ?? null),
    };
    const changed = countChange(
      result,
      current,
      (c) =>
        c.name === values.name &&
        c.email === values.email &&
        c.unitId === values.unitId &&
        sameRoles(c.roles, values.roles) &&
        c.hireDate === values.hireDate &&
        c.exitDate === values.exitDate &&
        c.payBand === values.payBand,
    );
    if (changed) writes.push(values);
  }
  if (errors.length > 0) return { result, errors };

  await writeInBatches(writes, (batch) =>
    tx
      .insert(people)
      .values(batch)
      .onConflictDoUpdate({
        target: [people.orgId, people.externalId],
        set: takeProposed(people, [
          'name',
          'email',
          'unitId',
          'roles',
          'hireDate',
          'exitDate',
          'payBand',
        ]),
      }),
  );
  // Sign-in e-mails follow the roster.
  try {
    await tx.execute(sql`
      update credentials set email = lower(p.email)
      from people p
      where credentials.person_id = p.id and p.org_id = ${orgId}
        and credentials.email <> lower(p.email)`);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    throw new AppError('conflict', 'A changed e-mail is already used by another account', {
      cause: error,
    });
  }
  return { result, errors };
}
