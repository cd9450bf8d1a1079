import { readFileSync } from 'node:fs';
import {
  distributionSchema,
  type SurveyDefinition,
  surveyDefinitionSchema,
} from '@valueloop/contracts';
import { and, asc, eq } from 'drizzle-orm';
import { randomToken, sha256 } from '../auth/secrets.ts';
import type { Tx } from '../db/client.ts';
import {
  caseResurveys,
  invitations,
  organizations,
  surveys,
  surveyVersions,
} from '../db/schema/index.ts';

/** The name that marks an organization's re-survey survey (created on first use). */
export const RESURVEY_SURVEY_NAME = 'Did we put it right? (case re-survey)';
/** Days a re-survey link stays valid. */
export const RESURVEY_EXPIRY_DAYS = 14;

let definition: SurveyDefinition | null = null;
function resurveyDefinition(): SurveyDefinition {
  definition ??= surveyDefinitionSchema.parse(
    JSON.parse(readFileSync(new URL('./resurvey-survey.json', import.meta.url), 'utf8')),
  );
  return structuredClone(definition);
}

async function findResurveySurvey(tx: Tx, orgId: string) {
  const [row] = await tx
    .select({ id: surveys.id, versionId: surveys.currentVersionId })
    .from(surveys)
    .where(
      and(
        eq(surveys.orgId, orgId),
        eq(surveys.kind, 'customer'),
        eq(surveys.name, RESURVEY_SURVEY_NAME),
      ),
    )
    .orderBy(asc(surveys.createdAt))
    .limit(1);
  return row?.versionId ? { id: row.id, versionId: row.versionId } : null;
}

/**
 * The organization's one-question re-survey, published on first use. It is a customer survey
 * kept `archived` on purpose: archived surveys never pick up new interactions (ingestion takes
 * the active one) nor open links, yet its invitations work like any other. The organization
 * row is locked while creating, so two first replies at once create it once.
 */
export async function ensureResurveySurvey(tx: Tx, orgId: string) {
  const found = await findResurveySurvey(tx, orgId);
  if (found) return found;
  await tx
    .select({ id: organizations.id })
    .from(organizations)
    .where(eq(organizations.id, orgId))
    .for('update');
  const again = await findResurveySurvey(tx, orgId);
  if (again) return again;
  const draft = resurveyDefinition();
  const [survey] = await tx
    .insert(surveys)
    .values({
      orgId,
      kind: 'customer',
      name: RESURVEY_SURVEY_NAME,
      status: 'archived',
      draft,
      distribution: distributionSchema.parse({
        expiryDays: RESURVEY_EXPIRY_DAYS,
        reminderAfterDays: null,
      }),
    })
    .returning({ id: surveys.id });
  const [version] = await tx
    .insert(surveyVersions)
    .values({ orgId, surveyId: survey!.id, version: 1, definition: draft })
    .returning({ id: surveyVersions.id });
  await tx.update(surveys).set({ currentVersionId: version!.id }).where(eq(surveys.id, survey!.id));
  return { id: survey!.id, versionId: version!.id };
}

/**
 * A single-use re-survey invitation for the case's customer, linked to the case
 * (case_resurveys), and its public link. Only the token's hash is stored. No interaction is
 * attached, so the answer carries no unit or employee and never counts as a new visit.
 */
export async function createResurveyInvitation(
  tx: Tx,
  opts: { orgId: string; caseId: string; customerId: string; publicUrl: string; now: Date },
) {
  const survey = await ensureResurveySurvey(tx, opts.orgId);
  const token = randomToken(24);
  const [invitation] = await tx
    .insert(invitations)
    .values({
      orgId: opts.orgId,
      surveyId: survey.id,
      surveyVersionId: survey.versionId,
      customerId: opts.customerId,
      tokenHash: sha256(token),
      channel: 'email',
      expiresAt: new Date(opts.now.getTime() + RESURVEY_EXPIRY_DAYS * 86_400_000),
      sentAt: opts.now,
    })
    .returning({ id: invitations.id });
  await tx
    .insert(caseResurveys)
    .values({ invitationId: invitation!.id, orgId: opts.orgId, caseId: opts.caseId });
  return { invitationId: invitation!.id, url: `${opts.publicUrl}/s/${token}` };
}
