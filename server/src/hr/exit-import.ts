import { exitReasons } from '@valueloop/contracts';
import { check, checkField } from '../imports/csv-reader.ts';
import { countChange } from '../imports/row-import.ts';
import { type HrFactImporter, updatePeople } from './hr-fact.ts';

export const exitColumns = {
  required: ['exit_date', 'reason'],
  optional: ['person_external_id', 'email'],
} as const;

type ExitReason = (typeof exitReasons)[number];

/**
 * Exits: `exit_date` (YYYY-MM-DD, not before the hire date) and `reason`. A row with an empty
 * exit_date and an empty reason clears the person's exit (a rehire or a correction).
 */
export const importExits: HrFactImporter = async ({ tx, orgId, rows, findPerson, errors }) => {
  const result = { created: 0, updated: 0, unchanged: 0 };
  const writes: Array<{ id: string; exitDate: string | null; exitReason: ExitReason | null }> = [];
  const firstLine = new Map<string, number>();
  for (const row of rows) {
    const person = findPerson(row, errors);
    const exitDate = row.get('exit_date');
    const reason = row.get('reason');
    const ok = [
      checkField(
        errors,
        row,
        'exit_date',
        check.isoDate(exitDate),
        person?.hireDate && exitDate && exitDate < person.hireDate
          ? `is before the hire date ${person.hireDate}`
          : null,
      ),
      checkField(
        errors,
        row,
        'reason',
        exitDate ? check.required(reason) : null,
        reason ? check.oneOf(reason, exitReasons) : null,
        !exitDate && reason ? 'must be empty when exit_date is empty (clearing an exit)' : null,
      ),
    ].every(Boolean);
    if (!person) continue;
    const first = firstLine.get(person.id);
    if (first !== undefined) {
      errors.push({ line: row.line, message: `names the same person as line ${first}` });
      continue;
    }
    firstLine.set(person.id, row.line);
    if (!ok) continue;
    const next = { exitDate: exitDate || null, exitReason: (reason || null) as ExitReason | null };
    const current = person.exitDate === null && person.exitReason === null ? undefined : person;
    if (!current && next.exitDate === null) {
      result.unchanged++;
      continue;
    }
    const changed = countChange(
      result,
      current,
      (c) => c.exitDate === next.exitDate && c.exitReason === next.exitReason,
    );
    if (changed) writes.push({ id: person.id, ...next });
  }
  if (errors.length > 0) return result;

  await updatePeople(tx, orgId, writes, { exit_date: 'date', exit_reason: 'text' }, (w) => [
    w.exitDate,
    w.exitReason,
  ]);
  return result;
};
