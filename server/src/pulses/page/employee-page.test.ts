import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { employeeResponses, pulseInvitations } from '../../db/schema/index.ts';
import { createTestApp, databaseKinds, type TestApp } from '../../testing/harness.ts';
import { unitQuestionId } from '../submission-form.ts';
import {
  createEmployeeWorld,
  type EmployeeWorld,
  employeeClient,
  pulseAnswers,
} from './testing/employee-world.ts';

describe.each(databaseKinds)('employee survey page on %s', (kind) => {
  let t: TestApp;
  let world: EmployeeWorld;
  let client: ReturnType<typeof employeeClient>;
  const responsesOf = (waveId: string) =>
    t.database.db.select().from(employeeResponses).where(eq(employeeResponses.waveId, waveId));

  beforeAll(async () => {
    t = await createTestApp(kind);
    world = await createEmployeeWorld(t);
    client = employeeClient(t);
  });
  afterAll(() => t.close());

  it('renders the pulse as labelled form controls, says how answers stay anonymous, with strict headers and no cookie', async () => {
    const { token } = await world.invite(world.pulse);
    const res = await client.get(`/e/${token}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['cache-control']).toBe('no-store');
    const page = res.body;
    expect(page).toContain('<html lang="en">');
    expect(page).toContain('<h1>Team pulse</h1>');
    expect(page).toContain('<h2 id="anonymity-title">Your answers are anonymous</h2>');
    expect(page).toContain('stored with your unit, the month and your length-of-service band only');
    expect(page).toContain(
      'groups of at least 6 people, and comments only for groups of at least 12',
    );
    // The template's stock sentence (which says "five") gives way to the real thresholds.
    expect(page).not.toContain('at least five people');
    expect(page).toContain(`<form class="survey" method="post" action="/e/${token}?lang=en"`);
    expect(page).toContain(`data-save-url="/e/${token}/draft?lang=en"`);
    expect(page).toMatch(/<fieldset class="q" id="q-solve"[^>]*>\s*<legend>I can solve customers/);
    expect(page.match(/name="enps" value="\d+"/g)).toHaveLength(11);
    expect(page).toContain('<textarea id="in-comment" name="comment" maxlength="2000"');
    expect(page).toMatch(/<script src="\/s\/assets\/survey\.js\?v=[0-9a-f]{12}" defer><\/script>/);
    const style = page.match(/href="(\/s\/assets\/survey\.css\?v=[0-9a-f]+)"/)?.[1];
    expect((await client.get(style!)).statusCode).toBe(200);
  });

  it('renders in Spanish with ?lang=es or Accept-Language', async () => {
    const { token } = await world.invite(world.pulse);
    for (const page of [
      (await client.get(`/e/${token}?lang=es`)).body,
      (await client.get(`/e/${token}`, { 'accept-language': 'es-MX,es;q=0.9,en;q=0.5' })).body,
    ]) {
      expect(page).toContain('<html lang="es">');
      expect(page).toContain('<h1>Pulso del equipo</h1>');
      expect(page).toContain('Sus respuestas son anónimas');
      expect(page).toContain('grupos de al menos 6 personas');
      expect(page).toContain('Puedo resolver los problemas de los clientes');
      expect(page).toContain('Enviar mis respuestas');
    }
  });

  it('asks an internal service respondent about each unit that supports theirs, by name', async () => {
    const { token } = await world.invite(world.internal);
    const page = (await client.get(`/e/${token}`)).body;
    const helpdeskIsq = unitQuestionId('isq', world.helpdesk.id);
    const payrollIsq = unitQuestionId('isq', world.payroll.id);
    expect(page).toContain(`<h2 id="unit-${world.helpdesk.id}">IT Helpdesk</h2>`);
    expect(page).toContain(`<h2 id="unit-${world.payroll.id}">Payroll</h2>`);
    expect(page.indexOf('IT Helpdesk</h2>')).toBeLessThan(page.indexOf('Payroll</h2>'));
    expect(page).not.toContain('Facilities');
    expect(page).not.toContain('Branch South');
    expect(page).not.toContain('[Unit]');
    expect(page).toMatch(
      new RegExp(`id="q-${helpdeskIsq}"[^>]*>\\s*<legend>IT Helpdesk gives us what we need`),
    );
    expect(page).toMatch(new RegExp(`id="q-${payrollIsq}"[^>]*>\\s*<legend>Payroll gives us`));
    expect(page).toContain('What could Payroll do better for you?');
    expect(page.match(/name="isq__[0-9a-f]{32}" value="\d"/g)).toHaveLength(10);
  });

  it('a person whose unit nobody supports is told there is nothing to rate', async () => {
    const loner = await world.invite(world.internal, undefined, { unitId: world.facilities.id });
    const res = await client.get(`/e/${loner.token}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Nothing to rate');
    const submit = await client.submit(loner.token, {});
    expect(submit.statusCode).toBe(422);
    expect(submit.json().errors).toEqual([
      { field: 'answers', message: 'there is no supporting unit to rate' },
    ]);
  });

  it('re-renders the form with linked, focused error messages and the answers kept (no JavaScript)', async () => {
    const { token } = await world.invite(world.pulse);
    const res = await client.postForm(`/e/${token}?lang=en`, [
      ['grow', '5'],
      ['enps', '11'],
      ['comment', 'More staff on Saturdays'],
    ]);
    expect(res.statusCode).toBe(422);
    const page = res.body;
    expect(page).toContain(
      '<div class="summary" id="error-summary" role="alert" tabindex="-1" autofocus>',
    );
    expect(page).toContain('<a href="#q-solve">I can solve customers');
    expect(page).toContain('<a href="#q-enps">');
    expect(page).toMatch(
      /<fieldset class="q invalid" id="q-solve"[^>]*aria-describedby="err-solve"/,
    );
    expect(page).toContain('<p class="err" id="err-solve">Please answer this question.</p>');
    expect(page).toContain('<p class="err" id="err-enps">Please check this answer.</p>');
    expect(page).toContain('name="grow" value="5" checked');
    expect(page).toContain('>More staff on Saturdays</textarea>');
    expect(await responsesOf(world.pulse.id)).toHaveLength(0);
  });

  it('a JSON submit with a bad answer gets 422 naming the field', async () => {
    const { token } = await world.invite(world.pulse);
    const res = await client.submit(token, { ...pulseAnswers, solve: 7, bogus: 1 });
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json().errors).toEqual(
      expect.arrayContaining([
        { field: 'answers.bogus', message: 'is not a question of this survey version' },
        { field: 'answers.solve', message: 'must be from 1 to 5, got 7' },
      ]),
    );
    const missing = await client.submit(token, { grow: 3 });
    expect(missing.json().errors).toEqual([{ field: 'answers.solve', message: 'is required' }]);
  });

  it('saves a sealed draft (POST or the script’s PUT) and pre-fills the form from it', async () => {
    const { token, invitation } = await world.invite(world.pulse);
    expect((await client.saveDraft(token, { solve: 2 })).statusCode).toBe(200);
    const saved = await client.saveDraft(token, { solve: 4, comment: 'Quieter breakroom' }, 'PUT');
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toEqual({ saved: true });
    const [row] = await t.database.db
      .select({ draft: pulseInvitations.draft })
      .from(pulseInvitations)
      .where(eq(pulseInvitations.id, invitation.id));
    expect(Object.keys(row!.draft ?? {}).sort()).toEqual(['data', 'iv', 'tag', 'v']);
    expect(JSON.stringify(row!.draft)).not.toContain('Quieter');
    const page = (await client.get(`/e/${token}`)).body;
    expect(page).toContain('name="solve" value="4" checked');
    expect(page).not.toContain('name="solve" value="2" checked');
    expect(page).toContain('>Quieter breakroom</textarea>');
    const bad = await client.saveDraft(token, { solve: 'lots' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors).toEqual([
      { field: 'answers.solve', message: 'must be a whole number from 1 to 5' },
    ]);
  });

  it('a form submission stores one anonymous row and redirects to a thank-you page without the token', async () => {
    const { token } = await world.invite(world.upward);
    const res = await client.postForm(`/e/${token}?lang=es`, [
      ['support', '2'],
      ['strategy', '4'],
      ['comment', 'Más presupuesto'],
    ]);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/e/thanks?lang=es');
    const thanks = await client.get(res.headers.location as string);
    expect(thanks.statusCode).toBe(200);
    expect(thanks.body).toContain('Sus respuestas se guardaron de forma anónima');
    const rows = await responsesOf(world.upward.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      unitId: world.branch.id,
      subjectUnitId: null,
      comment: 'Más presupuesto',
      scores: { 'upward.support': 25, 'upward.strategy': 75, upward: 50 },
    });
  });

  it('a JSON submission answers with where to go next; the internal service one stores a row per rated unit', async () => {
    const { token } = await world.invite(world.internal);
    const res = await client.submit(token, {
      [unitQuestionId('isq', world.helpdesk.id)]: 5,
      [unitQuestionId('isq', world.payroll.id)]: 1,
      [unitQuestionId('comment', world.payroll.id)]: 'Payslips arrive late',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ stored: 2, next: '/e/thanks?lang=en' });
    const rows = await responsesOf(world.internal.id);
    const bySubject = new Map(rows.map((r) => [r.subjectUnitId, r]));
    expect(bySubject.get(world.helpdesk.id)).toMatchObject({
      unitId: world.branch.id,
      scores: { isq: 100 },
      comment: null,
    });
    expect(bySubject.get(world.payroll.id)).toMatchObject({
      scores: { isq: 0 },
      comment: 'Payslips arrive late',
    });
  });

  it('an internal service form must rate every supporting unit', async () => {
    const { token } = await world.invite(world.internal);
    const helpdeskIsq = unitQuestionId('isq', world.helpdesk.id);
    const payrollIsq = unitQuestionId('isq', world.payroll.id);
    const res = await client.postForm(`/e/${token}`, [[helpdeskIsq, '4']]);
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain(`<a href="#q-${payrollIsq}">Payroll gives us what we need`);
    expect(res.body).toContain(`name="${helpdeskIsq}" value="4" checked`);
  });

  it('a forged link, a used link and a closed survey each get their own clear page', async () => {
    const forged = await client.get('/e/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    expect(forged.statusCode).toBe(404);
    expect(forged.body).toContain('This link does not work');
    expect((await client.get('/e/x')).statusCode).toBe(404);
    expect((await client.get('/e/AAAAAAAAAAAAAAAAAAAAAAAA/elsewhere')).body).toContain(
      'This link does not work',
    );

    const { token } = await world.invite(world.pulse);
    expect((await client.submit(token, pulseAnswers)).statusCode).toBe(200);
    const reused = await client.get(`/e/${token}`);
    expect(reused.statusCode).toBe(409);
    expect(reused.body).toContain('Already answered, thank you');
    const again = await client.postForm(`/e/${token}`, [['solve', '3']]);
    expect(again.statusCode).toBe(409);
    const againJson = await client.submit(token, pulseAnswers);
    expect(againJson.statusCode).toBe(409);
    expect(againJson.json().code).toBe('conflict');

    const expired = await world.invite(world.pulse, undefined, {
      expiresAt: new Date(Date.now() - 1000),
    });
    const closed = await client.get(`/e/${expired.token}?lang=es`);
    expect(closed.statusCode).toBe(410);
    expect(closed.body).toContain('Esta encuesta está cerrada');
    expect((await client.submit(expired.token, pulseAnswers)).json().code).toBe('gone');
    expect((await client.saveDraft(expired.token, { solve: 1 })).statusCode).toBe(410);
  });
});
