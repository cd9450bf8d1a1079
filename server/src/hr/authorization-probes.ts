import { createPerson } from '../testing/factories.ts';
import type { ProbeModule } from '../testing/route-probe-types.ts';

/** Authorization probes of this module's /api/v1 routes (see http/authorization.test.ts). */
export const hrProbes: ProbeModule = {
  routes: {
    'POST /api/v1/hr/imports/:kind': {
      action: 'hr.import',
      sessionOnly: true,
      crossOrg: 'none',
      probe: (ids) => ({
        url: '/hr/imports/pay-bands',
        body: `person_external_id,pay_band\n${ids.extra.hrPersonExternalId},B3\n`,
        contentType: 'text/csv',
      }),
    },
    'GET /api/v1/hr/retention': {
      action: 'retention.read',
      scoped: true,
      crossOrg: 'not_found',
      probe: (ids) => ({ url: `/hr/retention?unitId=${ids.unitId}` }),
    },
  },
  async fixtures(db, ids) {
    // A person of its own, so the pay-band probe never touches the shared target's band.
    const person = await createPerson(db, ids.orgId, { unitId: ids.unitId });
    return { hrPersonExternalId: person.externalId };
  },
};
