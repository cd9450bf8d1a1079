import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessions } from '../db/schema/index.ts';
import { createOrganization, createPerson } from '../testing/factories.ts';
import { createTestApp, databaseKinds, type TestApp } from '../testing/harness.ts';
import { signInAs } from '../testing/http-client.ts';

describe.each(databaseKinds)('HTTP application on %s', (kind) => {
  let t: TestApp;
  let email: string;
  beforeAll(async () => {
    t = await createTestApp(kind, { VALUELOOP_BODY_LIMIT_BYTES: '2048' });
    const org = await createOrganization(t.database.db);
    email = (await createPerson(t.database.db, org.id, { roles: ['admin'] })).email;
  });
  afterAll(() => t.close());

  it('publishes an OpenAPI 3.1 document describing the /api/v1 routes', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/auth/login',
        '/api/v1/units',
        '/api/v1/people',
        '/api/v1/surveys',
      ]),
    );
    expect(doc.paths['/api/v1/auth/login'].post.requestBody).toBeDefined();
  });

  it('serves the browsable API documentation', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
  });

  it('answers 413 problem+json to a body over the configured limit', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'a@example.test', password: 'x'.repeat(4000) },
    });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ code: 'payload_too_large', status: 413 });
  });

  it('answers 401 session_expired when the session has run out', async () => {
    const client = await signInAs(t.app, email);
    await t.database.db
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(
        eq(
          sessions.orgId,
          (await client.request('GET', '/api/v1/auth/session')).json().organization.id,
        ),
      );
    const res = await client.request('GET', '/api/v1/people/me');
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('session_expired');
  });

  it('answers an unknown API path with a 404 problem carrying a request id', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.json().requestId).toBe(res.headers['x-request-id']);
  });

  it('answers malformed JSON with 400, not 500', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"email": ',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('bad_request');
  });
});
