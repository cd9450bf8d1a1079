import { queryOptions } from '@tanstack/react-query';
import {
  type CreatePulseProgramBody,
  heatmapSchema,
  importResultSchema,
  internalServiceResultsSchema,
  participationSchema,
  pulseProgramListSchema,
  pulseProgramSchema,
  pulseWaveListSchema,
  pulseWaveSchema,
  retentionSchema,
  teamPulseSchema,
  type UpdatePulseProgramBody,
} from '@valueloop/contracts';
import { api } from './client.ts';

/** Employee voice (issue 5): pulse programs, waves, released results, HR facts. */

/** Query values as the URL carries them; the server parses them with the same contract. */
export type ResultsQueryParams = Record<string, string | number | undefined>;

export const listPulsePrograms = () => api('/pulse-programs', pulseProgramListSchema);

export const createPulseProgram = (body: Partial<CreatePulseProgramBody> & { name: string }) =>
  api('/pulse-programs', pulseProgramSchema, { method: 'POST', body });

export const updatePulseProgram = (id: string, body: UpdatePulseProgramBody) =>
  api(`/pulse-programs/${id}`, pulseProgramSchema, { method: 'PATCH', body });

export const listPulseWaves = (programId: string) =>
  api(`/pulse-programs/${programId}/waves`, pulseWaveListSchema);

export const launchPulseWave = (programId: string, period?: string) =>
  api(`/pulse-programs/${programId}/waves`, pulseWaveSchema, {
    method: 'POST',
    body: period ? { period } : {},
  });

export const closePulseWave = (waveId: string) =>
  api(`/pulse-waves/${waveId}/close`, pulseWaveSchema, { method: 'POST' });

export const getParticipation = (waveId: string) =>
  api(`/pulse-waves/${waveId}/participation`, participationSchema);

export const getTeamPulse = (query: ResultsQueryParams) =>
  api('/employee-results/team-pulse', teamPulseSchema, { query });

export const getHeatmap = (query: ResultsQueryParams) =>
  api('/employee-results/heatmap', heatmapSchema, { query });

export const getInternalService = (query: ResultsQueryParams) =>
  api('/employee-results/internal-service', internalServiceResultsSchema, { query });

/** Manager upward results: the same units × indices shape as the heatmap. */
export const getUpward = (query: ResultsQueryParams) =>
  api('/employee-results/upward', heatmapSchema, { query });

export const getRetention = (query: ResultsQueryParams) =>
  api('/hr/retention', retentionSchema, { query });

export const runHrImport = (kind: 'exits' | 'pay-bands', csv: string) =>
  api(`/hr/imports/${kind}`, importResultSchema, {
    method: 'POST',
    body: csv,
    contentType: 'text/csv',
  });

export const pulseProgramsQuery = queryOptions({
  queryKey: ['pulse', 'programs'],
  queryFn: listPulsePrograms,
});
export const pulseWavesQuery = (programId: string) =>
  queryOptions({
    queryKey: ['pulse', 'waves', programId],
    queryFn: () => listPulseWaves(programId),
  });
