import {
  customerPageSchema,
  customerSchema,
  customersQuerySchema,
  upsertCustomerBodySchema,
} from '@valueloop/contracts';
import { authenticate } from '../auth/authenticate.ts';
import type { RouteModule } from '../http/types.ts';
import { authorize } from '../policies/index.ts';
import { listCustomers, upsertCustomer } from './customer-service.ts';
import { presentCustomer } from './presenters.ts';

const tags = ['customers'];

export const customerRoutes: RouteModule = (app, { db }) => {
  app.get(
    '/customers',
    { schema: { tags, querystring: customersQuerySchema, response: { 200: customerPageSchema } } },
    async (request) => {
      const principal = authenticate(request);
      authorize(principal, 'customers.read');
      const page = await listCustomers({ db, orgId: principal.orgId, query: request.query });
      return { items: page.rows.map(presentCustomer), nextCursor: page.nextCursor };
    },
  );

  app.post(
    '/customers',
    {
      schema: {
        tags,
        body: upsertCustomerBodySchema,
        response: { 200: customerSchema, 201: customerSchema },
      },
    },
    async (request, reply) => {
      const principal = authenticate(request);
      authorize(principal, 'customers.write');
      const { customer, created } = await upsertCustomer({
        db,
        orgId: principal.orgId,
        input: request.body,
      });
      return reply.status(created ? 201 : 200).send(presentCustomer(customer));
    },
  );
};
