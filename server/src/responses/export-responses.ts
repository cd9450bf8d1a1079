import { once } from 'node:events';
import { PassThrough, Readable } from 'node:stream';
import type { ResponseFilters, SurveyDefinition } from '@valueloop/contracts';
import { stringify } from 'csv-stringify';
import { and, asc, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { Db } from '../db/client.ts';
import { surveyVersions } from '../db/schema/index.ts';
import type { Visibility } from '../policies/index.ts';
import { type ResponseCursor, type ResponseRow, selectResponsePage } from './response-queries.ts';

/** Rows fetched per keyset query: memory stays flat however many rows are exported. */
const BATCH = 2000;

const fixedColumns = [
  'id',
  'submitted_at',
  'survey',
  'version',
  'unit',
  'employee',
  'cvi',
  'nps',
  'nps_category',
  'csat',
  'effort',
  'comment',
] as const;

export interface ExportOptions {
  db: Db;
  orgId: string;
  visibility: Visibility;
  filters: ResponseFilters;
}

type Cell = string | number | boolean | null;

/** Answer columns: the question ids of the filtered survey version(s), in definition order. */
async function questionIds(opts: ExportOptions): Promise<string[]> {
  const { surveyId, version } = opts.filters;
  const rows = await opts.db
    .select({ definition: surveyVersions.definition })
    .from(surveyVersions)
    .where(
      and(
        eq(surveyVersions.orgId, opts.orgId),
        surveyId ? eq(surveyVersions.surveyId, surveyId) : undefined,
        version !== undefined ? eq(surveyVersions.version, version) : undefined,
      ),
    )
    .orderBy(asc(surveyVersions.publishedAt));
  const ids = new Set<string>();
  for (const { definition } of rows as Array<{ definition: SurveyDefinition }>) {
    for (const q of definition.questions) ids.add(q.id);
  }
  return [...ids];
}

function cells(row: ResponseRow, questions: string[]): Cell[] {
  const r = row.response;
  const answers = r.answers;
  return [
    r.id,
    (r.submittedAt ?? r.createdAt).toISOString(),
    row.surveyName,
    row.version,
    row.unitName,
    row.employeeName,
    r.cvi,
    r.nps,
    r.npsCategory,
    r.csat,
    r.effort,
    r.comment,
    ...questions.map((q) => {
      const v = answers[q];
      if (v === undefined || v === null) return null;
      if (Array.isArray(v)) return v.join(';');
      return typeof v === 'object' ? JSON.stringify(v) : (v as Cell);
    }),
  ];
}

async function* exportRows(opts: ExportOptions, questions: string[]): AsyncGenerator<Cell[]> {
  let after: ResponseCursor | null = null;
  for (;;) {
    const page = await selectResponsePage({ ...opts, limit: BATCH, after });
    for (const row of page.rows) yield cells(row, questions);
    if (!page.next) return;
    after = page.next;
  }
}

/** Streams the filtered responses as CSV (header first), fetched in keyset batches. */
export async function exportResponsesCsv(opts: ExportOptions): Promise<Readable> {
  const questions = await questionIds(opts);
  const lines = Readable.from(exportRows(opts, questions));
  const csv = stringify({
    header: true,
    columns: [...fixedColumns, ...questions],
    cast: { boolean: (b) => (b ? 'true' : 'false') },
  });
  lines.on('error', (error) => csv.destroy(error));
  return lines.pipe(csv);
}

/**
 * Streams the filtered responses as an XLSX workbook with ExcelJS's streaming writer: each
 * row is committed (written out) as soon as it is added, and the producer waits whenever the
 * HTTP side has not drained, so memory stays flat.
 */
export async function exportResponsesXlsx(opts: ExportOptions): Promise<Readable> {
  const questions = await questionIds(opts);
  const out = new PassThrough({ highWaterMark: 1 << 20 });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: false,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet('responses');
  const produce = async () => {
    sheet.addRow([...fixedColumns, ...questions]).commit();
    let n = 0;
    for await (const row of exportRows(opts, questions)) {
      sheet.addRow(row).commit();
      if (out.destroyed) return;
      if (++n % 500 === 0 && out.writableNeedDrain) {
        await Promise.race([once(out, 'drain'), once(out, 'close')]);
      }
    }
    sheet.commit();
    await workbook.commit();
  };
  produce().catch((error: unknown) => out.destroy(error as Error));
  return out;
}
