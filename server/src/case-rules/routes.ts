import {
  businessHoursSchema,
  caseQueueBodySchema,
  caseQueueSchema,
  caseRuleBodySchema,
  caseRuleListSchema,
  caseRulePreviewSchema,
  caseRuleSchema,
  idParamsSchema,
  updateCaseRuleBodySchema,
} from '@valueloop/contracts';
import { z } from 'zod';
import { authenticate, authenticateSession } from '../auth/authenticate.ts';
import type { RouteModule } from '../http/types.ts';
import { authorize } from '../policies/index.ts';
import {
  createCaseQueue,
  getBusinessHours,
  listCaseQueues,
  setBusinessHours,
} from './loop-settings.ts';
import { previewCaseRule } from './preview-rule.ts';
import {
  createCaseRule,
  deleteCaseRule,
  getCaseRule,
  listCaseRules,
  updateCaseRule,
} from './rule-service.ts';

const tags = ['case rules'];
const caseQueueListSchema = z.object({ items: z.array(caseQueueSchema) });

/** Case rules (which responses open a case), work queues and the SLA clock's business hours. */
export const caseRuleRoutes: RouteModule = async (app, { db }) => {
  app.get(
    '/case-rules',
    { schema: { tags, response: { 200: caseRuleListSchema } } },
    async (request) => {
      const principal = authenticate(request);
      authorize(principal, 'caseRules.read');
      return { items: await listCaseRules({ db, orgId: principal.orgId }) };
    },
  );

  app.post(
    '/case-rules',
    { schema: { tags, body: caseRuleBodySchema, response: { 201: caseRuleSchema } } },
    async (request, reply) => {
      const principal = authenticateSession(request);
      authorize(principal, 'caseRules.manage');
      const rule = await createCaseRule({
        db,
        orgId: principal.orgId,
        actorId: principal.personId,
        body: request.body,
      });
      return reply.status(201).send(rule);
    },
  );

  app.post(
    '/case-rules/preview',
    { schema: { tags, body: caseRuleBodySchema, response: { 200: caseRulePreviewSchema } } },
    async (request) => {
      const principal = authenticateSession(request);
      authorize(principal, 'caseRules.manage');
      return previewCaseRule({ db, orgId: principal.orgId, body: request.body });
    },
  );

  app.get(
    '/case-rules/:id',
    { schema: { tags, params: idParamsSchema, response: { 200: caseRuleSchema } } },
    async (request) => {
      const principal = authenticate(request);
      authorize(principal, 'caseRules.read');
      return getCaseRule({ db, orgId: principal.orgId, ruleId: request.params.id });
    },
  );

  app.patch(
    '/case-rules/:id',
    {
      schema: {
        tags,
        params: idParamsSchema,
        body: updateCaseRuleBodySchema,
        response: { 200: caseRuleSchema },
      },
    },
    async (request) => {
      const principal = authenticateSession(request);
      authorize(principal, 'caseRules.manage');
      return updateCaseRule({
        db,
        orgId: principal.orgId,
        actorId: principal.personId,
        ruleId: request.params.id,
        body: request.body,
      });
    },
  );

  app.delete(
    '/case-rules/:id',
    { schema: { tags, params: idParamsSchema } },
    async (request, reply) => {
      const principal = authenticateSession(request);
      authorize(principal, 'caseRules.manage');
      await deleteCaseRule({
        db,
        orgId: principal.orgId,
        actorId: principal.personId,
        ruleId: request.params.id,
      });
      return reply.status(204).send();
    },
  );

  app.get(
    '/case-queues',
    { schema: { tags, response: { 200: caseQueueListSchema } } },
    async (request) => {
      const principal = authenticate(request);
      authorize(principal, 'caseRules.read');
      return { items: await listCaseQueues({ db, orgId: principal.orgId }) };
    },
  );

  app.post(
    '/case-queues',
    { schema: { tags, body: caseQueueBodySchema, response: { 201: caseQueueSchema } } },
    async (request, reply) => {
      const principal = authenticateSession(request);
      authorize(principal, 'loopSettings.manage');
      const queue = await createCaseQueue({
        db,
        orgId: principal.orgId,
        actorId: principal.personId,
        body: request.body,
      });
      return reply.status(201).send(queue);
    },
  );

  app.get(
    '/business-hours',
    { schema: { tags, response: { 200: businessHoursSchema } } },
    async (request) => {
      const principal = authenticate(request);
      authorize(principal, 'caseRules.read');
      return getBusinessHours({ db, orgId: principal.orgId });
    },
  );

  app.put(
    '/business-hours',
    { schema: { tags, body: businessHoursSchema, response: { 200: businessHoursSchema } } },
    async (request) => {
      const principal = authenticateSession(request);
      authorize(principal, 'loopSettings.manage');
      return setBusinessHours({
        db,
        orgId: principal.orgId,
        actorId: principal.personId,
        hours: request.body,
      });
    },
  );
};
