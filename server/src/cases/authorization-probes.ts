import { rootCauses } from '../db/schema/index.ts';
import { createCase } from '../testing/factories.ts';
import type { ProbeModule } from '../testing/route-probe-types.ts';

/** Authorization probes of this module's /api/v1 routes (see http/authorization.test.ts). */
export const caseProbes: ProbeModule = {
  routes: {
    'GET /api/v1/cases': {
      action: 'cases.read',
      crossOrg: 'no_leak',
      probe: () => ({ url: '/cases' }),
    },
    'GET /api/v1/cases/:id': {
      action: 'cases.read',
      scoped: true,
      crossOrg: 'not_found',
      probe: (ids) => ({ url: `/cases/${ids.extra.caseId}` }),
    },
    'PATCH /api/v1/cases/:id': {
      action: 'cases.work',
      scoped: true,
      crossOrg: 'not_found',
      // Only the version: an allowed caller changes nothing and gets the case back.
      probe: (ids) => ({ url: `/cases/${ids.extra.caseId}`, body: { version: 1 } }),
    },
    'POST /api/v1/cases/:id/notes': {
      action: 'cases.work',
      sessionOnly: true,
      scoped: true,
      crossOrg: 'not_found',
      probe: (ids) => ({ url: `/cases/${ids.extra.caseId}/notes`, body: { text: 'Probe note' } }),
    },
    'POST /api/v1/cases/bulk-assign': {
      action: 'cases.work',
      scoped: true,
      crossOrg: 'rejected',
      probe: (ids) => ({
        url: '/cases/bulk-assign',
        body: { caseIds: [ids.extra.caseId], ownerId: ids.personId },
      }),
    },
    'GET /api/v1/root-causes': {
      action: 'cases.read',
      crossOrg: 'no_leak',
      probe: () => ({ url: '/root-causes' }),
    },
    'POST /api/v1/root-causes': {
      action: 'loopSettings.manage',
      crossOrg: 'rejected',
      // Under the fixture's cause: another organization's admin gets 422 (unknown parent).
      probe: (ids) => ({
        url: '/root-causes',
        body: { name: 'Probe sub-cause', parentId: ids.extra.rootCauseId },
      }),
    },
    'PATCH /api/v1/root-causes/:id': {
      action: 'loopSettings.manage',
      crossOrg: 'not_found',
      probe: (ids) => ({ url: `/root-causes/${ids.extra.rootCauseId}`, body: { active: true } }),
    },
    'GET /api/v1/root-causes/pareto': {
      action: 'cases.read',
      crossOrg: 'no_leak',
      probe: () => ({ url: '/root-causes/pareto' }),
    },
  },
  async fixtures(db, ids) {
    const [cause] = await db
      .insert(rootCauses)
      .values({ orgId: ids.orgId, name: 'Probe cause' })
      .returning();
    const row = await createCase(db, {
      orgId: ids.orgId,
      responseId: ids.responseId,
      unitId: ids.unitId,
      ownerId: ids.personId,
    });
    return { caseId: row.id, rootCauseId: cause!.id };
  },
};
