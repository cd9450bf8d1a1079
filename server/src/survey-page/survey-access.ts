import type { SurveyDefinition } from '@valueloop/contracts';
import { and, eq, isNotNull, isNull } from 'drizzle-orm';
import { sha256 } from '../auth/secrets.ts';
import type { DbOrTx } from '../db/client.ts';
import {
  interactions,
  invitations,
  responses,
  surveys,
  surveyVersions,
} from '../db/schema/index.ts';
import type { Answers } from '../responses/answers.ts';
import type { ResponseContext } from '../responses/store-response.ts';

/** Saved partial answers are offered again for this long after the first saved answer. */
export const PARTIAL_RESUME_MS = 7 * 86_400_000;

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{16,128}$/;

export interface OpenInvitation {
  invitation: typeof invitations.$inferSelect;
  definition: SurveyDefinition;
  unitId: string | null;
  ctx: Omit<ResponseContext, 'language'>;
  response: {
    id: string;
    status: 'partial' | 'complete';
    answers: Answers;
    startedAt: Date;
    durationMs: number | null;
    thankedPersonIds: string[];
  } | null;
}

export type InvitationLookup =
  | { state: 'not_found' }
  | ({ state: 'expired' } & OpenInvitation)
  | ({ state: 'completed' } & OpenInvitation)
  | ({ state: 'open' } & OpenInvitation);

/**
 * Finds an invitation by its token (only the SHA-256 is stored). A malformed, unknown or
 * tampered token is simply `not_found`; nothing tells a guesser which part was wrong.
 */
export async function findInvitationByToken(opts: {
  db: DbOrTx;
  token: string;
  now: Date;
}): Promise<InvitationLookup> {
  if (!TOKEN_SHAPE.test(opts.token)) return { state: 'not_found' };
  const [row] = await opts.db
    .select({
      invitation: invitations,
      definition: surveyVersions.definition,
      interaction: interactions,
    })
    .from(invitations)
    .innerJoin(surveyVersions, eq(surveyVersions.id, invitations.surveyVersionId))
    .leftJoin(interactions, eq(interactions.id, invitations.interactionId))
    .where(eq(invitations.tokenHash, sha256(opts.token)));
  if (!row) return { state: 'not_found' };
  const { invitation, definition, interaction } = row;
  const [response] = await opts.db
    .select({
      id: responses.id,
      status: responses.status,
      answers: responses.answers,
      startedAt: responses.startedAt,
      durationMs: responses.durationMs,
      thankedPersonIds: responses.thankedPersonIds,
    })
    .from(responses)
    .where(eq(responses.invitationId, invitation.id));
  const found: OpenInvitation = {
    invitation,
    definition,
    unitId: interaction?.unitId ?? null,
    ctx: {
      orgId: invitation.orgId,
      surveyId: invitation.surveyId,
      surveyVersionId: invitation.surveyVersionId,
      definition,
      source: 'invitation',
      invitationId: invitation.id,
      interactionId: invitation.interactionId,
      customerId: invitation.customerId,
      unitId: interaction?.unitId ?? null,
      employeeId: interaction?.employeeIds[0] ?? null,
      interaction: interaction
        ? { promisedAt: interaction.promisedAt, completedAt: interaction.completedAt }
        : null,
    },
    response: response ? { ...response, answers: response.answers as Answers } : null,
  };
  if (invitation.completedAt || response?.status === 'complete')
    return { state: 'completed', ...found };
  if (invitation.expiresAt.getTime() <= opts.now.getTime()) return { state: 'expired', ...found };
  return { state: 'open', ...found };
}

/** Saved answers to show again, unless the partial is older than the resume window. */
export function resumableAnswers(found: OpenInvitation, now: Date): Answers {
  const r = found.response;
  if (r?.status !== 'partial') return {};
  return now.getTime() - r.startedAt.getTime() <= PARTIAL_RESUME_MS ? r.answers : {};
}

/** Records the first time the link was opened (the server's start of the answering time). */
export async function markInvitationOpened(opts: { db: DbOrTx; invitationId: string; now: Date }) {
  await opts.db
    .update(invitations)
    .set({ openedAt: opts.now })
    .where(and(eq(invitations.id, opts.invitationId), isNull(invitations.openedAt)));
}

export interface OpenLinkSurvey {
  orgId: string;
  surveyId: string;
  surveyVersionId: string;
  definition: SurveyDefinition;
}

/** An active survey with open-link responses enabled, by its public key. */
export async function findOpenLinkSurvey(opts: {
  db: DbOrTx;
  key: string;
}): Promise<OpenLinkSurvey | null> {
  if (!TOKEN_SHAPE.test(opts.key)) return null;
  const [row] = await opts.db
    .select({
      orgId: surveys.orgId,
      surveyId: surveys.id,
      surveyVersionId: surveyVersions.id,
      definition: surveyVersions.definition,
    })
    .from(surveys)
    .innerJoin(surveyVersions, eq(surveyVersions.id, surveys.currentVersionId))
    .where(
      and(
        eq(surveys.openLinkKey, opts.key),
        eq(surveys.status, 'active'),
        isNotNull(surveys.currentVersionId),
      ),
    );
  return row ?? null;
}
