import { Readable } from 'node:stream';
import type { ImportKind } from '@valueloop/contracts';
import { stringify } from 'csv-stringify';
import { and, asc, eq, gt, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client.ts';
import { people, supportEdges, units } from '../db/schema/index.ts';
import { importers } from './import-service.ts';

const BATCH = 1000;
type Line = Record<string, string>;

async function* unitLines(db: Db, orgId: string): AsyncGenerator<Line> {
  const parent = alias(units, 'parent');
  let after: string | null = null;
  for (;;) {
    const rows = await db
      .select({
        id: units.id,
        externalId: units.externalId,
        name: units.name,
        level: units.level,
        kind: units.kind,
        parentExternalId: parent.externalId,
        managerEmail: people.email,
      })
      .from(units)
      .leftJoin(parent, and(eq(parent.id, units.parentId), eq(parent.orgId, units.orgId)))
      .leftJoin(people, and(eq(people.id, units.managerId), eq(people.orgId, units.orgId)))
      .where(and(eq(units.orgId, orgId), after ? gt(units.id, after) : undefined))
      .orderBy(asc(units.id))
      .limit(BATCH);
    for (const r of rows) {
      yield {
        external_id: r.externalId,
        name: r.name,
        level: r.level,
        kind: r.kind,
        parent_external_id: r.parentExternalId ?? '',
        manager_email: r.managerEmail ?? '',
      };
    }
    if (rows.length < BATCH) return;
    after = rows[rows.length - 1]!.id;
  }
}

async function* peopleLines(db: Db, orgId: string): AsyncGenerator<Line> {
  let after: string | null = null;
  for (;;) {
    const rows = await db
      .select({ person: people, unitExternalId: units.externalId })
      .from(people)
      .leftJoin(units, and(eq(units.id, people.unitId), eq(units.orgId, people.orgId)))
      .where(and(eq(people.orgId, orgId), after ? gt(people.id, after) : undefined))
      .orderBy(asc(people.id))
      .limit(BATCH);
    for (const { person: p, unitExternalId } of rows) {
      yield {
        external_id: p.externalId,
        name: p.name,
        email: p.email,
        unit_external_id: unitExternalId ?? '',
        roles: p.roles.join(';'),
        hire_date: p.hireDate ?? '',
        exit_date: p.exitDate ?? '',
        pay_band: p.payBand ?? '',
      };
    }
    if (rows.length < BATCH) return;
    after = rows[rows.length - 1]!.person.id;
  }
}

async function* edgeLines(db: Db, orgId: string): AsyncGenerator<Line> {
  const from = alias(units, 'from_unit');
  const to = alias(units, 'to_unit');
  let after: { from: string; to: string } | null = null;
  for (;;) {
    const cursor: SQL | undefined = after
      ? sql`(${supportEdges.fromUnitId}, ${supportEdges.toUnitId}) > (${after.from}::uuid, ${after.to}::uuid)`
      : undefined;
    const rows = await db
      .select({
        fromId: supportEdges.fromUnitId,
        toId: supportEdges.toUnitId,
        fromExternalId: from.externalId,
        toExternalId: to.externalId,
      })
      .from(supportEdges)
      .innerJoin(from, eq(from.id, supportEdges.fromUnitId))
      .innerJoin(to, eq(to.id, supportEdges.toUnitId))
      .where(and(eq(supportEdges.orgId, orgId), cursor))
      .orderBy(asc(supportEdges.fromUnitId), asc(supportEdges.toUnitId))
      .limit(BATCH);
    for (const r of rows) {
      yield { from_external_id: r.fromExternalId, to_external_id: r.toExternalId };
    }
    if (rows.length < BATCH) return;
    const last: { fromId: string; toId: string } = rows[rows.length - 1]!;
    after = { from: last.fromId, to: last.toId };
  }
}

const sources: Record<ImportKind, (db: Db, orgId: string) => AsyncGenerator<Line>> = {
  units: unitLines,
  people: peopleLines,
  'support-edges': edgeLines,
};

/** Streams the CSV file that `importCsv` reads back: same columns, fetched in keyset batches. */
export function exportCsv(opts: { db: Db; orgId: string; kind: ImportKind }): Readable {
  const { required, optional } = importers[opts.kind].columns;
  const columns = [...required, ...optional];
  const lines = Readable.from(sources[opts.kind](opts.db, opts.orgId));
  const csv = stringify({ header: true, columns });
  lines.on('error', (error) => csv.destroy(error));
  return lines.pipe(csv);
}
