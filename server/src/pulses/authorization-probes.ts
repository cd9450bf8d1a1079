import { createSurvey, publishSurvey } from '../surveys/survey-service.ts';
import type { ProbeModule } from '../testing/route-probe-types.ts';
import { createPulseProgram } from './program-service.ts';
import { launchWave } from './wave-service.ts';

/** Authorization probes of this module's /api/v1 routes (see http/authorization.test.ts). */
export const pulseProbes: ProbeModule = {
  routes: {
    'GET /api/v1/pulse-programs': {
      action: 'pulses.read',
      crossOrg: 'no_leak',
      probe: () => ({ url: '/pulse-programs' }),
    },
    'POST /api/v1/pulse-programs': {
      action: 'pulses.manage',
      sessionOnly: true,
      crossOrg: 'rejected',
      probe: (ids) => ({
        url: '/pulse-programs',
        body: { name: 'Probe program', surveyId: ids.extra.pulseSurveyId },
      }),
    },
    'GET /api/v1/pulse-programs/:id': {
      action: 'pulses.read',
      crossOrg: 'not_found',
      probe: (ids) => ({ url: `/pulse-programs/${ids.extra.pulseProgramId}` }),
    },
    'PATCH /api/v1/pulse-programs/:id': {
      action: 'pulses.manage',
      sessionOnly: true,
      crossOrg: 'not_found',
      probe: (ids) => ({
        url: `/pulse-programs/${ids.extra.pulseProgramId}`,
        body: { name: 'Renamed program' },
      }),
    },
    'GET /api/v1/pulse-programs/:id/waves': {
      action: 'pulses.read',
      crossOrg: 'not_found',
      probe: (ids) => ({ url: `/pulse-programs/${ids.extra.pulseProgramId}/waves` }),
    },
    'POST /api/v1/pulse-programs/:id/waves': {
      action: 'pulses.manage',
      sessionOnly: true,
      crossOrg: 'not_found',
      // The fixture's wave holds the current period: allowed callers get 409, never 401/403.
      probe: (ids) => ({ url: `/pulse-programs/${ids.extra.pulseProgramId}/waves`, body: {} }),
    },
    'POST /api/v1/pulse-waves/:id/close': {
      action: 'pulses.manage',
      sessionOnly: true,
      crossOrg: 'not_found',
      probe: (ids) => ({ url: `/pulse-waves/${ids.extra.pulseWaveId}/close` }),
    },
    'GET /api/v1/pulse-waves/:id/participation': {
      action: 'pulses.read',
      crossOrg: 'not_found',
      probe: (ids) => ({ url: `/pulse-waves/${ids.extra.pulseWaveId}/participation` }),
    },
  },
  async fixtures(db, ids) {
    const survey = await createSurvey({
      db,
      orgId: ids.orgId,
      actorId: ids.personId,
      body: { kind: 'employee_pulse', name: 'Probe pulse', template: 'employee_pulse' },
    });
    await publishSurvey({ db, orgId: ids.orgId, surveyId: survey.id, actorId: ids.personId });
    const program = await createPulseProgram({
      db,
      orgId: ids.orgId,
      actorId: ids.personId,
      body: {
        name: 'Probe program',
        surveyId: survey.id,
        cadence: 'monthly',
        populationUnitId: null,
        openDays: 14,
        reminderAfterDays: 5,
      },
    });
    const wave = await launchWave({
      db,
      orgId: ids.orgId,
      programId: program.id,
      publicUrl: 'http://probe.example.test',
      actorId: ids.personId,
    });
    return { pulseSurveyId: survey.id, pulseProgramId: program.id, pulseWaveId: wave.id };
  },
};
