import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { recoveryAllowances, units } from '../db/schema/index.ts';
import {
  createCase,
  createCustomer,
  createOrganization,
  createPerson,
  createResponse,
  createSurveyWithVersion,
  createUnit,
} from '../testing/factories.ts';

/**
 * An organization for recovery tests: region (managed by regionBoss) → branch (branchBoss) →
 * team (no manager; the employees), and a sibling otherBranch (otherBoss). Allowances: employees
 * 20/100 organization-wide and 50/500 a month at the branch; managers 200/2000 organization-wide.
 */
export async function createRecoveryWorld(db: Db) {
  const org = await createOrganization(db, { currency: 'USD' });
  const orgId = org.id;
  const region = await createUnit(db, orgId, { name: 'Region', level: 'region' });
  const branch = await createUnit(db, orgId, {
    name: 'Branch',
    level: 'branch',
    parentId: region.id,
  });
  const team = await createUnit(db, orgId, { name: 'Team', parentId: branch.id });
  const otherBranch = await createUnit(db, orgId, {
    name: 'Other branch',
    level: 'branch',
    parentId: region.id,
  });
  const person = (
    unitId: string | null,
    roles: ('employee' | 'manager' | 'admin' | 'executive')[],
  ) => createPerson(db, orgId, { unitId, roles });
  const people = {
    employee: await person(team.id, ['employee']),
    colleague: await person(team.id, ['employee']),
    otherEmployee: await person(otherBranch.id, ['employee']),
    branchBoss: await person(branch.id, ['manager']),
    regionBoss: await person(region.id, ['manager']),
    otherBoss: await person(otherBranch.id, ['manager']),
    admin: await person(null, ['admin']),
  };
  for (const [unit, manager] of [
    [region, people.regionBoss],
    [branch, people.branchBoss],
    [otherBranch, people.otherBoss],
  ] as const) {
    await db.update(units).set({ managerId: manager.id }).where(eq(units.id, unit.id));
  }
  await db.insert(recoveryAllowances).values([
    { orgId, role: 'employee', unitId: null, perCaseCap: '20.00', periodBudget: '100.00' },
    { orgId, role: 'employee', unitId: branch.id, perCaseCap: '50.00', periodBudget: '500.00' },
    { orgId, role: 'manager', unitId: null, perCaseCap: '200.00', periodBudget: '2000.00' },
  ]);
  const customer = await createCustomer(db, orgId, {
    name: 'Ada Customer',
    email: 'ada@example.test',
  });
  const { version } = await createSurveyWithVersion(db, orgId);
  const surveyVersion = { ...version, orgId };
  const newCase = async (fields: Partial<Parameters<typeof createCase>[1]> = {}) => {
    const response = await createResponse(db, surveyVersion, { unitId: team.id });
    return createCase(db, {
      orgId,
      responseId: response.id,
      unitId: team.id,
      ownerId: people.employee.id,
      customerId: customer.id,
      ...fields,
    });
  };
  return {
    orgId,
    units: { region, branch, team, otherBranch },
    people,
    customer,
    surveyVersion,
    newCase,
  };
}

export type RecoveryWorld = Awaited<ReturnType<typeof createRecoveryWorld>>;
