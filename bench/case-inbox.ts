// Case inbox on real PostgreSQL (started here; fsync off as startPostgres sets it).
//  (a) load: an organization of ~1,000 units (root → regions → branches → teams), a manager per
//      unit, five employees per team, and CASES cases (70% resolved or closed, 30% open, due
//      around now, 85% owned by a team employee) bulk loaded with COPY
//  (b) GET /api/v1/cases?status=new&status=in_progress&status=waiting_on_customer&sort=due
//      (app.inject: authentication, validation, the visibility predicate, minutesLeft,
//      serialization) as a region manager, a team manager, an employee and an admin, REQUESTS each, half
//      of them following nextCursor to later pages: p50/p95/p99
//  (c) EXPLAIN ANALYZE of the region manager's first page
// Printed, not asserted. Run: npx tsx bench/case-inbox.ts [UNITS] [CASES] [REQUESTS]
// (default 1000 1000000 200; e.g. `npx tsx bench/case-inbox.ts 200 50000 100` is quick).
import { pipeline } from 'node:stream/promises';
import { eq, sql } from 'drizzle-orm';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { casesVisibleTo, withCaseReach } from '../server/src/cases/case-visibility.ts';
import { type Database, openDatabase } from '../server/src/db/client.ts';
import { cases, people, units } from '../server/src/db/schema/index.ts';
import { buildApp } from '../server/src/http/app.ts';
import {
  createOrganization,
  createPerson,
  createResponse,
  createSurveyWithVersion,
} from '../server/src/testing/factories.ts';
import { testConfig } from '../server/src/testing/harness.ts';
import { type SignedIn, signInAs } from '../server/src/testing/http-client.ts';
import { startPostgres } from '../server/src/testing/postgres-server.ts';

const [unitsArg = '1000', casesArg = '1000000', requestsArg = '200'] = process.argv.slice(2);
const UNITS = Number(unitsArg);
const CASES = Number(casesArg);
const REQUESTS = Number(requestsArg);
const RESPONSES = 200;
const EMPLOYEES_PER_TEAM = 5;
const OPEN_FILTER = 'status=new&status=in_progress&status=waiting_on_customer';

/** Deterministic generator, so two runs load the same organization. */
let state = 20261124;
const random = () => {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const ms = (t0: number) => performance.now() - t0;

interface BenchUnit {
  id: string;
  parentId: string | null;
  name: string;
  level: string;
}

function unitTree(total: number): BenchUnit[] {
  const regions = Math.max(1, Math.round(total / 100));
  const branches = Math.max(1, Math.round(total / 10));
  const teams = Math.max(1, total - 1 - regions - branches);
  const make = (name: string, level: string, parentId: string | null): BenchUnit => ({
    id: crypto.randomUUID(),
    parentId,
    name,
    level,
  });
  const root = make('Company', 'company', null);
  const regionUnits = Array.from({ length: regions }, (_, r) =>
    make(`Region ${r + 1}`, 'region', root.id),
  );
  const branchUnits = Array.from({ length: branches }, (_, b) =>
    make(`Branch ${b + 1}`, 'branch', regionUnits[b % regions]!.id),
  );
  const teamUnits = Array.from({ length: teams }, (_, t) =>
    make(`Team ${t + 1}`, 'team', branchUnits[t % branches]!.id),
  );
  return [root, ...regionUnits, ...branchUnits, ...teamUnits];
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function loadCases(opts: {
  url: string;
  orgId: string;
  responseIds: string[];
  teams: Array<{ id: string; employees: string[] }>;
}): Promise<void> {
  const client = new pg.Client({ connectionString: opts.url });
  await client.connect();
  const columns =
    'org_id, response_id, unit_id, owner_id, title, priority, status, opened_at, due_at, breached_at, escalation_level, resolved_at, closed_at';
  const now = Date.now();
  const iso = (t: number) => new Date(t).toISOString();
  const priorities = ['low', 'normal', 'normal', 'normal', 'high', 'urgent'] as const;
  function* rows() {
    for (let i = 0; i < CASES; i++) {
      const team = pick(opts.teams);
      const owner = random() < 0.85 ? pick(team.employees) : '';
      const r = random();
      const status =
        r < 0.5
          ? 'closed'
          : r < 0.7
            ? 'resolved'
            : r < 0.8
              ? 'new'
              : r < 0.92
                ? 'in_progress'
                : 'waiting_on_customer';
      const open = status !== 'closed' && status !== 'resolved';
      // Closed work spreads over two years; open work was opened in the last three weeks.
      const openedAt = open ? now - random() * 21 * 86_400_000 : now - random() * 730 * 86_400_000;
      const dueAt = openedAt + (1 + Math.floor(random() * 5)) * 86_400_000;
      const breached = dueAt < now && (open || random() < 0.1) ? iso(dueAt + 60_000) : '';
      const resolvedAt = open ? '' : iso(openedAt + random() * 6 * 86_400_000);
      yield `${opts.orgId},${pick(opts.responseIds)},${team.id},${owner},Case ${i + 1},${pick(priorities)},${status},${iso(openedAt)},${iso(dueAt)},${breached},${breached ? 1 : 0},${resolvedAt},${status === 'closed' ? resolvedAt : ''}\n`;
    }
  }
  await pipeline(
    rows(),
    client.query(copyFrom(`COPY cases (${columns}) FROM STDIN WITH (FORMAT csv)`)),
  );
  await client.query('analyze cases');
  await client.query('analyze units');
  await client.query('analyze people');
  await client.end();
}

async function measure(who: SignedIn, requests: number) {
  const latencies: number[] = [];
  let rows = 0;
  let cursor: string | null = null;
  for (let i = 0; i < requests; i++) {
    // Half the requests read the first page, half follow the previous page's cursor.
    const url: string = `/api/v1/cases?${OPEN_FILTER}&sort=due&limit=50${
      i % 2 === 1 && cursor ? `&cursor=${cursor}` : ''
    }`;
    const t0 = performance.now();
    const res = await who.request('GET', url);
    latencies.push(ms(t0));
    if (res.statusCode !== 200) throw new Error(`GET ${url}: ${res.statusCode} ${res.body}`);
    const page = res.json() as { items: unknown[]; nextCursor: string | null };
    rows += page.items.length;
    cursor = page.nextCursor;
  }
  latencies.sort((a, b) => a - b);
  const fmt = (p: number) => percentile(latencies, p).toFixed(1);
  return `p50 ${fmt(50)} ms, p95 ${fmt(95)} ms, p99 ${fmt(99)} ms (${(rows / requests).toFixed(0)} rows a page)`;
}

async function main() {
  const postgres = await startPostgres();
  let database: Database | null = null;
  try {
    database = await openDatabase({ kind: 'postgres', url: postgres.url });
    await database.migrate();
    const db = database.db;
    const org = await createOrganization(db);

    // (a) load
    const t0 = performance.now();
    const tree = unitTree(UNITS);
    for (let i = 0; i < tree.length; i += 500) {
      await db.insert(units).values(
        tree.slice(i, i + 500).map((u) => ({
          id: u.id,
          orgId: org.id,
          parentId: u.parentId,
          externalId: u.name,
          name: u.name,
          level: u.level,
          kind: 'front_line' as const,
        })),
      );
    }
    const staff = tree.flatMap((u) => {
      const manager = {
        id: crypto.randomUUID(),
        unitId: u.id,
        roles: [u.level === 'company' ? 'executive' : 'manager'],
      };
      const employees =
        u.level === 'team'
          ? Array.from({ length: EMPLOYEES_PER_TEAM }, () => ({
              id: crypto.randomUUID(),
              unitId: u.id,
              roles: ['employee'],
            }))
          : [];
      return [manager, ...employees];
    });
    for (let i = 0; i < staff.length; i += 1000) {
      await db.insert(people).values(
        staff.slice(i, i + 1000).map((p) => ({
          id: p.id,
          orgId: org.id,
          externalId: `P-${p.id}`,
          name: `Person ${p.id.slice(0, 8)}`,
          email: `${p.id}@bench.test`,
          unitId: p.unitId,
          roles: p.roles,
        })),
      );
    }
    await db.execute(sql`
      update units u set manager_id = p.id from people p
      where p.unit_id = u.id and p.org_id = ${org.id} and not ('employee' = any(p.roles))`);
    const { version } = await createSurveyWithVersion(db, org.id);
    const responseIds: string[] = [];
    for (let i = 0; i < RESPONSES; i++) {
      responseIds.push((await createResponse(db, { ...version, orgId: org.id })).id);
    }
    const teamUnits = tree.filter((u) => u.level === 'team');
    const employeesByTeam = new Map<string, string[]>();
    for (const p of staff) {
      if (!p.roles.includes('employee')) continue;
      employeesByTeam.set(p.unitId, [...(employeesByTeam.get(p.unitId) ?? []), p.id]);
    }
    const setupMs = ms(t0);
    const t1 = performance.now();
    await loadCases({
      url: postgres.url,
      orgId: org.id,
      responseIds,
      teams: teamUnits.map((u) => ({ id: u.id, employees: employeesByTeam.get(u.id) ?? [] })),
    });
    const loadMs = ms(t1);
    console.log(
      `(a) load: ${tree.length} units, ${staff.length} people, ${RESPONSES} responses in ${(setupMs / 1000).toFixed(1)} s; ${CASES.toLocaleString('en')} cases in ${(loadMs / 1000).toFixed(1)} s (${Math.round(CASES / (loadMs / 1000)).toLocaleString('en')} rows/s, COPY + analyze)`,
    );

    // (b) the inbox over HTTP; the signed-in people take over existing seats in the tree.
    const app = await buildApp({ database, config: testConfig() });
    await app.ready();
    const region = tree.find((u) => u.level === 'region')!;
    const team = teamUnits[0]!;
    const regionBoss = await createPerson(db, org.id, { roles: ['manager'], unitId: region.id });
    await db.update(units).set({ managerId: regionBoss.id }).where(eq(units.id, region.id));
    const employee = await createPerson(db, org.id, { unitId: team.id });
    await db.execute(sql`
      update cases set owner_id = ${employee.id}
      where id in (select id from cases where unit_id = ${team.id} and owner_id is not null)`);
    const admin = await createPerson(db, org.id, { roles: ['admin'] });
    const teamBoss = await createPerson(db, org.id, { roles: ['manager'], unitId: team.id });
    await db.update(units).set({ managerId: teamBoss.id }).where(eq(units.id, team.id));
    for (const [name, person] of [
      ['region manager', regionBoss],
      ['team manager', teamBoss],
      ['employee', employee],
      ['admin', admin],
    ] as const) {
      const who = await signInAs(app, person.email);
      console.log(`(b) ${name}: ${REQUESTS} requests, ${await measure(who, REQUESTS)}`);
    }

    // (c) the region manager's plan
    const client = new pg.Client({ connectionString: postgres.url });
    await client.connect();
    const managerViewer = await withCaseReach(db, org.id, {
      kind: 'person',
      personId: regionBoss.id,
    });
    const query = db
      .select({ id: cases.id })
      .from(cases)
      .where(
        sql`${cases.orgId} = ${org.id} and ${casesVisibleTo(org.id, managerViewer)} and ${cases.status} in ('new','in_progress','waiting_on_customer')`,
      )
      .orderBy(cases.dueAt, cases.id)
      .limit(51)
      .toSQL();
    const plan = await client.query(`explain (analyze, costs off) ${query.sql}`, query.params);
    console.log('(c) region manager, first page:');
    for (const row of plan.rows as Array<{ 'QUERY PLAN': string }>) {
      console.log(`    ${row['QUERY PLAN']}`);
    }
    await client.end();
    await app.close();
  } finally {
    await database?.close();
    await postgres.stop();
  }
}

await main();
