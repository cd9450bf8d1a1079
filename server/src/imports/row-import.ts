/** Plumbing shared by the CSV importers (units, people, support edges). */
import type { ImportResult } from '@valueloop/contracts';
import { type Column, type SQL, sql } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import { type CsvRow, check, checkField, type RowError } from './csv-reader.ts';

export interface ImportInput {
  tx: Tx;
  orgId: string;
  rows: CsvRow[];
}

export interface ImportOutcome {
  result: ImportResult;
  errors: RowError[];
}

/** Rows per INSERT statement. */
const BATCH = 500;

/** Checks the external_id and name of a row: both required, at most 200 characters. */
export function checkExternalIdAndName(
  errors: RowError[],
  row: CsvRow,
  externalId: string,
  name: string,
): [boolean, boolean] {
  return [
    checkField(
      errors,
      row,
      'external_id',
      check.required(externalId),
      check.maxLength(externalId, 200),
    ),
    checkField(errors, row, 'name', check.required(name), check.maxLength(name, 200)),
  ];
}

/**
 * Counts a row as created (no current record), unchanged or updated; true when it must be
 * written.
 */
export function countChange<T>(
  result: ImportResult,
  current: T | undefined,
  unchanged: (current: T) => boolean,
): boolean {
  if (!current) {
    result.created++;
    return true;
  }
  if (unchanged(current)) {
    result.unchanged++;
    return false;
  }
  result.updated++;
  return true;
}

/** Writes the rows one batch after the other. */
export async function writeInBatches<T>(
  writes: T[],
  write: (batch: T[]) => PromiseLike<unknown>,
): Promise<void> {
  for (let i = 0; i < writes.length; i += BATCH) {
    await write(writes.slice(i, i + BATCH));
  }
}

/**
 * The SET of an upsert: each listed column takes the value proposed for insertion
 * (`excluded.<column>`), and updatedAt becomes now().
 */
export function takeProposed<T extends Record<K, Column>, K extends keyof T & string>(
  table: T,
  keys: readonly K[],
): Record<K | 'updatedAt', SQL> {
  const set = {} as Record<K | 'updatedAt', SQL>;
  for (const key of keys) set[key] = sql.raw(`excluded.${table[key].name}`);
  set.updatedAt = sql`now()`;
  return set;
}
