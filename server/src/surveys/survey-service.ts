import {
  type CreateSurveyBody,
  type Distribution,
  distributionSchema,
  type UpdateSurveyBody,
} from '@valueloop/contracts';
import { and, desc, eq, max } from 'drizzle-orm';
import { randomToken } from '../auth/secrets.ts';
import type { Db } from '../db/client.ts';
import { auditLog, surveys, surveyVersions } from '../db/schema/index.ts';
import { AppError, notFound, validationFailed } from '../http/errors.ts';
import { checkDefinition } from './definition-rules.ts';
import { loadSurveyTemplate } from './templates.ts';

type SurveyRow = typeof surveys.$inferSelect;
type VersionRow = typeof surveyVersions.$inferSelect;

export function presentSurveyVersion(v: VersionRow) {
  return {
    id: v.id,
    surveyId: v.surveyId,
    version: v.version,
    definition: v.definition,
    publishedAt: v.publishedAt.toISOString(),
  };
}

export function presentSurvey(s: SurveyRow, current: VersionRow | null) {
  const version = current ? presentSurveyVersion(current) : null;
  return {
    id: s.id,
    kind: s.kind,
    name: s.name,
    status: s.status,
    draft: s.draft,
    distribution: s.distribution,
    currentVersion: version && {
      id: version.id,
      surveyId: version.surveyId,
      version: version.version,
      publishedAt: version.publishedAt,
    },
    openLinkKey: s.openLinkKey,
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
  };
}

async function currentVersionOf(db: Db, s: SurveyRow): Promise<VersionRow | null> {
  if (!s.currentVersionId) return null;
  const [v] = await db
    .select()
    .from(surveyVersions)
    .where(eq(surveyVersions.id, s.currentVersionId));
  return v ?? null;
}

export async function findSurvey(opts: { db: Db; orgId: string; surveyId: string }) {
  const [s] = await opts.db
    .select()
    .from(surveys)
    .where(and(eq(surveys.orgId, opts.orgId), eq(surveys.id, opts.surveyId)));
  if (!s) throw notFound('Survey');
  return s;
}

export async function getSurvey(opts: { db: Db; orgId: string; surveyId: string }) {
  const s = await findSurvey(opts);
  return presentSurvey(s, await currentVersionOf(opts.db, s));
}

export async function listSurveys(opts: { db: Db; orgId: string }) {
  const rows = await opts.db
    .select({ survey: surveys, version: surveyVersions })
    .from(surveys)
    .leftJoin(surveyVersions, eq(surveyVersions.id, surveys.currentVersionId))
    .where(eq(surveys.orgId, opts.orgId))
    .orderBy(desc(surveys.createdAt));
  return rows.map((r) => presentSurvey(r.survey, r.version));
}

export async function createSurvey(opts: {
  db: Db;
  orgId: string;
  actorId: string;
  body: CreateSurveyBody;
}) {
  const distribution: Distribution = distributionSchema.parse(opts.body.distribution ?? {});
  const [s] = await opts.db
    .insert(surveys)
    .values({
      orgId: opts.orgId,
      kind: opts.body.kind,
      name: opts.body.name,
      draft: loadSurveyTemplate(opts.body.template),
      distribution,
    })
    .returning();
  return presentSurvey(s!, null);
}

export async function updateSurvey(opts: {
  db: Db;
  orgId: string;
  surveyId: string;
  body: UpdateSurveyBody;
}) {
  const s = await findSurvey(opts);
  const { body } = opts;
  if (body.draft) {
    const errors = checkDefinition(body.draft, 'body.draft');
    if (errors.length) throw validationFailed(errors, 'The survey definition is not valid');
  }
  if (body.status === 'active' && !s.currentVersionId) {
    throw new AppError('conflict', 'Publish the survey before activating it', {
      errors: [{ field: 'body.status', message: 'needs a published version' }],
    });
  }
  const openLinkKey =
    body.openLink === undefined
      ? s.openLinkKey
      : body.openLink
        ? (s.openLinkKey ?? randomToken(16))
        : null;
  const [updated] = await opts.db
    .update(surveys)
    .set({
      name: body.name ?? s.name,
      draft: body.draft ?? s.draft,
      distribution: body.distribution
        ? { ...s.distribution, ...body.distribution }
        : s.distribution,
      status: body.status ?? s.status,
      openLinkKey,
      updatedAt: new Date(),
    })
    .where(eq(surveys.id, s.id))
    .returning();
  return presentSurvey(updated!, await currentVersionOf(opts.db, updated!));
}

/** Publishing copies the draft into a new immutable version; responses keep their version. */
export async function publishSurvey(opts: {
  db: Db;
  orgId: string;
  surveyId: string;
  actorId: string;
}) {
  const s = await findSurvey(opts);
  const errors = checkDefinition(s.draft);
  if (errors.length) throw validationFailed(errors, 'Fix the draft before publishing');
  return opts.db.transaction(async (tx) => {
    // Lock the survey row so two concurrent publishes get consecutive version numbers.
    await tx.select({ id: surveys.id }).from(surveys).where(eq(surveys.id, s.id)).for('update');
    const [{ latest } = { latest: 0 }] = await tx
      .select({ latest: max(surveyVersions.version) })
      .from(surveyVersions)
      .where(eq(surveyVersions.surveyId, s.id));
    const [v] = await tx
      .insert(surveyVersions)
      .values({
        orgId: opts.orgId,
        surveyId: s.id,
        version: (latest ?? 0) + 1,
        definition: s.draft,
        publishedBy: opts.actorId,
      })
      .returning();
    await tx
      .update(surveys)
      .set({ currentVersionId: v!.id, status: 'active', updatedAt: new Date() })
      .where(eq(surveys.id, s.id));
    await tx.insert(auditLog).values({
      orgId: opts.orgId,
      actorPersonId: opts.actorId,
      action: 'survey.published',
      entityType: 'survey',
      entityId: s.id,
      detail: { version: v!.version },
    });
    return presentSurveyVersion(v!);
  });
}

export async function getSurveyVersion(opts: {
  db: Db;
  orgId: string;
  surveyId: string;
  version: number;
}) {
  const [v] = await opts.db
    .select()
    .from(surveyVersions)
    .where(
      and(
        eq(surveyVersions.orgId, opts.orgId),
        eq(surveyVersions.surveyId, opts.surveyId),
        eq(surveyVersions.version, opts.version),
      ),
    );
  if (!v) throw notFound('Survey version');
  return presentSurveyVersion(v);
}

export async function listSurveyVersions(opts: { db: Db; orgId: string; surveyId: string }) {
  await findSurvey(opts);
  const rows = await opts.db
    .select()
    .from(surveyVersions)
    .where(and(eq(surveyVersions.orgId, opts.orgId), eq(surveyVersions.surveyId, opts.surveyId)))
    .orderBy(desc(surveyVersions.version));
  return rows.map(presentSurveyVersion);
}
