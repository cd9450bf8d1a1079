// Case rule throughput on real PostgreSQL (started here; fsync off as startPostgres sets it):
// an organization with 20 active case rules (score thresholds, item scores, NPS category,
// broken promise, chosen answers, comment keywords, segments; owners: serving employee, unit
// manager up the tree, queue); N customer responses stored through ingestResponses, which
// commits one `response.received` event each. Then:
//  (a) fan-out: the real worker turns each event into its consumer jobs (untimed in (b))
//  (b) the `cases.open` consumer through the real worker and handler, WORKERS workers:
//      responses/s through the consumer, cases opened, and a check of one case per (response, rule)
// Printed, not asserted. Run: npx tsx bench/case-rules.ts [RESPONSES] [WORKERS] (default 20000 2)
import type { CaseRuleBody } from '@valueloop/contracts';
import { and, count, eq, isNull, sql } from 'drizzle-orm';
import { createCaseQueue } from '../server/src/case-rules/loop-settings.ts';
import { OPEN_CASES_QUEUE, openCasesHandler } from '../server/src/case-rules/open-cases.ts';
import { createCaseRule } from '../server/src/case-rules/rule-service.ts';
import { openDatabase } from '../server/src/db/client.ts';
import { cases, jobs } from '../server/src/db/schema/index.ts';
import { eventQueue, fanOutHandler } from '../server/src/events/events.ts';
import { type JobHandler, startWorker } from '../server/src/jobs/worker.ts';
import { ingestResponses } from '../server/src/responses/ingest-responses.ts';
import {
  createOrganization,
  createPerson,
  createSurveyWithVersion,
  createUnit,
} from '../server/src/testing/factories.ts';
import { startPostgres } from '../server/src/testing/postgres-server.ts';

const [responsesArg = '20000', workersArg = '2'] = process.argv.slice(2);
const RESPONSES = Number(responsesArg);
const WORKERS = Number(workersArg);
const BATCH = 1000;

const comments = [
  'Quick and friendly, thank you.',
  'The clerk was rude and I waited forever.',
  'Never again. Très décevant.',
  'Fine.',
  'They fixed my problem on the spot.',
  'Waited 40 minutes, nobody apologised.',
];

/** Deterministic answers: roughly a quarter detractors, every seventh promise broken. */
const answers = (i: number) => ({
  result: 1 + ((i * 7) % 5),
  ease: 1 + ((i * 3) % 5),
  solved: 1 + ((i * 11) % 5),
  price: 1 + ((i * 13) % 5),
  effort: 1 + ((i * 17) % 5),
  late: i % 7 === 0,
  sat: 1 + ((i * 19) % 5),
  nps: [10, 9, 9, 8, 7, 10, 6, 3, 9, 10, 5, 9][i % 12]!,
  ret: 1 + ((i * 23) % 5),
  comment: comments[i % comments.length]!,
});

type RuleShape = Omit<CaseRuleBody, 'name' | 'active' | 'surveyId' | 'slaHours'>;

function twentyRules(queueId: string): Array<[string, RuleShape]> {
  const manager = { kind: 'unit_manager' } as const;
  const employee = { kind: 'serving_employee' } as const;
  const queue = { kind: 'queue', queueId } as const;
  return [
    [
      'Detractor',
      {
        conditions: [{ kind: 'nps_category', in: ['detractor'] }],
        priority: 'high',
        owner: employee,
      },
    ],
    [
      'NPS 0-2',
      {
        conditions: [{ kind: 'score', field: 'nps', op: 'lte', value: 2 }],
        priority: 'urgent',
        owner: manager,
      },
    ],
    [
      'Low CVI',
      {
        conditions: [{ kind: 'score', field: 'cvi', op: 'lt', value: 35 }],
        priority: 'high',
        owner: manager,
      },
    ],
    [
      'Low CSAT',
      {
        conditions: [{ kind: 'score', field: 'csat', op: 'lte', value: 25 }],
        priority: 'normal',
        owner: employee,
      },
    ],
    [
      'High effort',
      {
        conditions: [{ kind: 'score', field: 'effort', op: 'gte', value: 75 }],
        priority: 'normal',
        owner: queue,
      },
    ],
    [
      'Will not return',
      {
        conditions: [{ kind: 'score', field: 'retention', op: 'lte', value: 25 }],
        priority: 'high',
        owner: manager,
      },
    ],
    [
      'Result missed',
      {
        conditions: [{ kind: 'score', field: 'cv.result', op: 'lte', value: 0 }],
        priority: 'normal',
        owner: employee,
      },
    ],
    [
      'Unfair price',
      {
        conditions: [{ kind: 'score', field: 'cv.price', op: 'lte', value: 0 }],
        priority: 'low',
        owner: queue,
      },
    ],
    [
      'Broken promise',
      { conditions: [{ kind: 'promise_broken' }], priority: 'normal', owner: queue },
    ],
    [
      'Late answer',
      {
        conditions: [
          { kind: 'answer', questionId: 'late', in: [true] },
          { kind: 'nps_category', in: ['detractor', 'passive'] },
        ],
        priority: 'normal',
        owner: manager,
      },
    ],
    [
      'Rudeness',
      {
        conditions: [{ kind: 'comment_keywords', any: ['rude', 'impolite', 'shouted'] }],
        priority: 'urgent',
        owner: manager,
      },
    ],
    [
      'Never again',
      {
        conditions: [{ kind: 'comment_keywords', any: ['never again', 'tres decevant'] }],
        priority: 'high',
        owner: manager,
      },
    ],
    [
      'Waiting',
      {
        conditions: [
          { kind: 'comment_keywords', any: ['waited', 'queue', 'slow'] },
          { kind: 'score', field: 'cvi', op: 'lt', value: 60 },
        ],
        priority: 'normal',
        owner: queue,
      },
    ],
    [
      'Gold at risk',
      {
        conditions: [
          { kind: 'customer_segment', in: ['gold'] },
          { kind: 'nps_category', in: ['detractor'] },
        ],
        priority: 'urgent',
        owner: manager,
      },
    ],
    [
      'Passive, low ease',
      {
        conditions: [
          { kind: 'nps_category', in: ['passive'] },
          { kind: 'score', field: 'cv.ease', op: 'lte', value: 25 },
        ],
        priority: 'low',
        owner: employee,
      },
    ],
    [
      'Not solved',
      {
        conditions: [
          { kind: 'score', field: 'cv.solved', op: 'lte', value: 0 },
          { kind: 'score', field: 'sat', op: 'lte', value: 50 },
        ],
        priority: 'normal',
        owner: manager,
      },
    ],
    [
      'Angry promoter?',
      {
        conditions: [
          { kind: 'nps_category', in: ['promoter'] },
          { kind: 'comment_keywords', any: ['rude'] },
        ],
        priority: 'low',
        owner: manager,
      },
    ],
    [
      'Effort and late',
      {
        conditions: [
          { kind: 'promise_broken' },
          { kind: 'score', field: 'cv.effort', op: 'gte', value: 75 },
        ],
        priority: 'high',
        owner: queue,
      },
    ],
    [
      'Very low everything',
      {
        conditions: [
          { kind: 'score', field: 'cvi', op: 'lt', value: 20 },
          { kind: 'score', field: 'nps', op: 'lte', value: 3 },
        ],
        priority: 'urgent',
        owner: manager,
      },
    ],
    [
      'Platinum unhappy',
      {
        conditions: [
          { kind: 'customer_segment', in: ['platinum'] },
          { kind: 'score', field: 'csat', op: 'lt', value: 50 },
        ],
        priority: 'high',
        owner: manager,
      },
    ],
  ];
}

async function main() {
  const postgres = await startPostgres();
  const database = await openDatabase({ kind: 'postgres', url: postgres.url });
  try {
    await database.migrate();
    const db = database.db;
    const org = await createOrganization(db);
    const admin = await createPerson(db, org.id, { roles: ['admin'] });
    const region = await createUnit(db, org.id, { level: 'region', managerId: admin.id });
    const teams: Array<{ externalId: string; employees: string[] }> = [];
    for (let u = 0; u < 20; u++) {
      const team = await createUnit(db, org.id, { parentId: region.id });
      const employees: string[] = [];
      for (let e = 0; e < 5; e++) {
        employees.push((await createPerson(db, org.id, { unitId: team.id })).externalId);
      }
      teams.push({ externalId: team.externalId, employees });
    }
    const queue = await createCaseQueue({
      db,
      orgId: org.id,
      actorId: admin.id,
      body: { name: 'Service desk', memberIds: [admin.id] },
    });
    // Answer conditions are checked against the organization's surveys: the survey comes first.
    const { survey } = await createSurveyWithVersion(db, org.id);
    for (const [name, shape] of twentyRules(queue.id)) {
      await createCaseRule({
        db,
        orgId: org.id,
        actorId: admin.id,
        body: { name, active: true, surveyId: null, slaHours: 16, ...shape },
      });
    }

    let started = performance.now();
    for (let from = 0; from < RESPONSES; from += BATCH) {
      const items = Array.from({ length: Math.min(BATCH, RESPONSES - from) }, (_, k) => {
        const i = from + k;
        const team = teams[i % teams.length]!;
        return {
          submissionId: `bench-${i}`,
          surveyId: survey.id,
          version: 1,
          answers: answers(i),
          unitExternalId: team.externalId,
          employeeExternalId: team.employees[i % team.employees.length]!,
        };
      });
      await ingestResponses({ db, orgId: org.id, items });
    }
    const ingestSeconds = (performance.now() - started) / 1000;
    console.log(
      `stored ${RESPONSES} responses (20 active rules) in ${ingestSeconds.toFixed(1)} s, one response.received event each`,
    );

    const drainWith = async (handlers: Record<string, JobHandler>) => {
      const workers = Array.from({ length: WORKERS }, () =>
        // A poll far beyond the run, so drain() alone counts every job.
        startWorker({ db, handlers, pollMs: 1_000_000_000, batchSize: 50 }),
      );
      const ran = await Promise.all(workers.map((w) => w.drain()));
      await Promise.all(workers.map((w) => w.stop()));
      return ran.reduce((a, b) => a + b, 0);
    };
    // The fan-out queues only the cases.open consumer here (webhooks have no subscription).
    started = performance.now();
    const fanned = await drainWith({
      [eventQueue('response.received')]: fanOutHandler('response.received', {
        'response.received': [OPEN_CASES_QUEUE],
      }),
    });
    const fanSeconds = (performance.now() - started) / 1000;
    console.log(
      `(a) fan-out: ${fanned} events in ${fanSeconds.toFixed(1)} s = ${Math.round(fanned / fanSeconds)} events/s`,
    );

    started = performance.now();
    const consumed = await drainWith({
      [OPEN_CASES_QUEUE]: openCasesHandler({ publicUrl: 'https://bench.example' }),
    });
    const seconds = (performance.now() - started) / 1000;
    const [opened] = await db.select({ n: count() }).from(cases).where(eq(cases.orgId, org.id));
    const [left] = await db
      .select({ n: count() })
      .from(jobs)
      .where(and(eq(jobs.queue, OPEN_CASES_QUEUE), isNull(jobs.doneAt)));
    const dupes = await db.execute(
      sql`select count(*)::int as n from (select response_id, rule_id from cases group by 1, 2 having count(*) > 1) d`,
    );
    const duplicateGroups = (dupes as unknown as { rows: Array<{ n: number }> }).rows[0]!.n;
    console.log(
      `(b) cases.open with ${WORKERS} worker(s): ${consumed} responses in ${seconds.toFixed(1)} s = ` +
        `${Math.round(consumed / seconds)} responses/s through the consumer (20 active rules); ` +
        `${opened!.n} cases opened (${(opened!.n / consumed).toFixed(2)} per response); ` +
        `${left!.n} jobs left; ${duplicateGroups} duplicate (response, rule) pairs`,
    );
  } finally {
    await database.close();
    await postgres.stop();
  }
}

await main();
