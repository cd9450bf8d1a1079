import {
  idParamsSchema,
  importResponsesQuerySchema,
  importResponsesResultSchema,
  ingestResponsesBodySchema,
  ingestResponsesResultSchema,
  responseDetailSchema,
  responseFiltersSchema,
  responsePageSchema,
  responsesQuerySchema,
} from '@valueloop/contracts';
import { z } from 'zod';
import { authenticate } from '../auth/authenticate.ts';
import type { RouteModule } from '../http/types.ts';
import { authorize, visibilityOf } from '../policies/index.ts';
import { exportResponsesCsv, exportResponsesXlsx } from './export-responses.ts';
import { importResponses } from './import-responses.ts';
import { ingestResponses } from './ingest-responses.ts';
import { getResponse, listResponses } from './response-service.ts';

const tags = ['responses'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const responseRoutes: RouteModule = (app, { db }) => {
  app.post(
    '/responses',
    {
      schema: {
        tags,
        summary: 'Ingest up to 1,000 responses; idempotent by submissionId; all or nothing',
        body: ingestResponsesBodySchema,
        response: { 200: ingestResponsesResultSchema },
      },
    },
    async (request) => {
      const principal = authenticate(request);
      authorize(principal, 'responses.ingest');
      const results = await ingestResponses({
        db,
        orgId: principal.orgId,
        items: request.body.items,
      });
      return { results };
    },
  );

  app.post(
    '/imports/responses',
    {
      schema: {
        tags,
        description:
          'Body: text/csv (UTF-8) with submission_id, submitted_at, unit_external_id, employee_external_id, customer_external_id, language and one column per question id (multiple choices separated by ;). Nothing is imported when any row fails.',
        querystring: importResponsesQuerySchema,
        body: z.string().max(100 * 1024 * 1024),
        consumes: ['text/csv'],
        response: { 200: importResponsesResultSchema },
      },
    },
    async (request) => {
      const principal = authenticate(request);
      authorize(principal, 'responses.ingest');
      return importResponses({
        db,
        orgId: principal.orgId,
        actorPersonId: principal.kind === 'session' ? principal.personId : null,
        surveyId: request.query.surveyId,
        version: request.query.version,
        text: request.body,
      });
    },
  );

  app.get(
    '/responses',
    { schema: { tags, querystring: responsesQuerySchema, response: { 200: responsePageSchema } } },
    async (request) => {
      const principal = authenticate(request);
      authorize(principal, 'responses.read');
      const { limit, cursor, ...filters } = request.query;
      return listResponses({
        db,
        orgId: principal.orgId,
        visibility: visibilityOf(principal),
        filters,
        limit,
        cursor,
      });
    },
  );

  app.get(
    '/responses/:id',
    { schema: { tags, params: idParamsSchema, response: { 200: responseDetailSchema } } },
    async (request) => {
      const principal = authenticate(request);
      authorize(principal, 'responses.read');
      return getResponse({
        db,
        orgId: principal.orgId,
        visibility: visibilityOf(principal),
        responseId: request.params.id,
      });
    },
  );

  const exports = [
    { file: 'responses.csv', type: 'text/csv; charset=utf-8', run: exportResponsesCsv },
    { file: 'responses.xlsx', type: XLSX, run: exportResponsesXlsx },
  ] as const;
  for (const { file, type, run } of exports) {
    app.get(
      `/exports/${file}`,
      { schema: { tags, querystring: responseFiltersSchema, produces: [type] } },
      async (request, reply) => {
        const principal = authenticate(request);
        authorize(principal, 'responses.export');
        const stream = await run({
          db,
          orgId: principal.orgId,
          visibility: visibilityOf(principal),
          filters: request.query,
        });
        return reply
          .type(type)
          .header('content-disposition', `attachment; filename="${file}"`)
          .send(stream);
      },
    );
  }
};
