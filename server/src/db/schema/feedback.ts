import type { Distribution, SurveyDefinition } from '@valueloop/contracts';
import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  smallint,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { orgRef, ts } from './columns.ts';
import { customers, people, units } from './org.ts';

export const surveys = pgTable(
  'surveys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgRef(),
    kind: text('kind', {
      enum: ['customer', 'employee_pulse', 'internal_service', 'manager_upward'],
    }).notNull(),
    name: text('name').notNull(),
    status: text('status', { enum: ['draft', 'active', 'archived'] })
      .notNull()
      .default('draft'),
    /** The editable draft; publishing copies it into a new immutable version. */
    draft: jsonb('draft').$type<SurveyDefinition>().notNull(),
    distribution: jsonb('distribution').$type<Distribution>().notNull(),
    currentVersionId: uuid('current_version_id'),
    /** Open-link surveys accept responses without an invitation (rate limited). */
    openLinkKey: text('open_link_key').unique(),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('surveys_org_idx').on(t.orgId, t.createdAt)],
);

/** Immutable published definitions; every response keeps the version it answered. */
export const surveyVersions = pgTable(
  'survey_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgRef(),
    surveyId: uuid('survey_id')
      .notNull()
      .references(() => surveys.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    definition: jsonb('definition').$type<SurveyDefinition>().notNull(),
    publishedAt: ts('published_at').notNull().defaultNow(),
    publishedBy: uuid('published_by'),
  },
  (t) => [uniqueIndex('survey_versions_survey_version_uq').on(t.orgId, t.surveyId, t.version)],
);

export const interactions = pgTable(
  'interactions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgRef(),
    externalId: text('external_id').notNull(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    employeeIds: uuid('employee_ids').array().notNull().default(sql`'{}'::uuid[]`),
    channel: text('channel').notNull(),
    occurredAt: ts('occurred_at').notNull(),
    promisedAt: ts('promised_at'),
    completedAt: ts('completed_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('interactions_org_external_uq').on(t.orgId, t.externalId),
    index('interactions_org_unit_time_idx').on(t.orgId, t.unitId, t.occurredAt),
    index('interactions_org_customer_time_idx').on(t.orgId, t.customerId, t.occurredAt),
    // Foreign-key indexes: deleting a customer (erasure) or an organization cascades through these.
    index('interactions_customer_idx').on(t.customerId),
  ],
);

export const invitations = pgTable(
  'invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgRef(),
    surveyId: uuid('survey_id')
      .notNull()
      .references(() => surveys.id, { onDelete: 'cascade' }),
    surveyVersionId: uuid('survey_version_id')
      .notNull()
      .references(() => surveyVersions.id),
    interactionId: uuid('interaction_id').references(() => interactions.id, {
      onDelete: 'cascade',
    }),
    customerId: uuid('customer_id').references(() => customers.id, { onDelete: 'cascade' }),
    /** SHA-256 of the ≥128-bit token; the unique constraint makes a token single-owner. */
    tokenHash: text('token_hash').notNull().unique(),
    channel: text('channel', { enum: ['email', 'link'] }).notNull(),
    expiresAt: ts('expires_at').notNull(),
    sentAt: ts('sent_at'),
    remindedAt: ts('reminded_at'),
    openedAt: ts('opened_at'),
    completedAt: ts('completed_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('invitations_org_customer_idx').on(t.orgId, t.customerId, t.createdAt),
    index('invitations_org_survey_idx').on(t.orgId, t.surveyId, t.createdAt),
    index('invitations_customer_idx').on(t.customerId),
    index('invitations_interaction_idx').on(t.interactionId),
  ],
);

/** An opt-out is honoured forever for that customer. */
export const customerOptOuts = pgTable(
  'customer_opt_outs',
  {
    orgId: orgRef(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    at: ts('at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.customerId] })],
);

/**
 * Customer responses. Scores are computed on ingest and stored as columns so rollups never
 * re-read the answers JSON. 0–100 scales unless noted.
 */
export const responses = pgTable(
  'responses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgRef(),
    surveyId: uuid('survey_id')
      .notNull()
      .references(() => surveys.id),
    surveyVersionId: uuid('survey_version_id')
      .notNull()
      .references(() => surveyVersions.id),
    invitationId: uuid('invitation_id')
      .unique()
      .references(() => invitations.id),
    /** Client-supplied idempotency key: the same id always maps to the same response. */
    submissionId: text('submission_id'),
    interactionId: uuid('interaction_id').references(() => interactions.id),
    customerId: uuid('customer_id').references(() => customers.id),
    unitId: uuid('unit_id').references(() => units.id),
    employeeId: uuid('employee_id').references(() => people.id, { onDelete: 'set null' }),
    source: text('source', { enum: ['invitation', 'open_link', 'api', 'import'] }).notNull(),
    status: text('status', { enum: ['partial', 'complete'] }).notNull(),
    language: text('language').notNull().default('en'),
    answers: jsonb('answers').$type<Record<string, unknown>>().notNull(),
    startedAt: ts('started_at').notNull().defaultNow(),
    submittedAt: ts('submitted_at'),
    durationMs: integer('duration_ms'),
    flaggedTooFast: boolean('flagged_too_fast').notNull().default(false),
    cvi: real('cvi'),
    nps: smallint('nps'),
    npsCategory: text('nps_category', { enum: ['promoter', 'passive', 'detractor'] }),
    csat: real('csat'),
    effort: real('effort'),
    retention: real('retention'),
    promiseBroken: boolean('promise_broken'),
    comment: text('comment'),
    thankedPersonIds: uuid('thanked_person_ids').array().notNull().default(sql`'{}'::uuid[]`),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('responses_org_submission_uq').on(t.orgId, t.submissionId),
    index('responses_org_submitted_idx').on(t.orgId, t.submittedAt, t.id),
    index('responses_org_unit_submitted_idx').on(t.orgId, t.unitId, t.submittedAt),
    index('responses_org_employee_idx').on(t.orgId, t.employeeId, t.submittedAt),
    index('responses_customer_idx').on(t.customerId),
    index('responses_interaction_idx').on(t.interactionId),
  ],
);

/** Item-level 0–100 scores by construct code, for key drivers and item breakdowns. */
export const responseScores = pgTable(
  'response_scores',
  {
    orgId: orgRef(),
    responseId: uuid('response_id')
      .notNull()
      .references(() => responses.id, { onDelete: 'cascade' }),
    construct: text('construct').notNull(),
    score: real('score').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.responseId, t.construct] }),
    index('response_scores_org_construct_idx').on(t.orgId, t.construct),
  ],
);

export const webhookSubscriptions = pgTable(
  'webhook_subscriptions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgRef(),
    url: text('url').notNull(),
    /** `whsec_`-prefixed base64 secret (Standard Webhooks). */
    secret: text('secret').notNull(),
    eventTypes: text('event_types').array().notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('webhook_subscriptions_org_idx').on(t.orgId)],
);

export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    orgId: orgRef(),
    subscriptionId: uuid('subscription_id')
      .notNull()
      .references(() => webhookSubscriptions.id, { onDelete: 'cascade' }),
    /** The `webhook-id` header: stable across retries so receivers can de-duplicate. */
    messageId: text('message_id').notNull(),
    eventType: text('event_type').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    status: text('status', { enum: ['pending', 'delivered', 'failed', 'stopped'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastStatusCode: integer('last_status_code'),
    lastError: text('last_error'),
    nextAttemptAt: ts('next_attempt_at'),
    deliveredAt: ts('delivered_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('webhook_deliveries_org_sub_idx').on(t.orgId, t.subscriptionId, t.createdAt)],
);
