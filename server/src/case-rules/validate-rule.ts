import {
  type CaseRuleBody,
  type CaseRuleCondition,
  customerConstructs,
  type FieldError,
  ruleScoreFields,
} from '@valueloop/contracts';
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { caseQueues, surveys, surveyVersions } from '../db/schema/index.ts';
import { validationFailed } from '../http/errors.ts';
import { normalizeText } from './evaluate.ts';

/** What a rule may refer to in its organization (loaded once per validation). */
interface RuleVocabulary {
  /** Construct codes with item scores: the item bank's plus those of the org's surveys. */
  constructs: Set<string>;
  /** Question ids an answer condition may name: the rule's survey's, else any customer survey's. */
  questionIds: Set<string>;
  /** Whether `questionIds` are those of one chosen survey (for the message). */
  oneSurvey: boolean;
}

/** Constructs whose 0–100 item score a rule can test (text items have no score). */
const scoredBankConstructs = customerConstructs.filter((c) => c !== 'comment' && c !== 'thanks');

const textTypes = new Set<string>(['short_text', 'long_text', 'thank_picker']);

async function loadVocabulary(
  db: DbOrTx,
  orgId: string,
  surveyId: string | null,
  errors: FieldError[],
): Promise<RuleVocabulary> {
  const definitions = await db
    .select({ surveyId: surveys.id, draft: surveys.draft, version: surveyVersions.definition })
    .from(surveys)
    .leftJoin(surveyVersions, eq(surveyVersions.surveyId, surveys.id))
    .where(and(eq(surveys.orgId, orgId), eq(surveys.kind, 'customer')));
  const constructs = new Set<string>(scoredBankConstructs);
  const questionIds = new Set<string>();
  // Drafts count too: a rule may be written before its survey's next version is published.
  for (const row of definitions) {
    for (const definition of [row.draft, row.version]) {
      for (const question of definition?.questions ?? []) {
        if (question.construct && !textTypes.has(question.type)) constructs.add(question.construct);
        if (surveyId === null || row.surveyId === surveyId) questionIds.add(question.id);
      }
    }
  }
  if (surveyId !== null && !definitions.some((row) => row.surveyId === surveyId)) {
    errors.push({
      field: 'body.surveyId',
      message: 'must be a customer survey of this organization',
    });
  }
  return { constructs, questionIds, oneSurvey: surveyId !== null };
}

/** The valid range of a score field, or null when the field is unknown. */
function rangeOf(field: string, vocabulary: RuleVocabulary): readonly [number, number] | null {
  if (Object.hasOwn(ruleScoreFields, field)) {
    return ruleScoreFields[field as keyof typeof ruleScoreFields];
  }
  return vocabulary.constructs.has(field) ? [0, 100] : null;
}

function checkScore(
  condition: Extract<CaseRuleCondition, { kind: 'score' }>,
  at: string,
  vocabulary: RuleVocabulary,
  errors: FieldError[],
): void {
  const range = rangeOf(condition.field, vocabulary);
  if (!range) {
    errors.push({
      field: `${at}.field`,
      message: `unknown score ${condition.field}: use ${Object.keys(ruleScoreFields).join(', ')} or an item construct code such as cv.result`,
    });
    return;
  }
  const [low, high] = range;
  const { op, value } = condition;
  const impossible =
    value < low || value > high || (op === 'lt' && value <= low) || (op === 'gt' && value >= high);
  if (impossible) {
    errors.push({
      field: `${at}.value`,
      message: `${condition.field} ${op} ${value} can never hold: ${condition.field} runs from ${low} to ${high}`,
    });
  } else if (condition.field === 'nps' && !Number.isInteger(value)) {
    errors.push({ field: `${at}.value`, message: 'NPS answers are whole numbers 0–10' });
  }
}

function checkCondition(
  condition: CaseRuleCondition,
  at: string,
  vocabulary: RuleVocabulary,
  errors: FieldError[],
): void {
  switch (condition.kind) {
    case 'score':
      checkScore(condition, at, vocabulary, errors);
      return;
    case 'answer':
      if (!vocabulary.questionIds.has(condition.questionId)) {
        errors.push({
          field: `${at}.questionId`,
          message: vocabulary.oneSurvey
            ? `the chosen survey has no question ${condition.questionId}`
            : `no customer survey of this organization has a question ${condition.questionId}`,
        });
      }
      return;
    case 'comment_keywords':
      condition.any.forEach((keyword, k) => {
        if (normalizeText(keyword).length < 2) {
          errors.push({ field: `${at}.any.${k}`, message: 'must contain letters or digits' });
        }
      });
      return;
    default:
      return;
  }
}

/**
 * Checks zod cannot make: score fields that exist, thresholds that can hold, questions of the
 * chosen survey, a queue of this organization. Throws one 422 listing every bad field.
 */
export async function validateRule(opts: {
  db: DbOrTx;
  orgId: string;
  rule: CaseRuleBody;
}): Promise<void> {
  const { db, orgId, rule } = opts;
  const errors: FieldError[] = [];
  const vocabulary = await loadVocabulary(db, orgId, rule.surveyId, errors);
  rule.conditions.forEach((condition, i) => {
    checkCondition(condition, `body.conditions.${i}`, vocabulary, errors);
  });
  if (rule.owner.kind === 'queue') {
    const [queue] = await db
      .select({ id: caseQueues.id })
      .from(caseQueues)
      .where(and(eq(caseQueues.orgId, orgId), eq(caseQueues.id, rule.owner.queueId)));
    if (!queue) {
      errors.push({
        field: 'body.owner.queueId',
        message: 'must be a case queue of this organization',
      });
    }
  }
  if (errors.length > 0) throw validationFailed(errors, 'The case rule is not valid');
}
