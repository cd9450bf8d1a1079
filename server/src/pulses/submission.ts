import { eq, sql } from 'drizzle-orm';
import { sha256 } from '../auth/secrets.ts';
import type { Db } from '../db/client.ts';
import {
  employeeResponses,
  pulseConsumedTokens,
  pulseInvitations,
  pulseParticipation,
} from '../db/schema/index.ts';
import { validationFailed } from '../http/errors.ts';
import { type Answers, validateAnswers } from '../responses/answers.ts';
import { employeeComment, scoreEmployeeResponse } from './indices.ts';
import { splitAnswersBySection } from './submission-form.ts';
import { findEmployeeInvitation, openOrThrow } from './submission-lookup.ts';

/** The UTC calendar day: the only trace of when an answer was given. */
export const utcDay = (now: Date) => now.toISOString().slice(0, 10);

/**
 * Stores an employee's answers anonymously, in one transaction: locks the invitation, checks the
 * answers against the wave's pinned survey version, writes the anonymous response row(s) (unit,
 * tenure band and period copied from the invitation, the day only), deletes the invitation (the
 * only row that named the person), records the token's hash as consumed and counts one more
 * response for the unit. A second submit of the link, even a concurrent one, finds the row gone
 * and gets "already answered".
 *
 * Nothing else is written: no audit row, event, job or log line, and nothing is returned that
 * identifies the stored rows (see ANONYMITY.md).
 *
 * Errors: not_found (unknown or forged link), conflict (already answered), gone (closed or
 * expired), validation_failed (naming each answer).
 */
export async function submitEmployeeResponse(opts: {
  db: Db;
  token: string;
  answers: Record<string, unknown>;
  now?: Date;
}): Promise<{ stored: number }> {
  const now = opts.now ?? new Date();
  return opts.db.transaction(async (tx) => {
    const found = openOrThrow(
      await findEmployeeInvitation({ db: tx, token: opts.token, now, lock: true }),
    );
    const errors = validateAnswers(found.form.definition, opts.answers, { partial: false });
    if (errors.length) throw validationFailed(errors, `${errors[0]!.field}: ${errors[0]!.message}`);
    const sections = splitAnswersBySection(found.form, opts.answers as Answers);
    if (sections.length === 0) {
      const noUnit = found.form.sections.length === 0;
      throw validationFailed([
        {
          field: 'answers',
          message: noUnit
            ? 'there is no supporting unit to rate'
            : 'must answer at least one question',
        },
      ]);
    }
    await tx.insert(employeeResponses).values(
      sections.map((section) => ({
        orgId: found.orgId,
        waveId: found.waveId,
        surveyVersionId: found.surveyVersionId,
        unitId: found.unitId,
        subjectUnitId: section.subjectUnitId,
        period: found.period,
        tenureBand: found.tenureBand,
        submittedOn: utcDay(now),
        scores: scoreEmployeeResponse(found.definition, section.answers),
        comment: employeeComment(found.definition, section.answers),
      })),
    );
    await tx.delete(pulseInvitations).where(eq(pulseInvitations.id, found.invitationId));
    await tx
      .insert(pulseConsumedTokens)
      .values({ tokenHash: sha256(opts.token), orgId: found.orgId, waveId: found.waveId });
    await tx
      .insert(pulseParticipation)
      .values({
        orgId: found.orgId,
        waveId: found.waveId,
        unitId: found.unitId,
        invited: 1,
        responded: 1,
      })
      .onConflictDoUpdate({
        target: [pulseParticipation.waveId, pulseParticipation.unitId],
        set: { responded: sql`${pulseParticipation.responded} + 1` },
      });
    return { stored: sections.length };
  });
}
