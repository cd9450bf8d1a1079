import type { RouteModule } from '../http/types.ts';
import { caseWorkRoutes } from './case-routes.ts';
import { rootCauseRoutes } from './root-cause-routes.ts';

/** Case work and the root-cause taxonomy. */
export const caseRoutes: RouteModule = async (app, deps) => {
  for (const mod of [caseWorkRoutes, rootCauseRoutes]) {
    await mod(app, deps);
  }
};
