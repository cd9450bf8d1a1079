import { randomUUID } from 'node:crypto';
import { unitKinds } from '@valueloop/contracts';
import { eq, sql } from 'drizzle-orm';
import { people, units } from '../db/schema/index.ts';
import { check, checkField, findDuplicates, type RowError } from './csv-reader.ts';
import {
  checkExternalIdAndName,
  countChange,
  type ImportInput,
  type ImportOutcome,
  takeProposed,
  writeInBatches,
} from './row-import.ts';

export const unitColumns = {
  required: ['external_id', 'name', 'level', 'kind'],
  optional: ['parent_external_id', 'manager_email'],
} as const;

type UnitKind = (typeof unitKinds)[number];

interface Desired {
  line: number;
  externalId: string;
  name: string;
  level: string;
  kind: UnitKind;
  /** External id of the parent; undefined keeps the current parent. */
  parent: string | null | undefined;
  /** Manager e-mail (lower case); undefined keeps the current manager. */
  managerEmail: string | null | undefined;
}

/** Follows parents from each file row; reports each cycle once, at its first line. */
function findCycles(desired: Desired[], parentOf: Map<string, string | null>): RowError[] {
  const lineOf = new Map(desired.map((d) => [d.externalId, d.line]));
  const reported = new Set<string>();
  const errors: RowError[] = [];
  for (const d of desired) {
    const path: string[] = [d.externalId];
    let at = parentOf.get(d.externalId) ?? null;
    while (at && !path.includes(at) && path.length <= parentOf.size) {
      path.push(at);
      at = parentOf.get(at) ?? null;
    }
    if (at !== d.externalId) continue;
    const key = [...path].sort().join('\u0000');
    if (reported.has(key)) continue;
    reported.add(key);
    const first = path
      .filter((id) => lineOf.has(id))
      .sort((a, b) => lineOf.get(a)! - lineOf.get(b)!)[0]!;
    errors.push({
      line: lineOf.get(first)!,
      column: 'parent_external_id',
      message: `creates a cycle in the unit tree: ${[...path, d.externalId].join(' → ')}`,
    });
  }
  return errors;
}

export async function importUnits(opts: ImportInput): Promise<ImportOutcome> {
  const { tx, orgId, rows } = opts;
  const existing = await tx.select().from(units).where(eq(units.orgId, orgId));
  const byExternal = new Map(existing.map((u) => [u.externalId, u]));
  const extById = new Map(existing.map((u) => [u.id, u.externalId]));
  const emails = await tx
    .select({ id: people.id, email: sql<string>`lower(${people.email})` })
    .from(people)
    .where(eq(people.orgId, orgId));
  const personByEmail = new Map(emails.map((p) => [p.email, p.id]));
  const inFile = new Set(rows.map((r) => r.get('external_id')).filter(Boolean));

  const errors: RowError[] = findDuplicates(rows, 'external_id');
  const desired: Desired[] = [];
  for (const row of rows) {
    const externalId = row.get('external_id');
    const name = row.get('name');
    const level = row.get('level');
    const kind = row.get('kind');
    const parent = row.get('parent_external_id');
    const managerEmail = row.get('manager_email').toLowerCase();
    const ok = [
      ...checkExternalIdAndName(errors, row, externalId, name),
      checkField(errors, row, 'level', check.required(level), check.maxLength(level, 100)),
      checkField(errors, row, 'kind', check.oneOf(kind, unitKinds)),
      checkField(
        errors,
        row,
        'parent_external_id',
        parent && parent === externalId ? 'a unit cannot be its own parent' : null,
        parent && !inFile.has(parent) && !byExternal.has(parent)
          ? `no unit with external id '${parent}' in this file or the organization`
          : null,
      ),
      checkField(
        errors,
        row,
        'manager_email',
        managerEmail && !personByEmail.has(managerEmail)
          ? `no person with e-mail '${managerEmail}' in the organization (import people first, or leave it empty)`
          : null,
      ),
    ].every(Boolean);
    if (!ok) continue;
    desired.push({
      line: row.line,
      externalId,
      name,
      level,
      kind: kind as UnitKind,
      parent: row.has('parent_external_id') ? parent || null : undefined,
      managerEmail: row.has('manager_email') ? managerEmail || null : undefined,
    });
  }
  const parentOf = new Map<string, string | null>(
    existing.map((u) => [u.externalId, u.parentId ? (extById.get(u.parentId) ?? null) : null]),
  );
  for (const d of desired) {
    if (d.parent !== undefined) parentOf.set(d.externalId, d.parent);
    else if (!parentOf.has(d.externalId)) parentOf.set(d.externalId, null);
  }
  errors.push(...findCycles(desired, parentOf));
  const result = { created: 0, updated: 0, unchanged: 0 };
  if (errors.length > 0) return { result, errors };

  // Ids are known before writing, so parents can be referenced within and across batches.
  const idOf = new Map(existing.map((u) => [u.externalId, u.id]));
  for (const d of desired) if (!idOf.has(d.externalId)) idOf.set(d.externalId, randomUUID());
  const depth = (ext: string) => {
    let n = 0;
    for (let at = parentOf.get(ext); at; at = parentOf.get(at)) n++;
    return n;
  };
  const depths = new Map(desired.map((d) => [d.externalId, depth(d.externalId)]));
  const writes: Array<typeof units.$inferInsert> = [];
  for (const d of [...desired].sort(
    (a, b) => depths.get(a.externalId)! - depths.get(b.externalId)!,
  )) {
    const current = byExternal.get(d.externalId);
    const parentExt = parentOf.get(d.externalId) ?? null;
    const values = {
      id: idOf.get(d.externalId)!,
      orgId,
      externalId: d.externalId,
      name: d.name,
      level: d.level,
      kind: d.kind,
      parentId: parentExt ? idOf.get(parentExt)! : null,
      managerId:
        d.managerEmail === undefined
          ? (current?.managerId ?? null)
          : d.managerEmail
            ? personByEmail.get(d.managerEmail)!
            : null,
    };
    const changed = countChange(
      result,
      current,
      (c) =>
        c.name === values.name &&
        c.level === values.level &&
        c.kind === values.kind &&
        c.parentId === values.parentId &&
        c.managerId === values.managerId,
    );
    if (changed) writes.push(values);
  }
  await writeInBatches(writes, (batch) =>
    tx
      .insert(units)
      .values(batch)
      .onConflictDoUpdate({
        target: [units.orgId, units.externalId],
        set: takeProposed(units, ['name', 'level', 'kind', 'parentId', 'managerId']),
      }),
  );
  return { result, errors };
}
