import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { and, count, eq, gte, isNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../db/client.ts';
import { jobs } from '../db/schema/index.ts';
import { eventQueue } from '../events/events.ts';
import {
  createOrganization,
  createSurveyWithVersion,
  customerValueAnswers,
} from '../testing/factories.ts';
import { createPostgresTestDatabase } from '../testing/harness.ts';
import { ingestResponses } from './ingest-responses.ts';

const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;

const script = fileURLToPath(new URL('./testing/event-recorder-worker.ts', import.meta.url));
const queue = eventQueue('response.received');

/** Starts a real worker process and resolves once it polls. */
async function spawnWorker(url: string, delayMs: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', script, url, '2', String(delayMs)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await once(child.stdout!, 'data');
  return child;
}

async function stopWorker(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  await once(child, 'exit');
}

describe('response.received events with two real worker processes on postgres', () => {
  let database: Database;
  let url: string;
  let orgId: string;
  let surveyId: string;
  let batch = 0;
  beforeAll(async () => {
    url = await createPostgresTestDatabase();
    database = await openDatabase({ kind: 'postgres', url });
    await database.migrate();
    await database.db.execute(
      sql`create table event_records (job_id bigint not null, response_id uuid not null, worker int not null)`,
    );
    orgId = (await createOrganization(database.db)).id;
    surveyId = (await createSurveyWithVersion(database.db, orgId)).survey.id;
  });
  afterAll(() => database.close());

  async function submit(n: number) {
    batch++;
    const items = Array.from({ length: n }, (_, i) => ({
      submissionId: `ev-${batch}-${i}`,
      surveyId,
      version: 1,
      answers: customerValueAnswers(),
    }));
    for (let i = 0; i < n; i += 250) {
      await ingestResponses({ db: database.db, orgId, items: items.slice(i, i + 250) });
    }
  }

  const pending = async () =>
    (
      await database.db
        .select({ n: count() })
        .from(jobs)
        .where(and(eq(jobs.queue, queue), isNull(jobs.doneAt)))
    )[0]!.n;
  const records = async () =>
    rowsOf<{ n: number }>(
      await database.db.execute(sql`select count(*)::int as n from event_records`),
    )[0]!;

  async function waitUntil(check: () => Promise<boolean>, seconds: number) {
    const deadline = Date.now() + seconds * 1000;
    while (Date.now() < deadline) {
      if (await check()) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`not done within ${seconds} s`);
  }

  /** Every stored response has exactly one processed event, and every event job is done. */
  async function expectExactlyOnce(expected: number) {
    const rows = rowsOf(
      await database.db.execute(sql`
      select count(*)::int as records, count(distinct r.response_id)::int as responses,
             (select count(*)::int from responses) as stored
      from event_records r`),
    );
    expect(rows[0]).toEqual({ records: expected, responses: expected, stored: expected });
    expect(await pending()).toBe(0);
  }

  it('processes every response.received event exactly once across two workers', async () => {
    const workers = await Promise.all([spawnWorker(url, 1), spawnWorker(url, 1)]);
    try {
      await submit(500);
      await waitUntil(async () => (await pending()) === 0, 60);
    } finally {
      for (const w of workers) await stopWorker(w);
    }
    await expectExactlyOnce(500);
    const rows = rowsOf(
      await database.db.execute(sql`select count(distinct worker)::int as n from event_records`),
    );
    expect((rows[0] as { n: number }).n).toBe(2);
  }, 120_000);

  it('retries the jobs of a worker killed with SIGKILL after its lease, still exactly once', async () => {
    const before = (await records()).n;
    await submit(500);
    const [victim, survivor] = await Promise.all([spawnWorker(url, 10), spawnWorker(url, 10)]);
    try {
      await waitUntil(async () => (await records()).n >= before + 150, 60);
      victim.kill('SIGKILL');
      await once(victim, 'exit');
      await waitUntil(async () => (await pending()) === 0, 60);
    } finally {
      await stopWorker(survivor);
    }
    await expectExactlyOnce(before + 500);
    const [retried] = await database.db
      .select({ n: count() })
      .from(jobs)
      .where(and(eq(jobs.queue, queue), gte(jobs.attempts, 2)));
    expect(retried!.n).toBeGreaterThan(0);
  }, 120_000);
});
