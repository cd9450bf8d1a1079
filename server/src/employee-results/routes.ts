import {
  heatmapSchema,
  internalServiceResultsSchema,
  resultsQuerySchema,
  teamPulseQuerySchema,
  teamPulseSchema,
} from '@valueloop/contracts';
import { authenticate } from '../auth/authenticate.ts';
import type { Principal } from '../auth/principal.ts';
import type { RouteModule } from '../http/types.ts';
import { authorize, visibilityOf } from '../policies/index.ts';
import { getHeatmap } from './heatmap.ts';
import { getInternalServiceResults } from './internal-service-results.ts';
import { getTeamPulse } from './team-pulse.ts';
import type { ResultsViewer } from './visible-units.ts';

const tags = ['employee results'];

/** Whose results the caller may read, plus their own unit (an employee's only unit). */
const viewerOf = (principal: Principal): ResultsViewer => ({
  ...visibilityOf(principal),
  unitId: principal.kind === 'session' ? principal.unitId : null,
});

/**
 * Released employee results only: every number comes from `employee_results`, the cells the
 * confidentiality engine released for a closed wave. No route returns a single answer.
 */
export const employeeResultRoutes: RouteModule = (app, { db }) => {
  app.get(
    '/employee-results/heatmap',
    {
      schema: {
        tags,
        summary: 'Units × indices of one released period (suppressed cells say so, nothing more)',
        querystring: resultsQuerySchema,
        response: { 200: heatmapSchema },
      },
    },
    async (request) => {
      const principal = authenticate(request);
      authorize(principal, 'employeeResults.read');
      return getHeatmap({
        db,
        orgId: principal.orgId,
        viewer: viewerOf(principal),
        query: request.query,
        kinds: ['employee_pulse', 'internal_service'],
      });
    },
  );

  app.get(
    '/employee-results/team-pulse',
    {
      schema: {
        tags,
        summary: "A unit's pulse: trend, item breakdown, comments and newcomers",
        querystring: teamPulseQuerySchema,
        response: { 200: teamPulseSchema },
      },
    },
    async (request) => {
      const principal = authenticate(request);
      authorize(principal, 'employeeResults.read');
      return getTeamPulse({
        db,
        orgId: principal.orgId,
        viewer: viewerOf(principal),
        query: request.query,
      });
    },
  );

  app.get(
    '/employee-results/internal-service',
    {
      schema: {
        tags,
        summary: 'Internal service quality of the back-office units the caller may see',
        querystring: resultsQuerySchema,
        response: { 200: internalServiceResultsSchema },
      },
    },
    async (request) => {
      const principal = authenticate(request);
      authorize(principal, 'employeeResults.read');
      return getInternalServiceResults({
        db,
        orgId: principal.orgId,
        viewer: viewerOf(principal),
        query: request.query,
      });
    },
  );

  app.get(
    '/employee-results/upward',
    {
      schema: {
        tags,
        summary: "Middle managers' ratings of top management, by unit (for executives)",
        querystring: resultsQuerySchema,
        response: { 200: heatmapSchema },
      },
    },
    async (request) => {
      const principal = authenticate(request);
      authorize(principal, 'upwardResults.read');
      return getHeatmap({
        db,
        orgId: principal.orgId,
        viewer: viewerOf(principal),
        query: request.query,
        kinds: ['manager_upward'],
      });
    },
  );
};
