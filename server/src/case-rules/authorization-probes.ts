import type { ProbeModule } from '../testing/route-probe-types.ts';

/** Authorization probes of this module's /api/v1 routes (see http/authorization.test.ts). */
export const caseRuleProbes: ProbeModule = { routes: {} };
