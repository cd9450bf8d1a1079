import { eq } from 'drizzle-orm';
import type { Principal } from '../auth/principal.ts';
import type { DbOrTx } from '../db/client.ts';
import { units } from '../db/schema/index.ts';
import { loadVisibleUnits, type ResultsViewer } from '../employee-results/visible-units.ts';
import { forbidden, validationFailed } from '../http/errors.ts';
import { visibilityOf } from '../policies/index.ts';

/**
 * Whose plans a caller sees: org-wide roles and tokens all; a manager the plans of their
 * subtree; an employee those of their own unit. Writing follows the same units (the policy
 * already keeps employees from writing).
 */
export type PlanViewer = ResultsViewer;

export function planViewerOf(principal: Principal): PlanViewer {
  return {
    ...visibilityOf(principal),
    unitId: principal.kind === 'session' ? principal.unitId : null,
  };
}

/** The unit ids whose plans the viewer sees; null means every unit of the organization. */
export async function visiblePlanUnitIds(opts: {
  db: DbOrTx;
  orgId: string;
  viewer: PlanViewer;
}): Promise<Set<string> | null> {
  if (opts.viewer.kind === 'organization') return null;
  return new Set((await loadVisibleUnits(opts)).map((u) => u.id));
}

/** Throws 403 unless the viewer may see (and, with the write policy, plan for) the unit. */
export async function requirePlanUnitAccess(opts: {
  db: DbOrTx;
  orgId: string;
  viewer: PlanViewer;
  unitId: string;
}): Promise<void> {
  const visible = await visiblePlanUnitIds(opts);
  if (visible && !visible.has(opts.unitId)) {
    throw forbidden('This unit is outside the units whose action plans you may see or change');
  }
}

/** A unit named in a request body: 422 naming the field when it is not of this organization. */
export async function requireBodyUnit(opts: {
  db: DbOrTx;
  orgId: string;
  unitId: string;
  field: string;
}): Promise<{ id: string; name: string }> {
  const [unit] = await opts.db
    .select({ id: units.id, name: units.name, orgId: units.orgId })
    .from(units)
    .where(eq(units.id, opts.unitId));
  if (!unit || unit.orgId !== opts.orgId) {
    throw validationFailed([{ field: opts.field, message: 'no such unit here' }]);
  }
  return unit;
}
