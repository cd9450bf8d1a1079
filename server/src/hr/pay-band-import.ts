import { check, checkField } from '../imports/csv-reader.ts';
import { countChange } from '../imports/row-import.ts';
import { type HrFactImporter, updatePeople } from './hr-fact.ts';

export const payBandColumns = {
  required: ['pay_band'],
  optional: ['person_external_id', 'email'],
} as const;

/** Pay bands: a free label of at most 100 characters; an empty value clears the band. */
export const importPayBands: HrFactImporter = async ({ tx, orgId, rows, findPerson, errors }) => {
  const result = { created: 0, updated: 0, unchanged: 0 };
  const writes: Array<{ id: string; payBand: string | null }> = [];
  const firstLine = new Map<string, number>();
  for (const row of rows) {
    const person = findPerson(row, errors);
    const payBand = row.get('pay_band');
    const ok = checkField(errors, row, 'pay_band', check.maxLength(payBand, 100));
    if (!person) continue;
    const first = firstLine.get(person.id);
    if (first !== undefined) {
      errors.push({ line: row.line, message: `names the same person as line ${first}` });
      continue;
    }
    firstLine.set(person.id, row.line);
    if (!ok) continue;
    const next = payBand || null;
    if (person.payBand === null && next === null) {
      result.unchanged++;
      continue;
    }
    const current = person.payBand === null ? undefined : person;
    if (countChange(result, current, (c) => c.payBand === next)) {
      writes.push({ id: person.id, payBand: next });
    }
  }
  if (errors.length > 0) return result;
  await updatePeople(tx, orgId, writes, { pay_band: 'text' }, (w) => [w.payBand]);
  return result;
};
