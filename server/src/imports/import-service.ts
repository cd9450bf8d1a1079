import type { ImportKind, ImportResult } from '@valueloop/contracts';
import type { Db } from '../db/client.ts';
import { auditLog } from '../db/schema/index.ts';
import { validationFailed } from '../http/errors.ts';
import { type CsvColumns, type RowError, readCsv } from './csv-reader.ts';
import { edgeColumns, importSupportEdges } from './edge-import.ts';
import { importPeople, peopleColumns } from './people-import.ts';
import type { ImportInput, ImportOutcome } from './row-import.ts';
import { importUnits, unitColumns } from './unit-import.ts';

type Importer = (opts: ImportInput) => Promise<ImportOutcome>;

export const importers: Record<ImportKind, { columns: CsvColumns; run: Importer }> = {
  units: { columns: unitColumns, run: importUnits },
  people: { columns: peopleColumns, run: importPeople },
  'support-edges': { columns: edgeColumns, run: importSupportEdges },
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
 * Validates every row of a CSV file and imports it in one transaction, or imports nothing and
 * throws a validation error listing `{line, column, message}` for every bad row.
 * Idempotent by external id; one audit row per import.
 */
export async function importCsv(opts: {
  db: Db;
  orgId: string;
  actorPersonId: string | null;
  kind: ImportKind;
  text: string;
}): Promise<ImportResult> {
  const importer = importers[opts.kind];
  const parsed = readCsv(opts.text, importer.columns);
  if (parsed.header.length === 0 || parsed.rows.length === 0) {
    if (parsed.errors.length > 0) fail(parsed.errors);
  }
  return opts.db.transaction(async (tx) => {
    const { result, errors } = await importer.run({ tx, orgId: opts.orgId, rows: parsed.rows });
    if (parsed.errors.length > 0 || errors.length > 0) fail([...parsed.errors, ...errors]);
    await tx.insert(auditLog).values({
      orgId: opts.orgId,
      actorPersonId: opts.actorPersonId,
      action: `import.${opts.kind}`,
      entityType: 'import',
      detail: { ...result, rows: parsed.rows.length },
    });
    return result;
  });
}
