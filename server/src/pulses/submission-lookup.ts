import type { SurveyDefinition, SurveyKind, TenureBandCode } from '@valueloop/contracts';
import { and, asc, eq } from 'drizzle-orm';
import { sha256 } from '../auth/secrets.ts';
import { floorK } from '../confidentiality/types.ts';
import type { DbOrTx } from '../db/client.ts';
import {
  organizations,
  pulseConsumedTokens,
  pulseInvitations,
  pulseWaves,
  supportEdges,
  surveys,
  surveyVersions,
  units,
} from '../db/schema/index.ts';
import { AppError } from '../http/errors.ts';
import { buildEmployeeForm, type EmployeeForm, type RatedUnit } from './submission-form.ts';

/** Link tokens are URL-safe base64; anything else cannot be ours (the same shape as /s/ links). */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{16,128}$/;

/** What an open invitation may be answered with; nothing here names the person. */
export interface OpenEmployeeInvitation {
  invitationId: string;
  orgId: string;
  waveId: string;
  period: string;
  surveyVersionId: string;
  kind: SurveyKind;
  /** The respondent's unit and tenure band, copied onto the response. */
  unitId: string;
  tenureBand: TenureBandCode;
  /** The sealed draft (see submission-draft.ts); readable only with the token. */
  sealedDraft: Record<string, unknown> | null;
  definition: SurveyDefinition;
  form: EmployeeForm;
  /** The organization's thresholds, told to the respondent on the page. */
  k: number;
  kComments: number;
}

export type EmployeeInvitationLookup =
  | { state: 'unknown' }
  | { state: 'answered' }
  | { state: 'closed' }
  | ({ state: 'open' } & OpenEmployeeInvitation);

/** Back-office units that support the unit (support edges from them into it), by name. */
export async function listRatedUnits(opts: {
  db: DbOrTx;
  orgId: string;
  unitId: string;
}): Promise<RatedUnit[]> {
  return opts.db
    .select({ id: units.id, name: units.name })
    .from(supportEdges)
    .innerJoin(units, eq(units.id, supportEdges.fromUnitId))
    .where(
      and(
        eq(supportEdges.orgId, opts.orgId),
        eq(supportEdges.toUnitId, opts.unitId),
        eq(units.kind, 'back_office'),
      ),
    )
    .orderBy(asc(units.name), asc(units.id));
}

/**
 * Finds the invitation of an employee survey link by its token's SHA-256. `lock` takes a row
 * lock on the invitation (submission), so two concurrent submits of one link serialize and the
 * second finds the row gone and the token consumed. A used link is told apart from a forged
 * one only through `pulse_consumed_tokens`, which names no one.
 */
export async function findEmployeeInvitation(opts: {
  db: DbOrTx;
  token: string;
  now: Date;
  lock?: boolean;
}): Promise<EmployeeInvitationLookup> {
  if (!TOKEN_SHAPE.test(opts.token)) return { state: 'unknown' };
  const tokenHash = sha256(opts.token);
  const query = opts.db
    .select()
    .from(pulseInvitations)
    .where(eq(pulseInvitations.tokenHash, tokenHash));
  const [invitation] = await (opts.lock ? query.for('update') : query);
  if (!invitation) {
    const [consumed] = await opts.db
      .select({ waveId: pulseConsumedTokens.waveId })
      .from(pulseConsumedTokens)
      .where(eq(pulseConsumedTokens.tokenHash, tokenHash));
    return { state: consumed ? 'answered' : 'unknown' };
  }
  const [row] = await opts.db
    .select({
      wave: pulseWaves,
      definition: surveyVersions.definition,
      kind: surveys.kind,
      minGroupSize: organizations.minGroupSize,
      minCommentGroupSize: organizations.minCommentGroupSize,
    })
    .from(pulseWaves)
    .innerJoin(surveyVersions, eq(surveyVersions.id, pulseWaves.surveyVersionId))
    .innerJoin(surveys, eq(surveys.id, surveyVersions.surveyId))
    .innerJoin(organizations, eq(organizations.id, pulseWaves.orgId))
    .where(and(eq(pulseWaves.id, invitation.waveId), eq(pulseWaves.orgId, invitation.orgId)));
  if (!row) return { state: 'unknown' };
  const { wave } = row;
  const now = opts.now.getTime();
  if (
    wave.status !== 'open' ||
    now >= wave.closesAt.getTime() ||
    now >= invitation.expiresAt.getTime()
  )
    return { state: 'closed' };
  const perRatedUnit = row.kind === 'internal_service';
  const ratedUnits = perRatedUnit
    ? await listRatedUnits({ db: opts.db, orgId: invitation.orgId, unitId: invitation.unitId })
    : [];
  const k = Math.max(floorK, row.minGroupSize);
  return {
    state: 'open',
    invitationId: invitation.id,
    orgId: invitation.orgId,
    waveId: wave.id,
    period: wave.period,
    surveyVersionId: wave.surveyVersionId,
    kind: row.kind,
    unitId: invitation.unitId,
    tenureBand: invitation.tenureBand,
    sealedDraft: invitation.draft,
    definition: row.definition,
    form: buildEmployeeForm({ definition: row.definition, perRatedUnit, ratedUnits }),
    k,
    kComments: Math.max(k, row.minCommentGroupSize),
  };
}

/** The lookup as the answer-taking functions need it: open, or the error that says why not. */
export function openOrThrow(found: EmployeeInvitationLookup): OpenEmployeeInvitation {
  switch (found.state) {
    case 'unknown':
      throw new AppError('not_found', 'This survey link is unknown');
    case 'answered':
      throw new AppError('conflict', 'This survey has already been answered with this link');
    case 'closed':
      throw new AppError('gone', 'This survey has closed');
    default:
      return found;
  }
}
