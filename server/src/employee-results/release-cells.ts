import type { CellRequest, TenureBand } from '../confidentiality/index.ts';

export const resultScopes = ['unit', 'subtree'] as const;
export type ResultScope = (typeof resultScopes)[number];

/** The tenure filters a viewer may pick; each is a set of stored bands ('all': every band). */
export const tenureFilterBands = {
  all: undefined,
  newcomers: ['<3m', '3-12m'],
  '<3m': ['<3m'],
  '3-12m': ['3-12m'],
  '1-3y': ['1-3y'],
  '3y+': ['3y+'],
} as const satisfies Record<string, readonly TenureBand[] | undefined>;
export type TenureFilterName = keyof typeof tenureFilterBands;
const tenureFilterNames = Object.keys(tenureFilterBands) as TenureFilterName[];

export interface CellAddress {
  unitId: string;
  scope: ResultScope;
  tenure: TenureFilterName;
}

/**
 * What complementary suppression keeps first: a unit's total with everything below it (what
 * every dashboard shows), then newcomers of a subtree (newcomer attitude), then a unit's own
 * direct members, then single tenure bands. Suppression order only; safety is unaffected.
 */
export function cellPriority(scope: ResultScope, tenure: TenureFilterName): number {
  if (tenure === 'all') return scope === 'subtree' ? 3 : 1;
  if (tenure === 'newcomers') return scope === 'subtree' ? 2 : 1;
  return 0;
}

/**
 * A wave's canonical family: every unit, alone and with its subtree, × every tenure filter, in
 * the wave's period. The API can only ever answer with members of released families, so this
 * list IS the set of questions anyone can ask about a period.
 */
export function releaseFamily(
  unitIds: readonly string[],
  period: string,
): { cells: CellRequest[]; addresses: CellAddress[] } {
  const cells: CellRequest[] = [];
  const addresses: CellAddress[] = [];
  for (const unitId of unitIds) {
    for (const scope of resultScopes) {
      for (const tenure of tenureFilterNames) {
        addresses.push({ unitId, scope, tenure });
        cells.push({
          key: String(cells.length),
          unit: { unitId, scope },
          window: { from: period, to: period },
          tenure: tenureFilterBands[tenure],
          comments: true,
          priority: cellPriority(scope, tenure),
        });
      }
    }
  }
  return { cells, addresses };
}
