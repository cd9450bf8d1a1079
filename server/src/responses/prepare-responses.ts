import type { FieldError, SurveyDefinition } from '@valueloop/contracts';
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import {
  customers,
  interactions,
  people,
  surveys,
  surveyVersions,
  units,
} from '../db/schema/index.ts';
import { AppError } from '../http/errors.ts';
import { type Answers, validateAnswers } from './answers.ts';
import type { BatchResponse, ResponseContext } from './store-response.ts';

/** A response as the API or a CSV row gives it, before references are resolved. */
export interface ResponseDraft {
  submissionId: string;
  surveyId: string;
  version: number;
  answers: Record<string, unknown>;
  language?: string;
  submittedAt?: Date;
  interactionExternalId?: string;
  unitExternalId?: string;
  employeeExternalId?: string;
  customerExternalId?: string;
}

/** Turns a problem with draft `index` (field as in ResponseDraft, e.g. `answers.nps`) into an error. */
export type Locate = (index: number, field: string, message: string) => FieldError;

interface VersionRef {
  id: string;
  definition: SurveyDefinition;
}

const versionKey = (surveyId: string, version: number) => `${surveyId}#${version}`;
const distinct = (xs: Array<string | undefined>) => [
  ...new Set(xs.filter((x): x is string => Boolean(x))),
];

/** Loads every survey version the drafts name; an unknown survey or version answers 404. */
async function loadVersions(db: Db, orgId: string, drafts: ResponseDraft[], locate: Locate) {
  const surveyIds = distinct(drafts.map((d) => d.surveyId));
  const rows = await db
    .select({
      surveyId: surveyVersions.surveyId,
      version: surveyVersions.version,
      id: surveyVersions.id,
      definition: surveyVersions.definition,
    })
    .from(surveyVersions)
    .innerJoin(surveys, eq(surveys.id, surveyVersions.surveyId))
    .where(and(eq(surveys.orgId, orgId), inArray(surveyVersions.surveyId, surveyIds)));
  const versions = new Map<string, VersionRef>(
    rows.map((r) => [versionKey(r.surveyId, r.version), r]),
  );
  const knownSurveys = new Set(rows.map((r) => r.surveyId));
  const errors: FieldError[] = [];
  drafts.forEach((d, i) => {
    if (!knownSurveys.has(d.surveyId)) {
      errors.push(locate(i, 'surveyId', `no survey with id ${d.surveyId}`));
    } else if (!versions.has(versionKey(d.surveyId, d.version))) {
      errors.push(locate(i, 'version', `survey ${d.surveyId} has no version ${d.version}`));
    }
  });
  if (errors.length) {
    throw new AppError('not_found', errors[0]!.message, { errors: errors.slice(0, 100) });
  }
  return versions;
}

async function loadReferences(db: Db, orgId: string, drafts: ResponseDraft[], thanks: string[]) {
  const interactionExt = distinct(drafts.map((d) => d.interactionExternalId));
  const unitExt = distinct(drafts.map((d) => d.unitExternalId));
  const personExt = distinct([...drafts.map((d) => d.employeeExternalId), ...thanks]);
  const customerExt = distinct(drafts.map((d) => d.customerExternalId));
  const [interactionRows, unitRows, personRows, customerRows] = await Promise.all([
    interactionExt.length
      ? db
          .select()
          .from(interactions)
          .where(
            and(eq(interactions.orgId, orgId), inArray(interactions.externalId, interactionExt)),
          )
      : [],
    unitExt.length
      ? db
          .select({ id: units.id, externalId: units.externalId })
          .from(units)
          .where(and(eq(units.orgId, orgId), inArray(units.externalId, unitExt)))
      : [],
    personExt.length
      ? db
          .select({ id: people.id, externalId: people.externalId })
          .from(people)
          .where(and(eq(people.orgId, orgId), inArray(people.externalId, personExt)))
      : [],
    customerExt.length
      ? db
          .select({ id: customers.id, externalId: customers.externalId })
          .from(customers)
          .where(and(eq(customers.orgId, orgId), inArray(customers.externalId, customerExt)))
      : [],
  ]);
  return {
    interactions: new Map(interactionRows.map((r) => [r.externalId, r])),
    units: new Map(unitRows.map((r) => [r.externalId, r.id])),
    people: new Map(personRows.map((r) => [r.externalId, r.id])),
    customers: new Map(customerRows.map((r) => [r.externalId, r.id])),
  };
}

function thankQuestions(definition: SurveyDefinition) {
  return definition.questions.filter((q) => q.type === 'thank_picker').map((q) => q.id);
}

/**
 * Validates drafts against their survey versions and resolves external ids to rows of the
 * organization. Returns every problem (located by `locate`) or the responses ready for
 * `insertResponsesBatch`. Thank-picker answers name employees by external id and are stored as
 * person ids, as the survey page stores them.
 */
export async function prepareResponses(opts: {
  db: Db;
  orgId: string;
  source: 'api' | 'import';
  drafts: ResponseDraft[];
  locate: Locate;
}): Promise<{ items: BatchResponse[]; errors: FieldError[] }> {
  const { db, orgId, drafts, locate } = opts;
  const versions = await loadVersions(db, orgId, drafts, locate);
  const versionOf = (d: ResponseDraft) => versions.get(versionKey(d.surveyId, d.version))!;
  const thanked = drafts.flatMap((d) =>
    thankQuestions(versionOf(d).definition).flatMap((q) => {
      const v = d.answers[q];
      return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
    }),
  );
  const refs = await loadReferences(db, orgId, drafts, thanked);
  const errors: FieldError[] = [];
  const items: BatchResponse[] = [];
  const seen = new Map<string, number>();
  drafts.forEach((d, i) => {
    const problem = (field: string, message: string) => errors.push(locate(i, field, message));
    const first = seen.get(d.submissionId);
    if (first !== undefined) problem('submissionId', `repeats the submission id of item ${first}`);
    else seen.set(d.submissionId, i);
    const version = versionOf(d);
    const answerErrors = validateAnswers(version.definition, d.answers, { partial: false });
    for (const e of answerErrors) problem(e.field!, e.message);
    const answers = { ...d.answers } as Answers;
    for (const q of thankQuestions(version.definition)) {
      const value = answers[q];
      if (!Array.isArray(value) || answerErrors.some((e) => e.field === `answers.${q}`)) continue;
      const ids = value.map((ext) => refs.people.get(ext));
      value.forEach((ext, k) => {
        if (!ids[k]) problem(`answers.${q}`, `no person with external id '${ext}'`);
      });
      answers[q] = ids.filter((id): id is string => Boolean(id));
    }
    const interaction = d.interactionExternalId
      ? refs.interactions.get(d.interactionExternalId)
      : undefined;
    if (d.interactionExternalId && !interaction) {
      problem(
        'interactionExternalId',
        `no interaction with external id '${d.interactionExternalId}'`,
      );
    }
    const ref = (field: keyof typeof refFields, map: Map<string, string>) => {
      const ext = d[field];
      if (!ext) return null;
      if (d.interactionExternalId) {
        problem(field, 'must not be given with interactionExternalId (the interaction names it)');
        return null;
      }
      const id = map.get(ext);
      if (!id) problem(field, `no ${refFields[field]} with external id '${ext}'`);
      return id ?? null;
    };
    const unitId = ref('unitExternalId', refs.units);
    const employeeId = ref('employeeExternalId', refs.people);
    const customerId = ref('customerExternalId', refs.customers);
    const ctx: ResponseContext & { submissionId: string } = {
      orgId,
      surveyId: d.surveyId,
      surveyVersionId: version.id,
      definition: version.definition,
      source: opts.source,
      submissionId: d.submissionId,
      interactionId: interaction?.id ?? null,
      unitId: interaction?.unitId ?? unitId,
      employeeId: interaction?.employeeIds[0] ?? employeeId,
      customerId: interaction?.customerId ?? customerId,
      language: d.language ?? 'en',
      interaction: interaction ?? null,
    };
    items.push({ ctx, answers, submittedAt: d.submittedAt ?? new Date() });
  });
  return { items, errors };
}

const refFields = {
  unitExternalId: 'unit',
  employeeExternalId: 'person',
  customerExternalId: 'customer',
} as const;
