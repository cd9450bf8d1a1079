import {
  createPulseProgramBodySchema,
  idParamsSchema,
  launchWaveBodySchema,
  participationSchema,
  pulseProgramListSchema,
  pulseProgramSchema,
  pulseWaveListSchema,
  pulseWaveSchema,
  updatePulseProgramBodySchema,
} from '@valueloop/contracts';
import { authenticate, authenticateSession } from '../auth/authenticate.ts';
import type { RouteModule } from '../http/types.ts';
import { authorize, visibilityOf } from '../policies/index.ts';
import { closeWaveEarly } from './close-wave.ts';
import { getWaveParticipation } from './participation.ts';
import {
  createPulseProgram,
  getPulseProgram,
  listPulsePrograms,
  updatePulseProgram,
} from './program-service.ts';
import { launchWave, listPulseWaves } from './wave-service.ts';

const tags = ['pulses'];

/** Pulse programs, their waves and participation counts (never who answered, never answers). */
export const pulseRoutes: RouteModule = async (app, { db, config }) => {
  app.get(
    '/pulse-programs',
    { schema: { tags, response: { 200: pulseProgramListSchema } } },
    async (request) => {
      const principal = authenticate(request);
      authorize(principal, 'pulses.read');
      return { items: await listPulsePrograms({ db, orgId: principal.orgId }) };
    },
  );

  app.post(
    '/pulse-programs',
    { schema: { tags, body: createPulseProgramBodySchema, response: { 201: pulseProgramSchema } } },
    async (request, reply) => {
      const principal = authenticateSession(request);
      authorize(principal, 'pulses.manage');
      const program = await createPulseProgram({
        db,
        orgId: principal.orgId,
        actorId: principal.personId,
        body: request.body,
      });
      return reply.status(201).send(program);
    },
  );

  app.get(
    '/pulse-programs/:id',
    { schema: { tags, params: idParamsSchema, response: { 200: pulseProgramSchema } } },
    async (request) => {
      const principal = authenticate(request);
      authorize(principal, 'pulses.read');
      return getPulseProgram({ db, orgId: principal.orgId, programId: request.params.id });
    },
  );

  app.patch(
    '/pulse-programs/:id',
    {
      schema: {
        tags,
        params: idParamsSchema,
        body: updatePulseProgramBodySchema,
        response: { 200: pulseProgramSchema },
      },
    },
    async (request) => {
      const principal = authenticateSession(request);
      authorize(principal, 'pulses.manage');
      return updatePulseProgram({
        db,
        orgId: principal.orgId,
        actorId: principal.personId,
        programId: request.params.id,
        body: request.body,
      });
    },
  );

  app.get(
    '/pulse-programs/:id/waves',
    { schema: { tags, params: idParamsSchema, response: { 200: pulseWaveListSchema } } },
    async (request) => {
      const principal = authenticate(request);
      authorize(principal, 'pulses.read');
      return {
        items: await listPulseWaves({ db, orgId: principal.orgId, programId: request.params.id }),
      };
    },
  );

  app.post(
    '/pulse-programs/:id/waves',
    {
      schema: {
        tags,
        params: idParamsSchema,
        body: launchWaveBodySchema.optional(),
        response: { 201: pulseWaveSchema },
      },
    },
    async (request, reply) => {
      const principal = authenticateSession(request);
      authorize(principal, 'pulses.manage');
      const wave = await launchWave({
        db,
        orgId: principal.orgId,
        programId: request.params.id,
        period: request.body?.period,
        publicUrl: config.publicUrl,
        actorId: principal.personId,
      });
      return reply.status(201).send(wave);
    },
  );

  app.post(
    '/pulse-waves/:id/close',
    { schema: { tags, params: idParamsSchema, response: { 200: pulseWaveSchema } } },
    async (request) => {
      const principal = authenticateSession(request);
      authorize(principal, 'pulses.manage');
      return closeWaveEarly({
        db,
        orgId: principal.orgId,
        waveId: request.params.id,
        actorId: principal.personId,
      });
    },
  );

  app.get(
    '/pulse-waves/:id/participation',
    { schema: { tags, params: idParamsSchema, response: { 200: participationSchema } } },
    async (request) => {
      const principal = authenticate(request);
      authorize(principal, 'pulses.read');
      return getWaveParticipation({
        db,
        orgId: principal.orgId,
        waveId: request.params.id,
        visibility: visibilityOf(principal),
      });
    },
  );
};
