import { describe, expect, it } from 'vitest';
import { caseQueryString, parseCaseSearch } from './case-search.ts';

describe('parseCaseSearch', () => {
  it('keeps valid filters and drops unknown values', () => {
    expect(
      parseCaseSearch({
        status: 'resolved',
        owner: 'me',
        priority: 'loud',
        sort: 'x',
        unitId: 'u1',
      }),
    ).toEqual({ status: 'resolved', owner: 'me' });
  });
});

describe('caseQueryString', () => {
  it('asks for the open statuses by default, soonest due first', () => {
    expect(caseQueryString({}, { limit: 50 })).toBe(
      'status=new&status=in_progress&status=waiting_on_customer&sort=due&limit=50',
    );
  });
  it('maps mine, overdue and "all statuses" to the API names', () => {
    expect(
      caseQueryString(
        { status: 'all', owner: 'me', overdue: 'true', sort: 'priority' },
        { limit: 10, cursor: 'c' },
      ),
    ).toBe('ownerId=me&breached=true&sort=priority&limit=10&cursor=c');
  });
});
