import {
  type CreateSurveyBody,
  responseDetailSchema,
  responsePageSchema,
  surveyListSchema,
  surveySchema,
  surveyVersionSchema,
  type UpdateSurveyBody,
} from '@valueloop/contracts';
import { z } from 'zod';
import { api } from './client.ts';

/** Surveys, their versions and the responses they collect (issue 4, part 9). */

export const listSurveys = () => api('/surveys', surveyListSchema);
export const getSurvey = (id: string) => api(`/surveys/${id}`, surveySchema);

export const createSurvey = (body: Partial<CreateSurveyBody> & { name: string }) =>
  api('/surveys', surveySchema, { method: 'POST', body });

export const updateSurvey = (id: string, body: UpdateSurveyBody) =>
  api(`/surveys/${id}`, surveySchema, { method: 'PATCH', body });

export const publishSurvey = (id: string) =>
  api(`/surveys/${id}/publish`, surveyVersionSchema, { method: 'POST' });

export const listSurveyVersions = (id: string) =>
  api(`/surveys/${id}/versions`, z.object({ items: z.array(surveyVersionSchema) }));

/** Query values as the URL carries them; the server parses them with the same contract. */
export type ResponseListQuery = Record<string, string | number | undefined>;

export const listResponses = (query: ResponseListQuery) =>
  api('/responses', responsePageSchema, { query });

export const getResponse = (id: string) => api(`/responses/${id}`, responseDetailSchema);
