import { z } from 'zod';
import { isoDateSchema, pageOf, pageQuerySchema } from './common.ts';
import { problemSchema } from './errors.ts';
import {
  casePrioritySchema,
  caseStatusSchema,
  namedRefSchema as refSchema,
} from './loop-common.ts';
import { recoveryActionSchema } from './recovery.ts';

// ---- Cases -----------------------------------------------------------------------------------

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

/** The reply as it went out (the re-survey link itself stays between us and the customer). */
export const caseReplyResultSchema = z.object({
  event: caseEventSchema,
  outboxMessageId: z.uuid(),
  resurvey: z.boolean(),
});
