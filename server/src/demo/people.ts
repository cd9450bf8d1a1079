import type { Role } from '@valueloop/contracts';
import { type DemoCausalModel, demoCausalModel } from './causal-model.ts';
import names from './data/names.json' with { type: 'json' };
import structure from './data/organization.json' with { type: 'json' };
import { addDays, isoDate } from './dates.ts';
import type { DemoLoginKey } from './logins.ts';
import { DEMO_BRANCH_NAME } from './organization.ts';
import { createRng, type Rng } from './prng.ts';
import type { DemoOrganization, DemoPerson, DemoUnit } from './records.ts';

/** How far back hire dates reach. */
export const HIRE_WINDOW_DAYS = 5 * 365;

/** The people of Head Office, in order; the first is the chief executive (who leads it). */
const headOfficeStaff: Array<{ roles: Role[]; payBand: string; demoLogin: DemoLoginKey | null }> = [
  { roles: ['executive'], payBand: 'E1', demoLogin: 'executive' },
  { roles: ['executive'], payBand: 'E1', demoLogin: null },
  { roles: ['executive'], payBand: 'E1', demoLogin: null },
  { roles: ['executive'], payBand: 'E1', demoLogin: null },
  { roles: ['admin'], payBand: 'P3', demoLogin: 'admin' },
  { roles: ['admin'], payBand: 'P2', demoLogin: null },
  { roles: ['analyst'], payBand: 'P3', demoLogin: 'analyst' },
  { roles: ['analyst'], payBand: 'P3', demoLogin: null },
  { roles: ['analyst'], payBand: 'P2', demoLogin: null },
  { roles: ['employee'], payBand: 'P2', demoLogin: null },
];

const demoEmails: Record<DemoLoginKey, string> = {
  admin: 'admin@harbor.example',
  analyst: 'analyst@harbor.example',
  executive: 'ceo@harbor.example',
  manager: 'manager@harbor.example',
  employee: 'employee@harbor.example',
};

/**
 * The roster: every unit's manager and staff, with hire dates over the last five years, pay
 * bands, and the people who already left (turnover rises as individual employee value falls).
 * Pure: seed + model + the organization + the reference date in, records out.
 */
export function generatePeople(opts: {
  seed: number;
  model?: DemoCausalModel;
  organization: DemoOrganization;
  /** The demo's "today"; hire and exit dates lie before it. */
  asOf: Date;
}): DemoPerson[] {
  const model = opts.model ?? demoCausalModel;
  const rng = createRng(opts.seed).fork('people');
  const { units, latents } = opts.organization;
  const emails = new Set<string>();
  const people: DemoPerson[] = [];
  const today = isoDate(opts.asOf);
  const icc = model.intraclass.employeeValue;

  const add = (
    unit: DemoUnit,
    fields: Pick<DemoPerson, 'roles' | 'payBand' | 'manages' | 'demoLogin'>,
    unitValue: number,
    mayLeave: boolean,
  ): DemoPerson => {
    const first = rng.pick(names.firstNames);
    const last = rng.pick(names.lastNames);
    const employeeValue = Math.sqrt(icc) * unitValue + Math.sqrt(1 - icc) * rng.normal();
    const hireDate = addDays(today, -rng.int(0, HIRE_WINDOW_DAYS));
    const tenure = daysBetween(hireDate, today);
    const leaves = mayLeave && tenure > 60 && rng.chance(exitProbability(model, employeeValue));
    const person: DemoPerson = {
      externalId: `E-${String(people.length + 1).padStart(4, '0')}`,
      name: `${first} ${last}`,
      email: fields.demoLogin ? demoEmails[fields.demoLogin] : uniqueEmail(first, last, emails),
      unitExternalId: unit.externalId,
      hireDate,
      exitDate: leaves ? addDays(hireDate, rng.int(30, tenure - 1)) : null,
      latent: { employeeValue },
      ...fields,
    };
    people.push(person);
    return person;
  };

  units.forEach((unit, i) => {
    const unitValue = latents[i]!.employeeValue;
    if (unit.level === 'head_office') {
      headOfficeStaff.forEach((staff, k) => {
        add(unit, { ...staff, manages: k === 0 ? unit.externalId : null }, unitValue, false);
      });
      return;
    }
    const isDemoBranch = unit.name === DEMO_BRANCH_NAME;
    add(
      unit,
      {
        roles: ['manager'],
        payBand:
          unit.level === 'region' ? structure.payBands.regionHead : structure.payBands.manager,
        manages: unit.externalId,
        demoLogin: isDemoBranch ? 'manager' : null,
      },
      unitValue,
      false,
    );
    let active = 1;
    while (active < unit.headcount) {
      const demoLogin: DemoLoginKey | null = isDemoBranch && active === 1 ? 'employee' : null;
      const person = add(
        unit,
        { roles: ['employee'], payBand: staffBand(rng, active), manages: null, demoLogin },
        unitValue,
        demoLogin === null,
      );
      if (!person.exitDate) active++;
    }
  });
  return people;
}

/** Probability that an employee left within the five-year window, from the model's retention path. */
export function exitProbability(model: DemoCausalModel, employeeValue: number): number {
  const { baseRate, employeeValueLogOdds } = model.retention;
  const logit = Math.log(baseRate / (1 - baseRate)) + employeeValueLogOdds * employeeValue;
  return 1 / (1 + Math.exp(-logit));
}

function staffBand(rng: Rng, position: number): string {
  // The first two staff of each unit are its seniors (assistant manager, senior advisor).
  return rng.pick(position <= 2 ? structure.payBands.seniorStaff : structure.payBands.staff);
}

function uniqueEmail(first: string, last: string, taken: Set<string>): string {
  const local = `${first}.${last}`.toLowerCase().replace(/[^a-z.-]/g, '');
  let email = `${local}@harbor.example`;
  for (let n = 2; taken.has(email); n++) email = `${local}${n}@harbor.example`;
  taken.add(email);
  return email;
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
}
