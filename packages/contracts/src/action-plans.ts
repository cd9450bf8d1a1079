import { z } from 'zod';
import { isoDateSchema, pageOf, pageQuerySchema } from './common.ts';
import { problemSchema } from './errors.ts';
import { namedRefSchema as refSchema } from './loop-common.ts';

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
