import type { CaseRuleBody } from '@valueloop/contracts';
import type { Ids, ProbeModule } from '../testing/route-probe-types.ts';
import { createCaseQueue } from './loop-settings.ts';
import { createCaseRule } from './rule-service.ts';

/** A rule owned by the first organization's queue: another organization gets 422 for it. */
const ruleBody = (ids: Ids): CaseRuleBody => ({
  name: 'Probe detractors',
  active: true,
  surveyId: null,
  conditions: [{ kind: 'nps_category', in: ['detractor'] }],
  priority: 'high',
  owner: { kind: 'queue', queueId: ids.extra.caseQueueId! },
  slaHours: 24,
});

/** Authorization probes of this module's /api/v1 routes (see http/authorization.test.ts). */
export const caseRuleProbes: ProbeModule = {
  routes: {
    'GET /api/v1/case-rules': {
      action: 'caseRules.read',
      crossOrg: 'no_leak',
      probe: () => ({ url: '/case-rules' }),
    },
    'POST /api/v1/case-rules': {
      action: 'caseRules.manage',
      sessionOnly: true,
      crossOrg: 'rejected',
      probe: (ids) => ({ url: '/case-rules', body: ruleBody(ids) }),
    },
    'POST /api/v1/case-rules/preview': {
      action: 'caseRules.manage',
      sessionOnly: true,
      crossOrg: 'rejected',
      probe: (ids) => ({ url: '/case-rules/preview', body: ruleBody(ids) }),
    },
    'GET /api/v1/case-rules/:id': {
      action: 'caseRules.read',
      crossOrg: 'not_found',
      probe: (ids) => ({ url: `/case-rules/${ids.extra.caseRuleId}` }),
    },
    'PATCH /api/v1/case-rules/:id': {
      action: 'caseRules.manage',
      sessionOnly: true,
      crossOrg: 'not_found',
      // After the first allowed caller the version is stale: later callers get 409, never 403.
      probe: (ids) => ({
        url: `/case-rules/${ids.extra.caseRuleId}`,
        body: { name: 'Renamed probe rule', version: 1 },
      }),
    },
    'DELETE /api/v1/case-rules/:id': {
      action: 'caseRules.manage',
      sessionOnly: true,
      crossOrg: 'not_found',
      probe: (ids) => ({ url: `/case-rules/${ids.extra.deletableCaseRuleId}` }),
    },
    'GET /api/v1/case-queues': {
      action: 'caseRules.read',
      crossOrg: 'no_leak',
      probe: () => ({ url: '/case-queues' }),
    },
    'POST /api/v1/case-queues': {
      action: 'loopSettings.manage',
      sessionOnly: true,
      crossOrg: 'rejected',
      probe: (ids) => ({
        url: '/case-queues',
        body: { name: 'Probe queue 2', memberIds: [ids.personId] },
      }),
    },
    'GET /api/v1/business-hours': {
      action: 'caseRules.read',
      crossOrg: 'no_leak',
      probe: () => ({ url: '/business-hours' }),
    },
    'PUT /api/v1/business-hours': {
      action: 'loopSettings.manage',
      sessionOnly: true,
      crossOrg: 'no_leak',
      probe: () => ({
        url: '/business-hours',
        body: {
          timezone: 'Europe/Lisbon',
          days: [{ weekday: 1, open: '09:00', close: '18:00' }],
          holidays: [],
        },
      }),
    },
  },
  async fixtures(db, ids) {
    const queue = await createCaseQueue({
      db,
      orgId: ids.orgId,
      actorId: ids.personId,
      body: { name: 'Probe queue', memberIds: [ids.personId] },
    });
    const withQueue = { ...ids, extra: { ...ids.extra, caseQueueId: queue.id } };
    const create = (name: string) =>
      createCaseRule({
        db,
        orgId: ids.orgId,
        actorId: ids.personId,
        body: { ...ruleBody(withQueue), name },
      });
    const rule = await create('Probe rule');
    const deletable = await create('Probe rule to delete');
    return { caseQueueId: queue.id, caseRuleId: rule.id, deletableCaseRuleId: deletable.id };
  },
};
