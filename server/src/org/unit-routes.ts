import {
  createSupportEdgeBodySchema,
  createUnitBodySchema,
  deleteSupportEdgeQuerySchema,
  idParamsSchema,
  supportEdgeListSchema,
  supportEdgeSchema,
  unitPageSchema,
  unitSchema,
  unitsQuerySchema,
  unitTreeSchema,
  updateUnitBodySchema,
} from '@valueloop/contracts';
import { authenticate } from '../auth/authenticate.ts';
import type { RouteModule } from '../http/types.ts';
import { authorize } from '../policies/index.ts';
import { presentUnit } from './presenters.ts';
import { createSupportEdge, deleteSupportEdge, listSupportEdges } from './support-edge-service.ts';
import { createUnit, getUnit, getUnitTree, listUnits, updateUnit } from './unit-service.ts';

const tags = ['units'];
const actorOf = (p: ReturnType<typeof authenticate>) => (p.kind === 'session' ? p.personId : null);

export const unitRoutes: RouteModule = (app, { db }) => {
  app.get(
    '/units',
    { schema: { tags, querystring: unitsQuerySchema, response: { 200: unitPageSchema } } },
    async (request) => {
      const principal = authenticate(request);
      authorize(principal, 'units.read');
      const page = await listUnits({ db, orgId: principal.orgId, query: request.query });
      return { items: page.items.map(presentUnit), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/units/tree',
    { schema: { tags, response: { 200: unitTreeSchema } } },
    async (request) => {
      const principal = authenticate(request);
      authorize(principal, 'units.read');
      const tree = await getUnitTree({ db, orgId: principal.orgId });
      return { units: tree.units.map(presentUnit), supportEdges: tree.supportEdges };
    },
  );

  app.get(
    '/units/:id',
    { schema: { tags, params: idParamsSchema, response: { 200: unitSchema } } },
    async (request) => {
      const principal = authenticate(request);
      authorize(principal, 'units.read');
      return presentUnit(await getUnit({ db, orgId: principal.orgId, unitId: request.params.id }));
    },
  );

  app.post(
    '/units',
    { schema: { tags, body: createUnitBodySchema, response: { 201: unitSchema } } },
    async (request, reply) => {
      const principal = authenticate(request);
      authorize(principal, 'units.write');
      const unit = await createUnit({
        db,
        orgId: principal.orgId,
        actorPersonId: actorOf(principal),
        input: request.body,
      });
      return reply.status(201).send(presentUnit(unit));
    },
  );

  app.patch(
    '/units/:id',
    {
      schema: {
        tags,
        params: idParamsSchema,
        body: updateUnitBodySchema,
        response: { 200: unitSchema },
      },
    },
    async (request) => {
      const principal = authenticate(request);
      authorize(principal, 'units.write');
      const unit = await updateUnit({
        db,
        orgId: principal.orgId,
        unitId: request.params.id,
        actorPersonId: actorOf(principal),
        changes: request.body,
      });
      return presentUnit(unit);
    },
  );

  app.get(
    '/support-edges',
    { schema: { tags, response: { 200: supportEdgeListSchema } } },
    async (request) => {
      const principal = authenticate(request);
      authorize(principal, 'units.read');
      return { items: await listSupportEdges({ db, orgId: principal.orgId }) };
    },
  );

  app.post(
    '/support-edges',
    { schema: { tags, body: createSupportEdgeBodySchema, response: { 201: supportEdgeSchema } } },
    async (request, reply) => {
      const principal = authenticate(request);
      authorize(principal, 'units.write');
      const edge = await createSupportEdge({
        db,
        orgId: principal.orgId,
        actorPersonId: actorOf(principal),
        ...request.body,
      });
      return reply.status(201).send(edge);
    },
  );

  app.delete(
    '/support-edges',
    {
      schema: {
        tags,
        querystring: deleteSupportEdgeQuerySchema,
        response: { 200: supportEdgeSchema },
      },
    },
    async (request) => {
      const principal = authenticate(request);
      authorize(principal, 'units.write');
      return deleteSupportEdge({
        db,
        orgId: principal.orgId,
        actorPersonId: actorOf(principal),
        fromUnitId: request.query.from,
        toUnitId: request.query.to,
      });
    },
  );
};
