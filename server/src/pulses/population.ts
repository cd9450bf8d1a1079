import type { TenureBandCode } from '@valueloop/contracts';
import { and, eq, exists, gt, isNotNull, isNull, lte, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../db/client.ts';
import { people, supportEdges, units } from '../db/schema/index.ts';
import { inUnitSubtree } from '../org/scope.ts';
import { tenureBandAt } from './periods.ts';
import type { EmployeeSurveyKind } from './program-service.ts';

/** One person to invite: where they count (unit) and their coarse tenure band on opening day. */
export interface Invitee {
  personId: string;
  email: string;
  unitId: string;
  tenureBand: TenureBandCode;
}

interface PopulationOptions {
  db: DbOrTx;
  orgId: string;
  kind: EmployeeSurveyKind;
  /** Root of the invited subtree; null: the whole organization. */
  populationUnitId: string | null;
  /** The wave's opening day, `YYYY-MM-DD`. */
  openingDay: string;
}

/**
 * Who a wave invites, by survey kind:
 * - employee_pulse: people with a unit in the population subtree.
 * - internal_service: those of them whose unit is front-line and served by at least one
 *   back-office unit (a support edge from a back-office unit to theirs): they rate those units.
 * - manager_upward: the managers (units.manager_id) of units in the subtree, minus top
 *   management, counted in the highest unit they lead.
 * Everyone must be employed on opening day: hired on or before it (or no hire date) and not
 * exited (no exit date, or one after it).
 */
export async function wavePopulation(opts: PopulationOptions): Promise<Invitee[]> {
  if (opts.kind === 'manager_upward') return upwardPopulation(opts);
  const { db, orgId, openingDay } = opts;
  const conditions: (SQL | undefined)[] = [
    eq(people.orgId, orgId),
    isNotNull(people.unitId),
    employedOn(openingDay),
    opts.populationUnitId ? inUnitSubtree(people.unitId, orgId, opts.populationUnitId) : undefined,
  ];
  if (opts.kind === 'internal_service') {
    const server = alias(units, 'server_unit');
    conditions.push(
      eq(units.kind, 'front_line'),
      exists(
        db
          .select({ one: sql`1` })
          .from(supportEdges)
          .innerJoin(server, eq(server.id, supportEdges.fromUnitId))
          .where(
            and(
              eq(supportEdges.orgId, orgId),
              eq(supportEdges.toUnitId, units.id),
              eq(server.kind, 'back_office'),
            ),
          ),
      ),
    );
  }
  const rows = await db
    .select({
      personId: people.id,
      email: people.email,
      unitId: units.id,
      hireDate: people.hireDate,
    })
    .from(people)
    .innerJoin(units, and(eq(units.id, people.unitId), eq(units.orgId, orgId)))
    .where(and(...conditions))
    .orderBy(people.id);
  return rows.map((r) => ({
    personId: r.personId,
    email: r.email,
    unitId: r.unitId,
    tenureBand: tenureBandAt(r.hireDate, openingDay),
  }));
}

function employedOn(day: string): SQL {
  return and(
    or(isNull(people.hireDate), lte(people.hireDate, day)),
    or(isNull(people.exitDate), gt(people.exitDate, day)),
  )!;
}

/**
 * Managers of units in the subtree, minus top management: people with the executive role, and
 * the manager of the root unit when the organization has a single root (the head office).
 * Organizations with several roots (regions beside a head office) keep their root managers:
 * there a root is a region or department, led by a middle manager.
 */
async function upwardPopulation(opts: PopulationOptions): Promise<Invitee[]> {
  const { db, orgId, openingDay } = opts;
  const orgUnits = await db
    .select({ id: units.id, parentId: units.parentId, managerId: units.managerId })
    .from(units)
    .where(eq(units.orgId, orgId));
  const roots = orgUnits.filter((u) => u.parentId === null);
  const soleRootManager = roots.length === 1 ? roots[0]!.managerId : null;
  const rows = await db
    .select({
      personId: people.id,
      email: people.email,
      unitId: units.id,
      hireDate: people.hireDate,
    })
    .from(units)
    .innerJoin(people, and(eq(people.id, units.managerId), eq(people.orgId, orgId)))
    .where(
      and(
        eq(units.orgId, orgId),
        employedOn(openingDay),
        sql`not ('executive' = any(${people.roles}))`,
        opts.populationUnitId ? inUnitSubtree(units.id, orgId, opts.populationUnitId) : undefined,
        soleRootManager ? sql`${people.id} <> ${soleRootManager}` : undefined,
      ),
    );
  const depth = depthsOf(orgUnits);
  const byPerson = new Map<string, Invitee & { depth: number }>();
  for (const r of rows) {
    const d = depth.get(r.unitId) ?? 0;
    const seen = byPerson.get(r.personId);
    // Counted once, in the highest unit they lead (ties: the smaller id, for stability).
    if (seen && (seen.depth < d || (seen.depth === d && seen.unitId < r.unitId))) continue;
    byPerson.set(r.personId, {
      personId: r.personId,
      email: r.email,
      unitId: r.unitId,
      tenureBand: tenureBandAt(r.hireDate, openingDay),
      depth: d,
    });
  }
  return [...byPerson.values()]
    .sort((a, b) => (a.personId < b.personId ? -1 : 1))
    .map(({ depth: _depth, ...invitee }) => invitee);
}

function depthsOf(rows: { id: string; parentId: string | null }[]): Map<string, number> {
  const parent = new Map(rows.map((r) => [r.id, r.parentId]));
  const depth = new Map<string, number>();
  const of = (id: string, guard = 0): number => {
    const known = depth.get(id);
    if (known !== undefined) return known;
    const p = parent.get(id) ?? null;
    const d = p === null || guard > rows.length ? 0 : of(p, guard + 1) + 1;
    depth.set(id, d);
    return d;
  };
  for (const r of rows) of(r.id);
  return depth;
}
