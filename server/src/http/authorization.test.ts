import type { Role } from '@valueloop/contracts';
import Fastify, { type LightMyRequestResponse } from 'fastify';
import {
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../auth/api-token-service.ts';
import { webhookDeliveries } from '../db/schema/index.ts';
import { policy } from '../policies/index.ts';
import { createSurvey, publishSurvey } from '../surveys/survey-service.ts';
import {
  createOrganization,
  createPerson,
  createResponse,
  createUnit,
} from '../testing/factories.ts';
import { createTestApp, databaseKinds, type TestApp, testConfig } from '../testing/harness.ts';
import { type SignedIn, signInAs } from '../testing/http-client.ts';
import type { Ids, Probe, RouteSpec } from '../testing/route-probe-types.ts';
import { createWebhook } from '../webhooks/subscription-service.ts';
import { apiRouteModules } from './route-modules.ts';
import { moduleProbes } from './route-probes.ts';
import type { ZodApp } from './types.ts';

const csv = 'text/csv';
const unitCsv = 'external_id,name,level,kind\nPROBE-U,Probe unit,team,front_line';

/** Every /api/v1 route. The test fails when the app has a route missing here (or vice versa). */
const coreRoutes: Record<string, RouteSpec> = {
  'GET /api/v1/surveys': {
    action: 'surveys.read',
    crossOrg: 'no_leak',
    probe: () => ({ url: '/surveys' }),
  },
  'POST /api/v1/surveys': {
    action: 'surveys.write',
    sessionOnly: true,
    crossOrg: 'none',
    probe: () => ({ url: '/surveys', body: { name: 'Probe survey' } }),
  },
  'GET /api/v1/surveys/:id': {
    action: 'surveys.read',
    crossOrg: 'not_found',
    probe: (ids) => ({ url: `/surveys/${ids.surveyId}` }),
  },
  'PATCH /api/v1/surveys/:id': {
    action: 'surveys.write',
    sessionOnly: true,
    crossOrg: 'not_found',
    probe: (ids) => ({ url: `/surveys/${ids.surveyId}`, body: { name: 'Renamed' } }),
  },
  'POST /api/v1/surveys/:id/publish': {
    action: 'surveys.write',
    sessionOnly: true,
    crossOrg: 'not_found',
    probe: (ids) => ({ url: `/surveys/${ids.surveyId}/publish` }),
  },
  'GET /api/v1/surveys/:id/versions': {
    action: 'surveys.read',
    crossOrg: 'not_found',
    probe: (ids) => ({ url: `/surveys/${ids.surveyId}/versions` }),
  },
  'GET /api/v1/surveys/:id/versions/:version': {
    action: 'surveys.read',
    crossOrg: 'not_found',
    probe: (ids) => ({ url: `/surveys/${ids.surveyId}/versions/1` }),
  },
  'POST /api/v1/interactions': {
    action: 'interactions.ingest',
    crossOrg: 'rejected',
    probe: (ids) => ({
      url: '/interactions',
      body: {
        items: [
          {
            externalId: `PROBE-I-${Math.random()}`,
            customer: { externalId: 'PROBE-C' },
            unitExternalId: ids.unitExternalId,
            channel: 'branch',
            occurredAt: '2026-01-05T10:00:00Z',
          },
        ],
      },
    }),
  },
  'POST /api/v1/responses': {
    action: 'responses.ingest',
    crossOrg: 'rejected',
    probe: (ids) => ({
      url: '/responses',
      body: {
        items: [
          {
            submissionId: `PROBE-R-${Math.random()}`,
            surveyId: ids.surveyId,
            version: 1,
            answers: { result: 4, sat: 4, nps: 9 },
          },
        ],
      },
    }),
  },
  'POST /api/v1/imports/responses': {
    action: 'responses.ingest',
    crossOrg: 'rejected',
    probe: (ids) => ({
      url: `/imports/responses?surveyId=${ids.surveyId}&version=1`,
      body: `submission_id,result,sat,nps\nPROBE-CSV-${Math.random()},4,4,9`,
      contentType: csv,
    }),
  },
  'GET /api/v1/responses': {
    action: 'responses.read',
    scoped: true,
    crossOrg: 'no_leak',
    probe: () => ({ url: '/responses' }),
  },
  'GET /api/v1/responses/:id': {
    action: 'responses.read',
    scoped: true,
    crossOrg: 'not_found',
    probe: (ids) => ({ url: `/responses/${ids.responseId}` }),
  },
  'GET /api/v1/exports/responses.csv': {
    action: 'responses.export',
    crossOrg: 'no_leak',
    probe: () => ({ url: '/exports/responses.csv' }),
  },
  'GET /api/v1/exports/responses.xlsx': {
    action: 'responses.export',
    crossOrg: 'no_leak',
    probe: () => ({ url: '/exports/responses.xlsx' }),
  },
  'GET /api/v1/webhooks': {
    action: 'webhooks.manage',
    sessionOnly: true,
    crossOrg: 'no_leak',
    probe: () => ({ url: '/webhooks' }),
  },
  'POST /api/v1/webhooks': {
    action: 'webhooks.manage',
    sessionOnly: true,
    crossOrg: 'none',
    probe: () => ({
      url: '/webhooks',
      body: { url: 'https://hooks.example.test/in', eventTypes: ['response.received'] },
    }),
  },
  'PATCH /api/v1/webhooks/:id': {
    action: 'webhooks.manage',
    sessionOnly: true,
    crossOrg: 'not_found',
    probe: (ids) => ({ url: `/webhooks/${ids.webhookId}`, body: { active: true } }),
  },
  'DELETE /api/v1/webhooks/:id': {
    action: 'webhooks.manage',
    sessionOnly: true,
    crossOrg: 'not_found',
    // A random id: deleting the probe's own webhook would turn the other probes into 404s.
    probe: () => ({ url: `/webhooks/${crypto.randomUUID()}` }),
  },
  'GET /api/v1/webhooks/:id/deliveries': {
    action: 'webhooks.manage',
    sessionOnly: true,
    crossOrg: 'not_found',
    probe: (ids) => ({ url: `/webhooks/${ids.webhookId}/deliveries` }),
  },
  'POST /api/v1/webhooks/deliveries/:id/redeliver': {
    action: 'webhooks.manage',
    sessionOnly: true,
    crossOrg: 'not_found',
    probe: (ids) => ({ url: `/webhooks/deliveries/${ids.webhookDeliveryId}/redeliver` }),
  },
  'POST /api/v1/auth/login': {
    public: true,
    crossOrg: 'none',
    probe: () => ({ url: '/auth/login', body: { email: 'x@example.test', password: 'x' } }),
  },
  'GET /api/v1/auth/session': {
    sessionOnly: true,
    crossOrg: 'no_leak',
    probe: () => ({ url: '/auth/session' }),
  },
  'POST /api/v1/auth/logout': {
    sessionOnly: true,
    skipAllowed: true,
    crossOrg: 'none',
    probe: () => ({ url: '/auth/logout' }),
  },
  'POST /api/v1/auth/password-reset': {
    public: true,
    crossOrg: 'none',
    probe: () => ({ url: '/auth/password-reset', body: { email: 'nobody@example.test' } }),
  },
  'POST /api/v1/auth/password-reset/confirm': {
    public: true,
    crossOrg: 'none',
    probe: () => ({
      url: '/auth/password-reset/confirm',
      body: { token: 'x'.repeat(40), password: 'a long enough password' },
    }),
  },
  'GET /api/v1/api-tokens': {
    action: 'apiTokens.manage',
    sessionOnly: true,
    crossOrg: 'no_leak',
    probe: () => ({ url: '/api-tokens' }),
  },
  'POST /api/v1/api-tokens': {
    action: 'apiTokens.manage',
    sessionOnly: true,
    crossOrg: 'none',
    probe: () => ({ url: '/api-tokens', body: { name: 'probe', scopes: ['read'] } }),
  },
  'DELETE /api/v1/api-tokens/:id': {
    action: 'apiTokens.manage',
    sessionOnly: true,
    crossOrg: 'not_found',
    probe: (ids) => ({ url: `/api-tokens/${ids.tokenId}` }),
  },
  'GET /api/v1/organization': {
    action: 'org.read',
    crossOrg: 'no_leak',
    probe: () => ({ url: '/organization' }),
  },
  'PATCH /api/v1/organization': {
    action: 'org.configure',
    crossOrg: 'no_leak',
    probe: () => ({ url: '/organization', body: { currency: 'USD' } }),
  },
  'GET /api/v1/dev/mailbox': {
    action: 'mailbox.read',
    crossOrg: 'no_leak',
    probe: () => ({ url: '/dev/mailbox' }),
  },
  'GET /api/v1/units': {
    action: 'units.read',
    crossOrg: 'no_leak',
    probe: () => ({ url: '/units' }),
  },
  'GET /api/v1/units/tree': {
    action: 'units.read',
    crossOrg: 'no_leak',
    probe: () => ({ url: '/units/tree' }),
  },
  'GET /api/v1/units/:id': {
    action: 'units.read',
    crossOrg: 'not_found',
    probe: (ids) => ({ url: `/units/${ids.unitId}` }),
  },
  'POST /api/v1/units': {
    action: 'units.write',
    crossOrg: 'rejected',
    probe: (ids) => ({
      url: '/units',
      body: {
        externalId: 'PROBE',
        name: 'P',
        level: 'team',
        kind: 'front_line',
        parentId: ids.unitId,
      },
    }),
  },
  'PATCH /api/v1/units/:id': {
    action: 'units.write',
    crossOrg: 'not_found',
    probe: (ids) => ({ url: `/units/${ids.unitId}`, body: { level: 'team' } }),
  },
  'GET /api/v1/support-edges': {
    action: 'units.read',
    crossOrg: 'no_leak',
    probe: () => ({ url: '/support-edges' }),
  },
  'POST /api/v1/support-edges': {
    action: 'units.write',
    crossOrg: 'rejected',
    probe: (ids) => ({
      url: '/support-edges',
      body: { fromUnitId: ids.backOfficeId, toUnitId: ids.unitId },
    }),
  },
  'DELETE /api/v1/support-edges': {
    action: 'units.write',
    crossOrg: 'not_found',
    probe: (ids) => ({ url: `/support-edges?from=${ids.backOfficeId}&to=${ids.unitId}` }),
  },
  'GET /api/v1/people': {
    action: 'people.read',
    crossOrg: 'no_leak',
    probe: () => ({ url: '/people' }),
  },
  'GET /api/v1/people/me': {
    action: 'people.read',
    sessionOnly: true,
    crossOrg: 'no_leak',
    probe: () => ({ url: '/people/me' }),
  },
  'GET /api/v1/people/:id': {
    action: 'people.read',
    scoped: true,
    crossOrg: 'not_found',
    probe: (ids) => ({ url: `/people/${ids.personId}` }),
  },
  'POST /api/v1/people': {
    action: 'people.write',
    crossOrg: 'rejected',
    probe: (ids) => ({
      url: '/people',
      body: { externalId: 'PROBE', name: 'P', email: 'probe@example.test', unitId: ids.unitId },
    }),
  },
  'PATCH /api/v1/people/:id': {
    action: 'people.write',
    crossOrg: 'not_found',
    probe: (ids) => ({ url: `/people/${ids.personId}`, body: { hireDate: '2024-01-15' } }),
  },
  'GET /api/v1/customers': {
    action: 'customers.read',
    crossOrg: 'no_leak',
    probe: () => ({ url: '/customers' }),
  },
  'POST /api/v1/customers': {
    action: 'customers.write',
    crossOrg: 'none',
    probe: () => ({ url: '/customers', body: { externalId: 'PROBE-C' } }),
  },
  'POST /api/v1/imports/:kind': {
    action: 'imports.run',
    crossOrg: 'none',
    probe: () => ({ url: '/imports/units', body: unitCsv, contentType: csv }),
  },
  'GET /api/v1/exports/:file': {
    action: 'exports.run',
    crossOrg: 'no_leak',
    probe: () => ({ url: '/exports/units.csv' }),
  },
};

const routes: Record<string, RouteSpec> = Object.assign(
  {},
  coreRoutes,
  ...moduleProbes.map((m) => m.routes),
);

/** Registers the app's route modules on a bare instance and records every route they add. */
async function collectApiRoutes(deps: Parameters<(typeof apiRouteModules)[number]>[1]) {
  const found: string[] = [];
  const bare = Fastify().withTypeProvider<ZodTypeProvider>();
  bare.setValidatorCompiler(validatorCompiler);
  bare.setSerializerCompiler(serializerCompiler);
  bare.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const m of methods) if (m !== 'HEAD') found.push(`${m} ${route.url}`);
  });
  await bare.register(
    async (api) => {
      for (const mod of apiRouteModules) await mod(api as unknown as ZodApp, deps);
    },
    { prefix: '/api/v1' },
  );
  await bare.ready();
  await bare.close();
  return found.sort();
}

type Caller = { name: string; roles?: Role[]; token?: 'read' | 'ingest'; send: Send };
type Send = (method: string, probe: Probe) => Promise<LightMyRequestResponse>;

describe.each(databaseKinds)('authorization probe on %s', (kind) => {
  let t: TestApp;
  let ids: Ids;
  let callers: Caller[];
  let otherAdmin: Send;
  let anonymous: Send;

  const sender =
    (headers: Record<string, string>): Send =>
    (method, probe) =>
      t.app.inject({
        method: method as 'GET',
        url: `/api/v1${probe.url}`,
        headers: {
          ...headers,
          ...(probe.contentType ? { 'content-type': probe.contentType } : {}),
        },
        payload: probe.body,
      });
  const fromClient = (c: SignedIn) => sender({ cookie: c.cookie, 'x-csrf-token': c.csrfToken });

  beforeAll(async () => {
    t = await createTestApp(kind);
    const db = t.database.db;
    const org = await createOrganization(db);
    const unit = await createUnit(db, org.id);
    const backOffice = await createUnit(db, org.id, { kind: 'back_office' });
    const target = await createPerson(db, org.id, { unitId: unit.id, payBand: 'SECRET-BAND' });
    const roles: Role[] = ['admin', 'analyst', 'executive', 'manager', 'employee'];
    callers = [];
    for (const role of roles) {
      const unitId = role === 'manager' ? backOffice.id : null;
      const p = await createPerson(db, org.id, { roles: [role], unitId });
      callers.push({ name: role, roles: [role], send: fromClient(await signInAs(t.app, p.email)) });
    }
    for (const scope of ['read', 'ingest'] as const) {
      const { token } = await createApiToken({
        db,
        orgId: org.id,
        createdBy: target.id,
        name: scope,
        scopes: [scope],
      });
      callers.push({
        name: `${scope} token`,
        token: scope,
        send: sender({ authorization: `Bearer ${token}` }),
      });
    }
    const victim = await createApiToken({
      db,
      orgId: org.id,
      createdBy: target.id,
      name: 'v',
      scopes: ['read'],
    });
    const survey = await createSurvey({
      db,
      orgId: org.id,
      actorId: target.id,
      body: { kind: 'customer', name: 'Probe', template: 'customer_value' },
    });
    const version = await publishSurvey({
      db,
      orgId: org.id,
      surveyId: survey.id,
      actorId: target.id,
    });
    const response = await createResponse(
      db,
      { ...version, orgId: org.id },
      { unitId: unit.id, employeeId: target.id },
    );
    const webhook = await createWebhook({
      db,
      orgId: org.id,
      actorId: target.id,
      env: 'test',
      body: { url: 'https://hooks.example.test/in', eventTypes: ['response.received'] },
    });
    const [delivery] = await db
      .insert(webhookDeliveries)
      .values({
        orgId: org.id,
        subscriptionId: webhook.id,
        messageId: 'msg_probe',
        eventType: 'response.received',
        payload: {},
      })
      .returning();
    ids = {
      orgId: org.id,
      orgSlug: org.slug,
      unitId: unit.id,
      backOfficeId: backOffice.id,
      personId: target.id,
      tokenId: victim.id,
      unitExternalId: unit.externalId,
      surveyId: survey.id,
      webhookId: webhook.id,
      webhookDeliveryId: delivery!.id,
      responseId: response.id,
      extra: {},
    };
    for (const m of moduleProbes) Object.assign(ids.extra, await m.fixtures?.(db, ids));
    const other = await createOrganization(db);
    const stranger = await createPerson(db, other.id, { roles: ['admin'] });
    otherAdmin = fromClient(await signInAs(t.app, stranger.email));
    anonymous = sender({});
  });
  afterAll(() => t.close());

  const entries = () =>
    Object.entries(routes).map(([key, spec]) => {
      const [method, path] = key.split(' ') as [string, string];
      return { key, method, path, spec };
    });

  it('covers every /api/v1 route the app registers, and nothing else', async () => {
    const registered = await collectApiRoutes({ db: t.database.db, config: testConfig() });
    expect(registered).toEqual(Object.keys(routes).sort());
    for (const { method, path } of entries()) {
      expect(t.app.hasRoute({ method: method as 'GET', url: path }), path).toBe(true);
    }
  });

  it('answers 401 to an unauthenticated caller on every non-public route', async () => {
    for (const { key, method, spec } of entries()) {
      if (spec.public) continue;
      const res = await anonymous(method, spec.probe(ids));
      expect(res.statusCode, key).toBe(401);
    }
  });

  it('never gives another organization data by the first organization ids', async () => {
    const secrets = () => [ids.orgId, ids.orgSlug, ids.unitId, ids.backOfficeId, ids.personId];
    for (const { key, method, spec } of entries()) {
      if (spec.crossOrg === 'none') continue;
      const res = await otherAdmin(method, spec.probe(ids));
      if (spec.crossOrg === 'not_found') expect(res.statusCode, key).toBe(404);
      if (spec.crossOrg === 'rejected') expect(res.statusCode, key).toBeGreaterThanOrEqual(400);
      // A problem's `instance` echoes the caller's own URL; everything else must be clean.
      const isProblem = String(res.headers['content-type']).includes('problem+json');
      const body = isProblem ? JSON.stringify({ ...res.json(), instance: null }) : res.body;
      for (const secret of secrets()) expect(body, key).not.toContain(secret);
    }
  });

  it('answers 403 to every role and token scope the policy does not allow', async () => {
    for (const { key, method, spec } of entries()) {
      if (spec.public) continue;
      for (const caller of callers) {
        const rule = spec.action ? policy[spec.action] : null;
        const allowed = caller.token
          ? !spec.sessionOnly &&
            (rule?.scopes as readonly string[] | undefined)?.includes(caller.token) === true
          : !rule || caller.roles!.some((r) => (rule.roles as readonly Role[]).includes(r));
        if (allowed && spec.skipAllowed) continue;
        const res = await caller.send(method, spec.probe(ids));
        const where = `${key} as ${caller.name}`;
        if (!allowed) expect(res.statusCode, where).toBe(403);
        else if (spec.scoped) expect(res.statusCode, where).not.toBe(401);
        else expect([401, 403], `${where}: ${res.body}`).not.toContain(res.statusCode);
      }
    }
  });

  it('shows the pay band to no one but admins', async () => {
    for (const caller of callers) {
      const res = await caller.send('GET', { url: `/people/${ids.personId}` });
      if (caller.name === 'admin') expect(res.body).toContain('SECRET-BAND');
      else expect(res.body, caller.name).not.toContain('SECRET-BAND');
    }
  });
});
