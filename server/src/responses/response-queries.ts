import type { ResponseFilters } from '@valueloop/contracts';
import { and, desc, eq, gte, lt, lte, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { people, responses, surveys, surveyVersions, units } from '../db/schema/index.ts';
import { AppError, forbidden } from '../http/errors.ts';
import { inUnitSubtree } from '../org/scope.ts';
import type { Visibility } from '../policies/index.ts';

/** Keyset position: the row's submitted_at as PostgreSQL prints it (µs kept) and its id. */
export interface ResponseCursor {
  at: string;
  id: string;
}

export function encodeCursor(c: ResponseCursor): string {
  return Buffer.from(`${c.at}|${c.id}`).toString('base64url');
}

export function decodeCursor(raw: string): ResponseCursor {
  const [at, id] = Buffer.from(raw, 'base64url').toString().split('|');
  const uuid = /^[0-9a-f-]{36}$/i;
  if (!at || !id || !uuid.test(id) || Number.isNaN(Date.parse(at))) {
    throw new AppError('bad_request', 'The cursor is not valid; start again without it');
  }
  return { at, id };
}

/**
 * The responses a visibility may read, as a condition (combine with the org scope). Managers
 * see their unit subtree; people who see only themselves may not read customer responses.
 */
export function responsesVisibleTo(orgId: string, visibility: Visibility): SQL | undefined {
  switch (visibility.kind) {
    case 'organization':
      return undefined;
    case 'subtree':
      return inUnitSubtree(responses.unitId, orgId, visibility.rootUnitId);
    case 'self':
      throw forbidden('Customer responses are visible to managers and analysts only');
  }
}

const dayAfter = (date: string) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString();

/** Filter conditions for complete responses of one organization. */
export function responseConditions(
  orgId: string,
  visibility: Visibility,
  f: ResponseFilters,
): SQL | undefined {
  return and(
    eq(responses.orgId, orgId),
    eq(responses.status, 'complete'),
    responsesVisibleTo(orgId, visibility),
    f.unitId ? inUnitSubtree(responses.unitId, orgId, f.unitId) : undefined,
    f.employeeId ? eq(responses.employeeId, f.employeeId) : undefined,
    f.from ? gte(responses.submittedAt, new Date(`${f.from}T00:00:00Z`)) : undefined,
    f.to ? lt(responses.submittedAt, new Date(dayAfter(f.to))) : undefined,
    f.npsCategory ? eq(responses.npsCategory, f.npsCategory) : undefined,
    f.cviMin !== undefined ? gte(responses.cvi, f.cviMin) : undefined,
    f.cviMax !== undefined ? lte(responses.cvi, f.cviMax) : undefined,
    f.surveyId ? eq(responses.surveyId, f.surveyId) : undefined,
    f.version !== undefined ? eq(surveyVersions.version, f.version) : undefined,
    f.flagged !== undefined ? eq(responses.flaggedTooFast, f.flagged) : undefined,
  );
}

/**
 * One keyset page of responses, newest first: ordered by (submitted_at desc, id desc) and
 * continued after `after`. Used by the list (50 at a time) and the exports (batches).
 */
export async function selectResponsePage(opts: {
  db: Db;
  orgId: string;
  visibility: Visibility;
  filters: ResponseFilters;
  limit: number;
  after?: ResponseCursor | null;
}) {
  const { after } = opts;
  const rows = await opts.db
    .select({
      response: responses,
      cursorAt: sql<string>`${responses.submittedAt}::text`,
      surveyName: surveys.name,
      version: surveyVersions.version,
      unitName: units.name,
      employeeName: people.name,
    })
    .from(responses)
    .innerJoin(surveys, eq(surveys.id, responses.surveyId))
    .innerJoin(surveyVersions, eq(surveyVersions.id, responses.surveyVersionId))
    .leftJoin(units, eq(units.id, responses.unitId))
    .leftJoin(people, eq(people.id, responses.employeeId))
    .where(
      and(
        responseConditions(opts.orgId, opts.visibility, opts.filters),
        after
          ? sql`(${responses.submittedAt}, ${responses.id}) < (${after.at}::timestamptz, ${after.id}::uuid)`
          : undefined,
      ),
    )
    .orderBy(desc(responses.submittedAt), desc(responses.id))
    .limit(opts.limit);
  const last = rows[rows.length - 1];
  const next =
    rows.length === opts.limit && last ? { at: last.cursorAt, id: last.response.id } : null;
  return { rows, next };
}

export type ResponseRow = Awaited<ReturnType<typeof selectResponsePage>>['rows'][number];
