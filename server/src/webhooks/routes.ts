import {
  createdWebhookSchema,
  createWebhookBodySchema,
  idParamsSchema,
  updateWebhookBodySchema,
  webhookDeliveriesQuerySchema,
  webhookDeliveryPageSchema,
  webhookDeliveryParamsSchema,
  webhookDeliverySchema,
  webhookListSchema,
  webhookSchema,
} from '@valueloop/contracts';
import { authenticateSession } from '../auth/authenticate.ts';
import type { RouteModule } from '../http/types.ts';
import { authorize } from '../policies/index.ts';
import { listDeliveries, redeliverDelivery } from './delivery-service.ts';
import {
  createWebhook,
  deleteWebhook,
  listWebhooks,
  updateWebhook,
} from './subscription-service.ts';

const tags = ['webhooks'];

export const webhookRoutes: RouteModule = async (app, { db, config }) => {
  app.get(
    '/webhooks',
    { schema: { tags, response: { 200: webhookListSchema } } },
    async (request) => {
      const principal = authenticateSession(request);
      authorize(principal, 'webhooks.manage');
      return { items: await listWebhooks({ db, orgId: principal.orgId }) };
    },
  );

  app.post(
    '/webhooks',
    { schema: { tags, body: createWebhookBodySchema, response: { 201: createdWebhookSchema } } },
    async (request, reply) => {
      const principal = authenticateSession(request);
      authorize(principal, 'webhooks.manage');
      const created = await createWebhook({
        db,
        orgId: principal.orgId,
        actorId: principal.personId,
        env: config.env,
        body: request.body,
      });
      return reply.status(201).send(created);
    },
  );

  app.patch(
    '/webhooks/:id',
    {
      schema: {
        tags,
        params: idParamsSchema,
        body: updateWebhookBodySchema,
        response: { 200: webhookSchema },
      },
    },
    async (request) => {
      const principal = authenticateSession(request);
      authorize(principal, 'webhooks.manage');
      return updateWebhook({
        db,
        orgId: principal.orgId,
        actorId: principal.personId,
        webhookId: request.params.id,
        env: config.env,
        body: request.body,
      });
    },
  );

  app.delete(
    '/webhooks/:id',
    { schema: { tags, params: idParamsSchema, response: { 200: webhookSchema } } },
    async (request) => {
      const principal = authenticateSession(request);
      authorize(principal, 'webhooks.manage');
      return deleteWebhook({
        db,
        orgId: principal.orgId,
        actorId: principal.personId,
        webhookId: request.params.id,
      });
    },
  );

  app.get(
    '/webhooks/:id/deliveries',
    {
      schema: {
        tags,
        params: idParamsSchema,
        querystring: webhookDeliveriesQuerySchema,
        response: { 200: webhookDeliveryPageSchema },
      },
    },
    async (request) => {
      const principal = authenticateSession(request);
      authorize(principal, 'webhooks.manage');
      return listDeliveries({
        db,
        orgId: principal.orgId,
        webhookId: request.params.id,
        limit: request.query.limit,
        cursor: request.query.cursor,
      });
    },
  );

  app.post(
    '/webhooks/deliveries/:id/redeliver',
    {
      schema: {
        tags,
        params: webhookDeliveryParamsSchema,
        response: { 202: webhookDeliverySchema },
      },
    },
    async (request, reply) => {
      const principal = authenticateSession(request);
      authorize(principal, 'webhooks.manage');
      const delivery = await redeliverDelivery({
        db,
        orgId: principal.orgId,
        actorId: principal.personId,
        deliveryId: request.params.id,
      });
      return reply.status(202).send(delivery);
    },
  );
};
