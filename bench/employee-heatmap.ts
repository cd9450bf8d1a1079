// Employee results heatmap on real PostgreSQL (started here; fsync off as startPostgres sets it).
//  (a) load: an organization of 1,000 units (regions → branches → teams), one employee pulse,
//      24 monthly waves and 2,000,000 anonymous responses scored by the real index formulas,
//      bulk loaded with COPY (some small teams must be suppressed)
//  (b) release: each wave's results through the confidentiality engine (time per wave, total)
//  (c) GET /api/v1/employee-results/heatmap as an executive over random periods, scopes and
//      tenure filters (app.inject, through authentication, validation and serialization):
//      p50/p95/p99 over REQUESTS requests
// Printed, not asserted. Run: npx tsx bench/employee-heatmap.ts [UNITS] [RESPONSES] [REQUESTS]
// (default 1000 2000000 300; e.g. `npx tsx bench/employee-heatmap.ts 100 50000 200` is quick).
import { pipeline } from 'node:stream/promises';
import type { SurveyDefinition } from '@valueloop/contracts';
import { eq, sql } from 'drizzle-orm';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { type Database, openDatabase } from '../server/src/db/client.ts';
import { surveyVersions, units } from '../server/src/db/schema/index.ts';
import { releaseWaveResults } from '../server/src/employee-results/release.ts';
import {
  type ClosedWave,
  createClosedWave,
  createEmployeeSurvey,
} from '../server/src/employee-results/test-fixtures.ts';
import { buildApp } from '../server/src/http/app.ts';
import { scoreEmployeeResponse } from '../server/src/pulses/indices.ts';
import { createOrganization, createPerson } from '../server/src/testing/factories.ts';
import { testConfig } from '../server/src/testing/harness.ts';
import { signInAs } from '../server/src/testing/http-client.ts';
import { startPostgres } from '../server/src/testing/postgres-server.ts';

const [unitsArg = '1000', responsesArg = '2000000', requestsArg = '300'] = process.argv.slice(2);
const UNITS = Number(unitsArg);
const RESPONSES = Number(responsesArg);
const REQUESTS = Number(requestsArg);
const WAVES = 24;
const bands = ['<3m', '3-12m', '1-3y', '3y+'] as const;
const comments = [
  'More staff on Saturdays would help a lot.',
  'My manager backs me when I fix a problem for a customer.',
  'The new till system is slow.',
  'Great colleagues, fair shifts.',
  'Training on the new products came too late.',
];

/** Deterministic generator, so two runs load the same organization. */
let state = 20260101;
const random = () => {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
const ms = (t0: number) => Math.round(performance.now() - t0);

interface BenchUnit {
  id: string;
  parentId: string | null;
  name: string;
  level: string;
  /** Teams only: relative size and the unit's service leadership (the causal driver). */
  weight: number;
  leadership: number;
}

/** Regions → branches → teams; about one team in twelve is tiny (must be suppressed). */
function unitTree(total: number): BenchUnit[] {
  const regions = Math.max(1, Math.round(total / 100));
  const branches = Math.max(1, Math.round(total / 10));
  const teams = Math.max(1, total - 1 - regions - branches);
  const make = (name: string, level: string, parentId: string | null): BenchUnit => ({
    id: crypto.randomUUID(),
    parentId,
    name,
    level,
    weight: 0,
    leadership: 0,
  });
  const root = make('Company', 'company', null);
  const out = [root];
  const regionUnits = Array.from({ length: regions }, (_, r) =>
    make(`Region ${r + 1}`, 'region', root.id),
  );
  out.push(...regionUnits);
  const branchUnits = Array.from({ length: branches }, (_, b) =>
    make(`Branch ${b + 1}`, 'branch', regionUnits[b % regions].id),
  );
  out.push(...branchUnits);
  for (let t = 0; t < teams; t++) {
    const team = make(`Team ${t + 1}`, 'team', branchUnits[t % branches].id);
    team.weight = random() < 0.08 ? 0.03 + random() * 0.05 : 0.5 + random();
    team.leadership = normal() * 0.6;
    out.push(team);
  }
  return out;
}

/** One respondent's answers: leadership → climate → value, plus personal noise. */
function answersOf(definition: SurveyDefinition, leadership: number): Record<string, number> {
  const person = leadership + normal() * 0.7;
  const answers: Record<string, number> = {};
  for (const question of definition.questions) {
    if (question.type === 'agreement5') {
      if (!question.required && random() < 0.04) continue;
      answers[question.id] = Math.min(5, Math.max(1, Math.round(3.6 + person + normal() * 0.6)));
    } else if (question.type === 'nps') {
      answers[question.id] = Math.min(10, Math.max(0, Math.round(7 + 2 * person + normal())));
    }
  }
  return answers;
}

/**
 * The index formulas of server/src/pulses/indices.ts, precompiled for this survey: the generic
 * scorer costs ~0.1 ms a response, minutes at 2M. Checked against it on a sample before loading.
 */
function fastScorer(definition: SurveyDefinition) {
  const items = definition.questions.flatMap((q) =>
    q.type === 'agreement5' && q.construct ? [{ id: q.id, construct: q.construct }] : [],
  );
  const enps = definition.questions.find((q) => q.construct === 'enps');
  const reference = scoreEmployeeResponse(
    definition,
    Object.fromEntries(items.map((item) => [item.id, 3])),
  );
  const groups = Object.keys(reference)
    .filter((code) => !items.some((item) => item.construct === code) && code !== 'enps')
    .map((code) => ({
      code,
      members: items.flatMap((item, i) =>
        scoreEmployeeResponse(definition, { [item.id]: 3 })[code] !== undefined ? [i] : [],
      ),
    }));
  const round2 = (x: number) => Math.round(x * 100) / 100;
  return (answers: Record<string, number>): Record<string, number> => {
    const scores: Record<string, number> = {};
    const values = items.map((item) => {
      const v = answers[item.id];
      if (v === undefined) return null;
      scores[item.construct] = round2(((v - 1) / 4) * 100);
      return scores[item.construct];
    });
    for (const { code, members } of groups) {
      let sum = 0;
      let n = 0;
      for (const i of members) {
        const v = values[i];
        if (v !== null) {
          sum += v;
          n++;
        }
      }
      if (n > 0) scores[code] = round2(sum / n);
    }
    const raw = enps ? answers[enps.id] : undefined;
    if (raw !== undefined) scores.enps = raw >= 9 ? 100 : raw >= 7 ? 0 : -100;
    return scores;
  };
}

function checkedScorer(definition: SurveyDefinition) {
  const fast = fastScorer(definition);
  for (let i = 0; i < 500; i++) {
    const answers = answersOf(definition, normal() * 0.6);
    const expected = scoreEmployeeResponse(definition, answers);
    const got = fast(answers);
    const sorted = (o: Record<string, number>) => JSON.stringify(Object.entries(o).sort());
    if (sorted(expected) !== sorted(got)) {
      throw new Error(`bench scorer differs: ${sorted(expected)} vs ${sorted(got)}`);
    }
  }
  return fast;
}

const csvText = (value: string) => `"${value.replaceAll('"', '""')}"`;

async function loadResponses(opts: {
  url: string;
  orgId: string;
  definition: SurveyDefinition;
  waves: { waveId: string; surveyVersionId: string; period: string }[];
  teams: BenchUnit[];
}) {
  const totalWeight = opts.teams.reduce((s, t) => s + t.weight, 0);
  const score = checkedScorer(opts.definition);
  const perWave = Math.round(RESPONSES / WAVES);
  const client = new pg.Client({ connectionString: opts.url });
  await client.connect();
  const columns =
    'org_id, wave_id, survey_version_id, unit_id, period, tenure_band, submitted_on, scores, comment';
  let written = 0;
  for (const wave of opts.waves) {
    function* rows() {
      for (const team of opts.teams) {
        const count = Math.max(1, Math.round((perWave * team.weight) / totalWeight));
        for (let i = 0; i < count; i++) {
          const band = bands[Math.min(3, Math.floor(random() ** 0.8 * 4))];
          const scores = score(answersOf(opts.definition, team.leadership));
          const comment =
            random() < 0.15 ? csvText(comments[Math.floor(random() * comments.length)]) : '';
          written++;
          yield `${opts.orgId},${wave.waveId},${wave.surveyVersionId},${team.id},${wave.period},${band},${wave.period}-${String(1 + Math.floor(random() * 14)).padStart(2, '0')},${csvText(JSON.stringify(scores))},${comment}\n`;
        }
      }
    }
    await pipeline(
      rows(),
      client.query(copyFrom(`COPY employee_responses (${columns}) FROM STDIN WITH (FORMAT csv)`)),
    );
  }
  await client.query('analyze employee_responses');
  await client.end();
  return written;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function main() {
  const postgres = await startPostgres();
  let database: Database | null = null;
  try {
    database = await openDatabase({ kind: 'postgres', url: postgres.url });
    await database.migrate();
    const db = database.db;
    const org = await createOrganization(db, { minGroupSize: 5, minCommentGroupSize: 10 });
    const admin = await createPerson(db, org.id, { roles: ['admin'] });
    const executive = await createPerson(db, org.id, { roles: ['executive'] });

    // (a) load
    let t0 = performance.now();
    const tree = unitTree(UNITS);
    for (let i = 0; i < tree.length; i += 500) {
      await db.insert(units).values(
        tree.slice(i, i + 500).map((u) => ({
          id: u.id,
          orgId: org.id,
          externalId: u.name,
          name: u.name,
          level: u.level,
          kind: 'front_line' as const,
          parentId: u.parentId,
        })),
      );
    }
    const survey = await createEmployeeSurvey(db, {
      orgId: org.id,
      actorId: admin.id,
      kind: 'employee_pulse',
    });
    const [version] = await db
      .select({ definition: surveyVersions.definition })
      .from(surveyVersions)
      .where(eq(surveyVersions.id, survey.surveyVersionId));
    const waves: ClosedWave[] = [];
    for (let w = 0; w < WAVES; w++) {
      const period = `${2024 + Math.floor(w / 12)}-${String((w % 12) + 1).padStart(2, '0')}`;
      waves.push(await createClosedWave(db, { orgId: org.id, ...survey, period }));
    }
    const written = await loadResponses({
      url: postgres.url,
      orgId: org.id,
      definition: version!.definition,
      waves,
      teams: tree.filter((u) => u.level === 'team'),
    });
    const loadMs = ms(t0);
    console.log(
      `(a) load: ${tree.length} units, ${WAVES} waves, ${written.toLocaleString('en')} responses in ${(loadMs / 1000).toFixed(1)} s (${Math.round(written / (loadMs / 1000)).toLocaleString('en')} rows/s, COPY)`,
    );

    // (b) release
    t0 = performance.now();
    const perWave: number[] = [];
    let cells = 0;
    let shown = 0;
    const phases = { strata: 0, engine: 0, write: 0 };
    for (const wave of waves) {
      const started = performance.now();
      const summary = await releaseWaveResults({ db, waveId: wave.waveId });
      perWave.push(ms(started));
      cells += summary.cells;
      shown += summary.shown;
      phases.strata += summary.timings.strata;
      phases.engine += summary.timings.engine;
      phases.write += summary.timings.write;
    }
    const sortedRelease = [...perWave].sort((a, b) => a - b);
    console.log(
      `(b) release: ${WAVES} waves in ${(ms(t0) / 1000).toFixed(1)} s; per wave min ${sortedRelease[0]} ms, median ${percentile(sortedRelease, 50)} ms, max ${sortedRelease.at(-1)} ms; ${cells.toLocaleString('en')} cells, ${shown.toLocaleString('en')} shown (${((100 * shown) / cells).toFixed(1)}%)`,
    );
    console.log(
      `    per wave (ms): ${perWave.join(' ')}\n    phases, mean per wave: strata SQL ${Math.round(phases.strata / WAVES)} ms, engine ${Math.round(phases.engine / WAVES)} ms, write rows ${Math.round(phases.write / WAVES)} ms`,
    );

    // (c) heatmap requests
    const app = await buildApp({ database, config: testConfig() });
    await app.ready();
    const viewer = await signInAs(app, executive.email);
    const scopes = ['unit', 'subtree'];
    const tenures = ['all', 'newcomers', '<3m', '3-12m', '1-3y', '3y+'];
    const url = () =>
      `/api/v1/employee-results/heatmap?period=${waves[Math.floor(random() * WAVES)].period}&scope=${scopes[Math.floor(random() * 2)]}&tenure=${encodeURIComponent(tenures[Math.floor(random() * 6)])}`;
    for (let i = 0; i < 20; i++) await viewer.request('GET', url()); // warm-up
    const latencies: number[] = [];
    let bytes = 0;
    let rows = 0;
    for (let i = 0; i < REQUESTS; i++) {
      const started = performance.now();
      const res = await viewer.request('GET', url());
      latencies.push(performance.now() - started);
      if (res.statusCode !== 200)
        throw new Error(`heatmap answered ${res.statusCode}: ${res.body}`);
      bytes += res.body.length;
      rows += (res.json() as { rows: unknown[] }).rows.length;
    }
    latencies.sort((a, b) => a - b);
    const fmt = (p: number) => percentile(latencies, p).toFixed(1);
    console.log(
      `(c) heatmap: ${REQUESTS} requests, ${Math.round(rows / REQUESTS)} rows × 10 indices, ${Math.round(bytes / REQUESTS / 1024)} KB each: p50 ${fmt(50)} ms, p95 ${fmt(95)} ms, p99 ${fmt(99)} ms (aim p95 ≤ 200 ms)`,
    );
    const size = await db.execute(
      sql`select pg_size_pretty(pg_total_relation_size('employee_responses')) as responses,
        pg_size_pretty(pg_total_relation_size('employee_results')) as results`,
    );
    console.log(`    sizes: ${JSON.stringify((size as unknown as { rows: unknown[] }).rows[0])}`);
    await app.close();
  } finally {
    await database?.close();
    await postgres.stop();
  }
}

await main();
