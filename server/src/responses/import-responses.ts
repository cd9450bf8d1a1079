import type { FieldError, ImportResponsesResult, Question } from '@valueloop/contracts';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { auditLog, surveyVersions } from '../db/schema/index.ts';
import { AppError, validationFailed } from '../http/errors.ts';
import {
  type CsvRow,
  check,
  checkField,
  findDuplicates,
  type RowError,
  readCsv,
} from '../imports/csv-reader.ts';
import type { AnswerValue } from './answers.ts';
import { prepareResponses, type ResponseDraft } from './prepare-responses.ts';
import { insertResponsesBatch } from './store-response.ts';

/** Columns besides one per question id; `submission_id` makes re-imports idempotent. */
export const responseColumns = [
  'submission_id',
  'submitted_at',
  'unit_external_id',
  'employee_external_id',
  'customer_external_id',
  'interaction_external_id',
  'language',
] as const;

/** Draft fields → the CSV column a problem is reported in. */
const columnOfField: Record<string, string> = {
  submissionId: 'submission_id',
  submittedAt: 'submitted_at',
  unitExternalId: 'unit_external_id',
  employeeExternalId: 'employee_external_id',
  customerExternalId: 'customer_external_id',
  interactionExternalId: 'interaction_external_id',
  language: 'language',
};
const columnOf = (field: string) =>
  field.startsWith('answers.') ? field.slice(8) : (columnOfField[field] ?? field);

const BATCH = 1000;
const MAX_REPORTED_ERRORS = 1000;

/** Reads one cell as the answer type of its question; `;` separates multiple choices. */
function parseCell(question: Question, raw: string): AnswerValue | string {
  switch (question.type) {
    case 'agreement5':
    case 'csat5':
    case 'effort7':
    case 'nps':
      return /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw;
    case 'yes_no': {
      const v = raw.toLowerCase();
      if (['yes', 'true', '1', 'sí', 'si'].includes(v)) return true;
      if (['no', 'false', '0'].includes(v)) return false;
      return raw;
    }
    case 'multi_choice':
    case 'thank_picker':
      return raw
        .split(';')
        .map((s) => s.trim())
        .filter(Boolean);
    default:
      return raw;
  }
}

function parseDate(raw: string): Date | null {
  if (!raw) return null;
  const iso = /^\d{4}-\d{2}-\d{2}$/.test(raw) ? `${raw}T00:00:00Z` : raw;
  const d = new Date(iso);
  return /^\d{4}-\d{2}-\d{2}/.test(raw) && !Number.isNaN(d.getTime()) ? d : null;
}

function toDraft(
  row: CsvRow,
  questions: Question[],
  target: { surveyId: string; version: number },
  errors: RowError[],
): ResponseDraft {
  const submissionId = row.get('submission_id');
  checkField(
    errors,
    row,
    'submission_id',
    check.required(submissionId),
    check.maxLength(submissionId, 200),
  );
  const submittedRaw = row.get('submitted_at');
  const submittedAt = parseDate(submittedRaw);
  if (submittedRaw && !submittedAt) {
    errors.push({
      line: row.line,
      column: 'submitted_at',
      message: `'${submittedRaw}' is not a date or ISO 8601 time`,
    });
  }
  const language = row.get('language');
  if (language) checkField(errors, row, 'language', check.oneOf(language, ['en', 'es']));
  const answers: Record<string, unknown> = {};
  for (const q of questions) {
    const raw = row.get(q.id);
    if (raw) answers[q.id] = parseCell(q, raw);
  }
  const optional = (column: string) => row.get(column) || undefined;
  return {
    submissionId,
    ...target,
    answers,
    language: language || undefined,
    submittedAt: submittedAt ?? undefined,
    unitExternalId: optional('unit_external_id'),
    employeeExternalId: optional('employee_external_id'),
    customerExternalId: optional('customer_external_id'),
    interactionExternalId: optional('interaction_external_id'),
  };
}

function fail(errors: FieldError[]): never {
  const sorted = [...errors].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  throw validationFailed(
    sorted.slice(0, MAX_REPORTED_ERRORS),
    `The file has ${errors.length} problem(s); nothing was imported`,
  );
}

/**
 * Imports historical responses of one survey version from CSV (one column per question id).
 * Every row is validated first; any problem → 422 listing `{line, column, message}` and nothing
 * is stored. Otherwise all rows commit in one transaction, idempotent by submission_id.
 */
export async function importResponses(opts: {
  db: Db;
  orgId: string;
  actorPersonId: string | null;
  surveyId: string;
  version: number;
  text: string;
}): Promise<ImportResponsesResult> {
  const { db, orgId } = opts;
  const [version] = await db
    .select({ definition: surveyVersions.definition })
    .from(surveyVersions)
    .where(
      and(
        eq(surveyVersions.orgId, orgId),
        eq(surveyVersions.surveyId, opts.surveyId),
        eq(surveyVersions.version, opts.version),
      ),
    );
  if (!version) {
    throw new AppError('not_found', `survey ${opts.surveyId} has no version ${opts.version}`);
  }
  const questions = version.definition.questions;
  const parsed = readCsv(opts.text, {
    required: ['submission_id'],
    optional: [...responseColumns.slice(1), ...questions.map((q) => q.id)],
  });
  if (parsed.header.length === 0 || parsed.rows.length === 0) {
    fail(parsed.errors.length ? parsed.errors : [{ line: 2, message: 'the file has no rows' }]);
  }
  const errors: RowError[] = [...parsed.errors, ...findDuplicates(parsed.rows, 'submission_id')];
  const target = { surveyId: opts.surveyId, version: opts.version };
  const drafts = parsed.rows.map((row) => toDraft(row, questions, target, errors));
  const prepared = await prepareResponses({
    db,
    orgId,
    source: 'import',
    drafts,
    locate: (i, field, message) => ({
      line: parsed.rows[i]!.line,
      column: columnOf(field),
      message,
    }),
  });
  // Batch-level repeats are already reported per line by findDuplicates.
  for (const e of prepared.errors) {
    if (e.column !== 'submission_id')
      errors.push({ line: e.line ?? 0, column: e.column, message: e.message });
  }
  if (errors.length) fail(errors);
  return db.transaction(async (tx) => {
    let created = 0;
    for (let i = 0; i < prepared.items.length; i += BATCH) {
      const results = await insertResponsesBatch({
        tx,
        orgId,
        items: prepared.items.slice(i, i + BATCH),
      });
      created += results.filter((r) => r.created).length;
    }
    const result = { created, unchanged: prepared.items.length - created };
    await tx.insert(auditLog).values({
      orgId,
      actorPersonId: opts.actorPersonId,
      action: 'import.responses',
      entityType: 'import',
      detail: {
        ...result,
        rows: parsed.rows.length,
        surveyId: opts.surveyId,
        version: opts.version,
      },
    });
    return result;
  });
}
