import { eq, type SQL, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../auth/secrets.ts';
import type { Db } from '../db/client.ts';
import { employeeResponses, pulseWaves } from '../db/schema/index.ts';
import type { ZodApp } from '../http/types.ts';
import { createTestApp, databaseKinds, type TestApp } from '../testing/harness.ts';
import {
  createEmployeeWorld,
  type EmployeeWorld,
  employeeClient,
  pulseAnswers,
} from './page/testing/employee-world.ts';

/**
 * Tries to link a stored employee response back to the person who gave it: through the
 * response's columns and foreign keys, through every row of every table, through the jobs and
 * audit tables, through the time stored, and through the request log. See ANONYMITY.md.
 */

const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;
const query = async <T>(db: Db, statement: SQL) => rowsOf<T>(await db.execute(statement));

/** Every row of every table of the public schema, as text, by table. */
async function everyRow(db: Db): Promise<Map<string, string[]>> {
  const tables = await query<{ table_name: string }>(
    db,
    sql`select table_name from information_schema.tables
        where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
  );
  const out = new Map<string, string[]>();
  for (const { table_name: name } of tables) {
    const rows = await query<{ row: string }>(
      db,
      sql.raw(`select t::text as row from "${name}" t`),
    );
    out.set(name, rows.map((r) => r.row).sort());
  }
  return out;
}

/** Rows added and removed per table between two snapshots (tables with no change left out). */
function changes(before: Map<string, string[]>, after: Map<string, string[]>) {
  const out: Record<string, { added: string[]; removed: string[] }> = {};
  for (const [table, rows] of after) {
    const old = new Set(before.get(table) ?? []);
    const now = new Set(rows);
    const added = rows.filter((r) => !old.has(r));
    const removed = [...old].filter((r) => !now.has(r));
    if (added.length || removed.length) out[table] = { added, removed };
  }
  return out;
}

/** Replaces the app logger's output stream so the test reads every line it writes. */
function captureLogs(app: ZodApp): string[] {
  const logger = app.log as unknown as Record<symbol, { write(line: string): boolean }>;
  const streamKey = Object.getOwnPropertySymbols(logger).find(
    (s) => s.description === 'pino.stream',
  );
  if (!streamKey) throw new Error('the app logger has no pino stream');
  const lines: string[] = [];
  logger[streamKey]!.write = (line: string) => {
    lines.push(line);
    return true;
  };
  return lines;
}

describe.each(databaseKinds)('employee response anonymity on %s', (kind) => {
  let t: TestApp;
  let world: EmployeeWorld;
  let client: ReturnType<typeof employeeClient>;
  let logs: string[];
  const db = () => t.database.db;

  beforeAll(async () => {
    t = await createTestApp(kind, { VALUELOOP_LOG_LEVEL: 'info' });
    logs = captureLogs(t.app);
    world = await createEmployeeWorld(t);
    client = employeeClient(t);
  });
  afterAll(() => t.close());

  it('(a) employee_responses has exactly the anonymous columns, and no key to a person, link, session or audit row', async () => {
    const columns = await query<{
      column_name: string;
      data_type: string;
      column_default: string | null;
    }>(
      db(),
      sql`select column_name, data_type, column_default from information_schema.columns
          where table_schema = 'public' and table_name = 'employee_responses' order by column_name`,
    );
    expect(columns.map((c) => c.column_name)).toEqual([
      'comment',
      'id',
      'org_id',
      'period',
      'scores',
      'subject_unit_id',
      'submitted_on',
      'survey_version_id',
      'tenure_band',
      'unit_id',
      'wave_id',
    ]);
    for (const c of columns) {
      expect(c.column_name).not.toMatch(
        /person|email|name|token|invitation|session|created|_at$|time/,
      );
      expect(c.data_type).not.toMatch(/timestamp|time|interval/);
      // No default clock or sequence: nothing records when or in which order a row arrived.
      expect(c.column_default ?? '').not.toMatch(/now|current_|clock|nextval/i);
    }
    // A random (version 4) id: no time inside, unlike a v1/v7 UUID or a serial.
    expect(columns.find((c) => c.column_name === 'id')!.column_default).toBe('gen_random_uuid()');

    const references = await query<{ target: string }>(
      db(),
      sql`select confrelid::regclass::text as target from pg_constraint
          where conrelid = 'employee_responses'::regclass and contype = 'f' order by 1`,
    );
    expect(references.map((r) => r.target)).toEqual([
      'organizations',
      'pulse_waves',
      'survey_versions',
      'units',
      'units',
    ]);
    const referencedBy = await query<{ source: string }>(
      db(),
      sql`select conrelid::regclass::text as source from pg_constraint
          where confrelid = 'employee_responses'::regclass`,
    );
    expect(referencedBy).toEqual([]);
    const triggers = await query<{ n: number }>(
      db(),
      sql`select count(*)::int as n from information_schema.triggers
          where event_object_table = 'employee_responses'`,
    );
    expect(triggers[0]!.n).toBe(0);
  });

  it('(b, c) after a submission no row anywhere ties the response, or the link, to the person; only the four pulse tables change', async () => {
    const ana = world.ana;
    for (let i = 0; i < 3; i += 1) await world.invite(world.pulse);
    const { token } = await world.invite(world.pulse, ana, { tenureBand: '3-12m' });
    expect((await client.saveDraft(token, { solve: 3 })).statusCode).toBe(200);
    const comment = `Rota feedback ${Math.random().toString(36).slice(2)}`;
    const before = await everyRow(db());

    const res = await client.submit(token, { ...pulseAnswers, comment });
    expect(res.statusCode).toBe(200);
    expect(JSON.stringify(res.json())).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);

    const after = await everyRow(db());
    const diff = changes(before, after);
    expect(Object.keys(diff).sort()).toEqual([
      'employee_responses',
      'pulse_consumed_tokens',
      'pulse_invitations',
      'pulse_participation',
    ]);
    expect(diff.employee_responses).toMatchObject({ removed: [] });
    expect(diff.employee_responses!.added).toHaveLength(1);
    expect(diff.pulse_consumed_tokens!.added).toHaveLength(1);
    expect(diff.pulse_invitations!.added).toEqual([]);
    expect(diff.pulse_invitations!.removed).toHaveLength(1);
    expect(diff.pulse_invitations!.removed[0]).toContain(ana.id);

    const [response] = await db()
      .select()
      .from(employeeResponses)
      .where(eq(employeeResponses.comment, comment));
    const tokenHash = sha256(token);
    const person = [ana.id, ana.email, ana.name];
    const all = [...after].flatMap(([table, rows]) => rows.map((row) => ({ table, row })));

    // Rows that hold the response (its id or its comment) name no one and no link.
    const holdingResponse = all.filter(
      ({ row }) => row.includes(response!.id) || row.includes(comment),
    );
    expect(holdingResponse.map((r) => r.table)).toEqual(['employee_responses']);
    for (const { row } of holdingResponse)
      for (const secret of [...person, tokenHash, token]) expect(row).not.toContain(secret);

    // The token's hash survives only where it names no one; the token itself nowhere.
    const holdingHash = all.filter(({ row }) => row.includes(tokenHash));
    expect(holdingHash.map((r) => r.table)).toEqual(['pulse_consumed_tokens']);
    for (const { row } of holdingHash) for (const p of person) expect(row).not.toContain(p);
    expect(all.filter(({ row }) => row.includes(token))).toEqual([]);

    // The person still exists (people, credentials) but nothing there mentions the wave.
    const holdingPerson = all.filter(({ row }) => person.some((p) => row.includes(p)));
    expect(holdingPerson.length).toBeGreaterThan(0);
    for (const { row } of holdingPerson) {
      expect(row).not.toContain(world.pulse.id);
      expect(row).not.toContain(response!.id);
    }

    // Jobs and audit: nothing about the submission.
    for (const table of ['jobs', 'audit_log']) {
      for (const row of after.get(table) ?? []) {
        expect(row).not.toContain(response!.id);
        expect(row).not.toContain(tokenHash);
        for (const p of person) expect(row).not.toContain(p);
      }
    }

    // (c) The day, never the time.
    const stored = await query<{ day: string; type: string }>(
      db(),
      sql`select submitted_on::text as day, pg_typeof(submitted_on)::text as type
          from employee_responses where id = ${response!.id}`,
    );
    expect(stored).toEqual([{ day: new Date().toISOString().slice(0, 10), type: 'date' }]);
    expect(diff.employee_responses!.added[0]).not.toMatch(/\d{2}:\d{2}/);
  });

  it('(d) the request log carries neither the link token, the person, the client address nor the response', async () => {
    logs.length = 0;
    const person = world.ana;
    const { token } = await world.invite(world.upward, person);
    await client.get(`/e/${token}?lang=es`);
    await client.saveDraft(token, { support: 2 });
    await client.postForm(`/e/${token}`, [['strategy', '9']]);
    await client.postForm(`/e/${token}`, [['support', '4']]);
    await client.get(`/e/${token}`);
    await client.submit(token, { support: 1 });
    await client.get(`/e/${token}/not-a-page`);
    await t.app.inject({ method: 'DELETE', url: `/e/${token}` });
    const [response] = await db()
      .select({ id: employeeResponses.id })
      .from(employeeResponses)
      .where(eq(employeeResponses.waveId, world.upward.id));

    const text = logs.join('');
    expect(logs.filter((l) => l.includes('incoming request')).length).toBeGreaterThanOrEqual(8);
    expect(text).toContain('"url":"/e/[redacted]?lang=es"');
    expect(text).toContain('"url":"/e/[redacted]/draft"');
    expect(text).toContain('"url":"/e/[redacted]/not-a-page"');
    for (const secret of [token, sha256(token), person.id, person.email, person.name, response!.id])
      expect(text).not.toContain(secret);
    expect(text).not.toContain('remoteAddress');
    expect(text).not.toContain('127.0.0.1');
  });

  it('(e) forged, reused and expired links get clear pages; a closed wave 410; a concurrent double submit stores once', async () => {
    const forged = await client.get(`/e/${'Z'.repeat(43)}`);
    expect(forged.statusCode).toBe(404);
    expect(forged.body).toContain('<h1>This link does not work</h1>');

    const used = await world.invite(world.pulse);
    expect((await client.submit(used.token, pulseAnswers)).statusCode).toBe(200);
    const reused = await client.postForm(`/e/${used.token}`, [['solve', '4']]);
    expect(reused.statusCode).toBe(409);
    expect(reused.body).toContain('<h1>Already answered, thank you</h1>');

    const expired = await world.invite(world.pulse, undefined, {
      expiresAt: new Date(Date.now() - 1),
    });
    const expiredPage = await client.get(`/e/${expired.token}`);
    expect(expiredPage.statusCode).toBe(410);
    expect(expiredPage.body).toContain('<h1>This survey has closed</h1>');

    const other = await createEmployeeWorld(t);
    const pending = await other.invite(other.pulse);
    await db()
      .update(pulseWaves)
      .set({ status: 'closed' })
      .where(eq(pulseWaves.id, other.pulse.id));
    expect((await client.get(`/e/${pending.token}`)).statusCode).toBe(410);

    const twice = await world.invite(world.upward);
    const count = async () =>
      (
        await db()
          .select()
          .from(employeeResponses)
          .where(eq(employeeResponses.waveId, world.upward.id))
      ).length;
    const n = await count();
    const results = await Promise.all([
      client.submit(twice.token, { support: 5 }),
      client.postForm(`/e/${twice.token}`, [['support', '5']]),
      client.submit(twice.token, { support: 5 }),
    ]);
    const statuses = results.map((r) => r.statusCode).sort();
    expect(statuses.filter((s) => s === 409)).toHaveLength(2);
    expect(statuses.filter((s) => s === 200 || s === 303)).toHaveLength(1);
    expect(await count()).toBe(n + 1);
  });
});

describe.each(databaseKinds)('employee page errors on %s', (kind) => {
  let t: TestApp;
  afterAll(() => t.close());

  it('(d) an unexpected failure during a submission is logged without the link, its hash or the answers', async () => {
    t = await createTestApp(kind, { VALUELOOP_LOG_LEVEL: 'info' });
    const logs = captureLogs(t.app);
    const world = await createEmployeeWorld(t);
    const { token } = await world.invite(world.pulse, world.ana);
    // Break the last step of the transaction: the consumed-token insert fails with its params.
    await t.database.db.execute(sql`drop table pulse_consumed_tokens`);
    const comment = 'Private words 7f3a';
    const res = await employeeClient(t).submit(token, { ...pulseAnswers, comment });
    expect(res.statusCode).toBe(500);
    expect(await t.database.db.select().from(employeeResponses)).toEqual([]);
    const failure = logs.find((line) => line.includes('unhandled error'));
    expect(failure).toBeDefined();
    expect(failure).toContain('"code":"42P01"');
    expect(failure).toContain('Failed query: insert into');
    for (const secret of [token, sha256(token), comment, world.ana.id, world.org.id])
      expect(logs.join('')).not.toContain(secret);
  });
});
