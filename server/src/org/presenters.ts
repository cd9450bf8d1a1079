import type { Person, Role, Unit, UnitKind } from '@valueloop/contracts';
import type { customers, organizations, people } from '../db/schema/index.ts';

export function presentOrganization(row: typeof organizations.$inferSelect) {
  return {
    id: row.id,
    name: row.name,
    slug: row.slug,
    currency: row.currency,
    minGroupSize: row.minGroupSize,
    minCommentGroupSize: row.minCommentGroupSize,
  };
}

export interface UnitView {
  id: string;
  externalId: string;
  name: string;
  level: string;
  kind: UnitKind;
  parentId: string | null;
  managerId: string | null;
  managerName: string | null;
  headcount: number;
  subtreeHeadcount: number;
}

export function presentUnit(view: UnitView): Unit {
  return {
    id: view.id,
    externalId: view.externalId,
    name: view.name,
    level: view.level,
    kind: view.kind,
    parentId: view.parentId,
    manager:
      view.managerId && view.managerName !== null
        ? { id: view.managerId, name: view.managerName }
        : null,
    headcount: view.headcount,
    subtreeHeadcount: view.subtreeHeadcount,
  };
}

export type PersonRow = typeof people.$inferSelect & { unitName: string | null };

/** The pay band is HR data: only admins see it. */
export function presentPerson(row: PersonRow, opts: { withPayBand: boolean }): Person {
  return {
    id: row.id,
    externalId: row.externalId,
    name: row.name,
    email: row.email,
    unitId: row.unitId,
    unitName: row.unitName,
    roles: row.roles as Role[],
    hireDate: row.hireDate,
    exitDate: row.exitDate,
    ...(opts.withPayBand ? { payBand: row.payBand } : {}),
  };
}

export function presentCustomer(row: typeof customers.$inferSelect) {
  return {
    id: row.id,
    externalId: row.externalId,
    name: row.name,
    email: row.email,
    attributes: row.attributes ?? {},
    createdAt: row.createdAt.toISOString(),
  };
}
