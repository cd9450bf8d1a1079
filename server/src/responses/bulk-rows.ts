import { type SQL, sql } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import type { jobs, responseScores, responses } from '../db/schema/index.ts';

/**
 * Multi-row inserts as `INSERT … SELECT FROM unnest(array, array, …)`: one bound array per
 * column instead of one parameter per value, so a batch of 1,000 responses costs a few dozen
 * parameters and PostgreSQL plans the statement once. Same rows the Drizzle inserts would write.
 */
const arr = (values: unknown[], type: string): SQL => sql`${sql.param(values)}::${sql.raw(type)}[]`;

export type ResponseRowInsert = typeof responses.$inferInsert & { submissionId: string };

export async function insertResponseRows(
  tx: Tx,
  rows: ResponseRowInsert[],
): Promise<Array<{ id: string; submission_id: string }>> {
  const col = <K extends keyof ResponseRowInsert>(k: K) => rows.map((r) => r[k] ?? null);
  const iso = (k: 'startedAt' | 'submittedAt') => rows.map((r) => r[k]?.toISOString() ?? null);
  const result = await tx.execute(sql`
    insert into responses (org_id, survey_id, survey_version_id, submission_id, interaction_id,
      customer_id, unit_id, employee_id, source, status, language, answers, started_at,
      submitted_at, duration_ms, flagged_too_fast, cvi, nps, nps_category, csat, effort,
      retention, promise_broken, comment, thanked_person_ids)
    select o, s, v, sub, i, c, u, e, src, st, lang, a::jsonb, sa::timestamptz, su::timestamptz,
      d, f, cvi, nps, cat, csat, eff, ret, pb, com, th::uuid[]
    from unnest(${arr(col('orgId'), 'uuid')}, ${arr(col('surveyId'), 'uuid')},
      ${arr(col('surveyVersionId'), 'uuid')}, ${arr(col('submissionId'), 'text')},
      ${arr(col('interactionId'), 'uuid')}, ${arr(col('customerId'), 'uuid')},
      ${arr(col('unitId'), 'uuid')}, ${arr(col('employeeId'), 'uuid')},
      ${arr(col('source'), 'text')}, ${arr(col('status'), 'text')},
      ${arr(col('language'), 'text')},
      ${arr(
        rows.map((r) => JSON.stringify(r.answers)),
        'text',
      )}, ${arr(iso('startedAt'), 'text')}, ${arr(iso('submittedAt'), 'text')},
      ${arr(col('durationMs'), 'int4')}, ${arr(col('flaggedTooFast'), 'bool')},
      ${arr(col('cvi'), 'float4')}, ${arr(col('nps'), 'int2')}, ${arr(col('npsCategory'), 'text')},
      ${arr(col('csat'), 'float4')}, ${arr(col('effort'), 'float4')},
      ${arr(col('retention'), 'float4')}, ${arr(col('promiseBroken'), 'bool')},
      ${arr(col('comment'), 'text')},
      ${arr(
        rows.map((r) => `{${(r.thankedPersonIds ?? []).join(',')}}`),
        'text',
      )})
      as t(o, s, v, sub, i, c, u, e, src, st, lang, a, sa, su, d, f, cvi, nps, cat, csat, eff,
        ret, pb, com, th)
    on conflict do nothing
    returning id, submission_id`);
  return (result as unknown as { rows: Array<{ id: string; submission_id: string }> }).rows;
}

export async function insertScoreRows(tx: Tx, rows: Array<typeof responseScores.$inferInsert>) {
  if (rows.length === 0) return;
  await tx.execute(sql`
    insert into response_scores (org_id, response_id, construct, score)
    select * from unnest(${arr(
      rows.map((r) => r.orgId),
      'uuid',
    )}, ${arr(
      rows.map((r) => r.responseId),
      'uuid',
    )}, ${arr(
      rows.map((r) => r.construct),
      'text',
    )}, ${arr(
      rows.map((r) => r.score),
      'float4',
    )})`);
}

export async function insertJobRows(
  tx: Tx,
  rows: Array<Pick<typeof jobs.$inferInsert, 'queue' | 'orgId' | 'payload'>>,
) {
  if (rows.length === 0) return;
  await tx.execute(sql`
    insert into jobs (queue, org_id, payload)
    select q, o, p::jsonb from unnest(${arr(
      rows.map((r) => r.queue),
      'text',
    )}, ${arr(
      rows.map((r) => r.orgId ?? null),
      'uuid',
    )}, ${arr(
      rows.map((r) => JSON.stringify(r.payload)),
      'text',
    )}) as t(q, o, p)`);
}
