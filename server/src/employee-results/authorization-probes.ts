import type { ProbeModule } from '../testing/route-probe-types.ts';
import { releaseWaveResults } from './release.ts';
import {
  createClosedWave,
  createEmployeeSurvey,
  insertEmployeeResponses,
} from './test-fixtures.ts';

/** Authorization probes of this module's /api/v1 routes (see http/authorization.test.ts). */
export const employeeResultProbes: ProbeModule = {
  routes: {
    'GET /api/v1/employee-results/heatmap': {
      action: 'employeeResults.read',
      crossOrg: 'not_found',
      probe: (ids) => ({ url: `/employee-results/heatmap?surveyId=${ids.extra.resultsSurveyId}` }),
    },
    'GET /api/v1/employee-results/team-pulse': {
      action: 'employeeResults.read',
      // Managers and employees outside the probed unit get 403 (row visibility).
      scoped: true,
      crossOrg: 'not_found',
      probe: (ids) => ({ url: `/employee-results/team-pulse?unitId=${ids.unitId}` }),
    },
    'GET /api/v1/employee-results/internal-service': {
      action: 'employeeResults.read',
      crossOrg: 'no_leak',
      probe: () => ({ url: '/employee-results/internal-service' }),
    },
    'GET /api/v1/employee-results/upward': {
      action: 'upwardResults.read',
      crossOrg: 'no_leak',
      probe: () => ({ url: '/employee-results/upward' }),
    },
  },
  async fixtures(db, ids) {
    const { surveyId, surveyVersionId } = await createEmployeeSurvey(db, {
      orgId: ids.orgId,
      actorId: ids.personId,
      kind: 'employee_pulse',
      name: 'Results probe pulse',
    });
    const wave = await createClosedWave(db, {
      orgId: ids.orgId,
      surveyId,
      surveyVersionId,
      period: '2026-01',
    });
    await insertEmployeeResponses(db, wave, [
      { unitId: ids.unitId, count: 6, scores: { evi: 70, 'ev.solve': 75 }, comment: 'probe' },
    ]);
    await releaseWaveResults({ db, waveId: wave.waveId });
    return { resultsSurveyId: surveyId, resultsWaveId: wave.waveId };
  },
};
