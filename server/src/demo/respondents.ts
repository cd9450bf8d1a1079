import type { SurveyDefinition } from '@valueloop/contracts';
import type { Answers } from '../responses/answers.ts';
import type { DemoCausalModel } from './causal-model.ts';
import comments from './data/comments.json' with { type: 'json' };
import type { DemoItemModel } from './feedback-model.ts';
import type { Rng } from './prng.ts';
import type { DemoCustomer, DemoResponse } from './records.ts';

/** Category of an item latent: the number of thresholds below it (0-based). */
export function ordinal(latent: number, item: DemoItemModel, rng: Rng): number {
  const a = item.loading * latent + Math.sqrt(1 - item.loading * item.loading) * rng.normal();
  let k = 0;
  while (k < item.thresholds.length && a > item.thresholds[k]!) k++;
  return k;
}

/** The survey's question id for each construct code it asks (the template may rename ids). */
export function questionIdsByConstruct(definition: SurveyDefinition): Map<string, string> {
  return new Map(definition.questions.flatMap((q) => (q.construct ? [[q.construct, q.id]] : [])));
}

export interface RespondentContext {
  customer: DemoCustomer;
  /** dV_{u,t}: the branch-month deviation of customer value from the branch baseline. */
  branchDeviation: number;
  language: 'en' | 'es';
  promiseBroken: boolean;
  /** Served employees (external id and first name); the first is the main one. */
  served: Array<{ externalId: string; firstName: string }>;
}

/**
 * One respondent's answers, drawn from the causal model (see feedback-model.ts):
 * experience x = v_c + √ICC·dV + σ_occ·ε, satisfaction s = s_c + β_VS·(x − v_c),
 * loyalty y = y_c + β_SY·(s − s_c); each answer is its item latent cut at the thresholds.
 */
export function drawAnswers(
  rng: Rng,
  model: DemoCausalModel,
  ids: Map<string, string>,
  ctx: RespondentContext,
): { answers: Answers; latent: Omit<DemoResponse['latent'], 'branchCustomerValue'> } {
  const f = model.feedback;
  const items = f.items;
  const c = ctx.customer.latent;
  const experience =
    c.customerValue +
    Math.sqrt(model.intraclass.customerValue) * ctx.branchDeviation +
    f.occasionSd * rng.normal();
  const satisfaction =
    c.satisfaction + model.paths.customerValueToSatisfaction * (experience - c.customerValue);
  const loyalty = c.loyalty + model.paths.satisfactionToLoyalty * (satisfaction - c.satisfaction);

  const answers: Answers = {};
  const set = (construct: string, value: Answers[string], optional: boolean) => {
    const id = ids.get(construct);
    if (id === undefined) return;
    if (optional && !rng.chance(f.optionalAnswerRate)) return;
    answers[id] = value;
  };
  // Draw every item whether or not it is answered, so skipping never shifts later draws.
  const result = 1 + ordinal(experience, items.result, rng);
  const ease = 1 + ordinal(experience, items.ease, rng);
  const solved = 1 + ordinal(experience, items.solved, rng);
  const price = 1 + ordinal(experience, items.price, rng);
  const effort = 1 + ordinal(experience, items.effort, rng);
  const late = rng.chance(f.promiseMisreport) ? !ctx.promiseBroken : ctx.promiseBroken;
  const csat = 1 + ordinal(satisfaction, items.csat, rng);
  const nps = ordinal(loyalty, items.nps, rng);
  const ret = 1 + ordinal(loyalty, items.ret, rng);
  set('cv.result', result, false);
  set('cv.ease', ease, true);
  set('cv.solved', solved, true);
  set('cv.price', price, true);
  set('cv.effort', effort, true);
  set('cv.promise', late, true);
  set('sat', csat, false);
  set('nps', nps, false);
  set('ret', ret, true);
  const comment = drawComment(rng, f.commentRate, f.namedPraiseRate, csat, ctx);
  if (comment !== null) set('comment', comment, false);
  if (nps >= 9 && rng.chance(f.promoterThanksRate)) {
    const thanked = ctx.served.length > 1 && rng.chance(0.3) ? ctx.served : ctx.served.slice(0, 1);
    set(
      'thanks',
      thanked.map((p) => p.externalId),
      false,
    );
  }
  return { answers, latent: { experience, satisfaction, loyalty } };
}

function drawComment(
  rng: Rng,
  rate: number,
  namedRate: number,
  csat: number,
  ctx: RespondentContext,
): string | null {
  if (!rng.chance(rate)) return null;
  const texts = comments[ctx.language];
  if (csat >= 4) {
    if (rng.chance(namedRate)) {
      return rng.pick(texts.praiseNamed).replace('{name}', ctx.served[0]!.firstName);
    }
    return rng.pick(texts.praise);
  }
  if (csat <= 2 || rng.chance(0.5)) return rng.pick(texts.complaint);
  return null;
}

/** When an invited customer answers: the delay after the invitation, or null for no answer. */
export function drawResponseDelay(
  rng: Rng,
  responseRate: number,
  reminderAfterDays: number | null,
): number | null {
  if (!rng.chance(responseRate)) return null;
  const hour = 3_600_000;
  // Most answer within hours; the rest after the reminder.
  if (reminderAfterDays === null || rng.chance(0.7)) return -Math.log(1 - rng.next()) * 6 * hour;
  return reminderAfterDays * 24 * hour + -Math.log(1 - rng.next()) * 24 * hour;
}
