import type { RouteModule } from '../http/types.ts';
import { customerRoutes } from './customer-routes.ts';
import { organizationRoutes } from './organization-routes.ts';
import { peopleRoutes } from './people-routes.ts';
import { unitRoutes } from './unit-routes.ts';

/** Organization structure: the organization, units, support edges, people, customers. */
export const orgRoutes: RouteModule = async (app, deps) => {
  for (const mod of [organizationRoutes, unitRoutes, peopleRoutes, customerRoutes]) {
    await mod(app, deps);
  }
};
