import { importKindSchema, importResultSchema } from '@valueloop/contracts';
import { z } from 'zod';
import { authenticate } from '../auth/authenticate.ts';
import type { RouteModule } from '../http/types.ts';
import { authorize } from '../policies/index.ts';
import { exportCsv } from './export-service.ts';
import { importCsv } from './import-service.ts';

const kindParamsSchema = z.strictObject({ kind: importKindSchema });
const exportParamsSchema = z.strictObject({
  file: z.enum(['units.csv', 'people.csv', 'support-edges.csv']),
});
const csvBodySchema = z.string().max(100 * 1024 * 1024);

export const importRoutes: RouteModule = (app, { db }) => {
  app.post(
    '/imports/:kind',
    {
      schema: {
        tags: ['imports'],
        description: 'Body: text/csv (UTF-8). Nothing is imported when any row fails.',
        params: kindParamsSchema,
        body: csvBodySchema,
        consumes: ['text/csv'],
        response: { 200: importResultSchema },
      },
    },
    async (request) => {
      const principal = authenticate(request);
      authorize(principal, 'imports.run');
      return importCsv({
        db,
        orgId: principal.orgId,
        actorPersonId: principal.kind === 'session' ? principal.personId : null,
        kind: request.params.kind,
        text: request.body,
      });
    },
  );

  app.get(
    '/exports/:file',
    { schema: { tags: ['imports'], params: exportParamsSchema, produces: ['text/csv'] } },
    async (request, reply) => {
      const principal = authenticate(request);
      authorize(principal, 'exports.run');
      const kind = importKindSchema.parse(request.params.file.replace(/\.csv$/, ''));
      const stream = exportCsv({ db, orgId: principal.orgId, kind });
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${request.params.file}"`)
        .send(stream);
    },
  );
};
