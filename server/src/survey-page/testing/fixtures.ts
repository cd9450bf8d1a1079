import type { Question } from '@valueloop/contracts';
import { eq } from 'drizzle-orm';
import { surveys } from '../../db/schema/index.ts';
import { ingestInteractions } from '../../interactions/ingest-interactions.ts';
import { createSurvey, publishSurvey, updateSurvey } from '../../surveys/survey-service.ts';
import { loadSurveyTemplate } from '../../surveys/templates.ts';
import { createOrganization, createPerson, createUnit } from '../../testing/factories.ts';
import type { TestApp } from '../../testing/harness.ts';
import extraQuestions from './extra-questions.json' with { type: 'json' };

export const PUBLIC_URL = 'http://survey.test';

/**
 * An organization with an active customer survey (the customer value template plus a show-if
 * question and one of each remaining type), a serving unit with two current employees, one
 * who left, and a person of another unit.
 */
export async function createSurveyWorld(t: TestApp) {
  const db = t.database.db;
  const org = await createOrganization(db);
  const unit = await createUnit(db, org.id);
  const otherUnit = await createUnit(db, org.id);
  const ana = await createPerson(db, org.id, { unitId: unit.id, name: 'Ana María López' });
  const bo = await createPerson(db, org.id, { unitId: unit.id, name: 'Bo Kim' });
  const gone = await createPerson(db, org.id, {
    unitId: unit.id,
    name: 'Gail Departed',
    exitDate: '2020-01-31',
  });
  const stranger = await createPerson(db, org.id, { unitId: otherUnit.id, name: 'Zed Other' });
  const admin = await createPerson(db, org.id, { roles: ['admin'], unitId: otherUnit.id });
  const survey = await createSurvey({
    db,
    orgId: org.id,
    actorId: admin.id,
    body: { kind: 'customer', name: 'Visit', template: 'customer_value' },
  });
  const draft = loadSurveyTemplate('customer_value');
  draft.questions.push(...(extraQuestions as Question[]));
  await updateSurvey({
    db,
    orgId: org.id,
    surveyId: survey.id,
    body: {
      draft,
      distribution: { quarantineDays: 0, channel: 'link', samplingRate: 1 },
      openLink: true,
    },
  });
  await publishSurvey({ db, orgId: org.id, surveyId: survey.id, actorId: admin.id });
  const [row] = await db.select().from(surveys).where(eq(surveys.id, survey.id));
  let n = 0;

  /** A new interaction at the unit, and the token of its invitation link. */
  async function invite(now = new Date()) {
    n += 1;
    const [result] = await ingestInteractions({
      db,
      orgId: org.id,
      publicUrl: PUBLIC_URL,
      now,
      items: [
        {
          externalId: `VISIT-${n}-${Math.random().toString(36).slice(2)}`,
          customer: { externalId: `CUST-${n}-${Math.random().toString(36).slice(2)}` },
          unitExternalId: unit.externalId,
          employeeExternalIds: [ana.externalId],
          channel: 'branch',
          occurredAt: now.toISOString(),
        },
      ],
    });
    const url = result?.invitation?.url;
    if (!url) throw new Error(`no invitation: ${result?.skippedReason}`);
    return { token: url.slice(`${PUBLIC_URL}/s/`.length), interaction: result! };
  }

  return { org, unit, ana, bo, gone, stranger, admin, survey: row!, invite };
}
export type SurveyWorld = Awaited<ReturnType<typeof createSurveyWorld>>;

/** Answers to every required question of the customer value template. */
export const requiredAnswers = { result: 4, sat: 5, nps: 9 } as const;
