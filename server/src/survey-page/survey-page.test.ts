import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invitations, responses } from '../db/schema/index.ts';
import { createTestApp, databaseKinds, type TestApp } from '../testing/harness.ts';
import { createSurveyWorld, requiredAnswers, type SurveyWorld } from './testing/fixtures.ts';
import { responseReceivedJobs, surveyClient } from './testing/requests.ts';

describe.each(databaseKinds)('public survey page on %s', (kind) => {
  let t: TestApp;
  let world: SurveyWorld;
  let client: ReturnType<typeof surveyClient>;
  beforeAll(async () => {
    t = await createTestApp(kind);
    world = await createSurveyWorld(t);
    client = surveyClient(t);
  });
  afterAll(() => t.close());

  it('renders every question type as labelled form controls with strict headers and no cookie', async () => {
    const { token } = await world.invite();
    const res = await client.get(`/s/${token}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    const page = res.body;
    expect(page).toContain('<html lang="en">');
    expect(page).toContain(
      `<form class="survey" method="post" action="/s/${token}/submit?lang=en"`,
    );
    expect(page).toMatch(/<fieldset class="q" id="q-result"[^>]*>\s*<legend>I got the result/);
    expect(page.match(/name="nps" value="\d+"/g)).toHaveLength(11);
    expect(page).toContain('0 = Not at all likely');
    expect(page).toContain('name="late" value="yes"');
    expect(page).toContain('type="radio" name="visit" value="phone"');
    expect(page).toContain('type="checkbox" name="topics" value="speed"');
    expect(page).toContain('<textarea id="in-comment" name="comment" maxlength="2000"');
    expect(page).toContain('<input type="text" id="in-nick" name="nick" maxlength="40"');
    expect(page).toMatch(/data-show-if="{[^"]*&quot;questionId&quot;:&quot;sat&quot;/);
    expect(page).toMatch(/<script src="\/s\/assets\/survey\.js\?v=[0-9a-f]+" defer><\/script>/);
  });

  it('saves answers as they are given and shows them again when the link is reopened', async () => {
    const { token } = await world.invite();
    expect((await client.save(token, { result: 4 })).statusCode).toBe(200);
    const save = await client.save(token, { result: 2, topics: ['speed'], nick: 'Sam' });
    expect(save.statusCode).toBe(200);
    expect(save.headers['set-cookie']).toBeUndefined();
    const page = (await client.get(`/s/${token}`)).body;
    expect(page).toContain('name="result" value="2" checked');
    expect(page).not.toContain('name="result" value="4" checked');
    expect(page).toContain('name="topics" value="speed" checked');
    expect(page).toContain('value="Sam"');
  });

  it('submits, shows the thank-you page naming the thanked person, and a retry returns the same id with one event', async () => {
    const { token } = await world.invite();
    await client.get(`/s/${token}`);
    await client.save(token, { result: 5 });
    const answers = { ...requiredAnswers, thanks: [world.ana.id] };
    const first = await client.submit(token, answers);
    expect(first.statusCode).toBe(200);
    const { responseId, next } = first.json();
    expect(next).toBe(`/s/${token}/thanks`);
    const retry = await client.submit(token, answers);
    expect(retry.json().responseId).toBe(responseId);
    expect(await responseReceivedJobs(t, responseId)).toBe(1);
    const [stored] = await t.database.db
      .select()
      .from(responses)
      .where(eq(responses.id, responseId));
    expect(stored).toMatchObject({ status: 'complete', thankedPersonIds: [world.ana.id] });
    const thanks = await client.get(next);
    expect(thanks.statusCode).toBe(200);
    expect(thanks.body).toContain('Thank you. Your feedback helps the team serve you better.');
    expect(thanks.body).toContain('Your thanks will reach Ana L.');
  });

  it('rejects an out-of-range answer with 422 problem+json naming the question', async () => {
    const { token } = await world.invite();
    const res = await client.submit(token, { ...requiredAnswers, nps: 11 });
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json().errors).toEqual([
      { field: 'answers.nps', message: 'must be from 0 to 10, got 11' },
    ]);
    const partial = await client.save(token, { ease: 0 });
    expect(partial.statusCode).toBe(422);
    expect(partial.json().errors[0].field).toBe('answers.ease');
  });

  it('names a missing required question on final submit', async () => {
    const { token } = await world.invite();
    const res = await client.submit(token, { result: 3, sat: 4 });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([{ field: 'answers.nps', message: 'is required' }]);
  });

  it('rejects an answer to a question hidden by an earlier answer', async () => {
    const { token } = await world.invite();
    const hidden = await client.save(token, { sat: 5, why: 'nothing' });
    expect(hidden.statusCode).toBe(422);
    expect(hidden.json().errors[0]).toMatchObject({ field: 'answers.why' });
    expect((await client.save(token, { sat: 1, why: 'slow' })).statusCode).toBe(200);
  });

  it('offers only the serving unit’s current people, by first name and initial, and accepts no one else', async () => {
    const { token } = await world.invite();
    const page = (await client.get(`/s/${token}`)).body;
    expect(page).toContain('Ana L.');
    expect(page).toContain('Bo K.');
    expect(page).toContain('>AL</span>');
    for (const person of [world.ana, world.bo, world.gone, world.stranger, world.admin]) {
      expect(page).not.toContain(person.name);
      expect(page).not.toContain(person.email);
    }
    expect(page).not.toContain(world.gone.id);
    expect(page).not.toContain(world.stranger.id);
    const res = await client.submit(token, { ...requiredAnswers, thanks: [world.stranger.id] });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([
      { field: 'answers.thanks', message: 'must name only people of the team that served you' },
    ]);
    const left = await client.save(token, { thanks: [world.gone.id] });
    expect(left.statusCode).toBe(422);
  });

  it('works without JavaScript: the form posts, errors show inline, success redirects to thanks', async () => {
    const { token } = await world.invite();
    await client.get(`/s/${token}`);
    const bad = await client.postForm(`/s/${token}/submit?lang=en`, [
      ['result', '4'],
      ['sat', '5'],
      ['why', 'dropped because sat hides it'],
    ]);
    expect(bad.statusCode).toBe(422);
    expect(bad.headers['content-type']).toMatch(/^text\/html/);
    expect(bad.body).toContain('id="error-summary" role="alert"');
    expect(bad.body).toMatch(/id="q-nps"[^>]*aria-describedby="err-nps"/);
    expect(bad.body).toContain('<p class="err" id="err-nps">Please answer this question.</p>');
    expect(bad.body).toContain('name="result" value="4" checked');
    const good = await client.postForm(`/s/${token}/submit?lang=en`, [
      ['result', '4'],
      ['sat', '5'],
      ['nps', '10'],
      ['topics', 'price'],
      ['topics', 'speed'],
      ['thanks', world.bo.id],
    ]);
    expect(good.statusCode).toBe(303);
    expect(good.headers.location).toBe(`/s/${token}/thanks?lang=en`);
    const [stored] = await t.database.db
      .select()
      .from(responses)
      .innerJoin(invitations, eq(invitations.id, responses.invitationId))
      .where(eq(invitations.tokenHash, (await import('../auth/secrets.ts')).sha256(token)));
    expect(stored!.responses.answers).toEqual({
      result: 4,
      sat: 5,
      nps: 10,
      topics: ['price', 'speed'],
      thanks: [world.bo.id],
    });
    expect(stored!.invitations.completedAt).not.toBeNull();
  });

  it('flags a submit completed implausibly fast, bounded by the time since the link was opened', async () => {
    const { token } = await world.invite();
    await client.get(`/s/${token}`);
    const fast = await client.submit(token, requiredAnswers, 500);
    const [row] = await t.database.db
      .select()
      .from(responses)
      .where(eq(responses.id, fast.json().responseId));
    expect(row!.flaggedTooFast).toBe(true);
    const { token: slowToken } = await world.invite();
    await t.database.db
      .update(invitations)
      .set({ openedAt: new Date(Date.now() - 120_000) })
      .where(eq(invitations.tokenHash, (await import('../auth/secrets.ts')).sha256(slowToken)));
    const slow = await client.submit(slowToken, requiredAnswers, 90_000);
    const [slowRow] = await t.database.db
      .select()
      .from(responses)
      .where(eq(responses.id, slow.json().responseId));
    expect(slowRow).toMatchObject({ flaggedTooFast: false, durationMs: 90_000 });
  });
});
