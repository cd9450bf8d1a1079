import {
  createSurveyBodySchema,
  idParamsSchema,
  surveyListSchema,
  surveySchema,
  surveyVersionParamsSchema,
  surveyVersionSchema,
  updateSurveyBodySchema,
} from '@valueloop/contracts';
import { z } from 'zod';
import { authenticate, authenticateSession } from '../auth/authenticate.ts';
import type { RouteModule } from '../http/types.ts';
import { authorize } from '../policies/index.ts';
import {
  createSurvey,
  getSurvey,
  getSurveyVersion,
  listSurveys,
  listSurveyVersions,
  publishSurvey,
  updateSurvey,
} from './survey-service.ts';

const tags = ['surveys'];

export const surveyRoutes: RouteModule = async (app, { db }) => {
  app.get(
    '/surveys',
    { schema: { tags, response: { 200: surveyListSchema } } },
    async (request) => {
      const principal = authenticate(request);
      authorize(principal, 'surveys.read');
      return { items: await listSurveys({ db, orgId: principal.orgId }) };
    },
  );

  app.post(
    '/surveys',
    { schema: { tags, body: createSurveyBodySchema, response: { 201: surveySchema } } },
    async (request, reply) => {
      const principal = authenticateSession(request);
      authorize(principal, 'surveys.write');
      const survey = await createSurvey({
        db,
        orgId: principal.orgId,
        actorId: principal.personId,
        body: request.body,
      });
      return reply.status(201).send(survey);
    },
  );

  app.get(
    '/surveys/:id',
    { schema: { tags, params: idParamsSchema, response: { 200: surveySchema } } },
    async (request) => {
      const principal = authenticate(request);
      authorize(principal, 'surveys.read');
      return getSurvey({ db, orgId: principal.orgId, surveyId: request.params.id });
    },
  );

  app.patch(
    '/surveys/:id',
    {
      schema: {
        tags,
        params: idParamsSchema,
        body: updateSurveyBodySchema,
        response: { 200: surveySchema },
      },
    },
    async (request) => {
      const principal = authenticateSession(request);
      authorize(principal, 'surveys.write');
      return updateSurvey({
        db,
        orgId: principal.orgId,
        surveyId: request.params.id,
        body: request.body,
      });
    },
  );

  app.post(
    '/surveys/:id/publish',
    { schema: { tags, params: idParamsSchema, response: { 201: surveyVersionSchema } } },
    async (request, reply) => {
      const principal = authenticateSession(request);
      authorize(principal, 'surveys.write');
      const version = await publishSurvey({
        db,
        orgId: principal.orgId,
        surveyId: request.params.id,
        actorId: principal.personId,
      });
      return reply.status(201).send(version);
    },
  );

  app.get(
    '/surveys/:id/versions',
    {
      schema: {
        tags,
        params: idParamsSchema,
        response: { 200: z.object({ items: z.array(surveyVersionSchema) }) },
      },
    },
    async (request) => {
      const principal = authenticate(request);
      authorize(principal, 'surveys.read');
      return {
        items: await listSurveyVersions({
          db,
          orgId: principal.orgId,
          surveyId: request.params.id,
        }),
      };
    },
  );

  app.get(
    '/surveys/:id/versions/:version',
    { schema: { tags, params: surveyVersionParamsSchema, response: { 200: surveyVersionSchema } } },
    async (request) => {
      const principal = authenticate(request);
      authorize(principal, 'surveys.read');
      return getSurveyVersion({
        db,
        orgId: principal.orgId,
        surveyId: request.params.id,
        version: request.params.version,
      });
    },
  );
};
