import type { hrImportKinds, ImportResult } from '@valueloop/contracts';
import type { Db } from '../db/client.ts';
import { auditLog } from '../db/schema/index.ts';
import { validationFailed } from '../http/errors.ts';
import { type CsvColumns, type RowError, readCsv } from '../imports/csv-reader.ts';
import { exitColumns, importExits } from './exit-import.ts';
import type { HrFactImporter } from './hr-fact.ts';
import { importPayBands, payBandColumns } from './pay-band-import.ts';
import { checkPersonColumns, loadPersonLookup } from './person-lookup.ts';

export type HrImportKind = (typeof hrImportKinds)[number];

const importers: Record<HrImportKind, { columns: CsvColumns; run: HrFactImporter }> = {
  exits: { columns: exitColumns, run: importExits },
  'pay-bands': { columns: payBandColumns, run: importPayBands },
};

/** At most this many row errors are reported; the count in the message is always complete. */
const MAX_REPORTED_ERRORS = 1000;

function fail(errors: RowError[]): never {
  const sorted = [...errors].sort((a, b) => a.line - b.line);
  throw validationFailed(
    sorted.slice(0, MAX_REPORTED_ERRORS),
    `The file has ${errors.length} problem(s); nothing was imported`,
  );
}

/**
 * Imports HR facts (exits or pay bands) about existing people from CSV: every row is checked
 * first and nothing is written when any row fails (422 with `{line, column, message}` per
 * problem). Idempotent: a file imported twice changes nothing the second time. One
 * transaction, one audit row.
 */
export async function importHrFacts(opts: {
  db: Db;
  orgId: string;
  actorPersonId: string | null;
  kind: HrImportKind;
  text: string;
}): Promise<ImportResult> {
  const importer = importers[opts.kind];
  const parsed = readCsv(opts.text, importer.columns);
  const headerErrors = checkPersonColumns(parsed.header);
  // Header problems fail every row: stop before reading the roster.
  if (headerErrors.length > 0 || parsed.rows.length === 0) {
    if (headerErrors.length + parsed.errors.length > 0) fail([...parsed.errors, ...headerErrors]);
  }
  return opts.db.transaction(async (tx) => {
    // Row-level encoding and field-count problems come first; importers write only without errors.
    const errors: RowError[] = [...parsed.errors];
    const findPerson = await loadPersonLookup(tx, opts.orgId);
    const result = await importer.run({
      tx,
      orgId: opts.orgId,
      rows: parsed.rows,
      findPerson,
      errors,
    });
    if (errors.length > 0) fail(errors);
    await tx.insert(auditLog).values({
      orgId: opts.orgId,
      actorPersonId: opts.actorPersonId,
      action: `hr.import.${opts.kind}`,
      entityType: 'import',
      detail: { ...result, rows: parsed.rows.length },
    });
    return result;
  });
}
