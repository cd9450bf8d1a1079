// Test-only helpers: read the shared reference data (a sibling of the repository root).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../../../../shared/refdata/clv/', import.meta.url));

export function readRefText(relative: string): string {
  return readFileSync(`${root}${relative}`, 'utf8');
}

export function readRefJson<T>(relative: string): T {
  return JSON.parse(readRefText(relative)) as T;
}

/** Parses a simple CSV (no embedded commas) into records; quotes are stripped. */
export function readRefCsv(relative: string): Record<string, string>[] {
  const lines = readRefText(relative)
    .split(/\r?\n/)
    .filter((l) => l.length > 0);
  const header = lines[0].split(',').map((h) => h.replace(/"/g, ''));
  return lines.slice(1).map((line) => {
    const cells = line.split(',').map((c) => c.replace(/"/g, ''));
    const row: Record<string, string> = {};
    header.forEach((h, i) => {
      row[h] = cells[i];
    });
    return row;
  });
}

/** Numeric columns of a CSV. */
export function readRefColumns(relative: string): Record<string, number[]> {
  const rows = readRefCsv(relative);
  const out: Record<string, number[]> = {};
  for (const key of Object.keys(rows[0])) out[key] = rows.map((r) => Number(r[key]));
  return out;
}

/** Relative difference |a − b| / max(|b|, tiny). */
export function relativeError(actual: number, expected: number): number {
  return Math.abs(actual - expected) / Math.max(Math.abs(expected), 1e-300);
}

export function maxRelativeError(actual: readonly number[], expected: readonly number[]): number {
  if (actual.length !== expected.length) return Number.POSITIVE_INFINITY;
  let m = 0;
  for (let i = 0; i < actual.length; i++) m = Math.max(m, relativeError(actual[i], expected[i]));
  return m;
}
