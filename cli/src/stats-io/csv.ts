/**
 * CSV input for the analyst commands: reads a (optionally gzipped) CSV file into string columns,
 * and turns columns into numbers. Every problem becomes a one-line CliError (exit 2) naming the
 * file, the data row (1-based, header not counted) and the column.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { CsvError } from 'csv-parse';
import { parse } from 'csv-parse/sync';
import { CliError, EXIT_USAGE } from '../errors.ts';

export interface Table {
  /** The path as the user gave it (used in messages). */
  file: string;
  header: string[];
  /** Data rows (header excluded). */
  rowCount: number;
  /** One array of raw cell strings per column, in header order. */
  cells: string[][];
}

/** Cells read as missing by numeric columns (where missing values are allowed). */
const MISSING = new Set(['', 'NA', 'NaN', 'nan', 'null', 'NULL', '.']);

function readText(file: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new CliError(`${file}: cannot read the file (${reason})`, EXIT_USAGE, { cause: error });
  }
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = gunzipSync(bytes);
    } catch (error) {
      throw new CliError(`${file}: cannot gunzip (${(error as Error).message})`, EXIT_USAGE, {
        cause: error,
      });
    }
  }
  return bytes.toString('utf8');
}

/** Plain comma-separated lines without quotes: scanned straight into columns (fast for 1M rows). */
function readPlain(file: string, text: string): Omit<Table, 'file'> {
  const lines = text.split('\n');
  const header = lines[0].split(',').map((h) => h.trim());
  const width = header.length;
  const cells = header.map(() => [] as string[]);
  for (let r = 1; r < lines.length; r++) {
    const line = lines[r].endsWith('\r') ? lines[r].slice(0, -1) : lines[r];
    if (line.length === 0) continue;
    let from = 0;
    for (let c = 0; c < width; c++) {
      const comma = c === width - 1 ? line.length : line.indexOf(',', from);
      if (comma < 0) throw cellCountError(file, cells[0].length + 1, c + 1, width);
      cells[c].push(line.slice(from, comma));
      from = comma + 1;
    }
    if (from <= line.length) {
      throw cellCountError(file, cells[0].length, line.split(',').length, width);
    }
  }
  return { header, rowCount: cells[0]?.length ?? 0, cells };
}

function cellCountError(file: string, row: number, count: number, width: number): CliError {
  return new CliError(`${file}: row ${row}: ${count} cells, but the header has ${width} columns`);
}

function parseQuoted(file: string, text: string): string[][] {
  try {
    return parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true });
  } catch (error) {
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines;
      throw new CliError(`${file}: line ${line ?? '?'}: ${error.message}`, EXIT_USAGE, {
        cause: error,
      });
    }
    throw error;
  }
}

/** Reads a CSV file with a header row. Files starting with the gzip magic bytes are gunzipped. */
export function readTable(file: string): Table {
  const text = readText(file).replace(/^\uFEFF/, '');
  if (text.trim().length === 0) throw new CliError(`${file}: the file is empty`);
  if (!text.includes('"')) return { file, ...readPlain(file, text) };
  const records = parseQuoted(file, text);
  const header = records[0].map((h) => h.trim());
  const width = header.length;
  const cells = header.map(() => new Array<string>(records.length - 1));
  for (let r = 1; r < records.length; r++) {
    const record = records[r];
    if (record.length !== width) throw cellCountError(file, r, record.length, width);
    for (let c = 0; c < width; c++) cells[c][r - 1] = record[c];
  }
  return { file, header, rowCount: records.length - 1, cells };
}
/** Index of a column; a CliError naming it and listing the columns when it is absent. */
export function columnIndex(table: Table, name: string): number {
  const index = table.header.indexOf(name);
  if (index < 0) {
    throw new CliError(
      `${table.file}: no column '${name}' (columns: ${table.header.join(', ')})`,
      EXIT_USAGE,
    );
  }
  return index;
}

/** First of `aliases` present in the header, or null. */
export function findColumn(table: Table, aliases: readonly string[]): string | null {
  return aliases.find((a) => table.header.includes(a)) ?? null;
}

/** Raw strings of a column. */
export function stringColumn(table: Table, name: string): string[] {
  return table.cells[columnIndex(table, name)];
}

export interface NumberColumnOptions {
  /** Read empty/NA cells as NaN (missing) instead of reporting them. Default false. */
  allowMissing?: boolean;
}

/** A column as numbers; non-numeric cells are reported with file, row and column. */
export function numberColumn(
  table: Table,
  name: string,
  options: NumberColumnOptions = {},
): Float64Array {
  const raw = stringColumn(table, name);
  const out = new Float64Array(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const cell = raw[i].trim();
    const value = cell === '' ? Number.NaN : Number(cell);
    if (Number.isFinite(value)) {
      out[i] = value;
      continue;
    }
    if (MISSING.has(cell)) {
      if (options.allowMissing) {
        out[i] = Number.NaN;
        continue;
      }
      throw new CliError(`${table.file}: row ${i + 1}, column ${name}: the value is missing`);
    }
    throw new CliError(`${table.file}: row ${i + 1}, column ${name}: '${cell}' is not a number`);
  }
  return out;
}

/** Several numeric columns by name (missing cells as NaN), for the estimators' DataColumns. */
export function numberColumns(
  table: Table,
  names: readonly string[],
): Record<string, Float64Array> {
  for (const name of names) columnIndex(table, name);
  return Object.fromEntries(
    names.map((name) => [name, numberColumn(table, name, { allowMissing: true })]),
  );
}
