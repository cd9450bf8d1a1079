import { describe, expect, it } from 'vitest';
import { exportHref, filterQueryString, parseResponseSearch } from './response-filters.ts';

const unit = '2b0c6a4e-8f1d-4c3a-9e7b-1a2b3c4d5e6f';

describe('response filters', () => {
  it('keeps valid filters and drops what the API would reject', () => {
    expect(
      parseResponseSearch({
        unitId: unit,
        employeeId: 'nope',
        from: '2025-01-01',
        to: '01/02/2025',
        npsCategory: 'promoter',
        cviMin: '120',
        cviMax: 80,
        flagged: 'yes',
      }),
    ).toEqual({ unitId: unit, from: '2025-01-01', npsCategory: 'promoter', cviMax: '80' });
  });

  it('drops a version without a survey', () => {
    expect(parseResponseSearch({ version: '2' })).toEqual({});
  });

  it('builds one query string for the list and the exports', () => {
    const search = { npsCategory: 'detractor', unitId: unit, cviMin: '' } as const;
    expect(filterQueryString(search)).toBe(`unitId=${unit}&npsCategory=detractor`);
    expect(exportHref('responses.xlsx', search)).toBe(
      `/api/v1/exports/responses.xlsx?unitId=${unit}&npsCategory=detractor`,
    );
    expect(exportHref('responses.csv', {})).toBe('/api/v1/exports/responses.csv');
  });
});
