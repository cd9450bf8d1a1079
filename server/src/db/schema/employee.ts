import {
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { orgRef, ts } from './columns.ts';
import { surveys, surveyVersions } from './feedback.ts';
import { people, units } from './org.ts';

/**
 * Employee voice. The anonymity design (see server/src/pulses/ANONYMITY.md):
 * - `pulse_invitations` is the only table that names a person; a row is DELETED in the same
 *   transaction that stores the response, and every remaining row is deleted when the wave
 *   closes. The consumed token's hash moves to `pulse_consumed_tokens`, which names no one.
 * - `employee_responses` has no person, invitation, token, sequence or timestamp column: only
 *   unit, period, tenure band and the day (never the time) of submission.
 * - Results leave only through the confidentiality engine, as released cells
 *   (`employee_results`), computed once per closed wave.
 */

/** A recurring employee survey (pulse, internal service or manager upward) over a population. */
export const pulsePrograms = pgTable(
  'pulse_programs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgRef(),
    surveyId: uuid('survey_id')
      .notNull()
      .references(() => surveys.id),
    name: text('name').notNull(),
    cadence: text('cadence', { enum: ['monthly', 'quarterly'] }).notNull(),
    /** Root of the invited subtree; null: the whole organization. */
    populationUnitId: uuid('population_unit_id').references(() => units.id),
    /** Days each wave stays open. */
    openDays: integer('open_days').notNull().default(14),
    /** One reminder to people who have not answered, this many days after opening. */
    reminderAfterDays: integer('reminder_after_days'),
    status: text('status', { enum: ['active', 'paused'] })
      .notNull()
      .default('active'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('pulse_programs_org_idx').on(t.orgId, t.createdAt)],
);

/** One run of a program for one period (`YYYY-MM`: the month, or a quarter's first month). */
export const pulseWaves = pgTable(
  'pulse_waves',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgRef(),
    programId: uuid('program_id')
      .notNull()
      .references(() => pulsePrograms.id, { onDelete: 'cascade' }),
    surveyVersionId: uuid('survey_version_id')
      .notNull()
      .references(() => surveyVersions.id),
    period: text('period').notNull(),
    opensAt: ts('opens_at').notNull(),
    closesAt: ts('closes_at').notNull(),
    /** open → closed (no more answers; person links deleted) → released (results computed). */
    status: text('status', { enum: ['open', 'closed', 'released'] })
      .notNull()
      .default('open'),
    /** The k and k_c the results were released with. */
    releasedK: integer('released_k'),
    releasedKComments: integer('released_k_comments'),
    releasedAt: ts('released_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('pulse_waves_program_period_uq').on(t.orgId, t.programId, t.period),
    index('pulse_waves_org_status_idx').on(t.orgId, t.status, t.closesAt),
  ],
);

/** Invited and responded counts per unit of the invitees: participation, never who. */
export const pulseParticipation = pgTable(
  'pulse_participation',
  {
    orgId: orgRef(),
    waveId: uuid('wave_id')
      .notNull()
      .references(() => pulseWaves.id, { onDelete: 'cascade' }),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    invited: integer('invited').notNull().default(0),
    responded: integer('responded').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.waveId, t.unitId] }),
    index('pulse_participation_org_idx').on(t.orgId),
  ],
);

/**
 * The only link between a person and a wave, kept while the wave is open so reminders reach
 * the people who have not answered. Deleted on submission and at close.
 */
export const pulseInvitations = pgTable(
  'pulse_invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgRef(),
    waveId: uuid('wave_id')
      .notNull()
      .references(() => pulseWaves.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    /** Copied onto the response: the invitee's unit and tenure band when invited. */
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    tenureBand: text('tenure_band', { enum: ['<3m', '3-12m', '1-3y', '3y+'] }).notNull(),
    /** SHA-256 of the ≥128-bit token. */
    tokenHash: text('token_hash').notNull().unique(),
    /** Draft answers for resuming; deleted with the row. */
    draft: jsonb('draft').$type<Record<string, unknown>>(),
    expiresAt: ts('expires_at').notNull(),
    sentAt: ts('sent_at'),
    remindedAt: ts('reminded_at'),
  },
  (t) => [
    uniqueIndex('pulse_invitations_wave_person_uq').on(t.orgId, t.waveId, t.personId),
    index('pulse_invitations_person_idx').on(t.personId),
  ],
);

/** Hashes of used tokens (no person): a reused link gets "already answered", not "unknown". */
export const pulseConsumedTokens = pgTable(
  'pulse_consumed_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    orgId: orgRef(),
    waveId: uuid('wave_id')
      .notNull()
      .references(() => pulseWaves.id, { onDelete: 'cascade' }),
  },
  (t) => [index('pulse_consumed_tokens_wave_idx').on(t.waveId)],
);

/**
 * Anonymous employee responses. No language column either: in a unit where one person answers
 * in Spanish, the language alone would say whose answers these are. For internal service surveys one submission yields one row per
 * rated back-office unit (`subjectUnitId`). `scores` holds 0–100 item scores by construct code
 * and the index scores (evi, climate, …; see server/src/pulses/indices.ts).
 */
export const employeeResponses = pgTable(
  'employee_responses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgRef(),
    waveId: uuid('wave_id')
      .notNull()
      .references(() => pulseWaves.id, { onDelete: 'cascade' }),
    surveyVersionId: uuid('survey_version_id')
      .notNull()
      .references(() => surveyVersions.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    /** The back-office unit rated (internal service surveys); null otherwise. */
    subjectUnitId: uuid('subject_unit_id').references(() => units.id),
    period: text('period').notNull(),
    tenureBand: text('tenure_band', { enum: ['<3m', '3-12m', '1-3y', '3y+'] }).notNull(),
    /** The day only: no time of day is ever stored. */
    submittedOn: date('submitted_on', { mode: 'string' }).notNull(),
    scores: jsonb('scores').$type<Record<string, number>>().notNull(),
    comment: text('comment'),
  },
  (t) => [
    index('employee_responses_wave_idx').on(t.orgId, t.waveId, t.unitId),
    index('employee_responses_unit_idx').on(t.unitId),
    index('employee_responses_subject_idx').on(t.subjectUnitId),
  ],
);

/**
 * Released results: one row per cell of a closed wave's canonical family (every unit, alone and
 * with its subtree, × tenure filter). Written once by the release job; dashboards read only this.
 * A suppressed cell has null n/means/comments.
 */
export const employeeResults = pgTable(
  'employee_results',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgRef(),
    waveId: uuid('wave_id')
      .notNull()
      .references(() => pulseWaves.id, { onDelete: 'cascade' }),
    surveyId: uuid('survey_id')
      .notNull()
      .references(() => surveys.id),
    period: text('period').notNull(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    scope: text('scope', { enum: ['unit', 'subtree'] }).notNull(),
    tenure: text('tenure', {
      enum: ['all', 'newcomers', '<3m', '3-12m', '1-3y', '3y+'],
    }).notNull(),
    status: text('status', { enum: ['shown', 'suppressed'] }).notNull(),
    n: integer('n'),
    means: jsonb('means').$type<Record<string, number | null>>(),
    /** Shuffled comment texts when shown to groups of at least k_c; null otherwise. */
    comments: jsonb('comments').$type<string[]>(),
  },
  (t) => [
    uniqueIndex('employee_results_cell_uq').on(t.orgId, t.waveId, t.unitId, t.scope, t.tenure),
    index('employee_results_survey_period_idx').on(
      t.orgId,
      t.surveyId,
      t.period,
      t.scope,
      t.tenure,
    ),
    index('employee_results_unit_idx').on(t.unitId),
    index('employee_results_survey_idx').on(t.surveyId),
  ],
);
