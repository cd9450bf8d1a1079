import {
  createPersonBodySchema,
  idParamsSchema,
  meSchema,
  peopleQuerySchema,
  personPageSchema,
  personSchema,
  updatePersonBodySchema,
} from '@valueloop/contracts';
import { authenticate, authenticateSession } from '../auth/authenticate.ts';
import type { Principal } from '../auth/principal.ts';
import type { RouteModule } from '../http/types.ts';
import { authorize, isAllowed, visibilityOf } from '../policies/index.ts';
import { createPerson, getMe, getPerson, listPeople, updatePerson } from './person-service.ts';
import { presentPerson } from './presenters.ts';

const tags = ['people'];
const actorOf = (p: Principal) => (p.kind === 'session' ? p.personId : null);
const presentFor = (principal: Principal) => ({
  withPayBand: isAllowed(principal, 'people.readPayBand'),
});

export const peopleRoutes: RouteModule = (app, { db }) => {
  app.get(
    '/people',
    { schema: { tags, querystring: peopleQuerySchema, response: { 200: personPageSchema } } },
    async (request) => {
      const principal = authenticate(request);
      authorize(principal, 'people.read');
      const page = await listPeople({
        db,
        orgId: principal.orgId,
        visibility: visibilityOf(principal),
        query: request.query,
      });
      const opts = presentFor(principal);
      return { items: page.items.map((p) => presentPerson(p, opts)), nextCursor: page.nextCursor };
    },
  );

  app.get('/people/me', { schema: { tags, response: { 200: meSchema } } }, async (request) => {
    const principal = authenticateSession(request);
    authorize(principal, 'people.read');
    const me = await getMe({ db, orgId: principal.orgId, personId: principal.personId });
    return { ...me, person: presentPerson(me.person, presentFor(principal)) };
  });

  app.get(
    '/people/:id',
    { schema: { tags, params: idParamsSchema, response: { 200: personSchema } } },
    async (request) => {
      const principal = authenticate(request);
      authorize(principal, 'people.read');
      const person = await getPerson({
        db,
        orgId: principal.orgId,
        personId: request.params.id,
        visibility: visibilityOf(principal),
      });
      return presentPerson(person, presentFor(principal));
    },
  );

  app.post(
    '/people',
    { schema: { tags, body: createPersonBodySchema, response: { 201: personSchema } } },
    async (request, reply) => {
      const principal = authenticate(request);
      authorize(principal, 'people.write');
      const person = await createPerson({
        db,
        orgId: principal.orgId,
        actorPersonId: actorOf(principal),
        input: request.body,
      });
      return reply.status(201).send(presentPerson(person, presentFor(principal)));
    },
  );

  app.patch(
    '/people/:id',
    {
      schema: {
        tags,
        params: idParamsSchema,
        body: updatePersonBodySchema,
        response: { 200: personSchema },
      },
    },
    async (request) => {
      const principal = authenticate(request);
      authorize(principal, 'people.write');
      const person = await updatePerson({
        db,
        orgId: principal.orgId,
        personId: request.params.id,
        actorPersonId: actorOf(principal),
        changes: request.body,
      });
      return presentPerson(person, presentFor(principal));
    },
  );
};
