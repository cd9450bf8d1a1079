import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization, createPerson } from '../testing/factories.ts';
import { createTestApp, databaseKinds, type TestApp } from '../testing/harness.ts';
import { type SignedIn, signInAs } from '../testing/http-client.ts';
import { notify } from './notify.ts';

describe.each(databaseKinds)('notification inbox on %s', (kind) => {
  let t: TestApp;
  let orgId: string;
  let me: { id: string; email: string };
  let other: { id: string; email: string };
  let client: SignedIn;

  const tell = (personId: string, title: string, dedupeKey?: string) =>
    notify({
      db: t.database.db,
      orgId,
      personId,
      kind: 'case_assigned',
      title,
      body: `Body of ${title}`,
      link: '/cases/1',
      dedupeKey,
      email: false,
    });

  beforeAll(async () => {
    t = await createTestApp(kind);
    orgId = (await createOrganization(t.database.db)).id;
    me = await createPerson(t.database.db, orgId, { roles: ['employee'] });
    other = await createPerson(t.database.db, orgId, { roles: ['manager'] });
    for (let i = 1; i <= 5; i++) await tell(me.id, `Mine ${i}`);
    await tell(other.id, 'Not yours');
    client = await signInAs(t.app, me.email);
  });
  afterAll(() => t.close());

  it('lists only the caller’s own notifications, newest first, with the unread count', async () => {
    const res = await client.request('GET', '/api/v1/notifications');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.unread).toBe(5);
    expect(body.items.map((n: { title: string }) => n.title)).toEqual([
      'Mine 5',
      'Mine 4',
      'Mine 3',
      'Mine 2',
      'Mine 1',
    ]);
    expect(body.items[0]).toMatchObject({ kind: 'case_assigned', link: '/cases/1', readAt: null });
    expect(JSON.stringify(body)).not.toContain('Not yours');
    expect(body.nextCursor).toBeNull();
  });

  it('pages through the inbox with a cursor without skipping or repeating', async () => {
    const seen: string[] = [];
    let url = '/api/v1/notifications?limit=2';
    for (;;) {
      const body = (await client.request('GET', url)).json();
      seen.push(...body.items.map((n: { title: string }) => n.title));
      if (!body.nextCursor) break;
      url = `/api/v1/notifications?limit=2&cursor=${body.nextCursor}`;
    }
    expect(seen).toEqual(['Mine 5', 'Mine 4', 'Mine 3', 'Mine 2', 'Mine 1']);
  });

  it('names the field of a bad cursor or limit', async () => {
    const cursor = await client.request('GET', '/api/v1/notifications?cursor=nonsense');
    expect(cursor.statusCode).toBe(422);
    expect(cursor.json().errors[0].field).toBe('query.cursor');
    const limit = await client.request('GET', '/api/v1/notifications?limit=0');
    expect(limit.statusCode).toBe(422);
    expect(limit.json().errors[0].field).toBe('query.limit');
  });

  it('tells a person once per de-duplication key', async () => {
    const someone = await createPerson(t.database.db, orgId);
    expect(await tell(someone.id, 'At risk', 'sla_at_risk:1')).toBe(true);
    expect(await tell(someone.id, 'At risk again', 'sla_at_risk:1')).toBe(false);
    const inbox = (
      await (await signInAs(t.app, someone.email)).request('GET', '/api/v1/notifications')
    ).json();
    expect(inbox.items).toHaveLength(1);
  });

  it('marks one notification read, keeping the first read time, and counts it no more', async () => {
    const [latest] = (await client.request('GET', '/api/v1/notifications')).json().items;
    const first = await client.request('POST', `/api/v1/notifications/${latest.id}/read`);
    expect(first.statusCode).toBe(200);
    expect(first.json().readAt).not.toBeNull();
    const again = await client.request('POST', `/api/v1/notifications/${latest.id}/read`);
    expect(again.json().readAt).toBe(first.json().readAt);
    const inbox = (await client.request('GET', '/api/v1/notifications')).json();
    expect(inbox.unread).toBe(4);
    const unreadOnly = (await client.request('GET', '/api/v1/notifications?unread=true')).json();
    expect(unreadOnly.items.map((n: { id: string }) => n.id)).not.toContain(latest.id);
  });

  it('answers 404 for someone else’s notification and leaves it unread', async () => {
    const otherClient = await signInAs(t.app, other.email);
    const [theirs] = (await otherClient.request('GET', '/api/v1/notifications')).json().items;
    const res = await client.request('POST', `/api/v1/notifications/${theirs.id}/read`);
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain('Not yours');
    const after = (await otherClient.request('GET', '/api/v1/notifications')).json();
    expect(after.unread).toBe(1);
  });

  it('marks all of the caller’s notifications read, and nobody else’s', async () => {
    const res = await client.request('POST', '/api/v1/notifications/read-all');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ marked: 4 });
    expect((await client.request('GET', '/api/v1/notifications')).json().unread).toBe(0);
    const otherClient = await signInAs(t.app, other.email);
    expect((await otherClient.request('GET', '/api/v1/notifications')).json().unread).toBe(1);
  });

  it('refuses API tokens: an inbox belongs to a signed-in person', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/notifications',
      headers: { authorization: 'Bearer vl_unknown' },
    });
    expect(res.statusCode).toBe(401);
  });
});
