import type { BusinessHours, CaseRuleCondition, CaseRuleOwner } from '@valueloop/contracts';
import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigserial,
  boolean,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { orgRef, ts } from './columns.ts';
import { invitations, responses, surveys } from './feedback.ts';
import { customers, organizations, people, units } from './org.ts';

/**
 * The closed loop: rules open cases on responses (inner loop: fix it for this customer), people
 * work them under an SLA, recover on the spot within an allowance, and units plan actions on
 * the root causes (outer loop). Money is numeric(12,2) in the organization's currency.
 */
const money = (name: string) => numeric(name, { precision: 12, scale: 2, mode: 'string' });

/** Business hours of an organization (the SLA clock counts only these). */
export const orgBusinessHours = pgTable('org_business_hours', {
  orgId: uuid('org_id')
    .primaryKey()
    .references(() => organizations.id, { onDelete: 'cascade' }),
  hours: jsonb('hours').$type<BusinessHours>().notNull(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/** Named work queues; a case owned by a queue is picked up by one of its members. */
export const caseQueues = pgTable(
  'case_queues',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgRef(),
    name: text('name').notNull(),
    memberIds: uuid('member_ids').array().notNull().default(sql`'{}'::uuid[]`),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('case_queues_org_name_uq').on(t.orgId, t.name)],
);

export const caseRules = pgTable(
  'case_rules',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgRef(),
    name: text('name').notNull(),
    active: boolean('active').notNull().default(true),
    /** Limit to responses of this survey; null: every customer survey. */
    surveyId: uuid('survey_id').references(() => surveys.id, { onDelete: 'cascade' }),
    /** All conditions must hold (AND); see contracts caseRuleConditionSchema. */
    conditions: jsonb('conditions').$type<CaseRuleCondition[]>().notNull(),
    priority: text('priority', { enum: ['low', 'normal', 'high', 'urgent'] }).notNull(),
    owner: jsonb('owner').$type<CaseRuleOwner>().notNull(),
    /** SLA in business hours from opening to resolution. */
    slaHours: integer('sla_hours').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('case_rules_org_idx').on(t.orgId, t.active)],
);

/** Editable root-cause taxonomy (two levels are enough in practice; parent optional). */
export const rootCauses = pgTable(
  'root_causes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgRef(),
    parentId: uuid('parent_id').references((): AnyPgColumn => rootCauses.id),
    name: text('name').notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('root_causes_org_name_uq').on(t.orgId, t.parentId, t.name)],
);

export const caseStatuses = [
  'new',
  'in_progress',
  'waiting_on_customer',
  'resolved',
  'closed',
] as const;

export const cases = pgTable(
  'cases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgRef(),
    /** Human-friendly number, unique per organization (CASE-1042). */
    number: bigserial('number', { mode: 'number' }).notNull(),
    responseId: uuid('response_id')
      .notNull()
      .references(() => responses.id, { onDelete: 'cascade' }),
    ruleId: uuid('rule_id').references(() => caseRules.id, { onDelete: 'set null' }),
    customerId: uuid('customer_id').references(() => customers.id, { onDelete: 'cascade' }),
    unitId: uuid('unit_id').references(() => units.id),
    /** The employee who served the customer (from the response), if known. */
    employeeId: uuid('employee_id').references(() => people.id, { onDelete: 'set null' }),
    ownerId: uuid('owner_id').references(() => people.id, { onDelete: 'set null' }),
    queueId: uuid('queue_id').references(() => caseQueues.id, { onDelete: 'set null' }),
    title: text('title').notNull(),
    priority: text('priority', { enum: ['low', 'normal', 'high', 'urgent'] }).notNull(),
    status: text('status', { enum: caseStatuses }).notNull().default('new'),
    rootCauseId: uuid('root_cause_id').references(() => rootCauses.id),
    openedAt: ts('opened_at').notNull().defaultNow(),
    dueAt: ts('due_at').notNull(),
    /** Set once by the SLA job when the due time passes unresolved. */
    breachedAt: ts('breached_at'),
    /** How many times the case went up the management chain. */
    escalationLevel: integer('escalation_level').notNull().default(0),
    atRiskNotifiedAt: ts('at_risk_notified_at'),
    firstActionAt: ts('first_action_at'),
    resolvedAt: ts('resolved_at'),
    closedAt: ts('closed_at'),
    /** Optimistic locking: every change bumps it; a stale write gets 409 with the current. */
    version: integer('version').notNull().default(1),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    // Exactly one case per (response, rule), however often the consumer runs.
    uniqueIndex('cases_response_rule_uq').on(t.responseId, t.ruleId),
    uniqueIndex('cases_org_number_uq').on(t.orgId, t.number),
    index('cases_org_status_due_idx').on(t.orgId, t.status, t.dueAt),
    index('cases_org_owner_idx').on(t.orgId, t.ownerId, t.status, t.dueAt),
    index('cases_org_unit_idx').on(t.orgId, t.unitId, t.status, t.dueAt),
    index('cases_org_opened_idx').on(t.orgId, t.openedAt, t.id),
    index('cases_due_open_idx')
      .on(t.dueAt)
      .where(sql`status IN ('new','in_progress','waiting_on_customer')`),
    index('cases_customer_idx').on(t.customerId),
    index('cases_response_idx').on(t.responseId),
  ],
);

/** The case timeline: every change, note, reply, re-survey answer and recovery step. */
export const caseEvents = pgTable(
  'case_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    orgId: orgRef(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    at: ts('at').notNull().defaultNow(),
    /** null: the system (rules, SLA job, a customer's re-survey answer). */
    actorId: uuid('actor_id').references(() => people.id, { onDelete: 'set null' }),
    kind: text('kind').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index('case_events_case_idx').on(t.caseId, t.at)],
);

/** A re-survey ("did we put it right?") sent with a reply links its invitation to the case. */
export const caseResurveys = pgTable(
  'case_resurveys',
  {
    invitationId: uuid('invitation_id')
      .primaryKey()
      .references(() => invitations.id, { onDelete: 'cascade' }),
    orgId: orgRef(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
  },
  (t) => [index('case_resurveys_case_idx').on(t.caseId)],
);

/** What a role may spend on the spot, per case and per period, in a unit (null: every unit). */
export const recoveryAllowances = pgTable(
  'recovery_allowances',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgRef(),
    role: text('role', { enum: ['employee', 'manager'] }).notNull(),
    unitId: uuid('unit_id').references(() => units.id, { onDelete: 'cascade' }),
    perCaseCap: money('per_case_cap').notNull(),
    periodBudget: money('period_budget').notNull(),
    period: text('period', { enum: ['month', 'quarter'] })
      .notNull()
      .default('month'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('recovery_allowances_uq').on(t.orgId, t.role, sql`coalesce(unit_id::text, '')`),
  ],
);

export const recoveryActions = pgTable(
  'recovery_actions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgRef(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    /** Who took (or proposed) it, and the unit whose budget it is charged to. */
    takenBy: uuid('taken_by')
      .notNull()
      .references(() => people.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    type: text('type', { enum: ['refund', 'credit', 'gift', 'upgrade', 'other'] }).notNull(),
    amount: money('amount').notNull(),
    currency: text('currency').notNull(),
    note: text('note').notNull(),
    status: text('status', {
      enum: ['taken', 'pending_approval', 'approved', 'rejected'],
    }).notNull(),
    decidedBy: uuid('decided_by').references(() => people.id),
    decidedAt: ts('decided_at'),
    decisionNote: text('decision_note'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('recovery_actions_org_unit_idx').on(t.orgId, t.unitId, t.createdAt),
    index('recovery_actions_org_taker_idx').on(t.orgId, t.takenBy, t.createdAt),
    index('recovery_actions_case_idx').on(t.caseId),
    index('recovery_actions_pending_idx')
      .on(t.orgId, t.status)
      .where(sql`status = 'pending_approval'`),
  ],
);

export const actionPlans = pgTable(
  'action_plans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgRef(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    ownerId: uuid('owner_id').references(() => people.id, { onDelete: 'set null' }),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    status: text('status', { enum: ['planned', 'in_progress', 'done', 'dropped'] })
      .notNull()
      .default('planned'),
    dueOn: date('due_on', { mode: 'string' }),
    /** Weeks after creation when the follow-up check compares the linked scores. */
    followUpWeeks: integer('follow_up_weeks').notNull().default(8),
    /** The linked measures at creation (e.g. {cvi: 71.2, evi: 64.0}), for the follow-up. */
    baseline: jsonb('baseline').$type<Record<string, number | null>>().notNull().default({}),
    followUp: jsonb('follow_up').$type<Record<string, number | null>>(),
    followUpAt: ts('follow_up_at'),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('action_plans_org_unit_idx').on(t.orgId, t.unitId, t.status)],
);

/** Links of a plan: a root cause, a customer theme or an employee-pulse obstacle (item). */
export const actionPlanLinks = pgTable(
  'action_plan_links',
  {
    orgId: orgRef(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => actionPlans.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['root_cause', 'customer_theme', 'pulse_item'] }).notNull(),
    /** Root cause id, theme keyword, or pulse construct code (e.g. climate.tools). */
    ref: text('ref').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.planId, t.kind, t.ref] }),
    index('action_plan_links_org_ref_idx').on(t.orgId, t.kind, t.ref),
  ],
);

/** In-app inbox; e-mail copies go through the outbox. */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgRef(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    kind: text('kind', {
      enum: ['case_assigned', 'sla_at_risk', 'case_escalated', 'approval_needed', 'digest'],
    }).notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    /** App path to open (e.g. /cases/…). */
    link: text('link'),
    /** De-duplication: one notification per (person, key), e.g. `sla_at_risk:<caseId>`. */
    dedupeKey: text('dedupe_key'),
    readAt: ts('read_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('notifications_person_idx').on(t.orgId, t.personId, t.createdAt),
    uniqueIndex('notifications_dedupe_uq').on(t.personId, t.dedupeKey),
  ],
);
