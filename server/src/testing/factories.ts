import { randomBytes } from 'node:crypto';
import { distributionSchema, type Role, type SurveyDefinition } from '@valueloop/contracts';
import { eq, sql } from 'drizzle-orm';
import { randomToken, sha256 } from '../auth/secrets.ts';
import { hashPassword } from '../auth/session-service.ts';
import type { Db } from '../db/client.ts';
import {
  cases,
  credentials,
  customers,
  organizations,
  people,
  pulseInvitations,
  pulseParticipation,
  pulsePrograms,
  pulseWaves,
  supportEdges,
  surveys,
  surveyVersions,
  units,
} from '../db/schema/index.ts';
import type { Answers } from '../responses/answers.ts';
import { insertResponse } from '../responses/store-response.ts';
import { loadSurveyTemplate } from '../surveys/templates.ts';

const uniq = () => randomBytes(4).toString('hex');
export const TEST_PASSWORD = 'correct horse battery staple';
let cachedHash: Promise<string> | null = null;

export async function createOrganization(
  db: Db,
  overrides: Partial<typeof organizations.$inferInsert> = {},
) {
  const id = uniq();
  const [org] = await db
    .insert(organizations)
    .values({ slug: `org-${id}`, name: `Org ${id}`, ...overrides })
    .returning();
  return org!;
}

export async function createUnit(
  db: Db,
  orgId: string,
  overrides: Partial<typeof units.$inferInsert> = {},
) {
  const id = uniq();
  const [unit] = await db
    .insert(units)
    .values({
      orgId,
      externalId: `U-${id}`,
      name: `Unit ${id}`,
      level: 'team',
      kind: 'front_line',
      ...overrides,
    })
    .returning();
  return unit!;
}

/** A person who can sign in with TEST_PASSWORD. */
export async function createPerson(
  db: Db,
  orgId: string,
  overrides: Partial<typeof people.$inferInsert> & { roles?: Role[] } = {},
) {
  const id = uniq();
  const [person] = await db
    .insert(people)
    .values({
      orgId,
      externalId: `P-${id}`,
      name: `Person ${id}`,
      email: `person-${id}@example.test`,
      roles: ['employee'],
      hireDate: '2024-01-15',
      ...overrides,
    })
    .returning();
  cachedHash ??= hashPassword(TEST_PASSWORD);
  await db.insert(credentials).values({
    personId: person!.id,
    orgId,
    email: person!.email.toLowerCase(),
    passwordHash: await cachedHash,
  });
  return person!;
}

export async function createSupportEdge(
  db: Db,
  orgId: string,
  edge: { fromUnitId: string; toUnitId: string },
) {
  const [row] = await db
    .insert(supportEdges)
    .values({ orgId, ...edge })
    .returning();
  return row!;
}

export async function createCustomer(
  db: Db,
  orgId: string,
  overrides: Partial<typeof customers.$inferInsert> = {},
) {
  const id = uniq();
  const [row] = await db
    .insert(customers)
    .values({ orgId, externalId: `C-${id}`, name: `Customer ${id}`, ...overrides })
    .returning();
  return row!;
}

/** A published survey (version 1, the customer value template unless `definition` is given). */
export async function createSurveyWithVersion(
  db: Db,
  orgId: string,
  overrides: { name?: string; definition?: SurveyDefinition } = {},
) {
  const definition = overrides.definition ?? loadSurveyTemplate('customer_value');
  const [survey] = await db
    .insert(surveys)
    .values({
      orgId,
      kind: 'customer',
      name: overrides.name ?? `Survey ${uniq()}`,
      status: 'active',
      draft: definition,
      distribution: {
        samplingRate: 1,
        quarantineDays: 30,
        expiryDays: 14,
        reminderAfterDays: 3,
        channel: 'link',
        interactionChannels: [],
      },
    })
    .returning();
  const [version] = await db
    .insert(surveyVersions)
    .values({ orgId, surveyId: survey!.id, version: 1, definition })
    .returning();
  await db.update(surveys).set({ currentVersionId: version!.id }).where(eq(surveys.id, survey!.id));
  return { survey: survey!, version: version! };
}

/** Answers to the customer value template that pass validation. */
export const customerValueAnswers = (overrides: Answers = {}): Answers => ({
  result: 4,
  ease: 5,
  price: 3,
  sat: 4,
  nps: 9,
  comment: 'Quick and friendly',
  ...overrides,
});

/** A complete API response stored through insertResponse (scores, item scores and event). */
export async function createResponse(
  db: Db,
  version: { orgId: string; surveyId: string; id: string; definition: SurveyDefinition },
  overrides: {
    answers?: Answers;
    unitId?: string | null;
    employeeId?: string | null;
    submittedAt?: Date;
    submissionId?: string;
  } = {},
) {
  return insertResponse({
    db,
    ctx: {
      orgId: version.orgId,
      surveyId: version.surveyId,
      surveyVersionId: version.id,
      definition: version.definition,
      source: 'api',
      submissionId: overrides.submissionId ?? `S-${uniq()}${uniq()}`,
      unitId: overrides.unitId ?? null,
      employeeId: overrides.employeeId ?? null,
    },
    answers: overrides.answers ?? customerValueAnswers(),
    status: 'complete',
    submittedAt: overrides.submittedAt ?? new Date(),
  });
}

type EmployeeTemplate = 'employee_pulse' | 'internal_service' | 'manager_upward';

/**
 * An open wave of a new pulse program over a published employee survey (the template of the
 * same name as `kind`): opened a day ago, closing in `closesInDays` (default 14).
 */
export async function createPulseWave(
  db: Db,
  orgId: string,
  overrides: {
    kind?: EmployeeTemplate;
    definition?: SurveyDefinition;
    period?: string;
    status?: 'open' | 'closed' | 'released';
    closesAt?: Date;
  } = {},
) {
  const kind = overrides.kind ?? 'employee_pulse';
  const definition = overrides.definition ?? loadSurveyTemplate(kind);
  const [survey] = await db
    .insert(surveys)
    .values({
      orgId,
      kind,
      name: `Pulse ${uniq()}`,
      status: 'active',
      draft: definition,
      distribution: distributionSchema.parse({}),
    })
    .returning();
  const [version] = await db
    .insert(surveyVersions)
    .values({ orgId, surveyId: survey!.id, version: 1, definition })
    .returning();
  await db.update(surveys).set({ currentVersionId: version!.id }).where(eq(surveys.id, survey!.id));
  const [program] = await db
    .insert(pulsePrograms)
    .values({ orgId, surveyId: survey!.id, name: survey!.name, cadence: 'monthly' })
    .returning();
  const now = Date.now();
  const [wave] = await db
    .insert(pulseWaves)
    .values({
      orgId,
      programId: program!.id,
      surveyVersionId: version!.id,
      period: overrides.period ?? new Date(now).toISOString().slice(0, 7),
      opensAt: new Date(now - 86_400_000),
      closesAt: overrides.closesAt ?? new Date(now + 14 * 86_400_000),
      status: overrides.status ?? 'open',
    })
    .returning();
  return { survey: survey!, version: version!, program: program!, wave: wave! };
}

/**
 * A person's invitation to a wave (unit and tenure band as copied at launch) and the clear
 * token of its link; counts the person as invited in the unit's participation row.
 */
export async function createPulseInvitation(
  db: Db,
  wave: { id: string; orgId: string; closesAt: Date },
  person: { id: string; unitId: string | null },
  overrides: Partial<typeof pulseInvitations.$inferInsert> = {},
) {
  const token = randomToken(24);
  const unitId = overrides.unitId ?? person.unitId;
  if (!unitId) throw new Error('createPulseInvitation: the person has no unit');
  const [invitation] = await db
    .insert(pulseInvitations)
    .values({
      orgId: wave.orgId,
      waveId: wave.id,
      personId: person.id,
      unitId,
      tenureBand: '1-3y',
      tokenHash: sha256(token),
      expiresAt: wave.closesAt,
      ...overrides,
    })
    .returning();
  await db
    .insert(pulseParticipation)
    .values({ orgId: wave.orgId, waveId: wave.id, unitId, invited: 1 })
    .onConflictDoUpdate({
      target: [pulseParticipation.waveId, pulseParticipation.unitId],
      set: { invited: sql`${pulseParticipation.invited} + 1` },
    });
  return { invitation: invitation!, token };
}

/** A case on a response (helper "cases"): new, normal priority, due in a day unless overridden. */
export async function createCase(
  db: Db,
  fields: { orgId: string; responseId: string } & Partial<typeof cases.$inferInsert>,
) {
  const [row] = await db
    .insert(cases)
    .values({
      title: `Case ${uniq()}`,
      priority: 'normal',
      dueAt: new Date(Date.now() + 86_400_000),
      ...fields,
    })
    .returning();
  return row!;
}
