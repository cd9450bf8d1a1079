import { actionPlanRoutes } from '../action-plans/routes.ts';
import { authRoutes } from '../auth/routes.ts';
import { caseRuleRoutes } from '../case-rules/routes.ts';
import { caseRoutes } from '../cases/routes.ts';
import { employeeResultRoutes } from '../employee-results/routes.ts';
import { hrRoutes } from '../hr/routes.ts';
import { importRoutes } from '../imports/routes.ts';
import { interactionRoutes } from '../interactions/routes.ts';
import { notificationRoutes } from '../notifications/routes.ts';
import { orgRoutes } from '../org/routes.ts';
import { pulseRoutes } from '../pulses/routes.ts';
import { recoveryRoutes } from '../recovery/routes.ts';
import { responseRoutes } from '../responses/routes.ts';
import { surveyRoutes } from '../surveys/routes.ts';
import { webhookRoutes } from '../webhooks/routes.ts';
import type { RouteModule } from './types.ts';

/** Every /api/v1 route module, in one list. */
export const apiRouteModules: RouteModule[] = [
  authRoutes,
  orgRoutes,
  importRoutes,
  surveyRoutes,
  interactionRoutes,
  responseRoutes,
  webhookRoutes,
  pulseRoutes,
  employeeResultRoutes,
  hrRoutes,
  caseRuleRoutes,
  caseRoutes,
  recoveryRoutes,
  actionPlanRoutes,
  notificationRoutes,
];
