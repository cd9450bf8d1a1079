import { and, eq, sql } from 'drizzle-orm';
import { jobs, responses } from '../../db/schema/index.ts';
import type { TestApp } from '../../testing/harness.ts';

/** HTTP helpers for the public survey pages (no cookies, like a respondent's browser). */
export function surveyClient(t: TestApp) {
  return {
    get: (url: string, headers: Record<string, string> = {}) =>
      t.app.inject({ method: 'GET', url, headers }),
    save: (token: string, answers: Record<string, unknown>, elapsedMs = 60_000) =>
      t.app.inject({
        method: 'PUT',
        url: `/s/${token}/answers`,
        payload: { answers, elapsedMs },
      }),
    submit: (token: string, answers: Record<string, unknown>, elapsedMs = 60_000) =>
      t.app.inject({
        method: 'POST',
        url: `/s/${token}/submit`,
        payload: { answers, elapsedMs },
      }),
    postForm: (url: string, fields: Array<[string, string]>) =>
      t.app.inject({
        method: 'POST',
        url,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams(fields).toString(),
      }),
  };
}

export async function responseReceivedJobs(t: TestApp, responseId: string): Promise<number> {
  const rows = await t.database.db
    .select({ id: jobs.id })
    .from(jobs)
    .where(
      and(
        eq(jobs.queue, 'event:response.received'),
        sql`${jobs.payload}->>'responseId' = ${responseId}`,
      ),
    );
  return rows.length;
}

export async function responsesOfSurvey(t: TestApp, surveyId: string) {
  return t.database.db.select().from(responses).where(eq(responses.surveyId, surveyId));
}
