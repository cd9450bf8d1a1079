import { caseReplyBodySchema, caseReplyResultSchema, idParamsSchema } from '@valueloop/contracts';
import { authenticateSession } from '../auth/authenticate.ts';
import type { RouteModule } from '../http/types.ts';
import { authorize } from '../policies/index.ts';
import { caseViewerOf } from './case-visibility.ts';
import { sendCaseReply } from './reply.ts';

/** The reply to the customer (registered by recovery/routes.ts). */
export const caseReplyRoutes: RouteModule = (app, { db, config }) => {
  app.post(
    '/cases/:id/reply',
    {
      schema: {
        tags: ['cases'],
        params: idParamsSchema,
        body: caseReplyBodySchema,
        response: { 201: caseReplyResultSchema },
      },
    },
    async (request, reply) => {
      const principal = authenticateSession(request);
      authorize(principal, 'cases.work');
      const sent = await sendCaseReply({
        db,
        orgId: principal.orgId,
        viewer: caseViewerOf(principal),
        actorId: principal.personId,
        caseId: request.params.id,
        body: request.body,
        publicUrl: config.publicUrl,
      });
      return reply.status(201).send(sent);
    },
  );
};
