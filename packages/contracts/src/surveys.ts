import { z } from 'zod';

/** Languages a survey can be written in; the respondent's is picked from ?lang= or Accept-Language. */
export const surveyLanguages = ['en', 'es'] as const;
export const surveyLanguageSchema = z.enum(surveyLanguages);
export type SurveyLanguage = z.infer<typeof surveyLanguageSchema>;

/** Text in each language; English is required so every survey has a fallback. */
export const localTextSchema = z.strictObject({
  en: z.string().trim().min(1).max(2000),
  es: z.string().trim().min(1).max(2000).optional(),
});
export type LocalText = z.infer<typeof localTextSchema>;

export const questionTypes = [
  'agreement5', // 1–5 agreement
  'nps', // 0–10 likelihood to recommend
  'csat5', // 1–5 satisfaction
  'effort7', // 1–7 effort (higher = more effort)
  'yes_no',
  'single_choice',
  'multi_choice',
  'short_text',
  'long_text',
  'thank_picker', // "who would you like to thank?" — employees of the serving unit
] as const;
export const questionTypeSchema = z.enum(questionTypes);
export type QuestionType = z.infer<typeof questionTypeSchema>;

/**
 * Construct codes from the item bank. Scores of coded items compute automatically on ingest
 * (see server/src/responses/scoring.ts for the formulas).
 */
export const customerConstructs = [
  'cv.result',
  'cv.ease',
  'cv.solved',
  'cv.price',
  'cv.effort',
  'cv.promise',
  'sat',
  'nps',
  'ret',
  'comment',
  'thanks',
] as const;
export const constructCodeSchema = z
  .string()
  .regex(/^[a-z_]+(\.[a-z_]+)*$/, 'must be dotted lower-case, e.g. cv.result');

export const showIfSchema = z.strictObject({
  questionId: z.string().min(1).max(64),
  op: z.enum(['eq', 'neq', 'lt', 'lte', 'gt', 'gte', 'in', 'answered']),
  value: z
    .union([z.number(), z.string(), z.boolean(), z.array(z.union([z.number(), z.string()]))])
    .optional(),
});
export type ShowIf = z.infer<typeof showIfSchema>;

export const choiceOptionSchema = z.strictObject({
  value: z.string().trim().min(1).max(100),
  text: localTextSchema,
});

export const questionSchema = z.strictObject({
  id: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,63}$/, 'must be lower-case letters, digits and _ (max 64)'),
  type: questionTypeSchema,
  text: localTextSchema,
  construct: constructCodeSchema.optional(),
  required: z.boolean().default(false),
  /** For agreement items worded negatively: the 0–100 score is reversed. */
  reverse: z.boolean().default(false),
  options: z.array(choiceOptionSchema).max(50).optional(),
  showIf: showIfSchema.optional(),
  maxLength: z.number().int().min(1).max(10_000).optional(),
});
export type Question = z.infer<typeof questionSchema>;

export const surveyDefinitionSchema = z.strictObject({
  languages: z.array(surveyLanguageSchema).min(1),
  title: localTextSchema,
  intro: localTextSchema.optional(),
  thankYou: localTextSchema.optional(),
  questions: z.array(questionSchema).min(1).max(100),
});
export type SurveyDefinition = z.infer<typeof surveyDefinitionSchema>;

export const surveyKinds = [
  'customer',
  'employee_pulse',
  'internal_service',
  'manager_upward',
] as const;
export const surveyKindSchema = z.enum(surveyKinds);
export type SurveyKind = z.infer<typeof surveyKindSchema>;

/** Who gets invited after an interaction, and when. */
export const distributionSchema = z.strictObject({
  /** Share of eligible interactions that get an invitation, 0–1. */
  samplingRate: z.number().min(0).max(1).default(1),
  /** No customer is invited more than once per this many days. */
  quarantineDays: z.number().int().min(0).max(3650).default(30),
  /** Days an invitation stays valid. */
  expiryDays: z.number().int().min(1).max(365).default(14),
  /** One reminder to non-responders after this many days (null: no reminder). */
  reminderAfterDays: z.number().int().min(1).max(60).nullable().default(3),
  channel: z.enum(['email', 'link']).default('email'),
  /** Limit to interactions of these channels (empty: all). */
  interactionChannels: z.array(z.string().max(50)).max(20).default([]),
});
export type Distribution = z.infer<typeof distributionSchema>;

// ---- Survey endpoints ------------------------------------------------------------------------

export const surveyTemplates = [
  'customer_value',
  'blank',
  'employee_pulse',
  'internal_service',
  'manager_upward',
] as const;

export const surveyVersionSchema = z.object({
  id: z.uuid(),
  surveyId: z.uuid(),
  version: z.number().int(),
  definition: surveyDefinitionSchema,
  publishedAt: z.string(),
});
export type SurveyVersion = z.infer<typeof surveyVersionSchema>;

export const surveySchema = z.object({
  id: z.uuid(),
  kind: surveyKindSchema,
  name: z.string(),
  status: z.enum(['draft', 'active', 'archived']),
  draft: surveyDefinitionSchema,
  distribution: distributionSchema,
  currentVersion: surveyVersionSchema.omit({ definition: true }).nullable(),
  /** Set when open-link responses are enabled: the public URL is /s/o/{openLinkKey}. */
  openLinkKey: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Survey = z.infer<typeof surveySchema>;

export const createSurveyBodySchema = z.strictObject({
  kind: surveyKindSchema.default('customer'),
  name: z.string().trim().min(1).max(200),
  template: z.enum(surveyTemplates).default('customer_value'),
  distribution: distributionSchema.partial().optional(),
});
export type CreateSurveyBody = z.infer<typeof createSurveyBodySchema>;

export const updateSurveyBodySchema = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  draft: surveyDefinitionSchema.optional(),
  distribution: distributionSchema.partial().optional(),
  status: z.enum(['active', 'archived']).optional(),
  openLink: z.boolean().optional(),
});
export type UpdateSurveyBody = z.infer<typeof updateSurveyBodySchema>;

export const surveyListSchema = z.object({ items: z.array(surveySchema) });
export const surveyVersionParamsSchema = z.strictObject({
  id: z.uuid(),
  version: z.coerce.number().int().min(1),
});
