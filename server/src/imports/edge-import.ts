import { eq } from 'drizzle-orm';
import { supportEdges, units } from '../db/schema/index.ts';
import { check, checkField, findDuplicates, type RowError } from './csv-reader.ts';
import { type ImportInput, type ImportOutcome, writeInBatches } from './row-import.ts';

export const edgeColumns = {
  required: ['from_external_id', 'to_external_id'],
  optional: [],
} as const;

/** Adds support edges; edges already present count as unchanged (nothing is removed). */
export async function importSupportEdges(opts: ImportInput): Promise<ImportOutcome> {
  const { tx, orgId, rows } = opts;
  const unitRows = await tx
    .select({ id: units.id, externalId: units.externalId, kind: units.kind })
    .from(units)
    .where(eq(units.orgId, orgId));
  const unitByExternal = new Map(unitRows.map((u) => [u.externalId, u]));
  const existing = await tx
    .select({ from: supportEdges.fromUnitId, to: supportEdges.toUnitId })
    .from(supportEdges)
    .where(eq(supportEdges.orgId, orgId));
  const existingKeys = new Set(existing.map((e) => `${e.from}>${e.to}`));
  const unknown = (ext: string) =>
    ext && !unitByExternal.has(ext)
      ? `no unit with external id '${ext}' in the organization`
      : null;

  const errors: RowError[] = findDuplicates(
    rows,
    'to_external_id',
    (r) => `${r.get('from_external_id')}\u0000${r.get('to_external_id')}`,
  );
  const result = { created: 0, updated: 0, unchanged: 0 };
  const writes: Array<typeof supportEdges.$inferInsert> = [];
  for (const row of rows) {
    const fromExt = row.get('from_external_id');
    const toExt = row.get('to_external_id');
    const from = unitByExternal.get(fromExt);
    const to = unitByExternal.get(toExt);
    const ok = [
      checkField(
        errors,
        row,
        'from_external_id',
        check.required(fromExt),
        unknown(fromExt),
        from && from.kind !== 'back_office' ? `unit '${fromExt}' is not a back_office unit` : null,
      ),
      checkField(
        errors,
        row,
        'to_external_id',
        check.required(toExt),
        unknown(toExt),
        fromExt === toExt ? 'a unit cannot support itself' : null,
      ),
    ].every(Boolean);
    if (!ok || !from || !to) continue;
    if (existingKeys.has(`${from.id}>${to.id}`)) result.unchanged++;
    else {
      result.created++;
      writes.push({ orgId, fromUnitId: from.id, toUnitId: to.id });
    }
  }
  if (errors.length > 0) return { result, errors };
  await writeInBatches(writes, (batch) =>
    tx.insert(supportEdges).values(batch).onConflictDoNothing(),
  );
  return { result, errors };
}
