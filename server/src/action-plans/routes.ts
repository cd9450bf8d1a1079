import type { RouteModule } from '../http/types.ts';

export const actionPlanRoutes: RouteModule = () => {};
