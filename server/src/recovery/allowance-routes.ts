import {
  idParamsSchema,
  myRecoveryAllowanceSchema,
  recoveryAllowanceBodySchema,
  recoveryAllowanceListSchema,
  recoveryAllowanceSchema,
} from '@valueloop/contracts';
import { authenticate, authenticateSession } from '../auth/authenticate.ts';
import type { RouteModule } from '../http/types.ts';
import { authorize } from '../policies/index.ts';
import { deleteAllowance, listAllowances, upsertAllowance } from './allowances.ts';
import { getMyAllowance } from './my-allowance.ts';

const tags = ['recovery'];

/** Recovery allowances per role and unit (what may be spent on the spot). */
export const allowanceRoutes: RouteModule = (app, { db }) => {
  app.get(
    '/recovery-allowances',
    { schema: { tags, response: { 200: recoveryAllowanceListSchema } } },
    async (request) => {
      const principal = authenticate(request);
      authorize(principal, 'recoveries.read');
      return listAllowances({ db, orgId: principal.orgId });
    },
  );

  app.get(
    '/recovery-allowances/me',
    { schema: { tags, response: { 200: myRecoveryAllowanceSchema } } },
    async (request) => {
      const principal = authenticateSession(request);
      authorize(principal, 'recoveries.read');
      return getMyAllowance({ db, orgId: principal.orgId, personId: principal.personId });
    },
  );

  app.put(
    '/recovery-allowances',
    {
      schema: {
        tags,
        body: recoveryAllowanceBodySchema,
        response: { 200: recoveryAllowanceSchema },
      },
    },
    async (request) => {
      const principal = authenticate(request);
      authorize(principal, 'allowances.manage');
      return upsertAllowance({ db, orgId: principal.orgId, body: request.body });
    },
  );

  app.delete(
    '/recovery-allowances/:id',
    { schema: { tags, params: idParamsSchema } },
    async (request, reply) => {
      const principal = authenticate(request);
      authorize(principal, 'allowances.manage');
      await deleteAllowance({ db, orgId: principal.orgId, id: request.params.id });
      return reply.status(204).send();
    },
  );
};
