import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../auth/secrets.ts';
import { customerOptOuts, invitations } from '../db/schema/index.ts';
import { ingestInteractions } from '../interactions/ingest-interactions.ts';
import { TEST_PASSWORD } from '../testing/factories.ts';
import { createTestApp, databaseKinds, type TestApp } from '../testing/harness.ts';
import { ASSET_DIR } from './assets.ts';
import {
  createSurveyWorld,
  PUBLIC_URL,
  requiredAnswers,
  type SurveyWorld,
} from './testing/fixtures.ts';
import { surveyClient } from './testing/requests.ts';

describe('survey page script', () => {
  it('stays far under the 50 KB gzipped budget', () => {
    const script = readFileSync(new URL('survey.js', ASSET_DIR));
    expect(gzipSync(script).length).toBeLessThan(50_000);
    expect(gzipSync(script).length).toBeLessThan(5_000);
  });
});

describe.each(databaseKinds)('survey link states on %s', (kind) => {
  let t: TestApp;
  let world: SurveyWorld;
  let client: ReturnType<typeof surveyClient>;
  beforeAll(async () => {
    t = await createTestApp(kind);
    world = await createSurveyWorld(t);
    client = surveyClient(t);
  });
  afterAll(() => t.close());

  it('answers an unknown or tampered token with a 404 page that reveals nothing', async () => {
    const { token } = await world.invite();
    const tampered = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    for (const url of [
      `/s/${tampered}`,
      '/s/short',
      `/s/${tampered}/qr.svg`,
      `/s/${tampered}/opt-out`,
    ]) {
      const res = await client.get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.body).toContain('Survey not found');
      expect(res.body).not.toMatch(/expired|answered|token|invitation/i);
    }
    expect((await client.submit(tampered, requiredAnswers)).statusCode).toBe(404);
  });

  it('shows an expired link as 410 and refuses answers to it', async () => {
    const { token } = await world.invite(new Date(Date.now() - 30 * 86_400_000));
    const res = await client.get(`/s/${token}`);
    expect(res.statusCode).toBe(410);
    expect(res.body).toContain('This survey link has expired');
    expect((await client.save(token, { result: 3 })).statusCode).toBe(410);
    expect((await client.submit(token, requiredAnswers)).statusCode).toBe(410);
  });

  it('shows an already answered link as a friendly 200 page', async () => {
    const { token } = await world.invite();
    expect((await client.submit(token, requiredAnswers)).statusCode).toBe(200);
    const res = await client.get(`/s/${token}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Already answered, thank you');
    expect(res.body).not.toContain('<form');
    expect((await client.save(token, { result: 1 })).statusCode).toBe(409);
  });

  it('renders Spanish from ?lang=es and from Accept-Language, and English otherwise', async () => {
    const { token } = await world.invite();
    const byQuery = await client.get(`/s/${token}?lang=es`);
    expect(byQuery.body).toContain('<html lang="es">');
    expect(byQuery.body).toContain('¿Cómo lo hicimos?');
    expect(byQuery.body).toContain('Totalmente de acuerdo');
    const byHeader = await client.get(`/s/${token}`, {
      'accept-language': 'fr-FR, es-MX;q=0.8, en;q=0.5',
    });
    expect(byHeader.body).toContain('<html lang="es">');
    expect(byHeader.body).toContain(`action="/s/${token}/submit?lang=es"`);
    const fallback = await client.get(`/s/${token}?lang=de`, { 'accept-language': 'de' });
    expect(fallback.body).toContain('<html lang="en">');
    const gone = await client.get('/s/unknown-token-xxxxxxxxxx', { 'accept-language': 'es' });
    expect(gone.body).toContain('Encuesta no encontrada');
  });

  it('records an opt-out once, forever: later interactions of that customer get no invitation', async () => {
    const { token, interaction } = await world.invite();
    const confirm = await client.get(`/s/${token}/opt-out`);
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain(`<form method="post" action="/s/${token}/opt-out?lang=en">`);
    for (let i = 0; i < 2; i++) {
      const done = await client.postForm(`/s/${token}/opt-out`, []);
      expect(done.statusCode).toBe(200);
      expect(done.body).toContain('You will not receive surveys from us again');
    }
    const [inv] = await t.database.db
      .select()
      .from(invitations)
      .where(eq(invitations.tokenHash, sha256(token)));
    const optOuts = await t.database.db
      .select()
      .from(customerOptOuts)
      .where(
        and(
          eq(customerOptOuts.orgId, world.org.id),
          eq(customerOptOuts.customerId, inv!.customerId!),
        ),
      );
    expect(optOuts).toHaveLength(1);
    const [again] = await ingestInteractions({
      db: t.database.db,
      orgId: world.org.id,
      publicUrl: PUBLIC_URL,
      items: [
        {
          externalId: `${interaction.externalId}-later`,
          customer: { externalId: (await customerExternalId(inv!.customerId!))! },
          unitExternalId: world.unit.externalId,
          employeeExternalIds: [],
          channel: 'branch',
          occurredAt: new Date().toISOString(),
        },
      ],
    });
    expect(again).toMatchObject({ invitation: null, skippedReason: 'opted_out' });
  });

  it('serves the link as a QR code in SVG and PNG for a valid token only', async () => {
    const { token } = await world.invite();
    const svg = await client.get(`/s/${token}/qr.svg`);
    expect(svg.statusCode).toBe(200);
    expect(svg.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(svg.body).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    const png = await client.get(`/s/${token}/qr.png`);
    expect(png.statusCode).toBe(200);
    expect(png.headers['content-type']).toBe('image/png');
    expect(png.rawPayload.subarray(1, 4).toString()).toBe('PNG');
    expect((await client.get('/s/not-a-real-token-at-all/qr.png')).statusCode).toBe(404);
  });

  it('never sets a cookie and ignores a staff session cookie on the public pages', async () => {
    const { token } = await world.invite();
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: world.admin.email, password: TEST_PASSWORD },
    });
    const session = String(login.headers['set-cookie']).split(';')[0]!;
    expect(session).toMatch(/^vl_session=./);
    // A signed-in staff member's browser sends its session cookie but no CSRF header.
    const cookie = { cookie: session };
    const responses = [
      await client.get(`/s/${token}`, cookie),
      await t.app.inject({
        method: 'PUT',
        url: `/s/${token}/answers`,
        headers: cookie,
        payload: { answers: { result: 5 } },
      }),
      await t.app.inject({
        method: 'POST',
        url: `/s/${token}/submit`,
        headers: cookie,
        payload: { answers: requiredAnswers },
      }),
      await client.get(`/s/${token}/thanks`),
      await client.get(`/s/${token}/qr.svg`),
      await client.get(`/s/${token}/opt-out`),
      await client.get('/s/assets/survey.js'),
      await client.get('/s/nope-nope-nope-nope'),
    ];
    for (const res of responses) {
      expect(res.statusCode).toBeLessThan(500);
      expect(res.headers['set-cookie']).toBeUndefined();
    }
    expect(responses[2]!.statusCode).toBe(200);
  });

  async function customerExternalId(customerId: string) {
    const { customers } = await import('../db/schema/index.ts');
    const [c] = await t.database.db.select().from(customers).where(eq(customers.id, customerId));
    return c?.externalId;
  }
});
