import type { Retention } from '@valueloop/contracts';
import { type CellRequest, createDisclosureContext } from '../confidentiality/index.ts';

type RetentionCell = Retention['rows'][number]['cell'];

/** People present at a month's start and those of them who left during it, in one unit alone. */
export interface DirectCount {
  unitId: string;
  headcount: number;
  exits: number;
}

/**
 * The retention cells of one month for EVERY unit of the organization (each with its subtree),
 * released through the confidentiality engine: a cell below k is suppressed, and so is any cell
 * that would let a hidden group's exits be derived by subtraction (a parent minus its shown
 * children, sibling differences). People are the "responses" (one stratum per unit) and
 * "left this month" is the index, so retention = 1 − mean. The family is always the whole
 * organization, whoever asks, so every viewer sees a subset of one safe family and different
 * requests can never be combined to undo a suppression.
 */
export function releaseRetentionMonth(opts: {
  units: ReadonlyArray<{ id: string; parentId: string | null }>;
  month: string;
  direct: readonly DirectCount[];
  k: number;
}): Map<string, RetentionCell> {
  const strata = opts.direct
    .filter((d) => d.headcount > 0)
    .map((d) => ({
      unitId: d.unitId,
      period: opts.month,
      band: '3y+' as const,
      count: d.headcount,
      sums: { left: d.exits },
      answered: { left: d.headcount },
    }));
  const cells: CellRequest[] = opts.units.map((u) => ({
    key: u.id,
    unit: { unitId: u.id, scope: 'subtree' },
    window: { from: opts.month, to: opts.month },
  }));
  const context = createDisclosureContext({
    units: opts.units,
    strata,
    indices: ['left'],
    k: opts.k,
  });
  const out = new Map<string, RetentionCell>();
  for (const result of context.release(cells)) {
    const left = result.status === 'shown' ? result.means.left : null;
    if (result.status !== 'shown' || left === null || left === undefined) {
      out.set(result.key, { status: 'suppressed' });
      continue;
    }
    const exits = Math.round(left * result.n);
    out.set(result.key, {
      status: 'shown',
      headcount: result.n,
      exits,
      retention: 1 - exits / result.n,
    });
  }
  return out;
}
