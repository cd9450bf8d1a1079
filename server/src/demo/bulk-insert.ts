import { getTableName, type SQL, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Tx } from '../db/client.ts';

/** A column of the target table and its values, one per row (all columns equally long). */
export type BulkColumn = readonly [PgColumn, ReadonlyArray<unknown>];

/**
 * Multi-row insert that binds one array parameter per column:
 *   insert into t (a, b) select c0, c1 from unnest($1::uuid[], $2::text[]) as u(c0, c1)
 * PGlite spends about half the CPU of a `values (…), (…)` insert of the same rows (it parses
 * one parameter per column instead of one per cell). Array columns (uuid[]) travel as array
 * literals in a text[] and are cast per row; jsonb values travel as JSON text.
 */
export async function insertColumns(
  tx: Tx,
  table: PgTable,
  columns: BulkColumn[],
  rowsPerStatement = 5000,
): Promise<void> {
  const rows = columns[0]?.[1].length ?? 0;
  if (columns.some(([, values]) => values.length !== rows))
    throw new Error('bulk insert: columns differ in length');
  const names = sql.raw(columns.map(([c]) => `"${c.name}"`).join(', '));
  const aliases = sql.raw(columns.map((_, k) => `c${k}`).join(', '));
  const selects: SQL[] = columns.map(([c], k) => {
    const type = c.getSQLType();
    return type.endsWith('[]') ? sql.raw(`c${k}::${type}`) : sql.raw(`c${k}`);
  });
  for (let start = 0; start < rows; start += rowsPerStatement) {
    const arrays = columns.map(([c, values]) => {
      const type = c.getSQLType();
      const slice = values.slice(start, start + rowsPerStatement);
      if (type.endsWith('[]')) {
        const literals = slice.map((v) => (v === null ? null : arrayLiteral(v as unknown[])));
        return sql`${sql.param(literals)}::text[]`;
      }
      if (type === 'jsonb') {
        const texts = slice.map((v) => (v === null ? null : JSON.stringify(v)));
        return sql`${sql.param(texts)}::jsonb[]`;
      }
      return sql`${sql.param(slice)}::${sql.raw(type)}[]`;
    });
    await tx.execute(sql`insert into ${sql.raw(`"${getTableName(table)}"`)} (${names})
      select ${sql.join(selects, sql`, `)}
      from unnest(${sql.join(arrays, sql`, `)}) as u(${aliases})`);
  }
}

/** A PostgreSQL array literal of simple tokens (uuids), e.g. {a,b}. */
function arrayLiteral(values: unknown[]): string {
  for (const v of values) {
    if (typeof v !== 'string' || !/^[\w-]+$/.test(v))
      throw new Error(`bulk insert: array element ${String(v)} is not a simple token`);
  }
  return `{${values.join(',')}}`;
}
