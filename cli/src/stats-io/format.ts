/** Output for the analyst commands: JSON on stdout, or aligned plain-text tables. */

export type Cell = string | number | null | undefined;

/** A number with 4 decimals; scientific notation for very large or very small magnitudes. */
export function formatNumber(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? 'Inf' : '-Inf';
  const abs = Math.abs(value);
  if (abs !== 0 && (abs >= 1e7 || abs < 5e-5)) return value.toExponential(3);
  return value.toFixed(4);
}

function render(cell: Cell): string {
  return typeof cell === 'number' || cell === null || cell === undefined
    ? formatNumber(cell)
    : cell;
}

/** Aligned columns: text left-aligned, numbers right-aligned, a rule under the header. */
export function renderTable(
  headers: readonly string[],
  rows: readonly (readonly Cell[])[],
): string {
  const text = rows.map((row) => row.map(render));
  const numeric = headers.map(
    (_, c) => rows.length > 0 && rows.every((row) => typeof row[c] !== 'string' || row[c] === ''),
  );
  const widths = headers.map((h, c) => Math.max(h.length, ...text.map((r) => r[c]?.length ?? 0)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, c) => (numeric[c] ? cell.padStart(widths[c]) : cell.padEnd(widths[c])))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...text.map((r) => line(r))].join(
    '\n',
  );
}

/** A titled section: title line, table, blank line. */
export function section(
  title: string,
  headers: readonly string[],
  rows: readonly (readonly Cell[])[],
): string {
  return `${title}\n${renderTable(headers, rows)}\n\n`;
}

let stdoutGuarded = false;

/** A closed pipe (`… | head`) ends the program quietly instead of crashing it. */
function guardStdout(): void {
  if (stdoutGuarded) return;
  stdoutGuarded = true;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
}

/** Writes a value as pretty JSON (NaN/Infinity become null, as JSON has no such numbers). */
export function writeJson(value: unknown): void {
  guardStdout();
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Writes human output to stdout. */
export function writeText(text: string): void {
  guardStdout();
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

/** RFC 4180 CSV line. */
export function csvLine(cells: readonly Cell[]): string {
  return cells
    .map((cell) => {
      if (cell === null || cell === undefined) return '';
      const s = typeof cell === 'number' ? String(cell) : cell;
      return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
    })
    .join(',');
}
