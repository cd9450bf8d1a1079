import { z } from 'zod';
import { isoDateSchema } from './common.ts';
import { casePrioritySchema } from './loop-common.ts';

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
