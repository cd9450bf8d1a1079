import { eq } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import { people } from '../db/schema/index.ts';
import type { CsvRow, RowError } from '../imports/csv-reader.ts';

/** The people fields an HR fact file can change, plus what identifies the person. */
export interface HrPerson {
  id: string;
  externalId: string;
  hireDate: string | null;
  exitDate: string | null;
  exitReason: 'voluntary' | 'involuntary' | 'other' | null;
  payBand: string | null;
}

/** The columns that name a person in an HR fact file: at least one must be present. */
export const personColumns = ['person_external_id', 'email'] as const;

/** Errors about the header that readCsv cannot know: neither identifying column is present. */
export function checkPersonColumns(header: string[]): RowError[] {
  if (header.length === 0 || personColumns.some((c) => header.includes(c))) return [];
  return [
    {
      line: 1,
      column: personColumns.join(','),
      message: `missing column: person_external_id or email (at least one)`,
    },
  ];
}

/** Finds people of one organization by external id or e-mail (case-insensitive). */
export async function loadPersonLookup(tx: Tx, orgId: string) {
  const rows = await tx
    .select({
      id: people.id,
      externalId: people.externalId,
      email: people.email,
      hireDate: people.hireDate,
      exitDate: people.exitDate,
      exitReason: people.exitReason,
      payBand: people.payBand,
    })
    .from(people)
    .where(eq(people.orgId, orgId));
  const byExternal = new Map(rows.map((p) => [p.externalId, p]));
  const byEmail = new Map(rows.map((p) => [p.email.toLowerCase(), p]));

  /**
   * The person a row names, or null after recording why not. When both columns are filled
   * they must name the same person.
   */
  return (row: CsvRow, errors: RowError[]): HrPerson | null => {
    const externalId = row.get('person_external_id');
    const email = row.get('email');
    if (!externalId && !email) {
      errors.push({
        line: row.line,
        column: row.has('person_external_id') ? 'person_external_id' : 'email',
        message: 'is required (person_external_id or email)',
      });
      return null;
    }
    const byId = externalId ? byExternal.get(externalId) : undefined;
    if (externalId && !byId) {
      errors.push({
        line: row.line,
        column: 'person_external_id',
        message: `no person with external id '${externalId}' in the organization`,
      });
      return null;
    }
    const byMail = email ? byEmail.get(email.toLowerCase()) : undefined;
    if (email && !byMail) {
      errors.push({
        line: row.line,
        column: 'email',
        message: `no person with e-mail '${email}' in the organization`,
      });
      return null;
    }
    if (byId && byMail && byId.id !== byMail.id) {
      errors.push({
        line: row.line,
        column: 'email',
        message: `belongs to person '${byMail.externalId}', not '${externalId}'`,
      });
      return null;
    }
    return (byId ?? byMail)!;
  };
}
