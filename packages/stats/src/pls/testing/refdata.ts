/**
 * Test-only helpers: read the shared reference data (../shared/refdata next to the repo root).
 * Not exported from the package; tests may do I/O, the estimators do not.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// This file: <repo>/packages/stats/src/pls/testing/refdata.ts → the repo root is five levels up.
const here = path.dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = path.resolve(here, '../../../../..');
export const LINKAGE_DIR = path.resolve(REPO_ROOT, '../shared/refdata/linkage');

/** Parse a simple numeric CSV with a quoted or unquoted header; "NA" and empty → null. */
export function readCsvColumns(file: string): Record<string, (number | null)[]> {
  const text = readFileSync(path.join(LINKAGE_DIR, file), 'utf8').trim();
  const lines = text.split(/\r?\n/);
  const header = lines[0].split(',').map((h) => h.replace(/^"|"$/g, ''));
  const out: Record<string, (number | null)[]> = {};
  for (const h of header) out[h] = [];
  for (const line of lines.slice(1)) {
    const cells = line.split(',');
    header.forEach((h, j) => {
      const c = cells[j]?.replace(/^"|"$/g, '');
      out[h].push(c === undefined || c === '' || c === 'NA' ? null : Number(c));
    });
  }
  return out;
}

export function readCsvRows(file: string): Record<string, number | null>[] {
  const cols = readCsvColumns(file);
  const names = Object.keys(cols);
  const n = cols[names[0]].length;
  return Array.from({ length: n }, (_, i) => Object.fromEntries(names.map((h) => [h, cols[h][i]])));
}

export function readExpected<T>(file: string): T {
  return JSON.parse(readFileSync(path.join(LINKAGE_DIR, 'expected', file), 'utf8')) as T;
}

/** The ECSI model on mobi.csv (all Mode A). */
export const ECSI_MODEL = {
  constructs: {
    Image: { items: ['IMAG1', 'IMAG2', 'IMAG3', 'IMAG4', 'IMAG5'], mode: 'A' },
    Expectation: { items: ['CUEX1', 'CUEX2', 'CUEX3'], mode: 'A' },
    Quality: { items: ['PERQ1', 'PERQ2', 'PERQ3', 'PERQ4', 'PERQ5', 'PERQ6', 'PERQ7'], mode: 'A' },
    Value: { items: ['PERV1', 'PERV2'], mode: 'A' },
    Satisfaction: { items: ['CUSA1', 'CUSA2', 'CUSA3'], mode: 'A' },
    Complaints: { items: ['CUSCO'], mode: 'A' },
    Loyalty: { items: ['CUSL1', 'CUSL2', 'CUSL3'], mode: 'A' },
  },
  paths: [
    ['Image', 'Expectation'],
    ['Image', 'Satisfaction'],
    ['Image', 'Loyalty'],
    ['Expectation', 'Quality'],
    ['Expectation', 'Value'],
    ['Expectation', 'Satisfaction'],
    ['Quality', 'Value'],
    ['Quality', 'Satisfaction'],
    ['Value', 'Satisfaction'],
    ['Satisfaction', 'Complaints'],
    ['Satisfaction', 'Loyalty'],
    ['Complaints', 'Loyalty'],
  ],
} as const;
