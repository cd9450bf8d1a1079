import { parse } from 'csv-parse/sync';

/** One problem in an import file, located as the user sees it (header = line 1). */
export interface RowError {
  line: number;
  column?: string;
  message: string;
}

export interface CsvRow {
  line: number;
  get(column: string): string;
  has(column: string): boolean;
}

export interface CsvColumns {
  required: readonly string[];
  optional: readonly string[];
}

const REPLACEMENT = '\uFFFD';
const notUtf8 = 'contains bytes that are not valid UTF-8; save the file as UTF-8';

interface ParsedRecord {
  record: string[];
  raw: string;
  info: { lines: number };
}

/**
 * Parses CSV text against the expected columns. Problems with the header stop here (every row
 * would fail); row-level problems about encoding and field counts are returned with the rows.
 */
export function readCsv(
  text: string,
  columns: CsvColumns,
): { header: string[]; rows: CsvRow[]; errors: RowError[] } {
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  let records: ParsedRecord[];
  try {
    records = parse(source, {
      info: true,
      raw: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }) as unknown as ParsedRecord[];
  } catch (error) {
    const lines = (error as { lines?: number }).lines ?? 1;
    const message = error instanceof Error ? error.message : String(error);
    return {
      header: [],
      rows: [],
      errors: [{ line: lines, message: `not valid CSV: ${message}` }],
    };
  }
  const startLine = (r: ParsedRecord) =>
    r.info.lines - (r.raw.replace(/\r?\n$/, '').match(/\n/g)?.length ?? 0);
  const [headerRecord, ...body] = records;
  if (!headerRecord) {
    return { header: [], rows: [], errors: [{ line: 1, message: 'the file is empty' }] };
  }
  const header = headerRecord.record.map((h) => h.trim().toLowerCase());
  const headerLine = startLine(headerRecord);
  const errors: RowError[] = [];
  for (const h of header) {
    if (h.includes(REPLACEMENT)) errors.push({ line: headerLine, message: `header ${notUtf8}` });
    else if (!columns.required.includes(h) && !columns.optional.includes(h)) {
      errors.push({
        line: headerLine,
        column: h,
        message: `unknown column '${h}' (expected ${[...columns.required, ...columns.optional].join(', ')})`,
      });
    }
  }
  const missing = columns.required.filter((c) => !header.includes(c));
  if (missing.length > 0) {
    errors.push({
      line: headerLine,
      column: missing.join(','),
      message: `missing required column(s): ${missing.join(', ')}`,
    });
  }
  const seen = new Set<string>();
  for (const h of header) {
    if (seen.has(h)) errors.push({ line: headerLine, column: h, message: 'duplicate column' });
    seen.add(h);
  }
  if (errors.length > 0) return { header, rows: [], errors };

  const index = new Map(header.map((h, i) => [h, i]));
  const rows: CsvRow[] = [];
  for (const r of body) {
    const line = startLine(r);
    if (r.record.length !== header.length) {
      errors.push({
        line,
        message: `has ${r.record.length} field(s) but the header has ${header.length}`,
      });
      continue;
    }
    r.record.forEach((value, i) => {
      if (value.includes(REPLACEMENT)) errors.push({ line, column: header[i], message: notUtf8 });
    });
    rows.push({
      line,
      get: (column) => {
        const i = index.get(column);
        return i === undefined ? '' : (r.record[i] ?? '').trim();
      },
      has: (column) => index.has(column),
    });
  }
  return { header, rows, errors };
}

/** Reports every later occurrence of a key that already appeared on an earlier line. */
export function findDuplicates(
  rows: CsvRow[],
  column: string,
  keyOf: (row: CsvRow) => string = (row) => row.get(column),
): RowError[] {
  const firstLine = new Map<string, number>();
  const errors: RowError[] = [];
  for (const row of rows) {
    const key = keyOf(row);
    if (!key) continue;
    const first = firstLine.get(key);
    if (first !== undefined) {
      errors.push({ line: row.line, column, message: `duplicate of line ${first}` });
    } else firstLine.set(key, row.line);
  }
  return errors;
}

/** Common field checks; each returns an error message or null. */
export const check = {
  required: (value: string) => (value ? null : 'is required'),
  maxLength: (value: string, max: number) =>
    value.length > max ? `is longer than ${max} characters` : null,
  isoDate: (value: string) => {
    if (!value) return null;
    const date = new Date(`${value}T00:00:00Z`);
    const ok =
      /^\d{4}-\d{2}-\d{2}$/.test(value) &&
      !Number.isNaN(date.getTime()) &&
      date.toISOString().slice(0, 10) === value;
    return ok ? null : `'${value}' is not a date (use YYYY-MM-DD)`;
  },
  oneOf: (value: string, allowed: readonly string[]) =>
    allowed.includes(value) ? null : `'${value}' is not one of ${allowed.join(', ')}`,
};

/** Runs checks for one field and records the first failure. */
export function checkField(
  errors: RowError[],
  row: CsvRow,
  column: string,
  ...messages: Array<string | null>
): boolean {
  const message = messages.find((m) => m !== null);
  if (message) {
    errors.push({ line: row.line, column, message });
    return false;
  }
  return true;
}
