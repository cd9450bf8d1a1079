import { sql } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import type { CsvRow, RowError } from '../imports/csv-reader.ts';
import { writeInBatches } from '../imports/row-import.ts';
import type { HrPerson } from './person-lookup.ts';

/** What one HR fact importer gets: the rows, a person finder and the shared error list. */
export interface HrFactInput {
  tx: Tx;
  orgId: string;
  rows: CsvRow[];
  findPerson(row: CsvRow, errors: RowError[]): HrPerson | null;
  /** Every problem goes here; the importer writes nothing when it is not empty. */
  errors: RowError[];
}

export type HrFactImporter = (
  input: HrFactInput,
) => Promise<{ created: number; updated: number; unchanged: number }>;

/**
 * Sets some columns of existing people, many rows per statement: each column travels as one
 * bound array and is cast to its type (`update … from unnest(…)`).
 */
export async function updatePeople<T extends { id: string }>(
  tx: Tx,
  orgId: string,
  writes: T[],
  columns: Record<string, 'date' | 'text'>,
  valuesOf: (write: T) => Array<string | null>,
): Promise<void> {
  const names = Object.keys(columns);
  await writeInBatches(writes, (batch) => {
    const arrays = [
      sql`${sql.param(batch.map((w) => w.id))}::uuid[]`,
      ...names.map((_, k) => sql`${sql.param(batch.map((w) => valuesOf(w)[k] ?? null))}::text[]`),
    ];
    const aliases = sql.raw(['id', ...names.map((_, k) => `c${k}`)].join(', '));
    const sets = sql.raw(
      names.map((name, k) => `"${name}" = w.c${k}::${columns[name]}`).join(', '),
    );
    return tx.execute(sql`
      update people set ${sets}, updated_at = now()
      from unnest(${sql.join(arrays, sql`, `)}) as w(${aliases})
      where people.id = w.id and people.org_id = ${orgId}`);
  });
}
