import {
  actionPlanBodySchema,
  actionPlanConflictSchema,
  actionPlanDetailSchema,
  actionPlanPageSchema,
  actionPlanSuggestionsQuerySchema,
  actionPlanSuggestionsSchema,
  actionPlansQuerySchema,
  idParamsSchema,
  updateActionPlanBodySchema,
} from '@valueloop/contracts';
import { authenticate, authenticateSession } from '../auth/authenticate.ts';
import type { RouteModule } from '../http/types.ts';
import { authorize } from '../policies/index.ts';
import { createActionPlan } from './create-plan.ts';
import { planViewerOf } from './plan-access.ts';
import { getActionPlan, listActionPlans } from './plan-queries.ts';
import { suggestActionPlanLinks } from './suggestions.ts';
import { updateActionPlan } from './update-plan.ts';

const tags = ['action plans'];

/** Action plans (the outer loop): a unit's commitments linked to what its feedback says. */
export const actionPlanRoutes: RouteModule = (app, { db }) => {
  app.get(
    '/action-plans',
    {
      schema: {
        tags,
        querystring: actionPlansQuerySchema,
        response: { 200: actionPlanPageSchema },
      },
    },
    async (request) => {
      const principal = authenticate(request);
      authorize(principal, 'actionPlans.read');
      return listActionPlans({
        db,
        orgId: principal.orgId,
        viewer: planViewerOf(principal),
        query: request.query,
      });
    },
  );

  app.get(
    '/action-plans/suggestions',
    {
      schema: {
        tags,
        querystring: actionPlanSuggestionsQuerySchema,
        response: { 200: actionPlanSuggestionsSchema },
      },
    },
    async (request) => {
      const principal = authenticateSession(request);
      authorize(principal, 'actionPlans.write');
      return suggestActionPlanLinks({
        db,
        orgId: principal.orgId,
        viewer: planViewerOf(principal),
        unitId: request.query.unitId,
      });
    },
  );

  app.post(
    '/action-plans',
    { schema: { tags, body: actionPlanBodySchema, response: { 201: actionPlanDetailSchema } } },
    async (request, reply) => {
      const principal = authenticateSession(request);
      authorize(principal, 'actionPlans.write');
      const plan = await createActionPlan({
        db,
        orgId: principal.orgId,
        viewer: planViewerOf(principal),
        actorId: principal.personId,
        body: request.body,
      });
      return reply.status(201).send(plan);
    },
  );

  app.get(
    '/action-plans/:id',
    { schema: { tags, params: idParamsSchema, response: { 200: actionPlanDetailSchema } } },
    async (request) => {
      const principal = authenticate(request);
      authorize(principal, 'actionPlans.read');
      return getActionPlan({
        db,
        orgId: principal.orgId,
        viewer: planViewerOf(principal),
        planId: request.params.id,
      });
    },
  );

  app.patch(
    '/action-plans/:id',
    {
      schema: {
        tags,
        params: idParamsSchema,
        body: updateActionPlanBodySchema,
        response: { 200: actionPlanDetailSchema, 409: actionPlanConflictSchema },
      },
    },
    // A stale version fails with 409 problem+json whose `current` is the plan as it is now.
    async (request) => {
      const principal = authenticateSession(request);
      authorize(principal, 'actionPlans.write');
      return updateActionPlan({
        db,
        orgId: principal.orgId,
        viewer: planViewerOf(principal),
        actorId: principal.personId,
        planId: request.params.id,
        body: request.body,
      });
    },
  );
};
