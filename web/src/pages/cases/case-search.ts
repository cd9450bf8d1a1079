import { type CaseStatus, casePriorities, caseStatuses } from '@valueloop/contracts';

/** The inbox filters as they live in the URL. `status: 'open'` means every unresolved status. */
export interface CaseSearch {
  status?: CaseStatus | 'open' | 'all';
  owner?: 'me' | 'none';
  unitId?: string;
  priority?: (typeof casePriorities)[number];
  overdue?: 'true';
  sort?: 'due' | 'opened' | 'priority';
}

export const openStatuses: readonly CaseStatus[] = ['new', 'in_progress', 'waiting_on_customer'];
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** Reads the URL search object, dropping what the API would reject. */
export function parseCaseSearch(search: Record<string, unknown>): CaseSearch {
  const out: CaseSearch = {};
  const status = str(search.status);
  if (status === 'all') out.status = 'all';
  else out.status = caseStatuses.find((s) => s === status);
  const owner = str(search.owner);
  if (owner === 'me' || owner === 'none') out.owner = owner;
  if (uuid.test(str(search.unitId))) out.unitId = str(search.unitId);
  const priority = str(search.priority);
  out.priority = casePriorities.find((p) => p === priority);
  if (str(search.overdue) === 'true') out.overdue = 'true';
  const sort = str(search.sort);
  if (sort === 'opened' || sort === 'priority') out.sort = sort;
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined));
}

/** The GET /cases query string: no status means the open ones; repeated `status` keys. */
export function caseQueryString(search: CaseSearch, page: { limit: number; cursor?: string }) {
  const params = new URLSearchParams();
  const status = search.status ?? 'open';
  if (status === 'open') for (const s of openStatuses) params.append('status', s);
  else if (status !== 'all') params.append('status', status);
  if (search.owner) params.set('ownerId', search.owner);
  if (search.unitId) params.set('unitId', search.unitId);
  if (search.priority) params.set('priority', search.priority);
  if (search.overdue) params.set('breached', 'true');
  params.set('sort', search.sort ?? 'due');
  params.set('limit', String(page.limit));
  if (page.cursor) params.set('cursor', page.cursor);
  return params.toString();
}
