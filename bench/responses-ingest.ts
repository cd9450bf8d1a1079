// Response ingestion and export benchmarks against real PostgreSQL (started here; fsync off as
// startPostgres sets it, synchronous_commit on) and PGlite (file-backed, as `valueloop start` runs it).
//  (a) single response submit over HTTP with autocannon at a fixed rate (1 KB payload)
//  (b) bulk POST /api/v1/responses batches of 1,000 vs COPY of the same rows (the ceiling)
//  (c) raw single-row INSERT rate (the ceiling for (a))
//  (d) streamed export of N responses (default 1M): time and the server's peak RSS
// Printed, not asserted. Run: npx tsx bench/responses-ingest.ts [postgres|pglite|both] [EXPORT_ROWS]
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { createApiToken } from '../server/src/auth/api-token-service.ts';
import { type Database, openDatabase } from '../server/src/db/client.ts';
import {
  createOrganization,
  createPerson,
  createSurveyWithVersion,
} from '../server/src/testing/factories.ts';
import { startPostgres } from '../server/src/testing/postgres-server.ts';

const cli = fileURLToPath(new URL('../cli/bin/valueloop.js', import.meta.url));
const [which = 'both', exportRowsArg = '1000000'] = process.argv.slice(2);
const EXPORT_ROWS = Number(exportRowsArg);
const RATE = 400;
const SECONDS = 10;

const comment = 'The staff explained every step and the wait was short. '.repeat(13).trim();
const answers = (i: number) => ({
  result: 1 + (i % 5),
  ease: 1 + ((i + 1) % 5),
  solved: 1 + ((i + 2) % 5),
  price: 1 + ((i + 3) % 5),
  effort: 1 + ((i + 4) % 5),
  late: i % 7 === 0,
  sat: 1 + (i % 5),
  nps: i % 11,
  ret: 1 + (i % 5),
  comment,
});

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const a = srv.address();
      srv.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

interface Target {
  kind: 'postgres' | 'pglite';
  env: Record<string, string>;
  open(): Promise<Database>;
}

async function startServer(target: Target, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [cli, 'start', '--role', 'web'], {
    env: {
      PATH: process.env.PATH ?? '',
      VALUELOOP_DEMO: 'off',
      VALUELOOP_LOG_LEVEL: 'silent',
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      ...target.env,
    },
    stdio: 'ignore',
  });
  for (let i = 0; i < 1200; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return child;
    } catch {
      // starting
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('server did not start');
}

async function stopServer(child: ChildProcess) {
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  await exited;
}

const peakRss = (pid: number) =>
  Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

async function benchTarget(target: Target) {
  const out: Record<string, string | number> = { kind: target.kind };
  let database = await target.open();
  await database.migrate();
  const db = database.db;
  const org = await createOrganization(db);
  const admin = await createPerson(db, org.id, { roles: ['admin'] });
  const { survey, version } = await createSurveyWithVersion(db, org.id);
  const mk = (scopes: Array<'ingest' | 'read'>) =>
    createApiToken({ db, orgId: org.id, createdBy: admin.id, name: 'bench', scopes });
  const ingest = (await mk(['ingest'])).token;
  const read = (await mk(['read'])).token;
  if (target.kind === 'postgres') {
    const s = await db.execute(
      sql`select current_setting('fsync') as f, current_setting('synchronous_commit') as s`,
    );
    out.settings = JSON.stringify((s as unknown as { rows: unknown[] }).rows[0]);
  }
  // (c) raw single-row INSERT rate, one connection, autocommit.
  await db.execute(sql`create table bench_raw (id bigserial primary key, body jsonb not null)`);
  const rawN = 2000;
  let t0 = performance.now();
  for (let i = 0; i < rawN; i++) {
    await db.execute(
      sql`insert into bench_raw (body) values (${JSON.stringify(answers(i))}::jsonb)`,
    );
  }
  out.c_raw_insert_per_s_1conn = Math.round(rawN / ((performance.now() - t0) / 1000));
  if (target.kind === 'pglite') await database.close();

  const port = await freePort();
  let server = await startServer(target, port);
  const base = `http://127.0.0.1:${port}`;
  // (a) single response submits at a fixed rate.
  let seq = 0;
  const single = await autocannon({
    url: `${base}/api/v1/responses`,
    method: 'POST',
    connections: 32,
    overallRate: RATE,
    duration: SECONDS,
    headers: { authorization: `Bearer ${ingest}`, 'content-type': 'application/json' },
    requests: [
      {
        setupRequest: (req) => {
          const i = seq++;
          const item = {
            submissionId: `a-${i}`,
            surveyId: survey.id,
            version: 1,
            answers: answers(i),
          };
          return { ...req, body: JSON.stringify({ items: [item] }) };
        },
      },
    ],
  });
  out.a_payload_bytes = JSON.stringify({
    items: [{ submissionId: 'a-1', surveyId: survey.id, version: 1, answers: answers(1) }],
  }).length;
  out.a_target_rate = RATE;
  out.a_ok_per_s = Math.round(single['2xx'] / SECONDS);
  out.a_non2xx = single.non2xx + single.errors;
  out.a_p50_ms = single.latency.p50;
  out.a_p99_ms = single.latency.p99;
  // (b) bulk batches of 1,000 over HTTP.
  const batches = 10;
  t0 = performance.now();
  for (let b = 0; b < batches; b++) {
    const items = Array.from({ length: 1000 }, (_, i) => ({
      submissionId: `b-${b}-${i}`,
      surveyId: survey.id,
      version: 1,
      answers: answers(i),
      submittedAt: new Date(Date.UTC(2025, 0, 1) + (b * 1000 + i) * 60_000).toISOString(),
    }));
    const res = await fetch(`${base}/api/v1/responses`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ingest}`, 'content-type': 'application/json' },
      body: JSON.stringify({ items }),
    });
    if (!res.ok) throw new Error(`bulk batch failed: ${res.status} ${await res.text()}`);
    await res.arrayBuffer();
  }
  out.b_bulk_rows_per_s = Math.round((batches * 1000) / ((performance.now() - t0) / 1000));
  await stopServer(server);

  // Ceiling for (b): the same rows straight into the responses table.
  database = await target.open();
  const copyRows = batches * 1000;
  const row = (i: number) =>
    [
      org.id,
      survey.id,
      version.id,
      `copy-${i}`,
      'api',
      'complete',
      JSON.stringify(answers(i)),
      new Date().toISOString(),
    ]
      .map((v) => `"${String(v).replaceAll('"', '""')}"`)
      .join(',');
  const columns =
    'org_id, survey_id, survey_version_id, submission_id, source, status, answers, submitted_at';
  t0 = performance.now();
  if (target.kind === 'postgres') {
    const client = new pg.Client({ connectionString: target.env.DATABASE_URL });
    await client.connect();
    const stream = client.query(
      copyFrom(`COPY responses (${columns}) FROM STDIN WITH (FORMAT csv)`),
    );
    await pipeline(
      (function* () {
        for (let i = 0; i < copyRows; i++) yield `${row(i)}\n`;
      })(),
      stream,
    );
    await client.end();
    out.b_ceiling = 'COPY';
  } else {
    for (let i = 0; i < copyRows; i += 1000) {
      const values = Array.from({ length: 1000 }, (_, k) => {
        const n = i + k;
        return sql`(${org.id}, ${survey.id}, ${version.id}, ${`copy-${n}`}, 'api', 'complete', ${JSON.stringify(answers(n))}::jsonb, now())`;
      });
      await database.db.execute(
        sql`insert into responses (org_id, survey_id, survey_version_id, submission_id, source, status, answers, submitted_at) values ${sql.join(values, sql`, `)}`,
      );
    }
    out.b_ceiling = 'multi-row INSERT (PGlite has no COPY FROM STDIN)';
  }
  out.b_ceiling_rows_per_s = Math.round(copyRows / ((performance.now() - t0) / 1000));
  out.b_share_of_ceiling = `${Math.round((100 * Number(out.b_bulk_rows_per_s)) / Number(out.b_ceiling_rows_per_s))}%`;

  // (d) export of EXPORT_ROWS responses generated in SQL.
  t0 = performance.now();
  await database.db.execute(sql`
    insert into responses (org_id, survey_id, survey_version_id, submission_id, source, status,
      answers, submitted_at, nps, nps_category, cvi, csat, comment)
    select ${org.id}, ${survey.id}, ${version.id}, 'gen-' || g, 'import', 'complete',
      jsonb_build_object('result', 1 + g % 5, 'sat', 1 + g % 5, 'nps', g % 11, 'comment', 'Generated response ' || g),
      timestamptz '2024-01-01' + g * interval '1 minute', g % 11,
      case when g % 11 >= 9 then 'promoter' when g % 11 >= 7 then 'passive' else 'detractor' end,
      (g % 100)::real, ((g % 5) * 25)::real, 'Generated response ' || g
    from generate_series(1, ${EXPORT_ROWS}) g`);
  out.d_generate_s = Math.round((performance.now() - t0) / 100) / 10;
  await database.close();
  server = await startServer(target, port);
  const rssBefore = peakRss(server.pid!);
  for (const file of ['responses.csv', 'responses.xlsx']) {
    t0 = performance.now();
    const res = await fetch(`${base}/api/v1/exports/${file}`, {
      headers: { authorization: `Bearer ${read}` },
    });
    let bytes = 0;
    const reader = res.body!.getReader();
    for (let r = await reader.read(); !r.done; r = await reader.read()) bytes += r.value.length;
    out[`d_${file}_s`] = Math.round((performance.now() - t0) / 100) / 10;
    out[`d_${file}_MB`] = Math.round(bytes / 1e6);
    out[`d_${file}_server_peak_rss_MB`] = Math.round(peakRss(server.pid!));
  }
  out.d_rows = EXPORT_ROWS;
  out.d_server_rss_after_start_MB = Math.round(rssBefore);
  await stopServer(server);
  return out;
}

/** Prints each database's figures as soon as they are measured. */
const results = {
  push(r: Record<string, string | number>) {
    const load = os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ');
    console.log(`machine: ${os.cpus().length} CPUs, load ${load}`);
    console.table(r);
  },
};
if (which !== 'pglite') {
  const postgres = await startPostgres();
  const admin = new pg.Client({ connectionString: postgres.url });
  await admin.connect();
  // startPostgres() passes `-c fsync=off` on its command line, which ALTER SYSTEM cannot
  // override; synchronous_commit is on. The figures print both settings.
  await admin.query('alter system set synchronous_commit = on');
  await admin.query('select pg_reload_conf()');
  await admin.end();
  try {
    results.push(
      await benchTarget({
        kind: 'postgres',
        env: { DATABASE_URL: postgres.url },
        open: () => openDatabase({ kind: 'postgres', url: postgres.url }),
      }),
    );
  } finally {
    await postgres.stop();
  }
}
if (which !== 'postgres') {
  const dir = path.join(os.tmpdir(), `valueloop-bench-${process.pid}`);
  try {
    results.push(
      await benchTarget({
        kind: 'pglite',
        env: { VALUELOOP_DATA_DIR: dir },
        open: () => openDatabase({ kind: 'pglite', dataDir: path.join(dir, 'pglite') }),
      }),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
