import {
  hrImportKindSchema,
  importResultSchema,
  retentionQuerySchema,
  retentionSchema,
} from '@valueloop/contracts';
import { z } from 'zod';
import { authenticate } from '../auth/authenticate.ts';
import type { RouteModule } from '../http/types.ts';
import { authorize, visibilityOf } from '../policies/index.ts';
import { importHrFacts } from './hr-import.ts';
import { getRetention } from './retention.ts';

const kindParamsSchema = z.strictObject({ kind: hrImportKindSchema });
const csvBodySchema = z.string().max(100 * 1024 * 1024);

export const hrRoutes: RouteModule = (app, { db }) => {
  app.post(
    '/hr/imports/:kind',
    {
      schema: {
        tags: ['hr'],
        description:
          'Body: text/csv (UTF-8). exits: person_external_id or email, exit_date, reason ' +
          '(voluntary|involuntary|other; both empty clears an exit). pay-bands: person_external_id ' +
          'or email, pay_band (empty clears it). Nothing is imported when any row fails.',
        params: kindParamsSchema,
        body: csvBodySchema,
        consumes: ['text/csv'],
        response: { 200: importResultSchema },
      },
    },
    async (request) => {
      const principal = authenticate(request);
      authorize(principal, 'hr.import');
      return importHrFacts({
        db,
        orgId: principal.orgId,
        actorPersonId: principal.kind === 'session' ? principal.personId : null,
        kind: request.params.kind,
        text: request.body,
      });
    },
  );

  app.get(
    '/hr/retention',
    {
      schema: {
        tags: ['hr'],
        description:
          'Retention per unit (with its subtree) and month; cells below the minimum group size ' +
          'are suppressed. Default range: the last 12 complete months. People count in their ' +
          'current unit for every month (no unit history is kept).',
        querystring: retentionQuerySchema,
        response: { 200: retentionSchema },
      },
    },
    async (request) => {
      const principal = authenticate(request);
      authorize(principal, 'retention.read');
      return getRetention({
        db,
        orgId: principal.orgId,
        visibility: visibilityOf(principal),
        query: request.query,
      });
    },
  );
};
