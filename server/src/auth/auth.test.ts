import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization, createPerson, TEST_PASSWORD } from '../testing/factories.ts';
import { createTestApp, databaseKinds, type TestApp } from '../testing/harness.ts';
import { signInAs } from '../testing/http-client.ts';

describe.each(databaseKinds)('authentication on %s', (kind) => {
  let t: TestApp;
  let admin: Awaited<ReturnType<typeof createPerson>>;
  beforeAll(async () => {
    t = await createTestApp(kind, { VALUELOOP_LOGIN_MAX_FAILURES: '3' });
    const org = await createOrganization(t.database.db);
    admin = await createPerson(t.database.db, org.id, { roles: ['admin'] });
  });
  afterAll(() => t.close());

  it('signs in with the right password and returns the session with a CSRF token', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: admin.email.toUpperCase(), password: TEST_PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().person.id).toBe(admin.id);
    expect(res.headers['set-cookie']).toMatch(/vl_session=.*HttpOnly.*SameSite=Lax/i);
  });

  it('answers 401 problem+json naming no account for a wrong password', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'nobody@example.test', password: 'x' },
    });
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ code: 'invalid_credentials', status: 401 });
    expect(res.json().requestId).toBeTruthy();
  });

  it('locks the account after repeated wrong passwords, even for the right one', async () => {
    const victim = await createPerson(t.database.db, admin.orgId);
    const attempt = (password: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: victim.email, password },
      });
    expect((await attempt('wrong-1')).statusCode).toBe(401);
    expect((await attempt('wrong-2')).statusCode).toBe(401);
    const locked = await attempt('wrong-3');
    expect(locked.statusCode).toBe(423);
    expect(locked.json().detail).toMatch(/locked for 15 minute/);
    expect((await attempt(TEST_PASSWORD)).statusCode).toBe(423);
  });

  it('rejects a cookie-authenticated write without the CSRF header with 403', async () => {
    const client = await signInAs(t.app, admin.email);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/api-tokens',
      headers: { cookie: client.cookie },
      payload: { name: 'x', scopes: ['read'] },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('csrf_failed');
  });

  it('ends the session on logout so the cookie no longer works', async () => {
    const client = await signInAs(t.app, admin.email);
    expect((await client.request('POST', '/api/v1/auth/logout')).statusCode).toBe(200);
    const after = await client.request('GET', '/api/v1/auth/session');
    expect(after.statusCode).toBe(401);
  });

  it('creates an API token once, authenticates with it, and refuses it after revocation', async () => {
    const client = await signInAs(t.app, admin.email);
    const created = await client.request('POST', '/api/v1/api-tokens', {
      name: 'kiosk',
      scopes: ['read'],
    });
    expect(created.statusCode).toBe(201);
    const { token, id } = created.json();
    expect(token).toMatch(/^vl_/);
    const list = await client.request('GET', '/api/v1/api-tokens');
    expect(JSON.stringify(list.json())).not.toContain(token);
    const withToken = () =>
      t.app.inject({
        method: 'GET',
        url: '/api/v1/api-tokens',
        headers: { authorization: `Bearer ${token}` },
      });
    expect((await withToken()).statusCode).toBe(403);
    expect((await client.request('DELETE', `/api/v1/api-tokens/${id}`)).statusCode).toBe(200);
    expect((await withToken()).statusCode).toBe(401);
  });

  it('rejects unknown body fields with 422 naming the field', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: admin.email, password: 'x', admin: true },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].field).toBe('body.admin');
  });

  it('resets a password through the token e-mailed to the outbox', async () => {
    const person = await createPerson(t.database.db, admin.orgId);
    const req = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset',
      payload: { email: person.email },
    });
    expect(req.statusCode).toBe(202);
    const { outboxMessages } = await import('../db/schema/index.ts');
    const { eq } = await import('drizzle-orm');
    const [mail] = await t.database.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.toAddress, person.email));
    const token = /token=([\w-]+)/.exec(mail!.bodyText)![1]!;
    const confirm = (password: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/password-reset/confirm',
        payload: { token, password },
      });
    expect((await confirm('a brand new password')).statusCode).toBe(200);
    expect((await confirm('another new password')).statusCode).toBe(410);
    await expect(signInAs(t.app, person.email, 'a brand new password')).resolves.toBeTruthy();
  });
});
