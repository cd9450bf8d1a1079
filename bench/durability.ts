// Durability of response ingestion under crashes: submits responses over HTTP with retries
// (same submissionId on every retry) while the server is killed with SIGKILL and restarted.
// Afterwards every acknowledged submission is stored exactly once, no response lacks its item
// scores or its event, and each response has exactly one response.received job.
// Run: npx tsx bench/durability.ts [SUBMISSIONS=2000] [KILLS=10]   (starts its own PostgreSQL)
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { createApiToken } from '../server/src/auth/api-token-service.ts';
import { openDatabase } from '../server/src/db/client.ts';
import {
  createOrganization,
  createPerson,
  createSurveyWithVersion,
  customerValueAnswers,
} from '../server/src/testing/factories.ts';

const cli = fileURLToPath(new URL('../cli/bin/valueloop.js', import.meta.url));

export interface DurabilityReport {
  submissions: number;
  acknowledged: number;
  kills: number;
  retries: number;
  stored: number;
  duplicates: number;
  missing: number;
  withoutItemScores: number;
  withoutEvent: number;
  extraEvents: number;
  seconds: number;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

class Server {
  child: ChildProcess | null = null;
  constructor(
    private readonly databaseUrl: string,
    readonly port: number,
  ) {}

  get base() {
    return `http://127.0.0.1:${this.port}`;
  }

  async start() {
    this.child = spawn(process.execPath, [cli, 'start', '--role', 'web'], {
      env: {
        PATH: process.env.PATH,
        DATABASE_URL: this.databaseUrl,
        VALUELOOP_DEMO: 'off',
        VALUELOOP_LOG_LEVEL: 'silent',
        PORT: String(this.port),
        HOST: '127.0.0.1',
      },
      stdio: 'ignore',
    });
    for (let i = 0; i < 1200; i++) {
      try {
        if ((await fetch(`${this.base}/api/health`)).ok) return;
      } catch {
        // not listening yet
      }
      await sleep(50);
    }
    throw new Error('the server did not become healthy within 60 s');
  }

  async kill(signal: 'SIGKILL' | 'SIGTERM') {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill(signal);
    await exited;
  }
}

/** Runs the scenario against an empty, reachable PostgreSQL database. */
export async function runDurability(opts: {
  databaseUrl: string;
  submissions: number;
  kills: number;
  concurrency?: number;
}): Promise<DurabilityReport> {
  const started = performance.now();
  const database = await openDatabase({ kind: 'postgres', url: opts.databaseUrl });
  await database.migrate();
  const db = database.db;
  const org = await createOrganization(db);
  const admin = await createPerson(db, org.id, { roles: ['admin'] });
  const { survey } = await createSurveyWithVersion(db, org.id);
  const { token } = await createApiToken({
    db,
    orgId: org.id,
    createdBy: admin.id,
    name: 'durability',
    scopes: ['ingest'],
  });
  const server = new Server(opts.databaseUrl, await freePort());
  await server.start();

  const acknowledged = new Map<string, string>();
  let retries = 0;
  let next = 0;
  let kills = 0;
  const killEvery = Math.max(1, Math.floor(opts.submissions / (opts.kills + 1)));

  async function submit(submissionId: string) {
    const body = JSON.stringify({
      items: [{ submissionId, surveyId: survey.id, version: 1, answers: customerValueAnswers() }],
    });
    for (let attempt = 0; attempt < 400; attempt++) {
      try {
        const res = await fetch(`${server.base}/api/v1/responses`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body,
        });
        if (res.ok) {
          const { results } = (await res.json()) as { results: Array<{ id: string }> };
          acknowledged.set(submissionId, results[0]!.id);
          return;
        }
        await res.body?.cancel();
      } catch {
        // connection refused or reset: the server is down; retry with the same id
      }
      retries++;
      await sleep(25);
    }
    throw new Error(`submission ${submissionId} was never acknowledged`);
  }

  let restarting: Promise<void> | null = null;
  async function client() {
    while (next < opts.submissions) {
      const i = next++;
      await submit(`dur-${i}`);
      if (kills < opts.kills && i > 0 && i % killEvery === 0 && !restarting) {
        kills++;
        restarting = (async () => {
          await server.kill('SIGKILL');
          await server.start();
        })().finally(() => {
          restarting = null;
        });
      }
    }
  }
  try {
    await Promise.all(Array.from({ length: opts.concurrency ?? 8 }, client));
    await restarting;
  } finally {
    await server.kill('SIGTERM');
  }

  const rows = async <T>(query: ReturnType<typeof sql>) =>
    ((await db.execute(query)) as unknown as { rows: T[] }).rows;
  const one = async (query: ReturnType<typeof sql>) =>
    Number((await rows<{ n: number | string }>(query))[0]!.n);
  const stored = new Map(
    (
      await rows<{ submission_id: string; id: string }>(
        sql`select submission_id, id from responses where org_id = ${org.id}`,
      )
    ).map((r) => [r.submission_id, r.id]),
  );
  let missing = 0;
  for (const [submissionId, id] of acknowledged) if (stored.get(submissionId) !== id) missing++;
  const report: DurabilityReport = {
    submissions: opts.submissions,
    acknowledged: acknowledged.size,
    kills,
    retries,
    stored: stored.size,
    duplicates: await one(sql`select count(*) - count(distinct submission_id) as n
      from responses where org_id = ${org.id}`),
    missing,
    withoutItemScores: await one(sql`select count(*) as n from responses r
      where r.org_id = ${org.id}
        and not exists (select 1 from response_scores s where s.response_id = r.id)`),
    withoutEvent: await one(sql`select count(*) as n from responses r
      where r.org_id = ${org.id} and not exists (select 1 from jobs j
        where j.queue = 'event:response.received' and j.payload->>'responseId' = r.id::text)`),
    extraEvents: await one(sql`select count(*) - count(distinct payload->>'responseId') as n
      from jobs where queue = 'event:response.received' and org_id = ${org.id}`),
    seconds: Math.round((performance.now() - started) / 100) / 10,
  };
  await database.close();
  return report;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { startPostgres } = await import('../server/src/testing/postgres-server.ts');
  const [submissions = '2000', kills = '10'] = process.argv.slice(2);
  const pg = await startPostgres();
  try {
    const report = await runDurability({
      databaseUrl: pg.url,
      submissions: Number(submissions),
      kills: Number(kills),
    });
    console.table(report);
  } finally {
    await pg.stop();
  }
}
