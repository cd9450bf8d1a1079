import type { SurveyDefinition } from '@valueloop/contracts';
import { tenureBandAt } from '../pulses/periods.ts';
import { loadSurveyTemplate } from '../surveys/templates.ts';
import { type DemoCausalModel, demoCausalModel, residualSd } from './causal-model.ts';
import { isoDate } from './dates.ts';
import { createRng, type Rng } from './prng.ts';
import { addComment, drawEmployeeAnswers } from './pulse-answers.ts';
import { type DemoPulseModel, demoPulseModel } from './pulse-model.ts';
import type {
  DemoEmployeeResponse,
  DemoPulseKind,
  DemoPulseProgram,
  DemoPulses,
  DemoPulseWave,
} from './pulse-records.ts';
import type { DemoOrganization, DemoPerson, DemoUnit } from './records.ts';

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** One invitee of a wave: where they count and what they answer from. */
interface Invitee {
  person: DemoPerson;
  unitExternalId: string;
}

/** What a program's respond step gets for one invitee who answers. */
interface Answering {
  rng: Rng;
  invitee: Invitee;
  /** Panel month of the wave. */
  month: number;
  base: Pick<DemoEmployeeResponse, 'unitExternalId' | 'tenureBand' | 'submittedOn'>;
  definition: SurveyDefinition;
}

/**
 * Two years of employee voice (parameters: pulse-model.ts): a monthly employee pulse over
 * the whole organization, a quarterly internal service survey (front-line people rate the
 * back-office units that support them) and a quarterly upward survey (unit managers except top
 * management). Only waves that closed by `asOf` are generated; each is stored as closed.
 * Pure: seed + models + the organization and people + the reference date in, records out.
 */
export function generateEmployeePulses(opts: {
  seed: number;
  model?: DemoCausalModel;
  pulseModel?: DemoPulseModel;
  organization: DemoOrganization;
  people: DemoPerson[];
  asOf: Date;
}): DemoPulses {
  const model = opts.model ?? demoCausalModel;
  const pm = opts.pulseModel ?? demoPulseModel;
  const rng = createRng(opts.seed).fork('pulses');
  const { units, latents, panel, supportEdges } = opts.organization;
  const rho = model.intraclass.employeeValue;
  const latentOf = new Map(latents.map((l) => [l.unitExternalId, l]));
  const unitById = new Map(units.map((u) => [u.externalId, u]));
  const months = model.crossLagged.months;
  const y = opts.asOf.getUTCFullYear();
  const m = opts.asOf.getUTCMonth();
  const monthStart = (t: number) => Date.UTC(y, m - (months - 1 - t), 1);
  const panelValue = new Map(panel.map((p) => [`${p.unitExternalId}|${p.month}`, p.employeeValue]));
  const unitValueAt = (unit: string, t: number) =>
    panelValue.get(`${unit}|${t}`) ?? latentOf.get(unit)!.employeeValue;

  // Persistent personal views of climate and manager, chained on the person's own value part.
  const personRng = rng.fork('people');
  const own = new Map(
    opts.people.map((p) => {
      const unitValue = latentOf.get(p.unitExternalId)!.employeeValue;
      const value = (p.latent.employeeValue - Math.sqrt(rho) * unitValue) / Math.sqrt(1 - rho);
      const b = model.paths;
      const climate =
        b.climateToEmployeeValue * value +
        residualSd(b.climateToEmployeeValue) * personRng.normal();
      const leadership =
        b.leadershipToClimate * climate + residualSd(b.leadershipToClimate) * personRng.normal();
      return [p.externalId, { value, climate, leadership }];
    }),
  );

  const employedOn = (p: DemoPerson, day: string) =>
    p.hireDate <= day && (p.exitDate === null || p.exitDate > day);
  const mix = (unitLatent: number, personal: number, noise: number) =>
    Math.sqrt(rho) * unitLatent + Math.sqrt(1 - rho) * personal + noise;

  /** The waves of one program: participation per unit and answers for each who responds. */
  const runProgram = (
    kind: DemoPulseKind,
    name: string,
    template: 'employee_pulse' | 'internal_service' | 'manager_upward',
    cadence: 'monthly' | 'quarterly',
    openingDayOfMonth: number,
    invitees: (day: string) => Invitee[],
    respond: (answer: Answering) => DemoEmployeeResponse[],
  ): DemoPulseProgram => {
    const definition = loadSurveyTemplate(template);
    const programRng = rng.fork(kind);
    const baseRate = new Map(
      units.map((u) => [
        u.externalId,
        pm.participation.min + (pm.participation.max - pm.participation.min) * programRng.next(),
      ]),
    );
    const waves: DemoPulseWave[] = [];
    for (let t = 0; t < months; t++) {
      const start = new Date(monthStart(t));
      if (cadence === 'quarterly' && start.getUTCMonth() % 3 !== 0) continue;
      const opensAt = monthStart(t) + (openingDayOfMonth - 1) * DAY + 8 * HOUR;
      const closesAt = opensAt + pm.openDays * DAY;
      if (closesAt > opts.asOf.getTime()) continue;
      const waveRng = programRng.fork(`wave-${t}`);
      const openingDay = isoDate(new Date(opensAt));
      const rate = new Map(
        units.map((u) => {
          const p = baseRate.get(u.externalId)! + pm.participation.waveJitter * waveRng.normal();
          return [
            u.externalId,
            Math.min(pm.participation.ceiling, Math.max(pm.participation.floor, p)),
          ];
        }),
      );
      const counts = new Map<string, { invited: number; responded: number }>();
      const responses: DemoEmployeeResponse[] = [];
      for (const invitee of invitees(openingDay)) {
        const count = counts.get(invitee.unitExternalId) ?? { invited: 0, responded: 0 };
        counts.set(invitee.unitExternalId, count);
        count.invited++;
        if (!waveRng.chance(rate.get(invitee.unitExternalId)!)) continue;
        count.responded++;
        const delay = Math.min(
          pm.openDays - 1,
          Math.floor(-Math.log(1 - waveRng.next()) * pm.meanAnswerDelayDays),
        );
        const base = {
          unitExternalId: invitee.unitExternalId,
          tenureBand: tenureBandAt(invitee.person.hireDate, openingDay),
          submittedOn: isoDate(new Date(opensAt + delay * DAY)),
        };
        responses.push(...respond({ rng: waveRng, invitee, month: t, base, definition }));
      }
      waves.push({
        period: isoDate(start).slice(0, 7),
        month: t,
        opensAt: new Date(opensAt).toISOString(),
        closesAt: new Date(closesAt).toISOString(),
        participation: units.flatMap((u) => {
          const c = counts.get(u.externalId);
          return c ? [{ unitExternalId: u.externalId, ...c }] : [];
        }),
        // Stored order must not follow the roster: shuffle within the wave.
        responses: waveRng.shuffle(responses),
      });
    }
    return {
      kind,
      name,
      cadence,
      definition,
      publishedAt: new Date(monthStart(0) - DAY).toISOString(),
      openDays: pm.openDays,
      reminderAfterDays: 5,
      waves,
    };
  };

  const everyone = (day: string): Invitee[] =>
    opts.people
      .filter((p) => employedOn(p, day))
      .map((person) => ({ person, unitExternalId: person.unitExternalId }));

  const pulse = runProgram(
    'employee_pulse',
    'Monthly pulse',
    'employee_pulse',
    'monthly',
    2,
    everyone,
    ({ rng: r, invitee: { person }, month: t, base, definition }) => {
      const unit = latentOf.get(person.unitExternalId)!;
      const mine = own.get(person.externalId)!;
      const unitValue = unitValueAt(person.unitExternalId, t);
      const latent = {
        leadership: mix(unit.leadership, mine.leadership, pm.occasionSd * r.normal()),
        climate: mix(unit.climate, mine.climate, pm.occasionSd * r.normal()),
        value: mix(unitValue, mine.value, pm.occasionSd * r.normal()),
      };
      const answers = drawEmployeeAnswers(r, pm, definition, latent);
      addComment(r, definition, answers, 'pulse', pm.commentRate.pulse, latent.value);
      return [
        {
          ...base,
          subjectUnitExternalId: null,
          answers,
          latent: { value: latent.value, unitValue },
        },
      ];
    },
  );

  // Front-line units rate the back-office units with a support edge to them.
  const supporters = new Map<string, string[]>();
  for (const e of supportEdges) {
    if (unitById.get(e.fromExternalId)?.kind !== 'back_office') continue;
    if (unitById.get(e.toExternalId)?.kind !== 'front_line') continue;
    supporters.set(e.toExternalId, [...(supporters.get(e.toExternalId) ?? []), e.fromExternalId]);
  }
  const internal = runProgram(
    'internal_service',
    'Internal service',
    'internal_service',
    'quarterly',
    9,
    (day) => everyone(day).filter((i) => supporters.has(i.unitExternalId)),
    ({ rng: r, invitee, base, definition }) =>
      supporters.get(invitee.unitExternalId)!.map((rated) => {
        const unitValue = latentOf.get(rated)!.internalServiceQuality!;
        const isq = mix(unitValue, r.normal(), 0);
        const answers = drawEmployeeAnswers(r, pm, definition, { isq });
        addComment(r, definition, answers, 'internal', pm.commentRate.internal, isq);
        return {
          ...base,
          subjectUnitExternalId: rated,
          answers,
          latent: { value: isq, unitValue },
        };
      }),
  );

  // Managers rate the support they get from above; executives (top management) are not asked.
  const headOffice = units.find((u) => u.level === 'head_office')!.externalId;
  const upward = runProgram(
    'manager_upward',
    'Support from top management',
    'manager_upward',
    'quarterly',
    16,
    (day) =>
      opts.people
        .filter((p) => p.manages && !p.roles.includes('executive') && employedOn(p, day))
        .map((person) => ({ person, unitExternalId: person.manages! })),
    ({ rng: r, invitee, base, definition }) => {
      const led: DemoUnit = unitById.get(invitee.unitExternalId)!;
      const unitValue = latentOf.get(led.parentExternalId ?? headOffice)!.leadership;
      const support = mix(unitValue, r.normal(), 0);
      const answers = drawEmployeeAnswers(r, pm, definition, { upward: support });
      addComment(r, definition, answers, 'upward', pm.commentRate.upward, support);
      return [
        { ...base, subjectUnitExternalId: null, answers, latent: { value: support, unitValue } },
      ];
    },
  );
  return { programs: [pulse, internal, upward] };
}
