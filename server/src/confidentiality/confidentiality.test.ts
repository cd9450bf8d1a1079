import { describe, expect, it } from 'vitest';
import { createDisclosureContext, discloseCells } from './disclosure-context.ts';
import type { AnonymousResponse, CellRequest, OrgUnit, TenureBand } from './types.ts';

const units: OrgUnit[] = [
  { id: 'region', parentId: null },
  { id: 'north', parentId: 'region' },
  { id: 'south', parentId: 'region' },
  { id: 'east', parentId: 'region' },
];

function people(
  unitId: string,
  count: number,
  options: { period?: string; band?: TenureBand; evi?: number | null; comment?: string } = {},
): AnonymousResponse[] {
  return Array.from({ length: count }, (_, i) => ({
    unitId,
    period: options.period ?? '2026-03',
    band: options.band ?? '1-3y',
    values: { evi: options.evi === undefined ? 3 + (i % 3) : options.evi },
    comment: options.comment ? `${options.comment} ${i}` : null,
  }));
}

const cell = (key: string, unitId: string, extra: Partial<CellRequest> = {}): CellRequest => ({
  key,
  unit: { unitId, scope: 'subtree' },
  window: { from: '2026-03', to: '2026-03' },
  ...extra,
});

const statuses = (results: { key: string; status: string }[]) =>
  Object.fromEntries(results.map((r) => [r.key, r.status]));

describe('confidentiality engine', () => {
  it('suppresses a group below k and says nothing else about it', () => {
    const [result] = discloseCells({
      units,
      responses: people('north', 4),
      indices: ['evi'],
      cells: [cell('north', 'north')],
    });
    expect(result).toEqual({ key: 'north', status: 'suppressed' });
  });

  it('shows a group of at least k with its size and index means', () => {
    const [result] = discloseCells({
      units,
      responses: people('north', 6, { evi: 4 }),
      indices: ['evi'],
      cells: [cell('north', 'north')],
    });
    expect(result).toEqual({ key: 'north', status: 'shown', n: 6, means: { evi: 4 } });
  });

  it('withdraws the least valued cell first: a tenure breakdown before a team total', () => {
    // north: 6 people (4 long-tenured, 2 newcomers); the region's long-tenured cell is big, but
    // with north's total shown it would expose north's 2 newcomers by subtraction.
    const responses = [
      ...people('north', 4, { band: '3y+' }),
      ...people('north', 2, { band: '<3m' }),
      ...people('south', 9, { band: '3y+' }),
    ];
    const longTenured = ['3y+'] as const;
    const ask = (totalPriority: number, bandPriority: number) =>
      statuses(
        discloseCells({
          units,
          responses,
          indices: ['evi'],
          cells: [
            cell('north', 'north', { priority: totalPriority }),
            cell('region-3y+', 'region', { tenure: longTenured, priority: bandPriority }),
          ],
        }),
      );
    // Without priorities the smaller cell (north's total) goes.
    expect(ask(0, 0)).toEqual({ north: 'suppressed', 'region-3y+': 'shown' });
    expect(ask(3, 0)).toEqual({ north: 'shown', 'region-3y+': 'suppressed' });
  });

  it('suppresses the smallest sibling too when a shown parent has one small child', () => {
    const results = discloseCells({
      units,
      responses: [...people('north', 12), ...people('south', 14), ...people('east', 3)],
      indices: ['evi'],
      cells: ['region', 'north', 'south', 'east'].map((id) => cell(id, id)),
    });
    expect(statuses(results)).toEqual({
      region: 'shown',
      north: 'suppressed',
      south: 'shown',
      east: 'suppressed',
    });
  });

  it('suppresses a filtered cell whose complement within the shown total is small', () => {
    const results = discloseCells({
      units,
      responses: [...people('north', 17), ...people('north', 3, { band: '<3m' })],
      indices: ['evi'],
      cells: [
        cell('total', 'north'),
        cell('veterans', 'north', { tenure: ['3-12m', '1-3y', '3y+'] }),
        cell('newcomers', 'north', { tenure: ['<3m'] }),
      ],
    });
    expect(statuses(results)).toEqual({
      total: 'shown',
      veterans: 'suppressed',
      newcomers: 'suppressed',
    });
  });

  it('suppresses one of two nested windows when the periods between them are few', () => {
    const results = discloseCells({
      units,
      responses: [...people('north', 10, { period: '2026-02' }), ...people('north', 2)],
      indices: ['evi'],
      cells: [
        cell('feb', 'north', { window: { from: '2026-02', to: '2026-02' } }),
        cell('feb-mar', 'north', { window: { from: '2026-02', to: '2026-03' } }),
      ],
    });
    expect(statuses(results)).toEqual({ feb: 'suppressed', 'feb-mar': 'shown' });
  });

  it('blocks the overlapping-window attack A + B − (A ∪ B) on a lone response', () => {
    const results = discloseCells({
      units,
      responses: [
        ...people('north', 8, { period: '2026-01' }),
        ...people('north', 1, { period: '2026-02' }),
        ...people('north', 8, { period: '2026-03' }),
      ],
      indices: ['evi'],
      cells: [
        cell('jan-feb', 'north', { window: { from: '2026-01', to: '2026-02' } }),
        cell('feb-mar', 'north', { window: { from: '2026-02', to: '2026-03' } }),
        cell('jan-mar', 'north', { window: { from: '2026-01', to: '2026-03' } }),
      ],
    });
    expect(results.filter((r) => r.status === 'shown')).toHaveLength(2);
  });

  it('suppresses in a later release what would difference against an earlier one', () => {
    const context = createDisclosureContext({
      units,
      responses: [...people('north', 17), ...people('north', 3, { band: '<3m' })],
      indices: ['evi'],
    });
    expect(context.release([cell('total', 'north')])[0].status).toBe('shown');
    const [filtered] = context.release([cell('veterans', 'north', { tenure: ['1-3y'] })]);
    expect(filtered).toEqual({ key: 'veterans', status: 'suppressed' });
    expect(context.release([cell('again', 'north')])[0].status).toBe('shown');
  });

  it('withholds an index mean answered by fewer than k people while showing the group', () => {
    const [result] = discloseCells({
      units,
      responses: [...people('north', 4), ...people('north', 4, { evi: null })],
      indices: ['evi'],
      cells: [cell('north', 'north')],
    });
    expect(result).toEqual({ key: 'north', status: 'shown', n: 8, means: { evi: null } });
  });

  it('shows comments only for groups of at least k_c, as bare texts', () => {
    const responses = [
      ...people('north', 9, { comment: 'n' }),
      ...people('south', 10, { comment: 's' }),
    ];
    const results = discloseCells({
      units,
      responses,
      indices: ['evi'],
      cells: [
        cell('north', 'north', { comments: true }),
        cell('south', 'south', { comments: true }),
      ],
    });
    const [north, south] = results;
    expect(north.status === 'shown' && north.comments).toEqual({ status: 'suppressed' });
    expect(south.status === 'shown' && south.comments?.status).toBe('shown');
    if (south.status !== 'shown' || south.comments?.status !== 'shown') return;
    expect([...south.comments.texts].sort()).toEqual(
      people('south', 10, { comment: 's' })
        .map((r) => r.comment)
        .sort(),
    );
  });

  it('orders comments by a seeded shuffle, whatever order the responses came in', () => {
    const responses = people('south', 12, { comment: 'c' });
    const texts = (input: AnonymousResponse[], seed: number) => {
      const [result] = discloseCells({
        units,
        responses: input,
        indices: [],
        seed,
        cells: [cell('south', 'south', { comments: true })],
      });
      return result.status === 'shown' && result.comments?.status === 'shown'
        ? result.comments.texts
        : [];
    };
    expect(texts([...responses].reverse(), 7)).toEqual(texts(responses, 7));
    expect(texts(responses, 7)).not.toEqual(texts(responses, 8));
    expect(texts(responses, 7)).not.toEqual([...texts(responses, 7)].sort());
  });

  it('rejects k below the floor of 3 and k_c below k', () => {
    const base = { units, responses: [], indices: [] };
    expect(() => createDisclosureContext({ ...base, k: 2 })).toThrow(/at least 3/);
    expect(() => createDisclosureContext({ ...base, k: 6, kComments: 5 })).toThrow(/at least k/);
  });

  it('rejects response times finer than a day', () => {
    const responses = [{ ...people('north', 1)[0], period: '2026-03-01T10:15' }];
    expect(() => createDisclosureContext({ units, responses, indices: [] })).toThrow(
      /month or a day/,
    );
  });
});
