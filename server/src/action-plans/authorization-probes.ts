import type { ProbeModule } from '../testing/route-probe-types.ts';
import { createActionPlan } from './create-plan.ts';

/**
 * Authorization probes of this module's /api/v1 routes (see http/authorization.test.ts). The
 * fixture plan is in the front-line unit: the probe's manager leads the back-office unit, so
 * row scoping answers them 403 (`scoped`).
 */
export const actionPlanProbes: ProbeModule = {
  routes: {
    'GET /api/v1/action-plans': {
      action: 'actionPlans.read',
      crossOrg: 'no_leak',
      probe: () => ({ url: '/action-plans' }),
    },
    'GET /api/v1/action-plans/suggestions': {
      action: 'actionPlans.write',
      sessionOnly: true,
      scoped: true,
      crossOrg: 'rejected',
      probe: (ids) => ({ url: `/action-plans/suggestions?unitId=${ids.unitId}` }),
    },
    'POST /api/v1/action-plans': {
      action: 'actionPlans.write',
      sessionOnly: true,
      scoped: true,
      crossOrg: 'rejected',
      probe: (ids) => ({
        url: '/action-plans',
        body: {
          unitId: ids.unitId,
          title: 'Probe plan',
          links: [{ kind: 'pulse_item', ref: 'climate.tools' }],
        },
      }),
    },
    'GET /api/v1/action-plans/:id': {
      action: 'actionPlans.read',
      scoped: true,
      crossOrg: 'not_found',
      probe: (ids) => ({ url: `/action-plans/${ids.extra.actionPlanId}` }),
    },
    'PATCH /api/v1/action-plans/:id': {
      action: 'actionPlans.write',
      sessionOnly: true,
      scoped: true,
      crossOrg: 'not_found',
      // After the first allowed caller the version is stale: later callers get 409, never 403.
      probe: (ids) => ({
        url: `/action-plans/${ids.extra.actionPlanId}`,
        body: { title: 'Renamed probe plan', version: 1 },
      }),
    },
  },
  async fixtures(db, ids) {
    const plan = await createActionPlan({
      db,
      orgId: ids.orgId,
      viewer: { kind: 'organization', unitId: null },
      actorId: ids.personId,
      body: {
        unitId: ids.unitId,
        ownerId: ids.personId,
        title: 'Probe plan',
        description: '',
        dueOn: null,
        followUpWeeks: 8,
        links: [],
      },
    });
    return { actionPlanId: plan.id };
  },
};
