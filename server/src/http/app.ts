import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { registerAuthentication } from '../auth/authenticate.ts';
import type { Config } from '../config.ts';
import type { Database } from '../db/client.ts';
import { registerErrorHandler, sendProblem } from './error-handler.ts';
import { registerPageModules } from './page-modules.ts';
import { apiRouteModules } from './route-modules.ts';
import type { ZodApp } from './types.ts';

const webDist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../web/dist');

export interface BuildAppOptions {
  database: Database;
  config: Config;
}

/** Builds the HTTP application; `listen` is the caller's business (tests use `inject` or port 0). */
export async function buildApp({ database, config }: BuildAppOptions): Promise<ZodApp> {
  const app = Fastify({
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel },
    bodyLimit: config.bodyLimitBytes,
    genReqId: () => crypto.randomUUID(),
    requestIdHeader: false,
    trustProxy: false,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  // CSV bodies arrive as text; JSON is Fastify's default.
  app.addContentTypeParser(['text/csv', 'text/plain'], { parseAs: 'string' }, (_req, body, done) =>
    done(null, body),
  );

  registerErrorHandler(app);
  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, { global: false });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'ValueLoop API',
        version: '1.0.0',
        description:
          'Service value chain platform. Errors are RFC 9457 problem+json with a stable `code`.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'vl_session' },
          apiToken: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { apiToken: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, () => app.swagger());

  await registerPageModules(app, { db: database.db, config });
  registerAuthentication(app, database.db);

  app.get('/api/health', { schema: { hide: true } }, async () => {
    await database.ping();
    return { ok: true, database: database.kind };
  });

  const deps = { db: database.db, config };
  await app.register(
    async (api) => {
      for (const mod of apiRouteModules) await mod(api as ZodApp, deps);
    },
    { prefix: '/api/v1' },
  );

  if (existsSync(webDist)) {
    await app.register(fastifyStatic, { root: webDist, wildcard: false });
    // Single-page app: unknown non-API GETs get index.html; API paths keep their 404 problem.
    // (A catch-all route, because the error handler already owns the not-found handler.)
    app.get('/*', { schema: { hide: true } }, (request, reply) => {
      if (request.url.startsWith('/api/')) {
        return sendProblem(request, reply, 'not_found', `No route for GET ${request.url}`);
      }
      return reply.type('text/html').sendFile('index.html');
    });
  }
  return app;
}
