import { caseReplyRoutes } from '../cases/reply-routes.ts';
import type { RouteModule } from '../http/types.ts';
import { allowanceRoutes } from './allowance-routes.ts';
import { recoveryActionRoutes } from './recovery-action-routes.ts';

/** Service recovery: allowances, recovery actions and approvals, ledger, ROI; case replies. */
export const recoveryRoutes: RouteModule = async (app, deps) => {
  for (const mod of [allowanceRoutes, recoveryActionRoutes, caseReplyRoutes]) {
    await mod(app, deps);
  }
};
