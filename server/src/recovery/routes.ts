import type { RouteModule } from '../http/types.ts';

export const recoveryRoutes: RouteModule = () => {};
