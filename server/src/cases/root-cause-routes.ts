import {
  idParamsSchema,
  rootCauseBodySchema,
  rootCauseListSchema,
  rootCauseParetoQuerySchema,
  rootCauseParetoSchema,
  rootCauseSchema,
  updateRootCauseBodySchema,
} from '@valueloop/contracts';
import { authenticate } from '../auth/authenticate.ts';
import type { RouteModule } from '../http/types.ts';
import { authorize } from '../policies/index.ts';
import { caseViewerOf } from './case-visibility.ts';
import { rootCausePareto } from './root-cause-pareto.ts';
import {
  createRootCause,
  listRootCauses,
  presentRootCause,
  updateRootCause,
} from './root-causes.ts';

const tags = ['cases'];

/** The root-cause taxonomy (edited by admins/analysts) and its Pareto of resolved cases. */
export const rootCauseRoutes: RouteModule = (app, { db }) => {
  app.get(
    '/root-causes',
    { schema: { tags, response: { 200: rootCauseListSchema } } },
    async (request) => {
      const principal = authenticate(request);
      authorize(principal, 'cases.read');
      const rows = await listRootCauses({ db, orgId: principal.orgId });
      return { items: rows.map(presentRootCause) };
    },
  );

  app.post(
    '/root-causes',
    { schema: { tags, body: rootCauseBodySchema, response: { 201: rootCauseSchema } } },
    async (request, reply) => {
      const principal = authenticate(request);
      authorize(principal, 'loopSettings.manage');
      const row = await createRootCause({ db, orgId: principal.orgId, body: request.body });
      return reply.status(201).send(presentRootCause(row));
    },
  );

  app.patch(
    '/root-causes/:id',
    {
      schema: {
        tags,
        params: idParamsSchema,
        body: updateRootCauseBodySchema,
        response: { 200: rootCauseSchema },
      },
    },
    async (request) => {
      const principal = authenticate(request);
      authorize(principal, 'loopSettings.manage');
      const row = await updateRootCause({
        db,
        orgId: principal.orgId,
        rootCauseId: request.params.id,
        body: request.body,
      });
      return presentRootCause(row);
    },
  );

  app.get(
    '/root-causes/pareto',
    {
      schema: {
        tags,
        querystring: rootCauseParetoQuerySchema,
        response: { 200: rootCauseParetoSchema },
      },
    },
    async (request) => {
      const principal = authenticate(request);
      authorize(principal, 'cases.read');
      return rootCausePareto({
        db,
        orgId: principal.orgId,
        viewer: caseViewerOf(principal),
        ...request.query,
      });
    },
  );
};
