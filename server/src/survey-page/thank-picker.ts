import type { FieldError, SurveyDefinition } from '@valueloop/contracts';
import { and, eq, gte, inArray, isNull, or } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { people } from '../db/schema/index.ts';

/** What the public page may show of a person: first name, last initial and initials. */
export interface ThankablePerson {
  id: string;
  displayName: string;
  initials: string;
}

/** "Ana María López" → "Ana L."; a one-word name stays as it is. */
export function displayName(fullName: string): string {
  const parts = fullName.trim().split(/\s+/);
  const first = parts[0] ?? '';
  const last = parts.length > 1 ? parts.at(-1)! : '';
  return last ? `${first} ${last[0]!.toUpperCase()}.` : first;
}

export function initialsOf(fullName: string): string {
  const parts = fullName.trim().split(/\s+/);
  const first = parts[0]?.[0] ?? '';
  const last = parts.length > 1 ? (parts.at(-1)?.[0] ?? '') : '';
  return (first + last).toUpperCase();
}

const present = (p: { id: string; name: string }): ThankablePerson => ({
  id: p.id,
  displayName: displayName(p.name),
  initials: initialsOf(p.name),
});

/** The serving unit's current employees: that unit, and no exit date in the past. */
export async function listThankablePeople(opts: {
  db: DbOrTx;
  orgId: string;
  unitId: string | null;
  now: Date;
}): Promise<ThankablePerson[]> {
  if (!opts.unitId) return [];
  const today = opts.now.toISOString().slice(0, 10);
  const rows = await opts.db
    .select({ id: people.id, name: people.name })
    .from(people)
    .where(
      and(
        eq(people.orgId, opts.orgId),
        eq(people.unitId, opts.unitId),
        or(isNull(people.exitDate), gte(people.exitDate, today)),
      ),
    )
    .orderBy(people.name, people.id);
  return rows.map(present);
}

/** Display names of thanked people, for the thank-you page. */
export async function thankedDisplayNames(opts: {
  db: DbOrTx;
  orgId: string;
  personIds: string[];
}): Promise<string[]> {
  if (opts.personIds.length === 0) return [];
  const rows = await opts.db
    .select({ id: people.id, name: people.name })
    .from(people)
    .where(and(eq(people.orgId, opts.orgId), inArray(people.id, opts.personIds)));
  const byId = new Map(rows.map((r) => [r.id, displayName(r.name)]));
  return opts.personIds.flatMap((id) => byId.get(id) ?? []);
}

/** Every thank-picker answer must name only people the page offered. */
export function checkThankedPeople(
  definition: SurveyDefinition,
  answers: Record<string, unknown>,
  offered: ThankablePerson[],
): FieldError[] {
  const allowed = new Set(offered.map((p) => p.id));
  return definition.questions.flatMap((q) => {
    const value = answers[q.id];
    if (q.type !== 'thank_picker' || !Array.isArray(value)) return [];
    return value.every((v) => typeof v === 'string' && allowed.has(v))
      ? []
      : [
          {
            field: `answers.${q.id}`,
            message: 'must name only people of the team that served you',
          },
        ];
  });
}
