import {
  bulkAssignBodySchema,
  bulkAssignResultSchema,
  caseConflictSchema,
  caseDetailSchema,
  caseEventSchema,
  caseNoteBodySchema,
  casePageSchema,
  casesQuerySchema,
  idParamsSchema,
  updateCaseBodySchema,
} from '@valueloop/contracts';
import { authenticate, authenticateSession } from '../auth/authenticate.ts';
import type { Principal } from '../auth/principal.ts';
import type { RouteModule } from '../http/types.ts';
import { authorize } from '../policies/index.ts';
import { bulkAssignCases } from './bulk-assign.ts';
import { getCaseDetail } from './case-detail.ts';
import { listCases } from './case-list.ts';
import { addCaseNote } from './case-notes.ts';
import { caseViewerOf } from './case-visibility.ts';
import { updateCase } from './update-case.ts';

const tags = ['cases'];
const actorOf = (p: Principal) => (p.kind === 'session' ? p.personId : null);

/** The case inbox and case work (visibility: case-visibility.ts). */
export const caseWorkRoutes: RouteModule = (app, { db, config }) => {
  app.get(
    '/cases',
    { schema: { tags, querystring: casesQuerySchema, response: { 200: casePageSchema } } },
    async (request) => {
      const principal = authenticate(request);
      authorize(principal, 'cases.read');
      return listCases({
        db,
        orgId: principal.orgId,
        viewer: caseViewerOf(principal),
        query: request.query,
      });
    },
  );

  app.get(
    '/cases/:id',
    { schema: { tags, params: idParamsSchema, response: { 200: caseDetailSchema } } },
    async (request) => {
      const principal = authenticate(request);
      authorize(principal, 'cases.read');
      return getCaseDetail({
        db,
        orgId: principal.orgId,
        viewer: caseViewerOf(principal),
        caseId: request.params.id,
      });
    },
  );

  app.patch(
    '/cases/:id',
    {
      schema: {
        tags,
        params: idParamsSchema,
        body: updateCaseBodySchema,
        response: { 200: caseDetailSchema, 409: caseConflictSchema },
      },
    },
    async (request) => {
      const principal = authenticate(request);
      authorize(principal, 'cases.work');
      const viewer = caseViewerOf(principal);
      const target = { db, orgId: principal.orgId, viewer, caseId: request.params.id };
      // A stale version fails with 409 problem+json whose `current` is the case as it is now.
      await updateCase({
        ...target,
        actorId: actorOf(principal),
        body: request.body,
        publicUrl: config.publicUrl,
      });
      return getCaseDetail(target);
    },
  );

  app.post(
    '/cases/:id/notes',
    {
      schema: {
        tags,
        params: idParamsSchema,
        body: caseNoteBodySchema,
        response: { 201: caseEventSchema },
      },
    },
    async (request, reply) => {
      const principal = authenticateSession(request);
      authorize(principal, 'cases.work');
      const event = await addCaseNote({
        db,
        orgId: principal.orgId,
        viewer: caseViewerOf(principal),
        actorId: principal.personId,
        caseId: request.params.id,
        text: request.body.text,
      });
      return reply.status(201).send(event);
    },
  );

  app.post(
    '/cases/bulk-assign',
    { schema: { tags, body: bulkAssignBodySchema, response: { 200: bulkAssignResultSchema } } },
    async (request) => {
      const principal = authenticate(request);
      authorize(principal, 'cases.work');
      return bulkAssignCases({
        db,
        orgId: principal.orgId,
        viewer: caseViewerOf(principal),
        actorId: actorOf(principal),
        caseIds: request.body.caseIds,
        ownerId: request.body.ownerId,
        publicUrl: config.publicUrl,
      });
    },
  );
};
