import { ingestInteractionsBodySchema, ingestInteractionsResultSchema } from '@valueloop/contracts';
import { authenticate } from '../auth/authenticate.ts';
import type { RouteModule } from '../http/types.ts';
import { authorize } from '../policies/index.ts';
import { ingestInteractions } from './ingest-interactions.ts';

export const interactionRoutes: RouteModule = async (app, { db, config }) => {
  app.post(
    '/interactions',
    {
      schema: {
        tags: ['interactions'],
        summary:
          'Ingest up to 1,000 interactions; idempotent by externalId; creates survey invitations',
        body: ingestInteractionsBodySchema,
        response: { 200: ingestInteractionsResultSchema },
      },
    },
    async (request) => {
      const principal = authenticate(request);
      authorize(principal, 'interactions.ingest');
      const results = await ingestInteractions({
        db,
        orgId: principal.orgId,
        items: request.body.items,
        publicUrl: config.publicUrl,
      });
      return { results };
    },
  );
};
