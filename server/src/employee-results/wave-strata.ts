import { sql } from 'drizzle-orm';
import type { AggregatedStratum, TenureBand } from '../confidentiality/index.ts';
import type { DbOrTx } from '../db/client.ts';

/**
 * A closed wave's responses summed per cell unit × tenure band, in SQL: count, comments, and per
 * score code (items by construct and indices) the sum and number of answers. The engine never
 * sees a single response. The cell unit is the respondent's unit, or for internal service
 * surveys the RATED back-office unit.
 */
export async function getWaveStrata(opts: {
  db: DbOrTx;
  orgId: string;
  waveId: string;
  period: string;
  byRatedUnit: boolean;
}): Promise<{ strata: AggregatedStratum[]; codes: string[] }> {
  const { db, orgId, waveId } = opts;
  const unit = opts.byRatedUnit ? sql.raw('subject_unit_id') : sql.raw('unit_id');
  // One after the other: on a transaction's single connection queries cannot overlap.
  const groups = await db.execute(sql`
      select ${unit} as unit_id, tenure_band, count(*)::int as n,
        coalesce(array_agg(comment) filter (where btrim(comment) <> ''), '{}') as comments
      from employee_responses
      where org_id = ${orgId} and wave_id = ${waveId} and ${unit} is not null
      group by 1, 2`);
  const sums = await db.execute(sql`
      select r.${unit} as unit_id, r.tenure_band, e.key as code,
        sum(e.value::float8)::float8 as total, count(*)::int as answered
      from employee_responses r cross join lateral jsonb_each_text(r.scores) e
      where r.org_id = ${orgId} and r.wave_id = ${waveId} and r.${unit} is not null
      group by 1, 2, 3`);
  const strata = new Map<string, AggregatedStratum & { sums: Record<string, number> }>();
  const keyOf = (row: { unit_id: string; tenure_band: string }) =>
    `${row.unit_id}|${row.tenure_band}`;
  for (const row of rowsOf<GroupRow>(groups)) {
    strata.set(keyOf(row), {
      unitId: row.unit_id,
      period: opts.period,
      band: row.tenure_band as TenureBand,
      count: Number(row.n),
      sums: {},
      answered: {},
      comments: row.comments,
    });
  }
  const codes = new Set<string>();
  for (const row of rowsOf<SumRow>(sums)) {
    const stratum = strata.get(keyOf(row));
    if (!stratum) continue;
    codes.add(row.code);
    stratum.sums[row.code] = Number(row.total);
    (stratum.answered as Record<string, number>)[row.code] = Number(row.answered);
  }
  return { strata: [...strata.values()], codes: [...codes].sort() };
}

interface GroupRow {
  unit_id: string;
  tenure_band: string;
  n: number;
  comments: string[];
}
interface SumRow {
  unit_id: string;
  tenure_band: string;
  code: string;
  total: number;
  answered: number;
}

/** Both drivers answer `execute` with `{ rows }`. */
const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;
