import type { ResponseFilters } from '@valueloop/contracts';

/** The responses page's filters as they live in the URL: every value a string. */
export interface ResponseSearch {
  unitId?: string;
  employeeId?: string;
  from?: string;
  to?: string;
  npsCategory?: 'promoter' | 'passive' | 'detractor';
  cviMin?: string;
  cviMax?: string;
  surveyId?: string;
  version?: string;
  flagged?: 'true' | 'false';
}

export const filterKeys = [
  'unitId',
  'employeeId',
  'from',
  'to',
  'npsCategory',
  'cviMin',
  'cviMax',
  'surveyId',
  'version',
  'flagged',
] as const satisfies ReadonlyArray<keyof ResponseSearch & keyof ResponseFilters>;

const npsCategories = ['promoter', 'passive', 'detractor'] as const;
const isoDate = /^\d{4}-\d{2}-\d{2}$/;
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');
const score = (v: unknown) => {
  const s = str(v);
  const n = Number(s);
  return s !== '' && Number.isFinite(n) && n >= 0 && n <= 100 ? s : undefined;
};

/** Reads the URL search object, dropping what the API would reject. */
export function parseResponseSearch(search: Record<string, unknown>): ResponseSearch {
  const out: ResponseSearch = {};
  const id = (v: unknown) => (uuid.test(str(v)) ? str(v) : undefined);
  const date = (v: unknown) => (isoDate.test(str(v)) ? str(v) : undefined);
  out.unitId = id(search.unitId);
  out.employeeId = id(search.employeeId);
  out.from = date(search.from);
  out.to = date(search.to);
  const category = str(search.npsCategory);
  out.npsCategory = npsCategories.find((c) => c === category);
  out.cviMin = score(search.cviMin);
  out.cviMax = score(search.cviMax);
  out.surveyId = id(search.surveyId);
  out.version = /^[1-9]\d*$/.test(str(search.version)) ? str(search.version) : undefined;
  const flagged = str(search.flagged);
  out.flagged = flagged === 'true' || flagged === 'false' ? flagged : undefined;
  if (!out.surveyId) out.version = undefined; // a version only means something within a survey
  return compact(out);
}

/** Drops empty values so URLs and query keys stay canonical. */
export function compact(search: ResponseSearch): ResponseSearch {
  const out: ResponseSearch = {};
  for (const key of filterKeys) {
    const value = search[key];
    if (value !== undefined && value !== '') Object.assign(out, { [key]: value });
  }
  return out;
}

/** The query string the list and both exports share, in a stable order. */
export function filterQueryString(search: ResponseSearch): string {
  const params = new URLSearchParams();
  const clean = compact(search);
  for (const key of filterKeys) {
    const value = clean[key];
    if (value !== undefined) params.set(key, value);
  }
  return params.toString();
}

export function exportHref(file: 'responses.csv' | 'responses.xlsx', search: ResponseSearch) {
  const qs = filterQueryString(search);
  return `/api/v1/exports/${file}${qs ? `?${qs}` : ''}`;
}

export const hasFilters = (search: ResponseSearch) => filterQueryString(search) !== '';
