import { describe, expect, it } from 'vitest';
import { parsePulseSearch } from './pulse-search.ts';

const id = '0b7c4e1e-52b4-4a3f-9d7e-0d3c1f1a2b3c';

describe('results page search parameters', () => {
  it('keeps well-formed filters', () => {
    expect(
      parsePulseSearch({ unitId: id, period: '2026-04', scope: 'unit', tenure: 'newcomers' }),
    ).toEqual({ unitId: id, period: '2026-04', scope: 'unit', tenure: 'newcomers' });
  });

  it('drops malformed values instead of sending them to the API', () => {
    expect(
      parsePulseSearch({
        unitId: 'x',
        period: '2026-13',
        scope: 'all',
        tenure: 'ever',
        surveyId: 3,
      }),
    ).toEqual({});
  });
});
