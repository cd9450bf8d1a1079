import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, databaseKinds, type TestApp } from '../testing/harness.ts';
import { OPEN_LINK_LIMITS } from './open-link-routes.ts';
import { createSurveyWorld, requiredAnswers, type SurveyWorld } from './testing/fixtures.ts';
import { responseReceivedJobs, responsesOfSurvey, surveyClient } from './testing/requests.ts';

describe.each(databaseKinds)('open-link survey on %s', (kind) => {
  let t: TestApp;
  let world: SurveyWorld;
  let client: ReturnType<typeof surveyClient>;
  beforeAll(async () => {
    t = await createTestApp(kind);
    world = await createSurveyWorld(t);
    client = surveyClient(t);
  });
  afterAll(() => t.close());

  const hiddenField = (page: string, name: string) =>
    page.match(new RegExp(`name="${name}" value="([^"]+)"`))?.[1] ?? '';

  it('renders the survey without an invitation, with a submission id and a signed start time', async () => {
    const res = await client.get(`/s/o/${world.survey.openLinkKey}`);
    expect(res.statusCode).toBe(200);
    expect(hiddenField(res.body, 'submissionId')).toMatch(/^[0-9a-f-]{36}$/);
    expect(hiddenField(res.body, 'startedAt')).toMatch(/^\d+\.[\w-]+$/);
    expect(res.body).not.toContain('name="thanks"');
    expect(res.headers['set-cookie']).toBeUndefined();
    expect((await client.get('/s/o/no-such-open-link-key')).statusCode).toBe(404);
  });

  it('stores a double submit once: same submission id, same response, one event', async () => {
    const page = (await client.get(`/s/o/${world.survey.openLinkKey}`)).body;
    const submissionId = hiddenField(page, 'submissionId');
    const url = `/s/o/${world.survey.openLinkKey}/submit`;
    const send = () =>
      t.app.inject({
        method: 'POST',
        url,
        payload: { answers: requiredAnswers, elapsedMs: 45_000, submissionId },
      });
    const [a, b] = await Promise.all([send(), send()]);
    const c = await send();
    const ids = [a, b, c].map((r) => r.json().responseId);
    expect(new Set(ids).size).toBe(1);
    expect(await responseReceivedJobs(t, ids[0])).toBe(1);
    const stored = (await responsesOfSurvey(t, world.survey.id)).filter((r) => r.id === ids[0]);
    expect(stored).toMatchObject([{ source: 'open_link', status: 'complete', invitationId: null }]);
  });

  it('accepts the no-JavaScript form once and flags a forged-fast submit by its signed start', async () => {
    const page = (await client.get(`/s/o/${world.survey.openLinkKey}`)).body;
    const fields: Array<[string, string]> = [
      ['submissionId', hiddenField(page, 'submissionId')],
      ['startedAt', hiddenField(page, 'startedAt')],
      ['result', '5'],
      ['sat', '5'],
      ['nps', '10'],
    ];
    const url = `/s/o/${world.survey.openLinkKey}/submit?lang=en`;
    const first = await client.postForm(url, fields);
    expect(first.statusCode).toBe(303);
    expect(first.headers.location).toBe(`/s/o/${world.survey.openLinkKey}/thanks?lang=en`);
    expect((await client.postForm(url, fields)).statusCode).toBe(303);
    const stored = (await responsesOfSurvey(t, world.survey.id)).filter(
      (r) => r.submissionId === `open-link:${fields[0]![1]}`,
    );
    expect(stored).toHaveLength(1);
    expect(stored[0]!.flaggedTooFast).toBe(true);
    const thanks = await client.get(first.headers.location as string);
    expect(thanks.body).toContain('Thank you. Your feedback helps the team serve you better.');
  });

  it('limits submissions per IP and survey with 429', async () => {
    const key = world.survey.openLinkKey!;
    const statuses: number[] = [];
    for (let i = 0; i <= OPEN_LINK_LIMITS.submitsPerIpPerMinute; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: `/s/o/${key}/submit`,
        remoteAddress: '203.0.113.9',
        payload: { answers: requiredAnswers, submissionId: crypto.randomUUID() },
      });
      statuses.push(res.statusCode);
    }
    expect(statuses.at(-1)).toBe(429);
    const other = await t.app.inject({
      method: 'POST',
      url: `/s/o/${key}/submit`,
      remoteAddress: '203.0.113.10',
      payload: { answers: requiredAnswers, submissionId: crypto.randomUUID() },
    });
    expect(other.statusCode).toBe(200);
  });
});
