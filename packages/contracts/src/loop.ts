import { z } from 'zod';
import { isoDateSchema, pageOf, pageQuerySchema } from './common.ts';
import { problemSchema } from './errors.ts';

/**
 * The closed loop: case rules, cases and their timeline, recovery within an allowance, action
 * plans, notifications. Money travels as a decimal string with at most two decimals ("12.50")
 * in the organization's currency, never as a float.
 */

export const moneySchema = z
  .string()
  .regex(/^\d{1,10}(\.\d{1,2})?$/, 'must be a non-negative amount with at most two decimals');
export const currencySchema = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code like USD');

export const casePriorities = ['low', 'normal', 'high', 'urgent'] as const;
export const casePrioritySchema = z.enum(casePriorities);
export const caseStatuses = [
  'new',
  'in_progress',
  'waiting_on_customer',
  'resolved',
  'closed',
] as const;
export const caseStatusSchema = z.enum(caseStatuses);
export type CaseStatus = z.infer<typeof caseStatusSchema>;

// ---- Rules -----------------------------------------------------------------------------------

/** Response scores a rule can test, with their valid ranges (checked: impossible → 422). */
export const ruleScoreFields = {
  cvi: [0, 100],
  csat: [0, 100],
  effort: [0, 100],
  retention: [0, 100],
  nps: [0, 10],
} as const;
export const comparisonOps = ['lt', 'lte', 'gt', 'gte', 'eq'] as const;

export const caseRuleConditionSchema = z.discriminatedUnion('kind', [
  /** A response score (`field`: cvi, csat, effort, retention, nps) or an item's 0–100 score (`construct`). */
  z.strictObject({
    kind: z.literal('score'),
    field: z.string().min(1).max(64),
    op: z.enum(comparisonOps),
    value: z.number(),
  }),
  z.strictObject({
    kind: z.literal('nps_category'),
    in: z.array(z.enum(['promoter', 'passive', 'detractor'])).min(1),
  }),
  z.strictObject({ kind: z.literal('promise_broken') }),
  /** A chosen answer of a question (by question id). */
  z.strictObject({
    kind: z.literal('answer'),
    questionId: z.string().min(1).max(64),
    in: z.array(z.union([z.string().max(100), z.number(), z.boolean()])).min(1),
  }),
  /** The comment contains any of these words/phrases (case- and accent-insensitive). */
  z.strictObject({
    kind: z.literal('comment_keywords'),
    any: z.array(z.string().trim().min(2).max(100)).min(1).max(50),
  }),
  /** The customer's value segment (customers.attributes.segment). */
  z.strictObject({
    kind: z.literal('customer_segment'),
    in: z.array(z.string().min(1).max(100)).min(1),
  }),
]);
export type CaseRuleCondition = z.infer<typeof caseRuleConditionSchema>;

export const caseRuleOwnerSchema = z.discriminatedUnion('kind', [
  /** The employee who served (falls back to the unit manager when unknown). */
  z.strictObject({ kind: z.literal('serving_employee') }),
  z.strictObject({ kind: z.literal('unit_manager') }),
  z.strictObject({ kind: z.literal('queue'), queueId: z.uuid() }),
]);
export type CaseRuleOwner = z.infer<typeof caseRuleOwnerSchema>;

export const caseRuleBodySchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  active: z.boolean().default(true),
  surveyId: z.uuid().nullable().default(null),
  conditions: z.array(caseRuleConditionSchema).min(1).max(20),
  priority: casePrioritySchema.default('normal'),
  owner: caseRuleOwnerSchema,
  slaHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 90),
});
export type CaseRuleBody = z.infer<typeof caseRuleBodySchema>;
export const updateCaseRuleBodySchema = caseRuleBodySchema.partial().extend({
  version: z.number().int().min(1),
});

export const caseRuleSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  active: z.boolean(),
  surveyId: z.uuid().nullable(),
  conditions: z.array(caseRuleConditionSchema),
  priority: casePrioritySchema,
  owner: caseRuleOwnerSchema,
  slaHours: z.number().int(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type CaseRule = z.infer<typeof caseRuleSchema>;
export const caseRuleListSchema = z.object({ items: z.array(caseRuleSchema) });

/** "Test against the last 100 responses": which of them the rule would open a case for. */
export const caseRulePreviewSchema = z.object({
  tested: z.number().int(),
  matched: z.number().int(),
  samples: z.array(
    z.object({
      responseId: z.uuid(),
      submittedAt: z.string().nullable(),
      unitName: z.string().nullable(),
      cvi: z.number().nullable(),
      nps: z.number().nullable(),
      comment: z.string().nullable(),
    }),
  ),
});

export const businessHoursSchema = z.strictObject({
  /** IANA time zone, e.g. America/Los_Angeles. */
  timezone: z.string().min(1).max(64),
  /** Opening hours per ISO weekday (1 = Monday … 7 = Sunday); a missing day is closed. */
  days: z
    .array(
      z.strictObject({
        weekday: z.number().int().min(1).max(7),
        open: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM'),
        close: z.string().regex(/^([01]\d|2[0-4]):[0-5]\d$/, 'must be HH:MM'),
      }),
    )
    .max(7),
  holidays: z.array(isoDateSchema).max(366).default([]),
});
export type BusinessHours = z.infer<typeof businessHoursSchema>;

export const caseQueueSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  memberIds: z.array(z.uuid()),
});
export const caseQueueBodySchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  memberIds: z.array(z.uuid()).max(200).default([]),
});

// ---- Cases -----------------------------------------------------------------------------------

const refSchema = z.object({ id: z.uuid(), name: z.string() });

export const caseSummarySchema = z.object({
  id: z.uuid(),
  number: z.number().int(),
  title: z.string(),
  status: caseStatusSchema,
  priority: casePrioritySchema,
  unit: refSchema.nullable(),
  owner: refSchema.nullable(),
  queue: refSchema.nullable(),
  openedAt: z.string(),
  dueAt: z.string(),
  /** Business-time left until due in minutes (negative: overdue); null once resolved. */
  minutesLeft: z.number().nullable(),
  breached: z.boolean(),
  escalationLevel: z.number().int(),
  version: z.number().int(),
});
export type CaseSummary = z.infer<typeof caseSummarySchema>;

export const casesQuerySchema = pageQuerySchema.extend({
  status: z
    .union([caseStatusSchema, z.array(caseStatusSchema)])
    .optional()
    .transform((v) => (v === undefined ? undefined : Array.isArray(v) ? v : [v])),
  ownerId: z.union([z.uuid(), z.literal('me'), z.literal('none')]).optional(),
  unitId: z.uuid().optional(),
  priority: casePrioritySchema.optional(),
  breached: z.enum(['true', 'false']).optional(),
  sort: z.enum(['due', 'opened', 'priority']).default('due'),
});

export const caseEventSchema = z.object({
  id: z.number().int(),
  at: z.string(),
  actor: refSchema.nullable(),
  kind: z.string(),
  data: z.record(z.string(), z.unknown()),
});

export const recoveryTypes = ['refund', 'credit', 'gift', 'upgrade', 'other'] as const;
export const recoveryStatuses = ['taken', 'pending_approval', 'approved', 'rejected'] as const;
export const recoveryActionSchema = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  caseNumber: z.number().int(),
  takenBy: refSchema,
  unit: refSchema,
  type: z.enum(recoveryTypes),
  amount: moneySchema,
  currency: currencySchema,
  note: z.string(),
  status: z.enum(recoveryStatuses),
  decidedBy: refSchema.nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
  createdAt: z.string(),
});
export type RecoveryAction = z.infer<typeof recoveryActionSchema>;

export const caseDetailSchema = caseSummarySchema.extend({
  response: z.object({
    id: z.uuid(),
    submittedAt: z.string().nullable(),
    cvi: z.number().nullable(),
    nps: z.number().nullable(),
    csat: z.number().nullable(),
    comment: z.string().nullable(),
    promiseBroken: z.boolean().nullable(),
  }),
  customer: z
    .object({ id: z.uuid(), name: z.string().nullable(), email: z.string().nullable() })
    .nullable(),
  employee: refSchema.nullable(),
  rule: refSchema.nullable(),
  rootCause: refSchema.nullable(),
  timeline: z.array(caseEventSchema),
  recoveries: z.array(recoveryActionSchema),
});
export type CaseDetail = z.infer<typeof caseDetailSchema>;

export const updateCaseBodySchema = z.strictObject({
  /** The version the caller last saw; a stale version gets 409 with the current case. */
  version: z.number().int().min(1),
  status: caseStatusSchema.optional(),
  ownerId: z.uuid().nullable().optional(),
  queueId: z.uuid().nullable().optional(),
  priority: casePrioritySchema.optional(),
  rootCauseId: z.uuid().nullable().optional(),
});
export const bulkAssignBodySchema = z.strictObject({
  caseIds: z.array(z.uuid()).min(1).max(200),
  ownerId: z.uuid(),
});
export const caseNoteBodySchema = z.strictObject({ text: z.string().trim().min(1).max(5000) });
export const caseReplyBodySchema = z.strictObject({
  subject: z.string().trim().min(1).max(200),
  body: z.string().trim().min(1).max(10_000),
  /** Attach a one-question "did we put it right?" re-survey link. */
  resurvey: z.boolean().default(true),
});

// ---- Recovery --------------------------------------------------------------------------------

export const recoveryBodySchema = z.strictObject({
  type: z.enum(recoveryTypes),
  amount: moneySchema,
  /** Must equal the organization's currency. */
  currency: currencySchema,
  note: z.string().trim().min(1).max(2000),
});
export const recoveryDecisionBodySchema = z.strictObject({
  approve: z.boolean(),
  note: z.string().trim().max(2000).optional(),
});
export const recoveryAllowanceSchema = z.object({
  id: z.uuid(),
  role: z.enum(['employee', 'manager']),
  unitId: z.uuid().nullable(),
  perCaseCap: moneySchema,
  periodBudget: moneySchema,
  period: z.enum(['month', 'quarter']),
});
export const recoveryAllowanceBodySchema = z.strictObject({
  role: z.enum(['employee', 'manager']),
  unitId: z.uuid().nullable().default(null),
  perCaseCap: moneySchema,
  periodBudget: moneySchema,
  period: z.enum(['month', 'quarter']).default('month'),
});

// ---- Action plans ----------------------------------------------------------------------------

export const actionPlanStatuses = ['planned', 'in_progress', 'done', 'dropped'] as const;
export const actionPlanLinkSchema = z.strictObject({
  kind: z.enum(['root_cause', 'customer_theme', 'pulse_item']),
  ref: z.string().trim().min(1).max(200),
});
export const actionPlanBodySchema = z.strictObject({
  unitId: z.uuid(),
  ownerId: z.uuid().nullable().default(null),
  title: z.string().trim().min(1).max(200),
  description: z.string().trim().max(5000).default(''),
  dueOn: isoDateSchema.nullable().default(null),
  followUpWeeks: z.number().int().min(1).max(52).default(8),
  links: z.array(actionPlanLinkSchema).max(20).default([]),
});
export const updateActionPlanBodySchema = actionPlanBodySchema
  .omit({ unitId: true })
  .partial()
  .extend({
    version: z.number().int().min(1),
    status: z.enum(actionPlanStatuses).optional(),
  });

// ---- Notifications ---------------------------------------------------------------------------

export const notificationKinds = [
  'case_assigned',
  'sla_at_risk',
  'case_escalated',
  'approval_needed',
  'digest',
] as const;
export const notificationSchema = z.object({
  id: z.uuid(),
  kind: z.enum(notificationKinds),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  readAt: z.string().nullable(),
  createdAt: z.string(),
});
export const notificationListSchema = z.object({
  unread: z.number().int(),
  items: z.array(notificationSchema),
});

// ---- Case work (helper "cases") --------------------------------------------------------------

export const casePageSchema = pageOf(caseSummarySchema);

/** 409 on a stale `version`: the problem details plus the case as it is now. */
export const caseConflictSchema = problemSchema.extend({ current: caseDetailSchema });

export const bulkAssignResultSchema = z.object({ assigned: z.number().int() });

export const rootCauseSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  parentId: z.uuid().nullable(),
  active: z.boolean(),
});
export type RootCause = z.infer<typeof rootCauseSchema>;
export const rootCauseListSchema = z.object({ items: z.array(rootCauseSchema) });
export const rootCauseBodySchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  parentId: z.uuid().nullable().default(null),
});
export const updateRootCauseBodySchema = z.strictObject({
  name: z.string().trim().min(1).max(100).optional(),
  parentId: z.uuid().nullable().optional(),
  active: z.boolean().optional(),
});

export const rootCauseParetoQuerySchema = z.strictObject({
  /** Resolved on or after this date (inclusive), and before `to` (inclusive), UTC. */
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
  unitId: z.uuid().optional(),
});
export const rootCauseParetoSchema = z.object({
  total: z.number().int(),
  items: z.array(
    z.object({
      rootCause: refSchema,
      count: z.number().int(),
      /** Share of all counted cases up to and including this row (0–1). */
      cumulativeShare: z.number(),
    }),
  ),
});

// ---- Action plans and notifications (helper "plans+notifications") ---------------------------

export type ActionPlanBody = z.infer<typeof actionPlanBodySchema>;
export type UpdateActionPlanBody = z.infer<typeof updateActionPlanBodySchema>;
export type ActionPlanStatus = (typeof actionPlanStatuses)[number];
export type ActionPlanLink = z.infer<typeof actionPlanLinkSchema>;

export const actionPlansQuerySchema = pageQuerySchema.extend({
  /** Plans of this unit and the units below it. */
  unitId: z.uuid().optional(),
  status: z.enum(actionPlanStatuses).optional(),
});

export const actionPlanSummarySchema = z.object({
  id: z.uuid(),
  unit: refSchema,
  owner: refSchema.nullable(),
  title: z.string(),
  status: z.enum(actionPlanStatuses),
  dueOn: isoDateSchema.nullable(),
  followUpWeeks: z.number().int(),
  /** When the follow-up check runs (creation + followUpWeeks). */
  followUpDueAt: z.string(),
  /** When it ran; null until then. */
  followUpAt: z.string().nullable(),
  linkCount: z.number().int(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ActionPlanSummary = z.infer<typeof actionPlanSummarySchema>;
export const actionPlanPageSchema = pageOf(actionPlanSummarySchema);

export const measureKinds = ['cvi', 'nps', 'pulse_item', 'root_cause', 'customer_theme'] as const;
/**
 * One linked measure at creation (baseline) and at the follow-up. `direction` compares them
 * with a dead band (see server/src/action-plans/measure-movement.ts); null while either is null.
 */
export const planMeasureSchema = z.object({
  key: z.string(),
  kind: z.enum(measureKinds),
  label: z.string(),
  /** What is counted: a mean 0–100 score, NPS (−100…100), or occurrences per 30 days. */
  unit: z.enum(['score', 'nps', 'per_30_days']),
  higherIsBetter: z.boolean(),
  baseline: z.number().nullable(),
  followUp: z.number().nullable(),
  delta: z.number().nullable(),
  direction: z.enum(['better', 'worse', 'unchanged']).nullable(),
});
export type PlanMeasure = z.infer<typeof planMeasureSchema>;

export const actionPlanDetailSchema = actionPlanSummarySchema.extend({
  description: z.string(),
  links: z.array(actionPlanLinkSchema.extend({ label: z.string() })),
  measures: z.array(planMeasureSchema),
});
export type ActionPlanDetail = z.infer<typeof actionPlanDetailSchema>;
/** 409 on a stale `version`: the problem details plus the plan as it is now. */
export const actionPlanConflictSchema = problemSchema.extend({ current: actionPlanDetailSchema });

export const actionPlanSuggestionsQuerySchema = z.strictObject({ unitId: z.uuid() });
/** Candidate links for a unit's plan, from both directions of the chain. */
export const actionPlanSuggestionsSchema = z.object({
  unit: refSchema,
  windowDays: z.number().int(),
  /** The lowest items of the unit's latest released (shown) pulse cell. */
  pulseItems: z.array(
    z.object({
      link: actionPlanLinkSchema,
      label: z.string(),
      mean: z.number(),
      period: z.string(),
    }),
  ),
  /** Root causes of the unit's cases opened in the window, most frequent first. */
  rootCauses: z.array(
    z.object({ link: actionPlanLinkSchema, label: z.string(), count: z.number() }),
  ),
  /** Words most often used in detractors' comments in the window (responses mentioning them). */
  commentThemes: z.array(
    z.object({ link: actionPlanLinkSchema, label: z.string(), count: z.number() }),
  ),
});
export type ActionPlanSuggestions = z.infer<typeof actionPlanSuggestionsSchema>;

export const notificationsQuerySchema = pageQuerySchema.extend({
  unread: z.enum(['true', 'false']).optional(),
});
export type Notification = z.infer<typeof notificationSchema>;
/** The inbox page: `unread` counts all of the caller's unread notifications, not just this page. */
export const notificationPageSchema = notificationListSchema.extend({
  nextCursor: z.string().nullable(),
});
export const readAllNotificationsResultSchema = z.object({ marked: z.number().int() });

// ---- Recovery ledger, ROI and the reply to the customer (helper "recovery") ------------------

export const recoveryAllowanceListSchema = z.object({ items: z.array(recoveryAllowanceSchema) });

/** The caller's own allowance as resolved now, and what they spent of it this period. */
export const myRecoveryAllowanceSchema = z.object({
  role: z.enum(['employee', 'manager']),
  /** The unit whose budget the caller's recoveries are charged to. */
  unitId: z.uuid().nullable(),
  /** Which row applied: the unit's own, an ancestor unit's, the organization-wide one, or none. */
  source: z.enum(['unit', 'ancestor', 'organization', 'none']),
  perCaseCap: moneySchema,
  periodBudget: moneySchema,
  period: z.enum(['month', 'quarter']),
  periodStart: isoDateSchema,
  spent: moneySchema,
  remaining: moneySchema,
  currency: currencySchema,
});

/** A recovery just recorded: taken on the spot, or pending approval with the reason why. */
export const recordedRecoverySchema = recoveryActionSchema.extend({
  approvalReason: z.string().nullable(),
});

export const recoveriesQuerySchema = z.strictObject({
  status: z.enum(recoveryStatuses).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export const recoveryListSchema = z.object({ items: z.array(recoveryActionSchema) });

export const recoveryLedgerQuerySchema = z.strictObject({
  unitId: z.uuid().optional(),
  personId: z.uuid().optional(),
  /** Inclusive UTC dates; default: the current month up to today. */
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
});
const moneyTotalSchema = z.object({ count: z.number().int(), amount: moneySchema });
export const recoveryLedgerSchema = z.object({
  currency: currencySchema,
  from: isoDateSchema,
  to: isoDateSchema,
  /** The most recent 500 rows; totals cover every row in range. */
  items: z.array(recoveryActionSchema),
  totals: moneyTotalSchema.extend({
    /** Spent: taken on the spot or approved (pending and rejected cost nothing). */
    spent: moneySchema,
    byType: z.array(moneyTotalSchema.extend({ type: z.enum(recoveryTypes) })),
    byStatus: z.array(moneyTotalSchema.extend({ status: z.enum(recoveryStatuses) })),
  }),
  /** Spent vs budget in the current period, per person in the ledger. */
  budgets: z.array(
    z.object({
      person: refSchema,
      unitId: z.uuid().nullable(),
      period: z.enum(['month', 'quarter']),
      periodStart: isoDateSchema,
      spent: moneySchema,
      budget: moneySchema,
    }),
  ),
});

export const recoveryRoiQuerySchema = z.strictObject({
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
  unitId: z.uuid().optional(),
  /** Assumed value of one retained customer; default: see `valueBasis`. */
  valuePerCustomer: moneySchema.optional(),
});
const roiRowSchema = z.object({
  actions: z.number().int(),
  /** Distinct recovered cases and their customers. */
  cases: z.number().int(),
  customers: z.number().int(),
  cost: moneySchema,
  /** Mean 0–100 re-survey score of these cases, and how many answers it is built from. */
  resurveyScore: z.number().nullable(),
  resurveyAnswers: z.number().int(),
  retainedCustomers: z.number().int(),
  retentionRate: z.number().nullable(),
  /** Retained customers beyond what the unrecovered baseline rate predicts (≥ 0). */
  incrementalRetained: z.number(),
  retainedValue: moneySchema.nullable(),
  /** (retained value − cost) / cost; null without a value basis or with zero cost. */
  roi: z.number().nullable(),
});
export const recoveryRoiSchema = z.object({
  currency: currencySchema,
  from: isoDateSchema,
  to: isoDateSchema,
  windowDays: z.number().int(),
  valueBasis: z.object({
    source: z.enum(['query', 'customer_attribute', 'none']),
    valuePerCustomer: moneySchema.nullable(),
    description: z.string(),
  }),
  baseline: z.object({
    /** Detractor cases in range with no recovery: how many of their customers came back. */
    cases: z.number().int(),
    retainedCustomers: z.number().int(),
    retentionRate: z.number().nullable(),
  }),
  total: roiRowSchema,
  byType: z.array(roiRowSchema.extend({ type: z.enum(recoveryTypes) })),
  byUnit: z.array(roiRowSchema.extend({ unit: refSchema })),
});
export type RecoveryRoi = z.infer<typeof recoveryRoiSchema>;

/** The reply as it went out (the re-survey link itself stays between us and the customer). */
export const caseReplyResultSchema = z.object({
  event: caseEventSchema,
  outboxMessageId: z.uuid(),
  resurvey: z.boolean(),
});
