import { queryOptions } from '@tanstack/react-query';
import { getMe, getUnitTree } from './endpoints.ts';
import { getSurvey, listSurveys, listSurveyVersions } from './feedback.ts';

export const meQuery = queryOptions({ queryKey: ['people', 'me'], queryFn: getMe });
export const unitTreeQuery = queryOptions({ queryKey: ['units', 'tree'], queryFn: getUnitTree });

export const surveysQuery = queryOptions({
  queryKey: ['surveys', 'list'],
  queryFn: listSurveys,
});
export const surveyQuery = (id: string) =>
  queryOptions({ queryKey: ['surveys', 'one', id], queryFn: () => getSurvey(id) });
export const surveyVersionsQuery = (id: string) =>
  queryOptions({ queryKey: ['surveys', 'versions', id], queryFn: () => listSurveyVersions(id) });
