import { employeeSurveyPageRoutes } from '../pulses/page/plugin.ts';
import { surveyPageRoutes } from '../survey-page/plugin.ts';
import type { RouteDeps, RouteModule, ZodApp } from './types.ts';

/** Public, server-rendered pages outside /api (no login, no cookies), in one list. */
export const pageModules: RouteModule[] = [surveyPageRoutes, employeeSurveyPageRoutes];

/** Registers each page module in its own context. Sessions are resolved only under /api/. */
export async function registerPageModules(app: ZodApp, deps: RouteDeps): Promise<void> {
  for (const mod of pageModules) await app.register(async (scope) => mod(scope as ZodApp, deps));
}
