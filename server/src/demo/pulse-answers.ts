import type { SurveyDefinition } from '@valueloop/contracts';
import type { Answers } from '../responses/answers.ts';
import comments from './data/employee-comments.json' with { type: 'json' };
import type { Rng } from './prng.ts';
import type { DemoPulseModel } from './pulse-model.ts';
import { ordinal } from './respondents.ts';

/** The latents one answer sheet draws on (see pulse-model.ts). */
export type PulseLatents = Partial<
  Record<'leadership' | 'climate' | 'value' | 'isq' | 'upward', number>
>;

/**
 * Answers to every coded item of the definition whose latent is given: required items always,
 * optional ones at the model's rate. Every item is drawn whether answered or not, so skipping
 * never shifts later draws. 0–10 items (eNPS) take the category itself, agreement items 1 + it.
 */
export function drawEmployeeAnswers(
  rng: Rng,
  model: DemoPulseModel,
  definition: SurveyDefinition,
  latents: PulseLatents,
): Answers {
  const answers: Answers = {};
  for (const q of definition.questions) {
    const item = q.construct ? model.items[q.construct] : undefined;
    const latent = item ? latents[item.on] : undefined;
    if (!item || latent === undefined) continue;
    const category = ordinal(latent, item, rng);
    const value = q.type === 'nps' ? category : 1 + category;
    if (q.required || rng.chance(model.optionalAnswerRate)) answers[q.id] = value;
  }
  return answers;
}

type CommentSet = keyof typeof comments;

/**
 * Adds a comment at `rate`: positive when the latent is high, negative when low, else neutral
 * (or nothing for sets without neutral remarks).
 */
export function addComment(
  rng: Rng,
  definition: SurveyDefinition,
  answers: Answers,
  set: CommentSet,
  rate: number,
  latent: number,
): void {
  if (!rng.chance(rate)) return;
  const question = definition.questions.find((q) => q.construct === 'comment');
  if (!question) return;
  const texts: { positive: string[]; negative: string[]; neutral?: string[] } = comments[set];
  const pool = latent > 0.4 ? texts.positive : latent < -0.4 ? texts.negative : texts.neutral;
  if (pool && pool.length > 0) answers[question.id] = rng.pick(pool);
}
