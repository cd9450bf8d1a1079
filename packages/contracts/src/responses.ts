import { z } from 'zod';
import { pageOf, pageQuerySchema } from './common.ts';

const externalId = z.string().trim().min(1).max(200);
const answerValueSchema = z.union([
  z.number(),
  z.boolean(),
  z.string().max(10_000),
  z.array(z.string().max(200)).max(50),
]);

/**
 * One response collected outside ValueLoop (kiosk, IVR, another tool). Answers are validated
 * against the survey version; "who would you like to thank?" answers name employees by their
 * external id. Either an interaction (which brings unit, employee and customer) or the
 * unit/employee/customer external ids may be given.
 */
export const responseInputSchema = z.strictObject({
  /** The caller's idempotency key: the same id always maps to the same response. */
  submissionId: z.string().trim().min(1).max(200),
  surveyId: z.uuid(),
  version: z.number().int().min(1),
  answers: z.record(z.string().max(64), answerValueSchema),
  language: z.enum(['en', 'es']).optional(),
  submittedAt: z.iso.datetime({ offset: true }).optional(),
  interactionExternalId: externalId.optional(),
  unitExternalId: externalId.optional(),
  employeeExternalId: externalId.optional(),
  customerExternalId: externalId.optional(),
});
export type ResponseInput = z.infer<typeof responseInputSchema>;

export const ingestResponsesBodySchema = z.strictObject({
  items: z.array(responseInputSchema).min(1).max(1000),
});

export const responseIngestResultSchema = z.object({
  submissionId: z.string(),
  id: z.uuid(),
  created: z.boolean(),
});
export type ResponseIngestResult = z.infer<typeof responseIngestResultSchema>;

export const ingestResponsesResultSchema = z.object({
  results: z.array(responseIngestResultSchema),
});

export const importResponsesQuerySchema = z.strictObject({
  surveyId: z.uuid(),
  version: z.coerce.number().int().min(1),
});

export const importResponsesResultSchema = z.object({
  created: z.number().int(),
  unchanged: z.number().int(),
});
export type ImportResponsesResult = z.infer<typeof importResponsesResultSchema>;

// ---- Reading -----------------------------------------------------------------------------

const booleanQuery = z.enum(['true', 'false']).transform((v) => v === 'true');

/** Filters shared by the responses list and its exports. */
export const responseFiltersSchema = z.strictObject({
  /** The unit and every unit below it. */
  unitId: z.uuid().optional(),
  employeeId: z.uuid().optional(),
  /** Submitted on or after this day (UTC). */
  from: z.iso.date().optional(),
  /** Submitted on or before this day (UTC). */
  to: z.iso.date().optional(),
  npsCategory: z.enum(['promoter', 'passive', 'detractor']).optional(),
  cviMin: z.coerce.number().min(0).max(100).optional(),
  cviMax: z.coerce.number().min(0).max(100).optional(),
  surveyId: z.uuid().optional(),
  version: z.coerce.number().int().min(1).optional(),
  flagged: booleanQuery.optional(),
});
export type ResponseFilters = z.infer<typeof responseFiltersSchema>;

export const responsesQuerySchema = responseFiltersSchema.extend(pageQuerySchema.shape);
export type ResponsesQuery = z.infer<typeof responsesQuerySchema>;

const refSchema = z.object({ id: z.uuid(), name: z.string() }).nullable();

export const responseSummarySchema = z.object({
  id: z.uuid(),
  surveyId: z.uuid(),
  surveyName: z.string(),
  version: z.number().int(),
  source: z.enum(['invitation', 'open_link', 'api', 'import']),
  submittedAt: z.string(),
  unit: refSchema,
  employee: refSchema,
  cvi: z.number().nullable(),
  nps: z.number().int().nullable(),
  npsCategory: z.enum(['promoter', 'passive', 'detractor']).nullable(),
  csat: z.number().nullable(),
  effort: z.number().nullable(),
  comment: z.string().nullable(),
  flaggedTooFast: z.boolean(),
});
export type ResponseSummary = z.infer<typeof responseSummarySchema>;
export const responsePageSchema = pageOf(responseSummarySchema);

export const responseDetailSchema = responseSummarySchema.extend({
  language: z.string(),
  submissionId: z.string().nullable(),
  durationMs: z.number().int().nullable(),
  retention: z.number().nullable(),
  promiseBroken: z.boolean().nullable(),
  /** Item scores (0–100) by construct code. */
  itemScores: z.record(z.string(), z.number()),
  answers: z.array(
    z.object({
      questionId: z.string(),
      type: z.string(),
      text: z.string(),
      value: answerValueSchema,
    }),
  ),
  interaction: z
    .object({
      id: z.uuid(),
      externalId: z.string(),
      channel: z.string(),
      occurredAt: z.string(),
    })
    .nullable(),
  thanked: z.array(z.object({ id: z.uuid(), name: z.string() })),
});
export type ResponseDetail = z.infer<typeof responseDetailSchema>;

export const responseExportParamsSchema = z.strictObject({
  file: z.enum(['responses.csv', 'responses.xlsx']),
});
