import {
  idParamsSchema,
  recordedRecoverySchema,
  recoveriesQuerySchema,
  recoveryActionSchema,
  recoveryBodySchema,
  recoveryDecisionBodySchema,
  recoveryLedgerQuerySchema,
  recoveryLedgerSchema,
  recoveryListSchema,
  recoveryRoiQuerySchema,
  recoveryRoiSchema,
} from '@valueloop/contracts';
import { authenticate, authenticateSession } from '../auth/authenticate.ts';
import { caseViewerOf } from '../cases/case-visibility.ts';
import type { RouteModule } from '../http/types.ts';
import { authorize } from '../policies/index.ts';
import { decideRecovery } from './decide-recovery.ts';
import { getRecoveryLedger } from './recovery-ledger.ts';
import { listRecoveries } from './recovery-queue.ts';
import { getRecoveryRoi } from './recovery-roi.ts';
import { recoveryReaderOf } from './recovery-scope.ts';
import { takeRecovery } from './take-recovery.ts';

const tags = ['recovery'];

/** Recovery actions on cases, the approvals queue, the ledger and recovery ROI. */
export const recoveryActionRoutes: RouteModule = (app, { db, config }) => {
  app.post(
    '/cases/:id/recoveries',
    {
      schema: {
        tags,
        params: idParamsSchema,
        body: recoveryBodySchema,
        response: { 201: recordedRecoverySchema },
      },
    },
    async (request, reply) => {
      const principal = authenticateSession(request);
      authorize(principal, 'cases.work');
      const recorded = await takeRecovery({
        db,
        orgId: principal.orgId,
        viewer: caseViewerOf(principal),
        takerId: principal.personId,
        caseId: request.params.id,
        body: request.body,
        publicUrl: config.publicUrl,
      });
      return reply.status(201).send(recorded);
    },
  );

  app.get(
    '/recoveries',
    { schema: { tags, querystring: recoveriesQuerySchema, response: { 200: recoveryListSchema } } },
    async (request) => {
      const principal = authenticate(request);
      authorize(principal, 'recoveries.read');
      return listRecoveries({
        db,
        orgId: principal.orgId,
        reader: recoveryReaderOf(principal),
        query: request.query,
      });
    },
  );

  app.post(
    '/recoveries/:id/decision',
    {
      schema: {
        tags,
        params: idParamsSchema,
        body: recoveryDecisionBodySchema,
        response: { 200: recoveryActionSchema },
      },
    },
    async (request) => {
      const principal = authenticateSession(request);
      authorize(principal, 'recoveries.decide');
      return decideRecovery({
        db,
        orgId: principal.orgId,
        deciderId: principal.personId,
        isAdmin: principal.roles.includes('admin'),
        recoveryId: request.params.id,
        approve: request.body.approve,
        note: request.body.note,
        publicUrl: config.publicUrl,
      });
    },
  );

  app.get(
    '/recoveries/ledger',
    {
      schema: {
        tags,
        querystring: recoveryLedgerQuerySchema,
        response: { 200: recoveryLedgerSchema },
      },
    },
    async (request) => {
      const principal = authenticate(request);
      authorize(principal, 'recoveries.read');
      return getRecoveryLedger({
        db,
        orgId: principal.orgId,
        reader: recoveryReaderOf(principal),
        query: request.query,
      });
    },
  );

  app.get(
    '/recoveries/roi',
    { schema: { tags, querystring: recoveryRoiQuerySchema, response: { 200: recoveryRoiSchema } } },
    async (request) => {
      const principal = authenticate(request);
      authorize(principal, 'recoveries.read');
      return getRecoveryRoi({
        db,
        orgId: principal.orgId,
        reader: recoveryReaderOf(principal),
        query: request.query,
      });
    },
  );
};
