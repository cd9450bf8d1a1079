import type { Distribution, SurveyDefinition } from '@valueloop/contracts';
import { decideInvitation } from '../interactions/invitation-rules.ts';
import { loadSurveyTemplate } from '../surveys/templates.ts';
import { type DemoCausalModel, demoCausalModel } from './causal-model.ts';
import { createRng, type Rng } from './prng.ts';
import type {
  DemoChannel,
  DemoCustomer,
  DemoFeedback,
  DemoInteraction,
  DemoInvitation,
  DemoOrganization,
  DemoPerson,
  DemoResponse,
} from './records.ts';
import { drawAnswers, drawResponseDelay, questionIdsByConstruct } from './respondents.ts';

/** Volume multiplier of the default demo (chosen by measuring the load time; see README.md). */
export const DEFAULT_FEEDBACK_SCALE = 1;

/** The survey's distribution rules; the history obeys them as live ingestion would. */
export const demoSurveyDistribution: Distribution = {
  samplingRate: 0.3,
  quarantineDays: 30,
  expiryDays: 14,
  reminderAfterDays: 3,
  channel: 'email',
  interactionChannels: [],
};

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const channels: DemoChannel[] = ['branch', 'phone', 'chat'];

/**
 * About two years (the panel's months, up to `asOf`) of service interactions at the branches,
 * the invitations the survey's distribution rules send after them, and the answers of the
 * customers who respond, drawn from the causal model. Pure: same inputs, same records.
 * `scale` multiplies the interaction volume (≈ 60,000 interactions at 1).
 */
export function generateInteractionsAndResponses(opts: {
  seed: number;
  model?: DemoCausalModel;
  organization: DemoOrganization;
  people: DemoPerson[];
  customers: DemoCustomer[];
  asOf: Date;
  scale?: number;
  definition?: SurveyDefinition;
}): DemoFeedback {
  const model = opts.model ?? demoCausalModel;
  const rng = createRng(opts.seed).fork('feedback');
  const definition = opts.definition ?? loadSurveyTemplate('customer_value');
  const months = model.crossLagged.months;
  const asOfMs = opts.asOf.getTime();
  const y = opts.asOf.getUTCFullYear();
  const m = opts.asOf.getUTCMonth();
  const monthStart = (t: number) => Date.UTC(y, m - (months - 1 - t), 1);
  // Interactions happen on whole days before the day of asOf.
  const endMs = Date.UTC(y, m, opts.asOf.getUTCDate());
  const publishedAt = monthStart(0) - DAY;
  const survey = {
    name: 'Customer value',
    definition,
    distribution: demoSurveyDistribution,
    publishedAt: new Date(publishedAt).toISOString(),
  };

  const branchPanel = new Map<string, Array<{ employeeValue: number; customerValue: number }>>();
  for (const row of opts.organization.panel) {
    const series = branchPanel.get(row.unitExternalId) ?? [];
    series[row.month] = row;
    branchPanel.set(row.unitExternalId, series);
  }
  const baseline = new Map(opts.organization.latents.map((l) => [l.unitExternalId, l]));
  const staff = staffByBranch(opts.people);

  // 1. Interactions, customer by customer, month by month.
  const interactionRng = rng.fork('interactions');
  const f = model.feedback;
  const perPurchase = f.interactionsPerPurchase * (opts.scale ?? DEFAULT_FEEDBACK_SCALE);
  const channelWeights = channels.map((c) => f.channels[c]);
  const drafts: Array<Omit<DemoInteraction, 'externalId'>> = [];
  for (const customer of opts.customers) {
    const series = branchPanel.get(customer.homeBranchExternalId);
    if (!series || perPurchase <= 0) continue;
    const since = Date.parse(`${customer.customerSince}T00:00:00Z`);
    for (let t = 0; t < months; t++) {
      const from = Math.max(monthStart(t), since);
      const days = Math.floor((Math.min(monthStart(t + 1), endMs) - from) / DAY);
      if (days <= 0) continue;
      const expected = customer.latent.purchaseRate * perPurchase * (days / 30.4375);
      const count = poisson(interactionRng, expected);
      for (let k = 0; k < count; k++) {
        const occurred = from + interactionRng.int(0, days - 1) * DAY + 15 * HOUR;
        drafts.push(
          drawInteraction(interactionRng, model, {
            customer,
            month: t,
            occurred: occurred + Math.floor(interactionRng.next() * 9 * 3600) * 1000,
            employeeValue: series[t]!.employeeValue,
            staff: staff.get(customer.homeBranchExternalId) ?? [],
            channel: channels[interactionRng.weightedIndex(channelWeights)]!,
            asOfMs,
          }),
        );
      }
    }
  }
  drafts.sort(
    (a, b) =>
      a.occurredAt.localeCompare(b.occurredAt) ||
      a.customerExternalId.localeCompare(b.customerExternalId),
  );
  const interactions: DemoInteraction[] = drafts.map((d, i) => ({
    externalId: `I-${String(i + 1).padStart(7, '0')}`,
    ...d,
  }));

  // 2. Invitations by the distribution rules, in the order they would be sent.
  const customerById = new Map(opts.customers.map((c) => [c.externalId, c]));
  const languageRng = rng.fork('languages');
  const spanish = new Set(
    opts.customers.filter(() => languageRng.chance(f.spanishShare)).map((c) => c.externalId),
  );
  const candidates = interactions
    .filter((i) => i.completedAt !== null)
    .map((i) => ({ interaction: i, sentAt: Date.parse(i.completedAt!) + HOUR }))
    .filter((c) => c.sentAt < asOfMs)
    .sort(
      (a, b) =>
        a.sentAt - b.sentAt || a.interaction.externalId.localeCompare(b.interaction.externalId),
    );
  const lastInvited = new Map<string, Date>();
  const invitations: DemoInvitation[] = [];
  const responses: DemoResponse[] = [];
  const responseRng = rng.fork('responses');
  const ids = questionIdsByConstruct(definition);
  const d = demoSurveyDistribution;
  const firstNames = new Map(opts.people.map((p) => [p.externalId, p.name.split(' ')[0]!]));
  for (const { interaction, sentAt } of candidates) {
    const customer = customerById.get(interaction.customerExternalId)!;
    const decision = decideInvitation({
      distribution: d,
      interactionChannel: interaction.channel,
      samplingKey: `demo-survey:${interaction.externalId}`,
      optedOut: false,
      lastInvitedAt: lastInvited.get(customer.externalId) ?? null,
      hasEmail: customer.email !== null,
      now: new Date(sentAt),
    });
    if (!decision.invite) continue;
    lastInvited.set(customer.externalId, new Date(sentAt));
    const expiresAt = sentAt + d.expiryDays * DAY;
    const delay = drawResponseDelay(responseRng, f.responseRate, d.reminderAfterDays);
    const durationMs = Math.round(45_000 + -Math.log(1 - responseRng.next()) * 75_000);
    const startedAt = delay === null ? null : sentAt + delay;
    const answered =
      startedAt !== null && startedAt < expiresAt && startedAt + durationMs < asOfMs
        ? startedAt
        : null;
    const reminderAt = d.reminderAfterDays === null ? null : sentAt + d.reminderAfterDays * DAY;
    const reminded =
      reminderAt !== null && reminderAt < asOfMs && (answered === null || answered > reminderAt);
    invitations.push({
      interactionExternalId: interaction.externalId,
      customerExternalId: customer.externalId,
      sentAt: iso(sentAt),
      expiresAt: iso(expiresAt),
      remindedAt: reminded ? iso(reminderAt!) : null,
      openedAt: answered === null ? null : iso(answered),
      completedAt: answered === null ? null : iso(answered + durationMs),
    });
    if (answered === null) continue;
    const panelRow = branchPanel.get(interaction.unitExternalId)![interaction.month]!;
    const branchBaseline = baseline.get(interaction.unitExternalId)!.customerValue!;
    const language = spanish.has(customer.externalId) ? 'es' : 'en';
    const { answers, latent } = drawAnswers(responseRng, model, ids, {
      customer,
      branchDeviation: panelRow.customerValue - branchBaseline,
      language,
      promiseBroken: interaction.latent.promiseBroken,
      served: interaction.employeeExternalIds.map((id) => ({
        externalId: id,
        firstName: firstNames.get(id)!,
      })),
    });
    responses.push({
      interactionExternalId: interaction.externalId,
      customerExternalId: customer.externalId,
      unitExternalId: interaction.unitExternalId,
      employeeExternalId: interaction.employeeExternalIds[0]!,
      language,
      answers,
      startedAt: iso(answered),
      submittedAt: iso(answered + durationMs),
      durationMs,
      latent: { branchCustomerValue: panelRow.customerValue, ...latent },
    });
  }
  return { survey, interactions, invitations, responses };
}

const iso = (ms: number) => new Date(ms).toISOString();

function drawInteraction(
  rng: Rng,
  model: DemoCausalModel,
  ctx: {
    customer: DemoCustomer;
    month: number;
    occurred: number;
    employeeValue: number;
    staff: DemoPerson[];
    channel: DemoChannel;
    asOfMs: number;
  },
): Omit<DemoInteraction, 'externalId'> {
  const f = model.feedback;
  const { baseRate, employeeValueLogOdds } = f.brokenPromise;
  const logit = Math.log(baseRate / (1 - baseRate)) + employeeValueLogOdds * ctx.employeeValue;
  const broken = rng.chance(1 / (1 + Math.exp(-logit)));
  const occurred = ctx.occurred;
  let promised: number;
  let completed: number;
  if (rng.chance(f.requestShare)) {
    // A request promised for the end of a later business day.
    const dayStart = occurred - (occurred % DAY);
    promised = dayStart + rng.pick([1, 2, 3, 5]) * DAY + 23 * HOUR;
    completed = broken
      ? promised + 2 * HOUR + rng.next() * 4 * DAY
      : occurred + (0.2 + 0.8 * rng.next()) * (promised - occurred);
  } else {
    // Served on the spot within a quoted time.
    const quoted = rng.pick([10, 15, 20, 30]) * MINUTE;
    promised = occurred + quoted;
    completed = broken
      ? promised + (3 + rng.next() * 40) * MINUTE
      : occurred + (0.3 + 0.7 * rng.next()) * quoted;
  }
  // Whole seconds; flooring keeps a kept promise at or before the promised time.
  completed = Math.floor(completed / 1000) * 1000;
  const date = iso(occurred).slice(0, 10);
  return {
    customerExternalId: ctx.customer.externalId,
    unitExternalId: ctx.customer.homeBranchExternalId,
    employeeExternalIds: pickServers(rng, ctx.staff, date, f.secondEmployeeRate),
    channel: ctx.channel,
    month: ctx.month,
    occurredAt: iso(occurred),
    promisedAt: iso(promised),
    completedAt: completed < ctx.asOfMs ? iso(completed) : null,
    latent: { promiseBroken: broken },
  };
}

/** One or two employees of the branch who were employed on that date (managers serve less). */
function pickServers(rng: Rng, staff: DemoPerson[], date: string, secondRate: number): string[] {
  const active = staff.filter((p) => p.hireDate <= date && (!p.exitDate || p.exitDate > date));
  const pool = active.length ? active : staff;
  const weights: number[] = pool.map((p) => (p.manages ? 0.3 : 1));
  const first = rng.weightedIndex(weights);
  if (pool.length < 2 || !rng.chance(secondRate)) return [pool[first]!.externalId];
  weights[first] = 0;
  return [pool[first]!.externalId, pool[rng.weightedIndex(weights)]!.externalId];
}

function staffByBranch(people: DemoPerson[]): Map<string, DemoPerson[]> {
  const byBranch = new Map<string, DemoPerson[]>();
  for (const p of people) {
    if (!p.unitExternalId.startsWith('BR-')) continue;
    byBranch.set(p.unitExternalId, [...(byBranch.get(p.unitExternalId) ?? []), p]);
  }
  return byBranch;
}

/** Poisson draw by multiplication of uniforms (means here are small). */
function poisson(rng: Rng, mean: number): number {
  if (mean <= 0) return 0;
  const limit = Math.exp(-mean);
  let k = 0;
  let p = rng.next();
  while (p > limit) {
    k++;
    p *= rng.next();
  }
  return k;
}
